"""Reading a legacy register sheet: find the header row, map its headers to
columns (tolerant of the usual variants, or as a mapping file says), and
turn each data row into typed values, naming the cell at fault."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from domain import rules
from sheets.columns import COLUMNS

__all__ = ["BY_KEY", "REQUIRED", "Sheet", "SheetRow", "read_sheet"]

REQUIRED = ("name", "id_number", "branch", "joined_on", "standing")
BY_KEY = {c.key: c for c in COLUMNS}


def _norm(text: Any) -> str:
    """A header as written, without spaces, line breaks, brackets' contents or a trailing colon."""
    value = re.sub(r"\s+", "", str(text or ""))
    value = re.sub(r"[（(][^）)]*[）)]$", "", value)
    return value.rstrip("：:")


_KNOWN = {_norm(name): c.key for c in COLUMNS for name in (c.header, *c.variants)}


@dataclass
class SheetRow:
    number: int  # the row's number in the sheet, as people see it
    values: dict[str, Any]  # column key -> the cell's value
    merged: list[str] = field(default_factory=list)  # cells of this row inside merged ranges
    empty: bool = False
    header_again: bool = False


@dataclass
class Sheet:
    title: str
    header_row: int
    mapping: dict[str, str]  # header as written -> column key
    rows: list[SheetRow]


def read_sheet(data: bytes, overrides: dict[str, str] | None = None) -> Sheet:
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise rules.SHEET.refuse(field="file", reason="不是有效的 .xlsx 文件（请用 Excel 或 WPS 另存为 .xlsx）") from None
    sheet = book["台账"] if "台账" in book.sheetnames else book.worksheets[0]
    known = dict(_KNOWN)
    for written, ours in (overrides or {}).items():  # a mapping file: sheet header -> our header or key
        key = ours if ours in BY_KEY else _KNOWN.get(_norm(ours))
        if key is None:
            raise rules.SHEET.refuse(field="mapping", reason=f"映射文件中的“{ours}”不是台账的列")
        known[_norm(written)] = key
    grid = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_index, columns = _header(grid, known)
    missing = [BY_KEY[k].header for k in REQUIRED if k not in columns.values()]
    if header_index is None or missing:
        raise rules.SHEET_HEADER.refuse(field="file", columns="、".join(missing or [BY_KEY[k].header for k in REQUIRED]))
    merged = _merged_cells(sheet)
    header_values = [_norm(v) for v in grid[header_index]]
    rows = []
    for index in range(header_index + 1, len(grid)):
        cells = grid[index]
        values = {key: _clean(cells[i]) for i, key in columns.items() if i < len(cells)}
        number = index + 1
        row = SheetRow(number, values, merged=[f"{get_column_letter(c + 1)}{number}" for c in merged.get(number, [])])
        row.empty = all(v in (None, "") for v in cells) and not row.merged
        row.header_again = [_norm(v) for v in cells] == header_values
        rows.append(row)
    while rows and rows[-1].empty:  # trailing empty rows are not rows
        rows.pop()
    mapping = {str(grid[header_index][i]).strip(): key for i, key in columns.items()}
    return Sheet(sheet.title, header_index + 1, mapping, rows)


def _header(grid: list[list[Any]], known: dict[str, str]) -> tuple[int | None, dict[int, str]]:
    """The first row among the first ten that names at least three known columns."""
    for index, cells in enumerate(grid[:10]):
        columns = {}
        for i, value in enumerate(cells):
            key = known.get(_norm(value))
            if key and key not in columns.values():
                columns[i] = key
        if len(columns) >= 3:
            return index, columns
    return None, {}


def _merged_cells(sheet: Any) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            found.setdefault(row, []).extend(range(merged.min_col - 1, merged.max_col))
    return found


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value
