"""Importing a legacy register sheet (导入旧台账).

Every row is checked, then turned into the commands that produce it
(registration, departure, report-in, lost contact, the certificate and the
summary columns as legacy facts, return, transfer letter), run with the same
rules as live commands by the importing county admin, each event marked
`via="import"`. A dry run stores nothing and reports every row; a real import
stores every row in one transaction, or nothing if any row is refused. A
member already in the register (same ID number) is reported and skipped, so
importing a file twice adds nothing the second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from api.sheets.columns import cell_date, split_destination
from api.sheets.reading import BY_KEY, SheetRow, read_sheet
from domain import handlers, rules
from domain.clock import local_date
from domain.commands import (
    Command, IssueTransferLetter, RecordContact, RecordDeparture, RecordLegacyCertificate, RecordLegacySummary,
    RecordReportIn, RecordReturn, RegisterMember,
)
from domain.errors import LedgerError
from domain.fields import check_id_number, check_phone
from domain.ids import member_id
from domain.member import Member
from domain.service import Ledger
from domain.unit_of_work import UnitOfWork
from domain.vocab import Category, Gender, Industry, Labelled, OrgKind, ReviewGrade, Standing

__all__ = ["ImportReport", "MAX_BYTES", "import_sheet"]

MAX_BYTES = 20 * 2**20
UNKNOWN = "旧台账未载明"

# Which column a refused command's field points at.
FIELD_COLUMNS = {
    "name": "name", "gender": "gender", "birth_date": "birth_month", "ethnicity": "ethnicity",
    "id_number": "id_number", "phone": "phone", "contact_phone": "phone", "joined_on": "joined_on",
    "standing": "standing", "category": "category", "branch_id": "branch", "reason": "reason",
    "province": "destination", "city": "destination", "industry": "industry", "employer": "employer",
    "org_id": "inflow_org", "number": "certificate", "issuer_name": "issuer", "paid_through": "paid_through",
    "review_year": "review", "review_grade": "review", "last_contact_on": "last_contact_on",
}
EFFECTIVE = {RegisterMember: "joined_on", RecordDeparture: "departed_on", RecordReportIn: "reported_in_on",
             RecordLegacyCertificate: "certificate_on", RecordContact: "last_contact_on",
             RecordReturn: "returned_on"}


@dataclass
class Refusal:
    row: int
    column: str | None
    rule: str
    message: str


@dataclass
class ImportReport:
    file: str
    sheet: str = ""
    header_row: int = 0
    mapping: dict[str, str] = field(default_factory=dict)
    dry_run: bool = True
    rows: int = 0
    importable: list[int] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    stored: bool = False
    events: int = 0
    stored_to: int | None = None

    @property
    def summary(self) -> str:
        done = ("已导入" if self.stored else "未保存任何数据") if not self.dry_run else "试导入（未保存）"
        return (f"{done}：共 {self.rows} 行，可导入 {len(self.importable)} 行，已在台账中 {len(self.duplicates)} 行，"
                f"不符合要求 {len({r.row for r in self.refused})} 行，跳过空行 {len(self.skipped)} 行")

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "summary": self.summary}


class _RowRefused(Exception):
    def __init__(self, column: str | None, error: LedgerError):
        self.column, self.error = column, error


def import_sheet(ledger: Ledger, actor: UUID | str, data: bytes, filename: str, *, dry_run: bool = True,
                 overrides: dict[str, str] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> ImportReport:
    sheet = read_sheet(data, overrides)
    report = ImportReport(filename, sheet.title, sheet.header_row, sheet.mapping, dry_run, len(sheet.rows))
    names = _Directory(ledger)
    today = local_date(ledger.clock())
    shared = UnitOfWork(ledger)
    shared.via = "import"
    seen_ids: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    for done, row in enumerate(sheet.rows, start=1):
        if progress:
            progress(done, len(sheet.rows))
        if row.empty:
            report.skipped.append({"row": row.number, "message": "空行，已跳过"})
            continue
        try:
            values = _parse(row, names, today)
            number = values["id_number"]
            _once(seen_ids, number, row.number, "id_number", "身份证号")
            if values.get("certificate"):
                _once(seen_numbers, values["certificate"], row.number, "certificate", "活动证编号")
            member = member_id(number, ledger.identity_key)
            if ledger.load(Member, member) is not None:
                report.duplicates.append({"row": row.number, "name": values["name"],
                                          "message": "该身份证号的党员已在台账中，跳过"})
                continue
            _run(shared, actor, _commands(values, member, f"旧台账导入：{filename} 第{row.number}行", today))
        except _RowRefused as refused:
            header = BY_KEY[refused.column].header if refused.column else None
            report.refused.append(Refusal(row.number, header, refused.error.term, refused.error.text))
            continue
        report.importable.append(row.number)
    if not dry_run and not report.refused and report.importable:
        positions = shared.commit()
        report.stored, report.events, report.stored_to = True, len(positions), max(positions, default=None)
    return report


def _once(seen: dict[str, int], value: str, row: int, column: str, label: str) -> None:
    if value in seen:
        raise _RowRefused(column, rules.SHEET_DUPLICATE.refuse(label=label, row=seen[value], value=value))
    seen[value] = row


def _run(shared: UnitOfWork, actor: UUID | str, commands: list[Command]) -> None:
    """Runs a row's commands in a child unit of work: a refused row leaves no trace."""
    unit = UnitOfWork(shared.ledger, parent=shared)
    unit.via = "import"
    for command in commands:
        try:
            unit.begin(actor)
            handlers.run(unit, command)
        except LedgerError as error:
            column = FIELD_COLUMNS.get(error.field or "") or (EFFECTIVE.get(type(command))
                                                               if error.field == "effective_on" else None)
            raise _RowRefused(column, error) from None
    shared.adopt(unit)


# Cells to values.

def _parse(row: SheetRow, names: _Directory, today: date) -> dict[str, Any]:
    if row.merged:
        raise _RowRefused(None, rules.SHEET_MERGED.refuse(cells="、".join(row.merged)))
    if row.header_again:
        raise _RowRefused(None, rules.SHEET_HEADER_AGAIN.refuse())
    v = dict(row.values)
    out: dict[str, Any] = {}
    for key in ("name", "ethnicity", "reason", "employer", "issuer", "paid_through"):
        out[key] = _text(v.get(key))
    if not out["name"]:
        raise _RowRefused("name", rules.REQUIRED.refuse(label="姓名"))
    try:
        out["id_number"] = check_id_number(_text(v.get("id_number")) or "")
    except LedgerError as error:
        raise _RowRefused("id_number", error) from None
    for key in ("birth_month", "joined_on", "departed_on", "reported_in_on", "returned_on", "certificate_on",
                "last_contact_on"):
        out[key] = _date(v.get(key), key, today)
    if out["joined_on"] is None:
        raise _RowRefused("joined_on", rules.REQUIRED.refuse(label=BY_KEY["joined_on"].header))
    out["birth_date"] = date(int(out["id_number"][6:10]), int(out["id_number"][10:12]), int(out["id_number"][12:14]))
    out["gender"] = _choice(v.get("gender"), "gender", Gender) or (
        Gender.MALE.value if int(out["id_number"][16]) % 2 else Gender.FEMALE.value)
    out["standing"] = _choice(v.get("standing"), "standing", Standing, aliases={"正式": "full", "预备": "probationary"})
    if out["standing"] is None:
        raise _RowRefused("standing", rules.REQUIRED.refuse(label=BY_KEY["standing"].header))
    out["category"] = _choice(v.get("category"), "category", Category) or Category.OTHER.value
    out["industry"] = _choice(v.get("industry"), "industry", Industry) or Industry.OTHER.value
    out["township"] = names.find(v.get("township"), (OrgKind.TOWNSHIP_COMMITTEE,), "township", "乡镇党委") \
        if v.get("township") else None
    out["branch"] = names.find(v.get("branch"), (OrgKind.BRANCH,), "branch", "党支部", within=out["township"])
    out["inflow_org"] = names.find(v.get("inflow_org"), (OrgKind.INFLOW_ORG, OrgKind.MOBILE_BRANCH), "inflow_org",
                                   "流入地党组织") if v.get("inflow_org") else None
    destination = _text(v.get("destination"))
    out["province"], out["city"] = split_destination(destination) if destination else (None, None)
    phone = _text(v.get("phone"))
    try:
        out["phone"] = check_phone(phone or "")
    except LedgerError as error:
        raise _RowRefused("phone", error) from None
    out["certificate"] = _text(v.get("certificate"))
    out["review_year"], out["review_grade"] = _review(v.get("review"))
    out["lost"] = _yes_no(v.get("lost"), "lost")
    out["transferred"] = _yes_no(v.get("transferred"), "transferred")
    if out["departed_on"] and not out["province"]:
        raise _RowRefused("destination", rules.REQUIRED.refuse(label="流向地"))
    return out


def _commands(v: dict[str, Any], member: UUID, note: str, today: date) -> list[Command]:
    """The commands that produce the row, in the order things happened."""
    dates = [d for d in (v["departed_on"], v["reported_in_on"], v["certificate_on"], v["last_contact_on"],
                         v["returned_on"]) if d]
    facts: list[Command] = [RegisterMember(
        name=v["name"], gender=v["gender"], birth_date=v["birth_date"], ethnicity=v["ethnicity"] or UNKNOWN,
        id_number=v["id_number"], phone=v["phone"], joined_on=v["joined_on"], standing=v["standing"],
        category=v["category"], branch_id=v["branch"], effective_on=min([*dates, today]))]
    if v["departed_on"]:
        facts.append(RecordDeparture(member_id=member, reason=v["reason"] or UNKNOWN, province=v["province"],
                                     city=v["city"], industry=v["industry"], expected_months=12,
                                     contact_phone=v["phone"], employer=v["employer"] or "",
                                     effective_on=v["departed_on"]))
    if v["inflow_org"]:
        facts.append(RecordReportIn(org_id=v["inflow_org"], member_id=member,
                                    effective_on=v["reported_in_on"] or v["departed_on"]))
    if v["lost"]:
        facts.append(RecordContact(member_id=member, method="visit", outcome="lost", lost_reason="other",
                                   note="旧台账记载失联", effective_on=v["last_contact_on"] or v["departed_on"]))
    if v["certificate"]:
        facts.append(RecordLegacyCertificate(member_id=member, number=v["certificate"], issuer_name=v["issuer"] or "",
                                             note=note, effective_on=v["certificate_on"] or v["departed_on"]))
    if v["paid_through"] or v["review_grade"] or v["last_contact_on"]:
        facts.append(RecordLegacySummary(member_id=member, paid_through=v["paid_through"], review_year=v["review_year"],
                                         review_grade=v["review_grade"], last_contact_on=v["last_contact_on"],
                                         note=note, effective_on=today))
    if v["returned_on"]:
        facts.append(RecordReturn(member_id=member, effective_on=v["returned_on"]))
    if v["transferred"]:
        facts.append(IssueTransferLetter(member_id=member, to_org_name=UNKNOWN, effective_on=today))
    return facts


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column (an ID or phone number)
    text = str(value).strip()
    return text or None


def _date(value: Any, key: str, today: date) -> date | None:
    label = BY_KEY[key].header
    try:
        day = cell_date(value)
    except ValueError:
        raise _RowRefused(key, rules.SHEET_DATE.refuse(label=label, value=value)) from None
    if day is not None and day > today:
        raise _RowRefused(key, rules.FUTURE_DATE.refuse(label=label, today=today.isoformat()))
    return day


def _choice(value: Any, key: str, vocab: type[Labelled], aliases: dict[str, str] | None = None) -> str | None:
    text = _text(value)
    if text is None:
        return None
    by_label = {m.label: m.value for m in vocab} | {m.value: m.value for m in vocab} | (aliases or {})
    if text in by_label:
        return by_label[text]
    raise _RowRefused(key, rules.SHEET_CHOICE.refuse(label=BY_KEY[key].header, value=text,
                                                     choices="、".join(m.label for m in vocab)))


_REVIEW = re.compile(r"^(\d{4})\s*年?度?\s*[：:]?\s*(.+)$")


def _review(value: Any) -> tuple[int | None, str | None]:
    text = _text(value)
    if text is None:
        return None, None
    match = _REVIEW.match(text)
    grade = {m.label: m.value for m in ReviewGrade}.get(match.group(2).strip()) if match else None
    if match is None or grade is None:
        raise _RowRefused("review", rules.SHEET_CHOICE.refuse(
            label="最近评议结果", value=text, choices="“2024年度合格”这样的年度和等次（优秀、合格、基本合格、不合格）"))
    return int(match.group(1)), grade


def _yes_no(value: Any, key: str) -> bool:
    text = _text(value)
    if text in (None, "否", "无", "0", "×"):
        return False
    if text in ("是", "有", "1", "√"):
        return True
    raise _RowRefused(key, rules.SHEET_CHOICE.refuse(label=BY_KEY[key].header, value=text, choices="是、否"))


class _Directory:
    """Organisations by name, as a sheet writes them."""

    def __init__(self, ledger: Ledger):
        from domain.organisation import Organisation

        self.orgs = []
        for notification in ledger.recorder.select_notifications(1, 10**7, topics=("liudong.organisation.Established",)):
            org = ledger.load(Organisation, notification.originator_id)
            if org is not None:
                self.orgs.append(org)

    def find(self, name: Any, kinds: tuple[OrgKind, ...], key: str, kind_label: str,
             within: UUID | None = None) -> UUID:
        text = _text(name)
        if text is None:
            raise _RowRefused(key, rules.REQUIRED.refuse(label=BY_KEY[key].header))
        found = [o for o in self.orgs if o.name == text and o.kind in kinds
                 and (within is None or o.parent_id == within)]
        if len(found) != 1:
            raise _RowRefused(key, rules.SHEET_ORG.refuse(kind=kind_label, name=text + (
                "（同名组织不止一个，请填写所属乡镇）" if len(found) > 1 else "")))
        return found[0].id
