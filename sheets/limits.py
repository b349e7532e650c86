"""How big a sheet an import takes, and the refusals that name each limit.

An upload is checked against these before and while it is read, so that a
small hostile file (a cell at XFD1048576, a 400 MB string packed into a few
kilobytes) is refused without the server ever holding what it claims to hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain import rules
from domain.errors import LedgerError

__all__ = ["LIMITS", "Limits", "not_a_sheet", "too_big"]

MB = 2**20


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 20 * MB  # the .xlsx file as uploaded
    rows: int = 30_000  # data rows below the header (the whole county, 19,641 members, in one file)
    columns: int = 60  # a cell with content further right is refused
    cell_chars: int = 1_000  # characters in one cell
    sheet_bytes: int = 128 * MB  # the register sheet's XML, uncompressed (19,641 exported rows: 35 MB)
    strings_bytes: int = 32 * MB  # the shared strings' XML, uncompressed
    strings: int = 1_000_000  # entries in the shared strings table
    part_bytes: int = 8 * MB  # any other part read (workbook, relationships, styles), uncompressed
    parts: int = 1_000  # files in the zip package
    merged_cells: int = 100_000  # cells inside merged ranges below the header


LIMITS = Limits()


def too_big(what: str) -> LedgerError:
    """The file is refused under a limit; `what` says which, with its number."""
    return rules.SHEET.refuse(field="file", reason=f"表格超出导入限制：{what}。请删去多余内容，或分成几个文件导入")


def not_a_sheet(why: str = "") -> LedgerError:
    """The file is no workbook this reader takes; `why` says what is wrong with it, if known."""
    detail = f"：{why}" if why else ""
    return rules.SHEET.refuse(field="file", reason=f"不是有效的 .xlsx 文件{detail}（请用 Excel 或 WPS 另存为 .xlsx）")
