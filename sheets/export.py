"""The register as a spreadsheet: xlsx (the register, its statistics and its
open flags) or CSV. Rows are read from the views a page at a time and written
as they come (openpyxl's write-only mode keeps no rows in memory), so the
whole county is never held twice. Every cell goes through `sheets.writing`."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.member import Member
from domain.vocab import Category, Industry
from projections.queries import Queries
from projections.queries.register import Page
from sheets.columns import COLUMNS, destination, label_of
from sheets.writing import csv_text, xlsx_cell

__all__ = ["Filters", "csv_lines", "discard", "for_print", "header_cell", "personal_data", "register_rows",
           "write_xlsx"]

Filters = dict[str, Any]
PAGE = 2000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def register_rows(views: Queries, filters: Filters, progress: Callable[[int, int], None] | None = None
                  ) -> Iterator[dict[str, Any]]:
    """Every row of the filtered register, sorted by name, a page at a time. The
    first page is read at once, so that filters the views refuse are refused
    before the first byte of a file is written."""
    first = views.register(**filters, sort="name", page=1, size=PAGE)
    return _pages(views, filters, first, progress)


def _pages(views: Queries, filters: Filters, result: Page,
           progress: Callable[[int, int], None] | None) -> Iterator[dict[str, Any]]:
    page, done = 1, 0
    while True:
        yield from result.rows
        done += len(result.rows)
        if progress:
            progress(done, result.total)
        if page * PAGE >= result.total:
            return
        page += 1
        result = views.register(**filters, sort="name", page=page, size=PAGE)


def personal_data(views: Queries, member_id: str) -> dict[str, str]:
    """Full ID and phone numbers, from the member's (decrypted) events: views keep only masked forms."""
    member = views.ledger.load(Member, UUID(member_id))
    assert member is not None
    away = member.absence
    return {"id_number": member.id_number, "phone": member.phone,
            "contact_phone": away.contact_phone if away else ""}


def cells(row: dict[str, Any], personal: dict[str, str] | None) -> list[Any]:
    return [column.value(row, personal) for column in COLUMNS]


def write_xlsx(target: str | Path | IO[bytes], rows: Iterable[list[Any]], statistics: dict[str, Any],
               flags: list[dict[str, Any]], title: str) -> int:
    """Writes the workbook; returns the number of register rows."""
    book = Workbook(write_only=True)
    try:
        sheet = book.create_sheet("台账")
        for index, column in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        for_print(sheet, repeat_header=True)
        sheet.append([header_cell(sheet, c.header) for c in COLUMNS])
        count = 0
        for values in rows:
            sheet.append([xlsx_cell(sheet, value, column.kind) for value, column in zip(values, COLUMNS, strict=True)])
            count += 1
        _statistics_sheet(book, statistics, title)
        _flags_sheet(book, flags)
        book.save(target)
    except BaseException:
        discard(book)
        raise
    return count


def discard(book: Workbook) -> None:
    """Removes the temporary file openpyxl keeps for each write-only sheet until
    the book is saved (else a failed export leaves them until the process ends)."""
    for sheet in book.worksheets:
        rows, writer = getattr(sheet, "_rows", None), getattr(sheet, "_writer", None)
        if rows is not None:
            rows.close()
        if writer is not None and Path(writer.out).exists():
            writer.close()
            writer.cleanup()


def for_print(sheet: Any, repeat_header: bool = False) -> None:
    """Printed for a meeting: A4 landscape, every column on one page's width, the header on each page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if repeat_header:
        sheet.print_title_rows = "1:1"


def header_cell(sheet: Any, text: str) -> Any:
    cell = xlsx_cell(sheet, text)
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def _append(sheet: Any, values: list[Any]) -> None:
    sheet.append([xlsx_cell(sheet, value) for value in values])


# The 统计 sheet: each figure of the scope, then a table per township and per destination
# (docs/figures.md; the same figures as GET /statistics and the dashboard).
FIGURES = (("在册党员", "members"), ("外出党员", "away"), ("持有效活动证", "holding"), ("年审逾期", "lapsed"),
           ("持证率（%）", "holding_rate"), ("应发活动证", "eligible"), ("应发且持证", "eligible_holding"),
           ("应发持证率（%）", "eligible_holding_rate"), ("应发未发", "missing"), ("已报到", "reported_in"),
           ("报到率（%）", "reported_in_rate"), ("失联", "lost_contact"), ("失联率（%）", "lost_contact_rate"),
           ("近期联系", "contacted_recently"), ("联系率（%）", "contact_rate"))
GROUPED = (("外出党员", "away"), ("持有效活动证", "holding"), ("持证率（%）", "holding_rate"), ("应发", "eligible"),
           ("应发未发", "missing"), ("应发持证率（%）", "eligible_holding_rate"), ("报到率（%）", "reported_in_rate"),
           ("失联率（%）", "lost_contact_rate"), ("联系率（%）", "contact_rate"))


def _statistics_sheet(book: Workbook, stats: dict[str, Any], title: str) -> None:
    sheet = book.create_sheet("统计")
    for_print(sheet)
    for index, width in enumerate((24, *[12] * (len(GROUPED) + 1)), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([header_cell(sheet, "统计范围"), xlsx_cell(sheet, title)])
    sheet.append([header_cell(sheet, "统计日期"), xlsx_cell(sheet, stats["as_of"])])
    for label, key in FIGURES:
        _append(sheet, [label, stats[key]])
    sheet.append([])
    sheet.append([header_cell(sheet, h) for h in ("乡镇", "在册党员", *(label for label, _ in GROUPED))])
    for row in stats["by_township"]:
        _append(sheet, [row["township_name"], row["members"], *(row[key] for _, key in GROUPED)])
    sheet.append([])
    sheet.append([header_cell(sheet, h) for h in ("流向地", *(label for label, _ in GROUPED))])
    for row in stats["by_destination"]:
        _append(sheet, [destination(row["province"], row["city"]), *(row[key] for _, key in GROUPED)])
    for heading, key, name in (("从事行业", "by_industry", lambda r: label_of(Industry, r["industry"])),
                               ("党员类别", "by_category", lambda r: label_of(Category, r["category"]))):
        sheet.append([])
        sheet.append([header_cell(sheet, heading), header_cell(sheet, "外出党员")])
        for row in stats[key]:
            _append(sheet, [name(row), row["members"]])


def _flags_sheet(book: Workbook, flags: list[dict[str, Any]]) -> None:
    sheet = book.create_sheet("待办提示")
    for_print(sheet, repeat_header=True)
    for letter, width in zip("ABC", (30, 12, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.append([header_cell(sheet, h) for h in ("提示", "姓名", "说明")])
    for flag in flags:
        _append(sheet, [flag["label"], flag["name"], flag["detail"]])


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """UTF-8 with a byte order mark, so that Excel opens it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in COLUMNS])
    yield "\ufeff" + _drain(buffer)
    for values in rows:
        writer.writerow([csv_text(v, c.kind) for v, c in zip(values, COLUMNS, strict=True)])
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def export_register(service: Any, filters: Filters, target: str | Path | IO[bytes], *, as_of: date,
                    full: bool = False, progress: Callable[[int, int], None] | None = None) -> int:
    """Writes the filtered register to `target` as xlsx. A full (migration)
    export must be recorded first by the caller (`RecordFullExport`)."""
    views = service.queries
    org_id = filters.get("org_id")
    found = register_rows(views, filters, progress)  # refuses what cannot be exported before anything is written
    rows = (cells(row, personal_data(views, row["member_id"]) if full else None) for row in found)
    return write_xlsx(target, rows, views.statistics(org_id, as_of), views.flags(as_of, org_id), _scope_name(views, org_id))


def _scope_name(views: Queries, org_id: UUID | None) -> str:
    orgs = {o["org_id"]: o for o in views.organisations()}
    if org_id is not None and str(org_id) in orgs:
        return str(orgs[str(org_id)]["name"])
    committee = next((o for o in orgs.values() if o["kind"] == "county_committee"), None)
    return str(committee["name"]) if committee else "全县"
