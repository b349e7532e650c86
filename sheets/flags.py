"""The flags (待办提示) as an xlsx sheet: one row per flag, as the flags page
lists them. Every cell goes through `sheets.writing`, so no text becomes a
formula."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from projections.queries.flags import TITLES
from sheets.writing import xlsx_cell

__all__ = ["HEADERS", "flag_cells", "write_flags"]

HEADERS = ("提示类别", "提示", "党员", "所属乡镇党委", "详情", "截至日期")
WIDTHS = (18, 44, 24, 22, 60, 12)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def flag_cells(flag: dict[str, Any], as_of: date) -> list[Any]:
    """A flag's row: a place's flag names all its members."""
    members = flag.get("members") or []
    who = flag.get("name") or "、".join(m["name"] for m in members)
    return [TITLES.get(flag["kind"], flag["kind"]), flag["label"], who, flag.get("township_name") or "跨乡镇",
            flag["detail"], as_of]


def write_flags(target: str | Path | IO[bytes], flags: Iterable[dict[str, Any]], as_of: date) -> int:
    """Writes the flags to `target` as xlsx, for print on A4 landscape; returns the number of rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("待办提示")
    for letter, width in zip("ABCDEF", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.append([_header(sheet, text) for text in HEADERS])
    count = 0
    for flag in flags:
        sheet.append([xlsx_cell(sheet, value, "date" if isinstance(value, date) else "text")
                      for value in flag_cells(flag, as_of)])
        count += 1
    book.save(target)
    return count


def _header(sheet: Any, text: str) -> Any:
    cell = xlsx_cell(sheet, text)
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell
