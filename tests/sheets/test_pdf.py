"""The exported workbook opens in LibreOffice and prints: one page per sheet
for a small register, with its Chinese headers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.api.conftest import Api
from tests.support.stores import IN_CI
from tests.sheets.test_http import away_members

TOOLS = ("libreoffice", "pdftotext", "pdfinfo")


@pytest.fixture
def tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        message = f"缺少 {', '.join(missing)}（make test 会用 .ci/debian-tools 安装）"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.mark.usefixtures("tools")
def test_libreoffice_converts_the_export_to_a_pdf_with_its_headers(api: Api, tmp_path: Path) -> None:
    away_members(api)
    workbook = tmp_path / "台账.xlsx"
    workbook.write_bytes(api.get("admin", "/register.xlsx").content)
    subprocess.run(["libreoffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "台账.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    assert pages == 3, "the register, its statistics and its flags, a page each"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    for expected in ("姓名", "身份证号", "流向地", "活动证编号", "四川省成都市", "持证率", "提示"):
        assert expected in text, expected
