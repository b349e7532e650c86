"""The 应发未发 workbook writes every cell through the export's cell writer:
text a spreadsheet would run stays text, characters xlsx cannot hold become
U+FFFD, dates are dates with their format."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from openpyxl import load_workbook

from sheets.missing import MISSING_COLUMNS, write_missing

HOSTILE = "=HYPERLINK(\"http://x\",\"y\")\x00"


def row(text: str) -> dict[str, Any]:
    return {"name": text, "id_tail": "**************1234", "township_name": text, "branch_name": text,
            "status": "reported_in", "departed_on": "2024-03-01", "months_away": 25, "expected_months": 12,
            "province": text, "city": "成都市", "industry": "construction", "reported_in_name": text,
            "reason_label": "从未申请", "reason_on": None, "detail": text}


def test_hostile_text_stays_text_and_dates_stay_dates() -> None:
    target = io.BytesIO()
    assert write_missing(target, [row(HOSTILE)]) == 1
    sheet = load_workbook(io.BytesIO(target.getvalue()))["应发未发"]
    header, cells = list(sheet.iter_rows())[:2]
    assert [c.value for c in header] == [h for h, _, _, _ in MISSING_COLUMNS]
    found = {h.value: c for h, c in zip(header, cells, strict=True)}
    assert found["姓名"].value == HOSTILE[:-1] + "\ufffd" and found["姓名"].data_type == "s"
    assert found["流向地"].value == HOSTILE[:-1] + "\ufffd成都市"
    assert (found["状态"].value, found["从事行业"].value, found["已外出月数"].value) == ("已报到", "建筑", 25)
    assert found["外出时间"].value == datetime(2024, 3, 1) and found["外出时间"].number_format == "yyyy-mm-dd"
    assert found["原因日期"].value is None and sheet.freeze_panes == "A2"
