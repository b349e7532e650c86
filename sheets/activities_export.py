"""The activity records (活动记录) as an xlsx workbook: one sheet, one row per activity
(latest first), with its organisation, kind, topic, place, organiser and attendees
(names only, and only those the reader may read: the others are counted; ID numbers
and phones never leave the views here), all read in one read. Cells go through
`sheets.writing`; the sheet is set up for print as the register's."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from projections.queries import Queries
from projections.queries.activities import attendee_names
from sheets.export import discard, for_print, header_cell
from sheets.writing import xlsx_cell

__all__ = ["COLUMNS", "activities_workbook"]

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
    ("参加人员", 60, lambda r: attendee_names(r["attendees"], None)),
    ("记录人", 10, lambda r: r["recorded_by"]),
    ("日志位置", 8, lambda r: r["position"]),
)


def activities_workbook(views: Queries, **filters: Any) -> bytes:
    """The workbook of the activities of a subtree (`org_id`), a `quarter` and a `kind`, names
    as `reader` may read them; filters the views refuse are refused before a file is started."""
    found = views.activity_table(**filters)
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
