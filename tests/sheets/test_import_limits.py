"""A hostile sheet is refused, naming the limit, before the server holds what
it claims to hold: a cell at XFD1048576, more rows than the limit, a cell or a
shared string longer than a cell may be, a packed part, a DTD, a merged range
down to the last row. A sheet within the limits imports as before."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl.utils import get_column_letter

from domain.errors import LedgerError
from sheets.limits import LIMITS, Limits
from sheets.reading import read_sheet
from tests.api.conftest import Api
from tests.support.helpers import cli_env
from tests.support.legacy_sheet import (
    HEADERS, SHEET_PART, add_cells, add_shared_strings, good_row, patch_part, write_sheet,
)
from tests.support.stores import Store, open_store

FAR = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'

@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """What these tests check does not depend on the store: the SQLite file is enough."""
    with open_store("sqlite", tmp_path) as opened:
        yield opened



def at_the_far_corner(path: Path) -> Path:
    """A good sheet with one more cell, at XFD1048576, its dimension saying so: a few kilobytes."""
    add_cells(write_sheet(path, [good_row(1)]), FAR)
    return patch_part(path, SHEET_PART, lambda xml: xml.replace(b'<dimension ref="A1:Y3"/>',
                                                                b'<dimension ref="A1:XFD1048576"/>'))


def upload(api: Api, path: Path) -> Any:
    return api.client.post("/imports", headers=api.headers("admin"),
                           files={"file": (path.name, path.read_bytes(), "application/octet-stream")})


def refused(api: Api, path: Path, *words: str) -> str:
    answer = upload(api, path)
    assert answer.status_code == 422, answer.json()
    detail = answer.json()["detail"]
    assert (detail["code"], detail["field"]) == ("sheet.file", "file")
    for word in words:
        assert word in detail["message"], detail["message"]
    return str(detail["message"])


def peak_bytes(data: bytes, limits: Limits = LIMITS) -> int:
    """The most memory Python held while the sheet was read (and refused)."""
    tracemalloc.start()
    try:
        with pytest.raises(LedgerError):
            read_sheet(data, limits=limits)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_cell_at_xfd1048576_is_refused_in_a_few_megabytes(api: Api, tmp_path: Path) -> None:
    path = at_the_far_corner(tmp_path / "far.xlsx")
    assert path.stat().st_size < 10_000
    refused(api, path, "XFD1048576", "60 列")
    assert peak_bytes(path.read_bytes()) < 5 * 2**20


def test_more_data_rows_than_the_limit_are_refused_naming_the_limit(api: Api, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "rows.xlsx", [good_row(1)], title=False)  # header in row 1, data from row 2
    rows = "".join(f'<row r="{n}"><c r="B{n}" t="inlineStr"><is><t>党员{n}</t></is></c></row>'
                   for n in range(3, LIMITS.rows + 3))
    refused(api, add_cells(path, rows), f"第 {LIMITS.rows + 2:,} 行", f"{LIMITS.rows:,} 行")


def test_the_row_limit_counts_rows_below_the_header(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "s.xlsx", [good_row(1), good_row(2), good_row(3)])  # header in row 2
    assert len(read_sheet(path.read_bytes(), limits=Limits(rows=3)).rows) == 3
    with pytest.raises(LedgerError, match="第 5 行有内容，超过表头下 2 行"):
        read_sheet(path.read_bytes(), limits=Limits(rows=2))


def test_a_cell_longer_than_the_limit_is_refused_naming_the_cell(api: Api, tmp_path: Path) -> None:
    long = write_sheet(tmp_path / "long.xlsx", [good_row(1, 名字="张" * (LIMITS.cell_chars + 1))])
    refused(api, long, "B3", f"{LIMITS.cell_chars:,} 个字符")
    shared = add_shared_strings(write_sheet(tmp_path / "shared.xlsx", [good_row(1)]),
                                [b"a" * (LIMITS.cell_chars + 1), "外出务工".encode()])
    refused(api, add_cells(shared, '<row r="4"><c r="B4" t="s"><v>0</v></c></row>'), "B4", "个字符")


def inline_row(number: int, values: list[Any], shared: dict[int, int]) -> str:
    """A `<row>` of inline strings; the columns in `shared` (index -> string) refer to shared strings."""
    cells = [f'<c r="{get_column_letter(i + 1)}{number}" t="s"><v>{shared[i]}</v></c>' if i in shared else
             f'<c r="{get_column_letter(i + 1)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
             for i, v in enumerate(values) if v is not None]
    return f'<row r="{number}">{"".join(cells)}</row>'


def test_an_unused_long_shared_string_is_no_concern(api: Api, tmp_path: Path) -> None:
    path = add_shared_strings(write_sheet(tmp_path / "s.xlsx", [good_row(1)]),
                              [b"a" * (LIMITS.cell_chars + 1), "旧台账党员2".encode()])
    add_cells(path, inline_row(4, good_row(2), {HEADERS.index("名字"): 1}))
    answer = upload(api, path)
    assert answer.status_code == 200 and answer.json()["importable"] == [3, 4], answer.json()


def test_content_beyond_the_last_column_is_refused_but_an_empty_styled_cell_is_not(
        api: Api, tmp_path: Path) -> None:
    refused(api, add_cells(write_sheet(tmp_path / "wide.xlsx", [good_row(1)]),
                           '<row r="4"><c r="BI4" t="inlineStr"><is><t>备注</t></is></c></row>'), "BI4", "60 列")
    styled = add_cells(write_sheet(tmp_path / "styled.xlsx", [good_row(1)]),
                       '<row r="1048576"><c r="XFD1048576" s="0"/></row>')
    answer = upload(api, styled)
    assert answer.status_code == 200 and answer.json()["importable"] == [3], answer.json()


def test_a_packed_shared_strings_part_is_refused_before_it_is_read(api: Api, tmp_path: Path) -> None:
    huge = LIMITS.strings_bytes + 2**20  # 33 MB of one letter: about 100 KB packed
    path = add_shared_strings(write_sheet(tmp_path / "packed.xlsx", [good_row(1)]), [b"a" * huge])
    assert path.stat().st_size < 2**20
    refused(api, path, "共享字符串解压后超过 32 MB")
    assert peak_bytes(path.read_bytes()) < 5 * 2**20


def test_a_part_that_declares_entities_is_refused(api: Api, tmp_path: Path) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>')
    path = patch_part(write_sheet(tmp_path / "dtd.xlsx", [good_row(1)]), SHEET_PART, lambda xml: laughs + xml)
    refused(api, path, "不是有效的 .xlsx 文件")


def test_a_merged_range_down_to_the_last_row_is_refused(api: Api, tmp_path: Path) -> None:
    path = patch_part(write_sheet(tmp_path / "merged.xlsx", [good_row(1)]), SHEET_PART, lambda xml: xml.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="I3:BH1048576"/></mergeCells>'))
    refused(api, path, "合并单元格", f"{LIMITS.rows:,} 行")
    assert peak_bytes(path.read_bytes()) < 5 * 2**20


def test_the_cli_refuses_a_hostile_sheet_and_a_file_over_the_size_limit(
        store: Store, api: Api, tmp_path: Path) -> None:
    run = [sys.executable, "-m", "cli.main", "import", "register", "--as", str(api.county.admin), "--dry-run"]
    done = subprocess.run([*run, str(at_the_far_corner(tmp_path / "far.xlsx"))], env=cli_env(store),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "XFD1048576" in done.stderr and "60 列" in done.stderr, done.stderr
    big = tmp_path / "big.xlsx"
    with big.open("wb") as out:
        out.truncate(LIMITS.file_bytes + 1)
    done = subprocess.run([*run, str(big)], env=cli_env(store), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "文件超过 20 MB" in done.stderr, done.stderr


def test_headers_a_sheet_names_are_still_found_below_a_title(tmp_path: Path) -> None:
    sheet = read_sheet(write_sheet(tmp_path / "s.xlsx", [good_row(1), [None] * len(HEADERS), good_row(2)]).read_bytes())
    assert (sheet.title, sheet.header_row, [r.number for r in sheet.rows]) == ("流动党员台账", 2, [3, 4, 5])
    assert [r.empty for r in sheet.rows] == [False, True, False] and sheet.rows[0].values["name"] == "旧台账党员1"
