"""The 流入党员台账's columns as staff keep them: the Chinese header, the headers
older sheets use, the width, and how a cell is read from an inflow register
row (export). The same `Column` as the county's register (`sheets.columns`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.vocab import Gender, Standing
from sheets.columns import Column, label_of, review_text
from sheets.reading import Layout

__all__ = ["BY_KEY", "INFLOW", "INFLOW_COLUMNS", "REQUIRED"]

Row = dict[str, Any]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _personal(key: str, masked: str):  # noqa: ANN202
    """The full number in a migration export, else the masked form the view keeps."""
    return lambda r, p: p[key] if p is not None else r[masked]


INFLOW_COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", ("名字", "党员姓名"), 10, "text", lambda r, p: r["name"]),
    Column("gender", "性别", (), 6, "text", lambda r, p: label_of(Gender, r["gender"])),
    Column("birth_month", "出生年月", ("出生日期",), 10, "month",
           lambda r, p: date.fromisoformat(f"{r['birth_month']}-01") if r["birth_month"] else None),
    Column("id_number", "身份证号", ("身份证号码", "公民身份号码", "身份证"), 21, "text", _personal("id_number", "id_tail")),
    Column("standing", "正式/预备", ("党员身份", "正式党员/预备党员", "正式或预备"), 10, "text",
           lambda r, p: label_of(Standing, r["standing"])),
    Column("phone", "联系电话", ("联系方式", "手机号码", "电话"), 14, "text", _personal("phone", "phone_masked")),
    Column("home_county", "原所在县（市、区）", ("原籍", "流出地", "户籍所在地"), 16, "text", lambda r, p: r["home_county"]),
    Column("home_org", "原所在党组织", ("原党组织", "组织关系所在党组织", "原所在支部"), 24, "text",
           lambda r, p: r["home_org"]),
    Column("home_org_code", "原党组织代码", ("党组织代码",), 12, "text", lambda r, p: r["home_org_code"] or None),
    Column("home_certificate", "流动党员活动证编号", ("活动证编号", "活动证号"), 20, "text",
           lambda r, p: r["home_certificate_number"] or None),
    Column("workplace", "工作（居住）地点", ("工作地点", "居住地点", "务工地点", "现居住地"), 20, "text",
           lambda r, p: r["workplace"]),
    Column("employer", "工作单位", ("务工单位",), 20, "text", lambda r, p: r["employer"] or None),
    Column("township", "所属乡镇", ("乡镇", "所属党委", "基层党委"), 16, "text", lambda r, p: r["township_name"]),
    Column("org", "接收党组织", ("接收支部", "所在党组织", "报到党组织"), 22, "text", lambda r, p: r["org_name"]),
    Column("arrived_on", "到达时间", ("流入时间", "报到时间", "到达日期"), 12, "date", lambda r, p: _day(r["arrived_on"])),
    Column("last_contact_on", "最近联系时间", ("最后联系时间",), 12, "date", lambda r, p: _day(r["last_contact_on"])),
    Column("last_activity_on", "最近参加组织生活时间", ("最近参加活动时间",), 12, "date",
           lambda r, p: _day(r["last_activity_on"])),
    Column("paid_through", "党费交至年月", ("党费缴至", "党费交至"), 12, "text", lambda r, p: r["paid_through"]),
    Column("opinion", "最近评议意见", ("评议意见", "评议等次"), 14, "text",
           lambda r, p: review_text(r["opinion_year"], r["opinion_grade"])),
    Column("left_on", "离开时间", ("离开日期",), 12, "date", lambda r, p: _day(r["left_on"])),
    Column("left_reason", "离开原因", (), 14, "text", lambda r, p: r["left_reason"]),
    Column("left_to", "去向", ("离开去向",), 16, "text", lambda r, p: r["left_to"] or None),
)
BY_KEY = {c.key: c for c in INFLOW_COLUMNS}
REQUIRED = ("name", "id_number", "standing", "phone", "home_county", "home_org", "workplace", "org", "arrived_on")
INFLOW = Layout(INFLOW_COLUMNS, REQUIRED, "流入党员台账")
