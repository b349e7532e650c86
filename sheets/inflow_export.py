"""The 流入党员台账 as an xlsx workbook: one sheet, one row per inflow member
sorted by name, masked as the views keep it; a migration export (`full`)
carries full ID and phone numbers, read from the decrypted events, and is what
the importer takes back. Cells go through `sheets.writing`, the sheet is set
up for print as the register's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from domain.inflow_member import InflowMember
from projections.queries import Queries
from sheets.export import discard, for_print, header_cell
from sheets.inflow_columns import INFLOW, INFLOW_COLUMNS
from sheets.writing import xlsx_cell

__all__ = ["export_inflow_register", "inflow_rows"]

PAGE = 2000
Progress = Callable[[int, int], None]


def inflow_rows(views: Queries, filters: dict[str, Any], progress: Progress | None = None) -> Iterator[dict[str, Any]]:
    """Every row of the filtered 流入党员台账, a page at a time; the first page is read at
    once, so that filters the views refuse are refused before a file is started."""
    first = views.inflow_members(**filters, page=1, size=PAGE)

    def pages() -> Iterator[dict[str, Any]]:
        result, page = first, 1
        while True:
            yield from result.rows
            if progress:
                progress(min(page * PAGE, result.total), result.total)
            if page * PAGE >= result.total:
                return
            page += 1
            result = views.inflow_members(**filters, page=page, size=PAGE)
    return pages()


def personal_data(views: Queries, inflow_member_id: str) -> dict[str, str]:
    member = views.ledger.load(InflowMember, UUID(inflow_member_id))
    assert member is not None
    return {"id_number": member.id_number, "phone": member.phone}


def export_inflow_register(service: Any, filters: dict[str, Any], target: str | Path | IO[bytes], *,
                           full: bool = False, progress: Progress | None = None) -> int:
    """Writes the filtered 流入党员台账 to `target`; returns the number of rows. A full
    (migration) export must be recorded first by the caller (`RecordFullExport`)."""
    views = service.queries
    found = inflow_rows(views, filters, progress)
    book = Workbook(write_only=True)
    try:
        sheet = book.create_sheet(INFLOW.title)
        for index, column in enumerate(INFLOW_COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        for_print(sheet, repeat_header=True)
        sheet.append([header_cell(sheet, c.header) for c in INFLOW_COLUMNS])
        count = 0
        for row in found:
            personal = personal_data(views, row["inflow_member_id"]) if full else None
            sheet.append([xlsx_cell(sheet, c.value(row, personal), c.kind) for c in INFLOW_COLUMNS])
            count += 1
        book.save(target)
    except BaseException:
        discard(book)
        raise
    return count
