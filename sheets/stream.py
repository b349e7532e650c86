"""One worksheet's cells, read as a stream: each row's cells with content as
the row ends, typed as a data-only reading types them (text, numbers, dates
by their style, booleans, a formula's last value), then its merged ranges.
A cell with content beyond the column limit, or longer than a cell may be,
is refused when it is seen, naming the cell; rows come a chunk at a time,
so that the reader can refuse one beyond the row limit just as soon."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601

from sheets.limits import Limits, not_a_sheet, too_big
from sheets.package import Package, feed, local

__all__ = ["Cells", "SheetCells"]

Cells = dict[int, Any]  # column (1 = A) -> value
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


class SheetCells:
    """`rows()` yields (row number, cells) for each row with content; once it
    is exhausted, `merged` holds the sheet's merged ranges (min_col, min_row, max_col, max_row)."""

    def __init__(self, package: Package, part: str):
        self.package, self.part = package, part
        self.limits: Limits = package.limits
        self.merged: list[tuple[int, int, int, int]] = []
        self._done: list[tuple[int, Cells]] = []
        self._row, self._column = 0, 0
        self._cells: Cells = {}
        self._cell: dict[str, Any] = {}
        self._text: list[str] | None = None
        self._size, self._phonetic = 0, 0

    def rows(self) -> Iterator[tuple[int, Cells]]:
        for _ in feed(self.package, self.part, self.limits.sheet_bytes, "工作表", StartElementHandler=self._start,
                      EndElementHandler=self._end, CharacterDataHandler=self._characters):
            yield from self._done
            self._done.clear()
        yield from self._done

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "row":
            self._row = _number(attrs["r"]) if "r" in attrs else self._row + 1
            self._column, self._cells = 0, {}
        elif tag == "c":
            ref = attrs.get("r")
            if ref:
                match = _REF.match(ref)
                if match is None:
                    raise not_a_sheet(f"单元格位置 {ref[:20]} 无效")
                self._column, self._row = column_index_from_string(match.group(1)), _number(match.group(2))
            else:
                self._column += 1
            self._cell = {"type": attrs.get("t", "n"), "style": attrs.get("s"), "value": []}
        elif tag == "rPh":
            self._phonetic += 1
        elif (tag == "v" or (tag == "t" and not self._phonetic)) and self._cell:
            self._text, self._size = self._cell["value"], sum(map(len, self._cell["value"]))
        elif tag == "mergeCell":
            self._merge(attrs.get("ref", ""))

    def _end(self, name: str) -> None:
        tag = local(name)
        if tag in ("v", "t"):
            self._text = None
        elif tag == "rPh":
            self._phonetic -= 1
        elif tag == "c" and self._cell:
            value = self._value(self._cell)
            self._cell = {}
            if value is not None and value != "" and not (isinstance(value, str) and value.isspace()):
                self._keep(value)
        elif tag == "row" and self._cells:
            self._done.append((self._row, self._cells))
            self._cells = {}

    def _characters(self, data: str) -> None:
        if self._text is not None:
            self._size += len(data)
            if self._size > self.limits.cell_chars:
                raise too_big(f"单元格 {self._ref()} 超过 {self.limits.cell_chars:,} 个字符")
            self._text.append(data)

    def _keep(self, value: Any) -> None:
        if self._column > self.limits.columns:
            raise too_big(f"单元格 {self._ref()} 有内容，超出 {self.limits.columns} 列"
                          f"（{get_column_letter(self.limits.columns)} 列以右）")
        self._cells[self._column] = value

    def _value(self, cell: dict[str, Any]) -> Any:
        text = "".join(cell["value"])
        kind = cell["type"]
        if kind == "s":
            if not text:
                return None
            try:
                value = self.package.strings[int(text)]
            except (ValueError, IndexError):
                raise not_a_sheet(f"单元格 {self._ref()} 引用的共享字符串不存在") from None
            if value is None:
                raise too_big(f"单元格 {self._ref()} 超过 {self.limits.cell_chars:,} 个字符")
            return value
        if kind in ("inlineStr", "str", "e"):
            return text
        if not text:
            return None
        try:
            if kind == "b":
                return bool(int(text))
            if kind == "d":
                return from_ISO8601(text)
            number = float(text) if any(c in text for c in ".Ee") else int(text)
        except ValueError:
            raise not_a_sheet(f"单元格 {self._ref()} 的值无效") from None
        if cell["style"] and int(cell["style"]) in self.package.date_styles:
            try:
                return from_excel(number, self.package.epoch)
            except (OverflowError, ValueError):
                return number  # not a date after all: the row's date check says so
        return number

    def _merge(self, ref: str) -> None:
        if len(self.merged) >= self.limits.merged_cells:
            raise too_big(f"合并单元格超过 {self.limits.merged_cells:,} 个")
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            raise not_a_sheet(f"合并单元格 {ref[:20]} 无效") from None
        self.merged.append((min_col or 1, min_row or 1, max_col or 16_384, max_row or 1_048_576))  # A:A, 1:1

    def _ref(self) -> str:
        return f"{get_column_letter(min(self._column, 18_278))}{self._row}"


def _number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise not_a_sheet(f"行号 {text[:20]} 无效") from None
    if number < 1:
        raise not_a_sheet(f"行号 {number} 无效")
    return number
