"""A legacy register row's cells, checked and turned into values: text, dates,
choices by their Chinese labels, a review like “2024年度合格”, 是/否, and
organisations by name. A cell that cannot be read refuses its row
(`RowRefused`, naming the column)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from uuid import UUID

from domain import rules
from domain.errors import LedgerError
from domain.fields import check_id_number, check_phone
from domain.ledger import Ledger
from domain.organisation import BASIC_COMMITTEES, Organisation
from domain.vocab import Category, ContactInitiator, Gender, Industry, Labelled, OrgKind, ReviewGrade, Standing
from sheets.columns import cell_date, split_destination
from sheets.reading import BY_KEY, SheetRow

__all__ = ["OrgNames", "RowRefused", "cell_text", "parse_row"]


class RowRefused(Exception):
    """A row refused under a rule, with the column at fault (a key of `BY_KEY`) if one is."""

    def __init__(self, column: str | None, error: LedgerError):
        self.column, self.error = column, error


def parse_row(row: SheetRow, names: OrgNames, today: date) -> dict[str, Any]:
    if row.merged:
        raise RowRefused(None, rules.SHEET_MERGED.refuse(cells="、".join(row.merged)))
    if row.header_again:
        raise RowRefused(None, rules.SHEET_HEADER_AGAIN.refuse())
    v = dict(row.values)
    out: dict[str, Any] = {}
    for key in ("name", "ethnicity", "reason", "employer", "issuer", "paid_through"):
        out[key] = cell_text(v.get(key))
    if not out["name"]:
        raise RowRefused("name", rules.REQUIRED.refuse(label="姓名"))
    try:
        out["id_number"] = check_id_number(cell_text(v.get("id_number")) or "")
    except LedgerError as error:
        raise RowRefused("id_number", error) from None
    for key in ("birth_month", "joined_on", "departed_on", "reported_in_on", "returned_on", "certificate_on",
                "checked_on", "last_contact_on"):
        out[key] = _date(v.get(key), key, today)
    if out["joined_on"] is None:
        raise RowRefused("joined_on", rules.REQUIRED.refuse(label=BY_KEY["joined_on"].header))
    out["birth_date"] = date(int(out["id_number"][6:10]), int(out["id_number"][10:12]), int(out["id_number"][12:14]))
    out["gender"] = _choice(v.get("gender"), "gender", Gender) or (
        Gender.MALE.value if int(out["id_number"][16]) % 2 else Gender.FEMALE.value)
    out["standing"] = _choice(v.get("standing"), "standing", Standing, aliases={"正式": "full", "预备": "probationary"})
    if out["standing"] is None:
        raise RowRefused("standing", rules.REQUIRED.refuse(label=BY_KEY["standing"].header))
    out["category"] = _choice(v.get("category"), "category", Category) or Category.OTHER.value
    out["industry"] = _choice(v.get("industry"), "industry", Industry) or Industry.OTHER.value
    out["township"] = names.find(v.get("township"), BASIC_COMMITTEES, "township", "基层党委") \
        if v.get("township") else None  # the branch's 基层党委: a township, a department committee, the county
    out["branch"] = names.find(v.get("branch"), (OrgKind.BRANCH,), "branch", "党支部", within=out["township"])
    out["inflow_org"] = names.find(v.get("inflow_org"), (OrgKind.INFLOW_ORG, OrgKind.MOBILE_BRANCH), "inflow_org",
                                   "流入地党组织") if v.get("inflow_org") else None
    destination = cell_text(v.get("destination"))
    out["province"], out["city"] = split_destination(destination) if destination else (None, None)
    phone = cell_text(v.get("phone"))
    try:
        out["phone"] = check_phone(phone or "")
    except LedgerError as error:
        raise RowRefused("phone", error) from None
    out["certificate"] = cell_text(v.get("certificate"))
    out["review_year"], out["review_grade"] = _review(v.get("review"))
    out["last_contact_by"] = _choice(v.get("last_contact_by"), "last_contact_by", ContactInitiator)
    out["lost"] = _yes_no(v.get("lost"), "lost")
    out["transferred"] = _yes_no(v.get("transferred"), "transferred")
    if out["departed_on"] and not out["province"]:
        raise RowRefused("destination", rules.REQUIRED.refuse(label="流向地"))
    return out



def cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column (an ID or phone number)
    text = str(value).strip()
    return text or None


def cell_day(value: Any, key: str, label: str, today: date) -> date | None:
    """A date cell of column `key` (headed `label`): none, or a day not after `today`."""
    try:
        day = cell_date(value)
    except ValueError:
        raise RowRefused(key, rules.SHEET_DATE.refuse(label=label, value=value)) from None
    if day is not None and day > today:
        raise RowRefused(key, rules.FUTURE_DATE.refuse(label=label, today=today.isoformat()))
    return day


def cell_choice(value: Any, key: str, label: str, vocab: type[Labelled],
                aliases: dict[str, str] | None = None) -> str | None:
    """A choice cell of column `key` (headed `label`): none, or a code of `vocab` written as
    its Chinese label, its code, or one of `aliases`."""
    text = cell_text(value)
    if text is None:
        return None
    by_label = {m.label: m.value for m in vocab} | {m.value: m.value for m in vocab} | (aliases or {})
    if text in by_label:
        return by_label[text]
    raise RowRefused(key, rules.SHEET_CHOICE.refuse(label=label, value=text,
                                                     choices="、".join(m.label for m in vocab)))


def _date(value: Any, key: str, today: date) -> date | None:
    return cell_day(value, key, BY_KEY[key].header, today)


def _choice(value: Any, key: str, vocab: type[Labelled], aliases: dict[str, str] | None = None) -> str | None:
    return cell_choice(value, key, BY_KEY[key].header, vocab, aliases)


_REVIEW = re.compile(r"^(\d{4})\s*年?度?\s*[：:]?\s*(.+)$")


def _review(value: Any) -> tuple[int | None, str | None]:
    text = cell_text(value)
    if text is None:
        return None, None
    match = _REVIEW.match(text)
    grade = {m.label: m.value for m in ReviewGrade}.get(match.group(2).strip()) if match else None
    if match is None or grade is None:
        raise RowRefused("review", rules.SHEET_CHOICE.refuse(
            label="最近评议结果", value=text, choices="“2024年度合格”这样的年度和等次（优秀、合格、基本合格、不合格）"))
    return int(match.group(1)), grade


def _yes_no(value: Any, key: str) -> bool:
    text = cell_text(value)
    if text in (None, "否", "无", "0", "×"):
        return False
    if text in ("是", "有", "1", "√"):
        return True
    raise RowRefused(key, rules.SHEET_CHOICE.refuse(label=BY_KEY[key].header, value=text, choices="是、否"))


class OrgNames:
    """Organisations by name, as a sheet writes them."""

    def __init__(self, ledger: Ledger):
        self.orgs = []
        for notification in ledger.recorder.select_notifications(1, 10**7, topics=("liudong.organisation.Established",)):
            org = ledger.load(Organisation, notification.originator_id)
            if org is not None:
                self.orgs.append(org)

    def find(self, name: Any, kinds: tuple[OrgKind, ...], key: str, kind_label: str,
             within: UUID | None = None) -> UUID:
        text = cell_text(name)
        if text is None:
            raise RowRefused(key, rules.REQUIRED.refuse(label=BY_KEY[key].header))
        found = [o for o in self.orgs if o.name == text and o.kind in kinds
                 and (within is None or o.parent_id == within)]
        if len(found) != 1:
            raise RowRefused(key, rules.SHEET_ORG.refuse(kind=kind_label, name=text + (
                "（同名组织不止一个，请填写所属乡镇）" if len(found) > 1 else "")))
        return found[0].id
