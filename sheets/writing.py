"""How a value becomes a cell of an export. Text is always text, never a
formula: an xlsx string cell, and a CSV cell that a spreadsheet would run
(first character =, +, -, @, tab or carriage return) starts with a single
quote, as OWASP advises. Characters a format cannot hold are written as
U+FFFD. Dates carry their display format."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from openpyxl.cell import WriteOnlyCell

__all__ = ["FORMULA_START", "REPLACEMENT", "csv_text", "holdable", "xlsx_cell"]

REPLACEMENT = "\ufffd"
# Controls other than tab, line feed and carriage return (XML 1.0 cannot hold
# C0 ones; C1 ones are no text either), lone surrogates (UTF-8 cannot encode
# them) and the two noncharacters XML excludes.
_UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What makes Excel, WPS or LibreOffice read a cell as a formula; fullwidth forms too, as a Chinese input method types them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
FORMATS = {"date": "yyyy-mm-dd", "month": "yyyy-mm"}


def holdable(text: str) -> str:
    """The text with each character no export format can hold replaced by U+FFFD."""
    return _UNHOLDABLE.sub(REPLACEMENT, text)


def xlsx_cell(sheet: Any, value: Any, kind: str = "text") -> Any:
    """A write-only cell: text as a string cell (openpyxl would make "=…" a
    formula and "#N/A" an error), a date with its format, anything else as it is."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=holdable(value))
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # stays text when someone edits the cell in Excel
        return cell
    if isinstance(value, date) and kind in FORMATS:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = FORMATS[kind]
        return cell
    return value


def csv_text(value: Any, kind: str = "text") -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y-%m") if kind == "month" else value.isoformat()
    if not isinstance(value, str):
        return str(value)
    text = holdable(value)
    return "'" + text if text.startswith(FORMULA_START) else text
