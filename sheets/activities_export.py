"""The activity records (活动记录) as an xlsx workbook: one sheet, one row per activity
(latest first), with its organisation, kind, topic, place, organiser and attendees
(names only: ID numbers and phones never leave the views here). Cells go through
`sheets.writing`; the sheet is set up for print as the register's."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any
from uuid import UUID

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from projections.queries import Queries
from sheets.export import discard, for_print, header_cell
from sheets.writing import xlsx_cell

__all__ = ["COLUMNS", "activities_workbook", "activity_rows"]

PAGE = 500
TITLE = "活动记录"
# (header, width, value of a row with its attendees)
COLUMNS: tuple[tuple[str, int, Any], ...] = (
    ("活动日期", 12, lambda r: r["held_on"]),
    ("季度", 9, lambda r: r["quarter"]),
    ("组织活动的组织", 30, lambda r: r["org_name"]),
    ("组织类别", 16, lambda r: r["org_kind_label"]),
    ("所属基层党委", 22, lambda r: r["township_name"]),
    ("活动类型", 14, lambda r: r["kind_label"]),
    ("活动主题", 30, lambda r: r["topic"]),
    ("活动地点", 20, lambda r: r["place"]),
    ("组织人", 10, lambda r: r["organiser"]),
    ("本县党员人数", 8, lambda r: r["members"]),
    ("流入党员人数", 8, lambda r: r["inflow_members"]),
    ("参加人员", 60, lambda r: "、".join((a["name"] or "") + ("（流入）" if a["attendee_kind"] != "member" else "")
                                        for a in r["attendees"])),
    ("记录人", 10, lambda r: r["recorded_by"]),
    ("日志位置", 8, lambda r: r["position"]),
)


def activity_rows(views: Queries, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every activity the filters keep, each with all its attendees; the first page is read
    at once, so that filters the views refuse are refused before a file is started."""
    first = views.activities(**filters, page=1, size=PAGE)

    def pages() -> Iterator[dict[str, Any]]:
        result, page = first, 1
        while True:
            for row in result.rows:
                yield {**row, "attendees": views.activity(UUID(row["activity_id"]))["attendees"]}
            if page * PAGE >= result.total:
                return
            page += 1
            result = views.activities(**filters, page=page, size=PAGE)
    return pages()


def activities_workbook(views: Queries, **filters: Any) -> bytes:
    """The workbook of the activities of a subtree (`org_id`), a `quarter` and a `kind`."""
    found = activity_rows(views, filters)
    book = Workbook(write_only=True)
    target = BytesIO()
    try:
        sheet = book.create_sheet(TITLE)
        for index, (_, width, _) in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        for_print(sheet, repeat_header=True)
        sheet.append([header_cell(sheet, header) for header, _, _ in COLUMNS])
        for row in found:
            sheet.append([xlsx_cell(sheet, value(row)) for _, _, value in COLUMNS])
        book.save(target)
    except BaseException:
        discard(book)
        raise
    return target.getvalue()
