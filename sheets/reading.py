"""Reading a legacy register sheet: find the header row, map its headers to
columns (tolerant of the usual variants, or as a mapping file says), and
turn each data row into typed values, naming the cell at fault. The cells
come as a stream (`sheets.stream`) within the limits of `sheets.limits`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from openpyxl.utils import get_column_letter

from domain import rules
from sheets.columns import COLUMNS, Column
from sheets.limits import LIMITS, MB, Limits, too_big
from sheets.package import open_package
from sheets.stream import Cells, SheetCells

__all__ = ["BY_KEY", "REGISTER", "REQUIRED", "Layout", "Sheet", "SheetRow", "read_sheet"]

REQUIRED = ("name", "id_number", "branch", "joined_on", "standing")
BY_KEY = {c.key: c for c in COLUMNS}
HEADER_WITHIN = 10  # the header is one of the first ten rows


def _norm(text: Any) -> str:
    """A header as written, without spaces, line breaks, brackets' contents or a trailing colon."""
    value = re.sub(r"\s+", "", str(text or ""))
    value = re.sub(r"[（(][^）)]*[）)]$", "", value)
    return value.rstrip("：:")


def _known(columns: tuple[Column, ...]) -> dict[str, str]:
    return {_norm(name): c.key for c in columns for name in (c.header, *c.variants)}


@dataclass(frozen=True)
class Layout:
    """What a sheet is read as: its columns, the keys it must have, the sheet's usual name."""

    columns: tuple[Column, ...]
    required: tuple[str, ...]
    title: str


REGISTER = Layout(COLUMNS, REQUIRED, "台账")


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


def read_sheet(data: bytes, overrides: dict[str, str] | None = None, limits: Limits = LIMITS,
               layout: Layout = REGISTER) -> Sheet:
    if len(data) > limits.file_bytes:
        raise too_big(f"文件超过 {limits.file_bytes // MB} MB")
    package = open_package(data, limits)
    title, part = next(((t, p) for t, p in package.sheets if t == layout.title), package.sheets[0])
    by_key, ours_known = {c.key: c for c in layout.columns}, _known(layout.columns)
    known = dict(ours_known)
    for written, ours in (overrides or {}).items():  # a mapping file: sheet header -> our header or key
        key = ours if ours in by_key else ours_known.get(_norm(ours))
        if key is None:
            raise rules.SHEET.refuse(field="mapping", reason=f"映射文件中的“{ours}”不是台账的列")
        known[_norm(written)] = key
    cells = SheetCells(package, part)
    stream = cells.rows()
    top = []
    for number, row in stream:
        top.append((number, row))
        if number >= HEADER_WITHIN:
            break
    header_row, header, columns = _header(top, known)
    missing = [by_key[k].header for k in layout.required if k not in columns.values()]
    if header_row is None or missing:
        raise rules.SHEET_HEADER.refuse(field="file", columns="、".join(
            missing or [by_key[k].header for k in layout.required]))
    max_row = header_row + limits.rows
    header_values = {c: v for c, v in ((c, _norm(v)) for c, v in header.items()) if v}
    found: dict[int, SheetRow] = {}
    for number, row in chain(top, stream):
        if number > max_row:
            raise too_big(f"第 {number:,} 行有内容，超过表头下 {limits.rows:,} 行")
        if number > header_row:
            values = {key: _clean(row[c]) for c, key in columns.items() if c in row}
            again = {c: v for c, v in ((c, _norm(v)) for c, v in row.items()) if v} == header_values
            found[number] = SheetRow(number, values, header_again=again)
    merged = _merged_cells(cells.merged, header_row, max_row, limits)
    last = max(chain(found, merged), default=header_row)
    rows = [found.get(n) or SheetRow(n, {}, empty=True) for n in range(header_row + 1, last + 1)]
    for row in rows:
        row.merged = [f"{get_column_letter(c)}{row.number}" for c in merged.get(row.number, [])]
        row.empty = row.empty and not row.merged
    mapping = {str(header[c]).strip(): key for c, key in columns.items()}
    return Sheet(title, header_row, mapping, rows)


def _header(top: list[tuple[int, Cells]], known: dict[str, str]) -> tuple[int | None, Cells, dict[int, str]]:
    """The first row among the first ten that names at least three known columns."""
    for number, cells in top:
        if number > HEADER_WITHIN:
            break
        columns: dict[int, str] = {}
        for column, value in sorted(cells.items()):
            key = known.get(_norm(value))
            if key and key not in columns.values():
                columns[column] = key
        if len(columns) >= 3:
            return number, cells, columns
    return None, {}, {}


def _merged_cells(ranges: list[tuple[int, int, int, int]], header_row: int, max_row: int,
                  limits: Limits) -> dict[int, list[int]]:
    """The columns of each data row inside a merged range (a title merged above the header is no concern)."""
    found: dict[int, list[int]] = {}
    spans = [(c1, max(r1, header_row + 1), min(c2, limits.columns), r2)
             for c1, r1, c2, r2 in ranges if r2 > header_row and c1 <= limits.columns]
    if any(r2 > max_row for _, _, _, r2 in spans):
        raise too_big(f"合并单元格延伸到表头下 {limits.rows:,} 行以外")
    if sum((c2 - c1 + 1) * (r2 - r1 + 1) for c1, r1, c2, r2 in spans) > limits.merged_cells:
        raise too_big(f"表头以下的合并单元格超过 {limits.merged_cells:,} 个")
    for c1, r1, c2, r2 in spans:
        for row in range(r1, r2 + 1):
            found.setdefault(row, []).extend(range(c1, c2 + 1))
    return found


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value
