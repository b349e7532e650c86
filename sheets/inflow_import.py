"""Importing a 流入党员台账 sheet (导入流入党员台账), as the register's importer does
(`sheets.importer`): every row checked and turned into the commands that
produce it (registration on the arrival day, the summary columns as an old
register's record, the leaving), run by the importing county admin with the
live rules, each event marked `via="import"`; a dry run stores nothing, a real
import every row or nothing. An inflow member already registered is reported
and skipped. Full ID and phone numbers are needed: a migration export's."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from domain import rules
from domain.clock import local_date
from domain.command_batch import CommandBatch
from domain.commands import Command, RecordInflowLeaving, RecordInflowLegacySummary, RegisterInflowMember
from domain.errors import LedgerError
from domain.fields import check_id_number
from domain.inflow_member import NOT_RECEIVING, InflowMember, inflow_member_id
from domain.ledger import Ledger
from domain.organisation import BASIC_COMMITTEES
from domain.vocab import Gender, Labelled, OrgKind, ReviewGrade, Standing
from projections.directory import township_of
from sheets.cells import OrgNames, RowRefused, cell_choice, cell_day, cell_text
from sheets.importer import ImportReport, Refusal, _once, _saved
from sheets.inflow_columns import BY_KEY, INFLOW
from sheets.limits import LIMITS, Limits
from sheets.reading import SheetRow, read_sheet

__all__ = ["import_inflow_sheet"]

RECEIVING = tuple(k for k in OrgKind if k not in NOT_RECEIVING)
TEXTS = ("name", "home_county", "home_org", "home_org_code", "home_certificate", "workplace", "employer",
         "paid_through", "left_reason", "left_to")
# Which column a refused command's field points at (effective_on: the command's own date column).
FIELD_COLUMNS = {
    "name": "name", "gender": "gender", "birth_date": "id_number", "id_number": "id_number", "phone": "phone",
    "standing": "standing", "home_county": "home_county", "home_org": "home_org", "home_org_code": "home_org_code",
    "home_certificate_number": "home_certificate", "workplace": "workplace", "employer": "employer", "org_id": "org",
    "paid_through": "paid_through", "last_contact_on": "last_contact_on", "last_activity_on": "last_activity_on",
    "opinion_year": "opinion", "opinion_grade": "opinion", "reason": "left_reason", "destination": "left_to",
}
EFFECTIVE = {RegisterInflowMember: "arrived_on", RecordInflowLegacySummary: "left_on", RecordInflowLeaving: "left_on"}
_OPINION = re.compile(r"^(\d{4})\s*年?度?\s*[：:]?\s*(.*)$")


def import_inflow_sheet(ledger: Ledger, actor: UUID | str, data: bytes, filename: str, *, dry_run: bool = True,
                        progress: Callable[[int, int], None] | None = None, limits: Limits = LIMITS) -> ImportReport:
    sheet = read_sheet(data, limits=limits, layout=INFLOW)
    report = ImportReport(filename, sheet.title, sheet.header_row, sheet.mapping, dry_run, len(sheet.rows))
    names, today = OrgNames(ledger), local_date(ledger.clock())
    batch = ledger.batch(via="import")
    seen: dict[str, int] = {}
    for done, row in enumerate(sheet.rows, start=1):
        if progress:
            progress(done, len(sheet.rows))
        if row.empty:
            report.skipped.append({"row": row.number, "message": "空行，已跳过"})
            continue
        try:
            values = parse_row(row, names, today)
            _once(seen, values["id_number"], row.number, "id_number", "身份证号")
            if ledger.load(InflowMember, inflow_member_id(values["id_number"], ledger.identity_key)) is not None:
                report.duplicates.append({"row": row.number, "name": values["name"],
                                          "message": "该身份证号的流入党员已登记，跳过"})
                continue
            _run(batch, actor, _commands(values, f"流入党员台账导入：{filename} 第{row.number}行", today))
        except RowRefused as refused:
            header = BY_KEY[refused.column].header if refused.column in BY_KEY else None
            report.refused.append(Refusal(row.number, header, refused.error.term, refused.error.text))
            continue
        report.importable.append(row.number)
    if not dry_run and not report.refused and report.importable:
        positions = _saved(batch).values()
        report.stored, report.events, report.stored_to = True, len(positions), max(positions, default=None)
    return report


def parse_row(row: SheetRow, names: OrgNames, today: date) -> dict[str, Any]:
    if row.merged:
        raise RowRefused(None, rules.SHEET_MERGED.refuse(cells="、".join(row.merged)))
    if row.header_again:
        raise RowRefused(None, rules.SHEET_HEADER_AGAIN.refuse())
    v = row.values
    out: dict[str, Any] = {key: cell_text(v.get(key)) for key in (*TEXTS, "phone")}
    for key in ("name", "phone", "home_county", "home_org", "workplace"):
        if not out[key]:
            raise RowRefused(key, rules.REQUIRED.refuse(label=BY_KEY[key].header))
    try:
        out["id_number"] = check_id_number(cell_text(v.get("id_number")) or "")
    except LedgerError as error:
        raise RowRefused("id_number", error) from None
    number = out["id_number"]
    out["birth_date"] = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    out["gender"] = _choice(v.get("gender"), "gender", Gender) or (
        Gender.MALE.value if int(number[16]) % 2 else Gender.FEMALE.value)
    out["standing"] = _choice(v.get("standing"), "standing", Standing, {"正式": "full", "预备": "probationary"})
    if out["standing"] is None:
        raise RowRefused("standing", rules.REQUIRED.refuse(label=BY_KEY["standing"].header))
    for key in ("arrived_on", "last_contact_on", "last_activity_on", "left_on"):
        out[key] = _date(v.get(key), key, today)
    if out["arrived_on"] is None:
        raise RowRefused("arrived_on", rules.REQUIRED.refuse(label=BY_KEY["arrived_on"].header))
    if out["left_on"] and not out["left_reason"]:
        raise RowRefused("left_reason", rules.REQUIRED.refuse(label=BY_KEY["left_reason"].header))
    out["org"] = _org(names, v.get("org"), v.get("township"))
    out["opinion_year"], out["opinion_grade"] = _opinion(v.get("opinion"))
    return out


def _date(value: Any, key: str, today: date) -> date | None:
    return cell_day(value, key, BY_KEY[key].header, today)


def _choice(value: Any, key: str, vocab: type[Labelled], aliases: dict[str, str] | None = None) -> str | None:
    return cell_choice(value, key, BY_KEY[key].header, vocab, aliases)


def _opinion(value: Any) -> tuple[int | None, str | None]:
    """“2024年度合格”, or “2024年度” when no grade was suggested."""
    text = cell_text(value)
    if text is None:
        return None, None
    match = _OPINION.match(text)
    grades = {m.label: m.value for m in ReviewGrade}
    if match is None or (match.group(2).strip() and match.group(2).strip() not in grades):
        raise RowRefused("opinion", rules.SHEET_CHOICE.refuse(
            label=BY_KEY["opinion"].header, value=text, choices="“2024年度合格”这样的年度和等次（等次可空）"))
    return int(match.group(1)), grades.get(match.group(2).strip())


def _org(names: OrgNames, name: Any, township: Any) -> UUID:
    """The receiving organisation by name; one of the same name told apart by 所属乡镇."""
    text, within = cell_text(name), cell_text(township)
    if text is None:
        raise RowRefused("org", rules.REQUIRED.refuse(label=BY_KEY["org"].header))
    found = [o for o in names.orgs if o.name == text and o.kind in RECEIVING]
    if len(found) > 1 and within:
        committees = {o.id for o in names.orgs if o.name == within and o.kind in BASIC_COMMITTEES}
        found = [o for o in found if township_of(o) in committees]
    if len(found) != 1:
        raise RowRefused("org", rules.SHEET_ORG.refuse(kind="本县党组织", name=text + (
            "（同名组织不止一个，请填写所属乡镇）" if found else "")))
    return found[0].id


def _run(batch: CommandBatch, actor: UUID | str, commands: list[Command]) -> None:
    """Runs a row's commands as one step of the batch: all of them, or none."""
    try:
        batch.run(actor, *commands)
    except LedgerError as error:
        command = batch.refused
        column = FIELD_COLUMNS.get(error.field or "") or (EFFECTIVE.get(type(command))
                                                           if error.field == "effective_on" else None)
        raise RowRefused(column, error) from None


def _commands(v: dict[str, Any], note: str, today: date) -> list[Command]:
    """The commands that produce the row, in the order things happened."""
    number = v["id_number"]
    facts: list[Command] = [RegisterInflowMember(
        name=v["name"], gender=v["gender"], birth_date=v["birth_date"], id_number=number, phone=v["phone"],
        standing=v["standing"], home_county=v["home_county"], home_org=v["home_org"], workplace=v["workplace"],
        org_id=v["org"], home_org_code=v["home_org_code"] or "", home_certificate_number=v["home_certificate"] or "",
        employer=v["employer"] or "", effective_on=v["arrived_on"])]
    if v["paid_through"] or v["last_contact_on"] or v["last_activity_on"] or v["opinion_year"]:
        facts.append(RecordInflowLegacySummary(
            id_number=number, paid_through=v["paid_through"], last_contact_on=v["last_contact_on"],
            last_activity_on=v["last_activity_on"], opinion_year=v["opinion_year"],
            opinion_grade=v["opinion_grade"], note=note, effective_on=v["left_on"] or today))
    if v["left_on"]:
        facts.append(RecordInflowLeaving(id_number=number, reason=v["left_reason"], destination=v["left_to"] or "",
                                         effective_on=v["left_on"]))
    return facts
