"""The register's columns as staff keep them in spreadsheets: the Chinese
header, the headers older sheets use for the same thing, the width, and how a
cell is read from a register row (export) or parsed from a sheet (import)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.vocab import Category, ContactInitiator, Gender, Industry, Labelled, ReviewGrade, Standing

__all__ = ["COLUMNS", "Column", "cell_date", "destination", "label_of", "review_text", "split_destination"]

Row = dict[str, Any]
AWAY = ("away", "reported_in", "lost_contact")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    variants: tuple[str, ...]
    width: int
    kind: str  # text, date, month (a date shown as year and month), yes_no
    value: Callable[[Row, dict[str, str] | None], Any]


def label_of(vocab: type[Labelled], code: str | None) -> str | None:
    return vocab(code).label if code in {m.value for m in vocab} else code


def destination(province: str | None, city: str | None) -> str | None:
    """流向地 as written: 四川省成都市; a municipality once (上海市)."""
    if not province:
        return None
    return province if not city or city == province else province + city


_PROVINCE = re.compile(r"^(.+?(?:特别行政区|自治区|省|市))(.*)$")


def split_destination(text: str) -> tuple[str, str]:
    match = _PROVINCE.match(text.strip())
    if not match:
        return text.strip(), text.strip()
    province, city = match.group(1), match.group(2).strip()
    return province, city or province


def review_text(year: int | None, grade: str | None) -> str | None:
    if not year and not grade:
        return None
    return f"{year or ''}年度{label_of(ReviewGrade, grade) or ''}"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _month(value: str | None) -> date | None:
    return date.fromisoformat(f"{value[:7]}-01") if value else None


def _phone(row: Row, personal: dict[str, str] | None) -> str | None:
    away = row["status"] in AWAY
    if personal is not None:
        return personal["contact_phone"] if away and personal.get("contact_phone") else personal["phone"]
    return (row["contact_phone_masked"] if away and row["contact_phone_masked"] else row["phone_masked"])


def _yes(flag: Any) -> str:
    return "是" if flag else "否"


COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", ("名字", "党员姓名"), 10, "text", lambda r, p: r["name"]),
    Column("gender", "性别", (), 6, "text", lambda r, p: label_of(Gender, r["gender"])),
    Column("birth_month", "出生年月", ("出生日期", "出生年月日"), 10, "month", lambda r, p: _month(r["birth_month"])),
    Column("ethnicity", "民族", (), 8, "text", lambda r, p: r["ethnicity"]),
    Column("id_number", "身份证号", ("身份证号码", "公民身份号码", "身份证"), 21, "text",
           lambda r, p: p["id_number"] if p is not None else r["id_tail"]),
    Column("joined_on", "入党时间", ("入党日期", "入党年月"), 12, "date", lambda r, p: _day(r["joined_on"])),
    Column("standing", "正式/预备", ("党员身份", "正式党员/预备党员", "正式或预备"), 10, "text",
           lambda r, p: label_of(Standing, r["standing"])),
    Column("category", "党员类别", ("类别",), 14, "text", lambda r, p: label_of(Category, r["category"])),
    Column("township", "所属乡镇", ("乡镇", "所属党委", "乡镇党委"), 14, "text", lambda r, p: r["township_name"]),
    Column("branch", "所在支部", ("所在党支部", "党支部", "支部"), 18, "text", lambda r, p: r["branch_name"]),
    Column("departed_on", "外出时间", ("外出日期", "外出年月"), 12, "date", lambda r, p: _day(r["departed_on"])),
    Column("reason", "外出原因", ("外出事由",), 14, "text", lambda r, p: r["reason"]),
    Column("destination", "流向地", ("外出地点", "流向地点", "外出地", "流入地"), 16, "text",
           lambda r, p: destination(r["province"], r["city"])),
    Column("industry", "从事行业", ("行业", "从事职业"), 10, "text", lambda r, p: label_of(Industry, r["industry"])),
    Column("employer", "工作单位", ("务工单位", "工作单位及职务"), 22, "text", lambda r, p: r["employer"]),
    Column("phone", "联系方式", ("联系电话", "手机号码", "电话"), 14, "text", _phone),
    Column("inflow_org", "流入地党组织", ("报到组织", "流入地党组织名称"), 22, "text", lambda r, p: r["reported_in_name"]),
    Column("reported_in_on", "报到时间", ("报到日期",), 12, "date", lambda r, p: _day(r["reported_in_on"])),
    Column("returned_on", "返回时间", ("返乡时间", "返回日期"), 12, "date", lambda r, p: _day(r["returned_on"])),
    Column("certificate", "活动证编号", ("流动党员活动证编号", "活动证号", "证件编号"), 20, "text",
           lambda r, p: r["certificate_number"]),
    Column("certificate_on", "发证时间", ("发证日期",), 12, "date", lambda r, p: _day(r["certificate_issued_on"])),
    Column("issuer", "发证人", ("发证人姓名",), 12, "text", lambda r, p: r["certificate_issuer"]),
    Column("checked_on", "最近年审时间", ("年审时间", "年审日期"), 12, "date",
           lambda r, p: _day(r["certificate_checked_on"])),
    Column("last_contact_on", "最近联系时间", ("最后联系时间", "最近联系日期"), 12, "date",
           lambda r, p: _day(r["last_contact_on"])),
    Column("last_contact_by", "最近联系发起方", ("联系发起方", "发起方"), 10, "text",
           lambda r, p: label_of(ContactInitiator, r["last_contact_by"])),
    Column("paid_through", "党费交至年月", ("党费缴至", "党费交至", "党费交纳至"), 12, "text",
           lambda r, p: r["paid_through"]),
    Column("review", "最近评议结果", ("民主评议结果", "评议结果"), 14, "text",
           lambda r, p: review_text(r["review_year"], r["review_grade"])),
    Column("lost", "是否失联", ("失联",), 8, "yes_no", lambda r, p: _yes(r["status"] == "lost_contact")),
    Column("transferred", "是否转移组织关系", ("转移组织关系", "是否转出"), 10, "yes_no",
           lambda r, p: _yes(r["letter_on"])),
)


def cell_date(value: Any) -> date | None:
    """A date as a sheet holds it: a real date, or text such as 2024-03-05,
    2024.3.5, 2024/3/5, 2024年3月5日, 2024-03 (the first of the month)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?|\s*月?)", text)
    if not match:
        raise ValueError(text)
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
