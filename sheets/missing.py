"""应发未发 as a spreadsheet: one sheet, a row per member with the reason, the
same rows as GET /certificates/missing (without pages). Every cell goes
through `sheets.writing`, so text is never a formula."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from domain.vocab import Industry, MemberStatus
from sheets.columns import destination, label_of
from sheets.export import discard, for_print, header_cell
from sheets.writing import xlsx_cell

__all__ = ["MISSING_COLUMNS", "write_missing"]

Row = dict[str, Any]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


# Header, width, kind (as `sheets.writing.xlsx_cell` takes it) and the cell's value.
MISSING_COLUMNS: tuple[tuple[str, int, str, Callable[[Row], Any]], ...] = (
    ("姓名", 10, "text", lambda r: r["name"]),
    ("身份证号", 20, "text", lambda r: r["id_tail"]),
    ("所属乡镇党委", 18, "text", lambda r: r["township_name"]),
    ("所在支部", 22, "text", lambda r: r["branch_name"]),
    ("状态", 8, "text", lambda r: label_of(MemberStatus, r["status"])),
    ("外出时间", 12, "date", lambda r: _day(r["departed_on"])),
    ("已外出月数", 10, "text", lambda r: r["months_away"]),
    ("预计外出月数", 10, "text", lambda r: r["expected_months"]),
    ("流向地", 16, "text", lambda r: destination(r["province"], r["city"])),
    ("从事行业", 10, "text", lambda r: label_of(Industry, r["industry"])),
    ("流入地党组织", 24, "text", lambda r: r["reported_in_name"]),
    ("应发未发原因", 14, "text", lambda r: r["reason_label"]),
    ("原因日期", 12, "date", lambda r: _day(r["reason_on"])),
    ("说明", 40, "text", lambda r: r["detail"]),
)


def write_missing(target: str | Path | IO[bytes], rows: list[Row]) -> int:
    """Writes the workbook (sheet 应发未发, the header on each printed page); returns the number of rows."""
    book = Workbook(write_only=True)
    try:
        sheet = book.create_sheet("应发未发")
        for index, (_, width, _, _) in enumerate(MISSING_COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        for_print(sheet, repeat_header=True)
        sheet.append([header_cell(sheet, header) for header, _, _, _ in MISSING_COLUMNS])
        for row in rows:
            sheet.append([xlsx_cell(sheet, value(row), kind) for _, _, kind, value in MISSING_COLUMNS])
        book.save(target)
    except BaseException:
        discard(book)
        raise
    return len(rows)
