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

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain import rules
from domain.clock import RecordedOutOfOrder, local_date
from domain.command_batch import CommandBatch
from domain.commands import (
    CheckCertificate, Command, IssueTransferLetter, RecordContact, RecordDeparture, RecordLegacyCertificate, RecordLegacySummary,
    RecordReportIn, RecordReturn, RegisterMember,
)
from domain.errors import LedgerError
from domain.ids import member_id
from domain.ledger import Ledger
from domain.member import Member
from sheets.cells import OrgNames, RowRefused, parse_row
from sheets.limits import LIMITS, Limits
from sheets.reading import BY_KEY, read_sheet

__all__ = ["ImportReport", "import_sheet"]

UNKNOWN = "旧台账未载明"

# Which column a refused command's field points at.
FIELD_COLUMNS = {
    "name": "name", "gender": "gender", "birth_date": "birth_month", "ethnicity": "ethnicity",
    "id_number": "id_number", "phone": "phone", "contact_phone": "phone", "joined_on": "joined_on",
    "standing": "standing", "category": "category", "branch_id": "branch", "reason": "reason",
    "province": "destination", "city": "destination", "industry": "industry", "employer": "employer",
    "org_id": "inflow_org", "number": "certificate", "issuer_name": "issuer", "paid_through": "paid_through",
    "review_year": "review", "review_grade": "review", "last_contact_on": "last_contact_on", "year": "checked_on",
}
EFFECTIVE = {RegisterMember: "joined_on", RecordDeparture: "departed_on", RecordReportIn: "reported_in_on",
             RecordLegacyCertificate: "certificate_on", RecordContact: "last_contact_on",
             RecordReturn: "returned_on", CheckCertificate: "checked_on"}


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


def import_sheet(ledger: Ledger, actor: UUID | str, data: bytes, filename: str, *, dry_run: bool = True,
                 overrides: dict[str, str] | None = None, progress: Callable[[int, int], None] | None = None,
                 limits: Limits = LIMITS) -> ImportReport:
    sheet = read_sheet(data, overrides, limits)
    report = ImportReport(filename, sheet.title, sheet.header_row, sheet.mapping, dry_run, len(sheet.rows))
    names = OrgNames(ledger)
    today = local_date(ledger.clock())
    batch = ledger.batch(via="import")  # a refused row leaves no trace; the others go on being checked
    seen_ids: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    for done, row in enumerate(sheet.rows, start=1):
        if progress:
            progress(done, len(sheet.rows))
        if row.empty:
            report.skipped.append({"row": row.number, "message": "空行，已跳过"})
            continue
        try:
            values = parse_row(row, names, today)
            number = values["id_number"]
            _once(seen_ids, number, row.number, "id_number", "身份证号")
            if values.get("certificate"):
                _once(seen_numbers, values["certificate"], row.number, "certificate", "活动证编号")
            member = member_id(number, ledger.identity_key)
            if ledger.load(Member, member) is not None:
                report.duplicates.append({"row": row.number, "name": values["name"],
                                          "message": "该身份证号的党员已在台账中，跳过"})
                continue
            _run(batch, actor, _commands(values, member, f"旧台账导入：{filename} 第{row.number}行", today))
        except RowRefused as refused:
            header = BY_KEY[refused.column].header if refused.column else None
            report.refused.append(Refusal(row.number, header, refused.error.term, refused.error.text))
            continue
        report.importable.append(row.number)
    if not dry_run and not report.refused and report.importable:
        positions = _saved(batch).values()
        report.stored, report.events, report.stored_to = True, len(positions), max(positions, default=None)
    return report


def _saved(batch: CommandBatch) -> dict[Any, int]:
    """Saves the rows; once more, stamped afresh, if a live command was stored
    after they were stamped (the log's times never go back); then a conflict."""
    try:
        return batch.save()
    except RecordedOutOfOrder:
        try:
            return batch.again().save()
        except RecordedOutOfOrder:
            raise rules.WRITE_CONFLICT.refuse() from None


def _once(seen: dict[str, int], value: str, row: int, column: str, label: str) -> None:
    if value in seen:
        raise RowRefused(column, rules.SHEET_DUPLICATE.refuse(label=label, row=seen[value], value=value))
    seen[value] = row


def _run(batch: CommandBatch, actor: UUID | str, commands: list[Command]) -> None:
    """Runs a row's commands as one step of the batch: all of them, or none."""
    try:
        batch.run(actor, *commands)
    except LedgerError as error:
        command = batch.refused
        column = FIELD_COLUMNS.get(error.field or "") or (EFFECTIVE.get(type(command))
                                                           if error.field == "effective_on" else None)
        raise RowRefused(column, error) from None


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
        if v["checked_on"]:  # without it, an old certificate's 年审 is unknown and it shows as overdue
            facts.append(CheckCertificate(number=v["certificate"], year=v["checked_on"].year,
                                          effective_on=v["checked_on"]))
    if v["paid_through"] or v["review_grade"] or v["last_contact_on"]:
        facts.append(RecordLegacySummary(member_id=member, paid_through=v["paid_through"], review_year=v["review_year"],
                                         review_grade=v["review_grade"], last_contact_on=v["last_contact_on"],
                                         last_contact_by=v["last_contact_by"] if v["last_contact_on"] else None,
                                         note=note, effective_on=today))
    if v["returned_on"]:
        facts.append(RecordReturn(member_id=member, effective_on=v["returned_on"]))
    if v["transferred"]:
        facts.append(IssueTransferLetter(member_id=member, to_org_name=UNKNOWN, effective_on=today))
    return facts
