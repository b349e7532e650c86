"""Register view (台账): one row per member, with the register's columns.

Most events update the member's row directly; a correction or a void
rewrites the row from the member's history as corrected. The row keeps the
dates status depends on, so status is derived the same way either way.
Personal data is kept masked: the last four characters of the ID number,
phones as 138****5678.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain.base import Corrected, LedgerEvent, Voided
from domain.member import Member
from domain.member_events import (
    ActivityAttended, CertificateHeld, CertificateReleased, ContactDetailsChanged,
    ContactRecorded, Departed, DuesPaid, LegacyCertificateHeld, LegacySummaryRecorded,
    MembershipEnded, MemberEvent, MovedToBranch, PersonalDataRevealed, ProbationDecided, Registered,
    ReportedIn,
    Returned, Reviewed, TransferLetterIssued, TransferReceived,
)
from domain.organisation import Organisation
from domain.vocab import ContactOutcome, MemberStatus, ProbationOutcome
from projections.masking import mask_id_number, mask_phone
from projections.store import Tx
from projections.view import Batch, View

__all__ = ["COLUMNS", "RegisterView", "derive_status", "row_from_member"]

COLUMNS = (
    "member_id", "version", "name", "gender", "birth_month", "ethnicity", "id_tail", "phone_masked",
    "joined_on", "standing", "probation_start", "extension_months", "category", "branch_id",
    "township_id", "registered_on", "status", "since", "departed_on", "reason", "province", "city",
    "address", "industry", "employer", "expected_months", "contact_phone_masked", "reported_in_org",
    "reported_in_on", "inflow_contact", "returned_on", "certificates", "certificate_number",
    "valid_certificates", "last_contact_on", "last_reached_on", "last_activity_on", "last_dues_on",
    "lost_on", "lost_reason", "paid_through", "review_year", "review_grade", "letter_on", "letter_to",
    "letter_days", "receipt_on", "ended", "ended_on",
)
_INTEGERS = {"version", "extension_months", "expected_months", "valid_certificates", "review_year",
             "letter_days"}
_ABSENCE = ("reason", "province", "city", "address", "industry", "employer", "expected_months",
            "contact_phone_masked", "reported_in_org", "reported_in_on", "inflow_contact", "returned_on")

Row = dict[str, Any]


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _later(a: str | None, b: str | None) -> str | None:
    return max(filter(None, (a, b)), default=None)


def derive_status(row: Row) -> None:
    """Status and since-when, from the dates the row keeps (as `MemberState.status`)."""
    away = row["departed_on"] is not None and row["returned_on"] is None
    lost = (away and row["lost_on"] is not None and row["lost_on"] >= row["departed_on"]
            and (row["last_reached_on"] is None or row["lost_on"] > row["last_reached_on"]))
    certificates = [n for n in (row["certificates"] or "").split("\n") if n]
    row["certificate_number"] = certificates[0] if certificates else None
    row["valid_certificates"] = len(certificates)
    if row["ended"]:
        row["status"], row["since"] = "ended", row["ended_on"]
    elif lost:
        row["status"], row["since"] = MemberStatus.LOST_CONTACT.value, row["lost_on"]
    elif away and row["reported_in_org"]:
        row["status"], row["since"] = MemberStatus.REPORTED_IN.value, row["reported_in_on"]
    elif away:
        row["status"], row["since"] = MemberStatus.AWAY.value, row["departed_on"]
    elif row["returned_on"]:
        row["status"], row["since"] = MemberStatus.RETURNED.value, row["returned_on"]
    else:
        row["status"], row["since"] = MemberStatus.AT_HOME.value, row["registered_on"]


def row_from_member(member: Member, township_id: UUID | None) -> Row:
    """The register row of a member, from the member's state (as corrected)."""
    absence = member.absences[-1] if member.absences else None
    reviewed = max(member.reviews) if member.reviews else None
    letter = member.letter
    row: Row = {
        "member_id": str(member.id), "version": member.version, "name": member.name,
        "gender": member.gender, "birth_month": member.birth_date.isoformat()[:7] if member.birth_date else None,
        "ethnicity": member.ethnicity, "id_tail": mask_id_number(member.id_number),
        "phone_masked": mask_phone(member.phone), "joined_on": _day(member.joined_on),
        "standing": str(member.standing), "probation_start": _day(member.probation_start),
        "extension_months": member.extension_months, "category": member.category,
        "branch_id": str(member.branch_id), "township_id": str(township_id) if township_id else None,
        "registered_on": _day(member.registered_on), "departed_on": _day(absence and absence.departed_on),
        "certificates": "\n".join(member.certificates),
        "last_contact_on": _day(member.last_contact_on), "last_reached_on": _day(member.last_reached_on),
        "last_activity_on": _day(member.last_activity_on), "last_dues_on": _day(member.last_dues_on),
        "lost_on": _day(member.lost_on), "lost_reason": member.lost_reason,
        "paid_through": member.paid_through, "review_year": reviewed,
        "review_grade": member.reviews[reviewed] if reviewed else None,
        "letter_on": _day(letter and letter.issued_on), "letter_to": letter.to_org_name if letter else None,
        "letter_days": letter.validity_days if letter else None,
        "receipt_on": _day(letter and letter.received_on),
        "ended": str(member.ended) if member.ended else None, "ended_on": _day(member.ended_on),
    }
    row.update(dict.fromkeys(_ABSENCE))
    if absence is not None:
        row.update(reason=absence.reason, province=absence.province, city=absence.city,
                   address=absence.address, industry=absence.industry, employer=absence.employer,
                   expected_months=absence.expected_months,
                   contact_phone_masked=mask_phone(absence.contact_phone),
                   reported_in_org=str(absence.reported_in_org) if absence.reported_in_org else None,
                   reported_in_on=_day(absence.reported_in_on), inflow_contact=absence.inflow_contact,
                   returned_on=_day(absence.returned_on))
    derive_status(row)
    return row


# How each event changes a row, for the common case (no correction involved).

def _departed(row: Row, e: Departed) -> None:
    row.update(dict.fromkeys(_ABSENCE))
    row.update(departed_on=_day(e.effective_on), reason=e.reason, province=e.province, city=e.city,
               address=e.address, industry=e.industry, employer=e.employer,
               expected_months=e.expected_months, contact_phone_masked=mask_phone(e.contact_phone),
               inflow_contact="")


def _reported_in(row: Row, e: ReportedIn) -> None:
    row.update(reported_in_org=str(e.org_id), reported_in_on=_day(e.effective_on),
               inflow_contact=e.inflow_contact)
    row["last_reached_on"] = _later(row["last_reached_on"], _day(e.effective_on))


def _contact(row: Row, e: ContactRecorded) -> None:
    day = _day(e.effective_on)
    row["last_contact_on"] = _later(row["last_contact_on"], day)
    if e.outcome == ContactOutcome.REACHED:
        row["last_reached_on"] = _later(row["last_reached_on"], day)
    elif e.outcome == ContactOutcome.LOST and (row["lost_on"] is None or day >= row["lost_on"]):
        row.update(lost_on=day, lost_reason=e.lost_reason)


def _details(row: Row, e: ContactDetailsChanged) -> None:
    if e.phone:
        row["phone_masked"] = mask_phone(e.phone)
    if row["departed_on"] is not None and row["returned_on"] is None:
        if e.contact_phone:
            row["contact_phone_masked"] = mask_phone(e.contact_phone)
        if e.address:
            row["address"] = e.address


def _activity(row: Row, e: ActivityAttended) -> None:
    day = _day(e.effective_on)
    row["last_activity_on"] = _later(row["last_activity_on"], day)
    row["last_reached_on"] = _later(row["last_reached_on"], day)


def _dues(row: Row, e: DuesPaid) -> None:
    day = _day(e.effective_on)
    row["paid_through"] = _later(row["paid_through"], max(e.months))
    row["last_dues_on"] = _later(row["last_dues_on"], day)
    row["last_reached_on"] = _later(row["last_reached_on"], day)


def _review(row: Row, year: int | None, grade: str | None) -> None:
    if year and grade and year > (row["review_year"] or 0):
        row.update(review_year=year, review_grade=grade)


def _probation(row: Row, e: ProbationDecided) -> None:
    if e.outcome == ProbationOutcome.ON_TIME:
        row["standing"] = "full"
    elif e.outcome == ProbationOutcome.EXTENDED:
        row["extension_months"] = e.extension_months or 0
    else:
        row.update(ended="probation_cancelled", ended_on=_day(e.effective_on))


def _legacy(row: Row, e: LegacySummaryRecorded) -> None:
    row["paid_through"] = _later(row["paid_through"], e.paid_through)
    _review(row, e.review_year, e.review_grade)
    row["last_contact_on"] = _later(row["last_contact_on"], _day(e.last_contact_on))


def _holds(row: Row, number: str) -> None:
    row["certificates"] = "\n".join(filter(None, [row["certificates"], number]))


REDUCERS: dict[type[LedgerEvent], Callable[[Row, Any], None]] = {
    Departed: _departed,
    ReportedIn: _reported_in,
    ContactRecorded: _contact,
    ContactDetailsChanged: _details,
    ActivityAttended: _activity,
    DuesPaid: _dues,
    Reviewed: lambda row, e: _review(row, e.year, e.grade),
    ProbationDecided: _probation,
    TransferLetterIssued: lambda row, e: row.update(letter_on=_day(e.effective_on), letter_to=e.to_org_name,
                                                    letter_days=e.validity_days, receipt_on=None),
    TransferReceived: lambda row, e: row.update(receipt_on=_day(e.effective_on), ended="transferred_out",
                                                ended_on=_day(e.effective_on)),
    Returned: lambda row, e: row.update(returned_on=_day(e.effective_on)),
    MovedToBranch: lambda row, e: row.update(branch_id=str(e.branch_id)),  # and its township: below
    MembershipEnded: lambda row, e: row.update(ended=e.reason, ended_on=_day(e.effective_on)),
    LegacySummaryRecorded: _legacy,
    CertificateHeld: lambda row, e: _holds(row, e.number),
    LegacyCertificateHeld: lambda row, e: _holds(row, e.number),
    CertificateReleased: lambda row, e: row.update(certificates="\n".join(
        n for n in (row["certificates"] or "").split("\n") if n and n != e.number)),
}
_MEMBER_EVENTS = (Registered, MemberEvent, CertificateHeld, CertificateReleased, LegacyCertificateHeld,
                  PersonalDataRevealed)


class RegisterView(View):
    name = "register"
    tables = {"register": ", ".join(
        f"{c} {'INTEGER' if c in _INTEGERS else 'TEXT'}" + (" PRIMARY KEY" if c == "member_id" else "")
        for c in COLUMNS)}
    indexes = (("register", "township_id, status"), ("register", "branch_id, status"),
               ("register", "status"), ("register", "name"), ("register", "province, city"),
               ("register", "industry"), ("register", "category"), ("register", "certificate_number"))

    def __init__(self) -> None:
        self._townships: dict[UUID, UUID | None] = {}  # a branch's township never changes

    def apply(self, tx: Tx, batch: Batch) -> None:
        relevant = [e for _, e in batch.events if isinstance(e, (*_MEMBER_EVENTS, Corrected, Voided))]
        if not relevant:
            return
        rows = self._load(tx, {str(e.originator_id) for e in relevant})
        changed: set[str] = set()
        for event in relevant:
            key = str(event.originator_id)
            if isinstance(event, Registered):
                member = event.mutate(None)  # the new member, without reading the store
                rows[key] = row_from_member(member, self._township_id(batch, member.branch_id))
            elif key not in rows:
                continue  # a correction of something that is not a member
            elif isinstance(event, (Corrected, Voided)):
                rows[key] = self._rebuilt(batch, event)
            else:
                REDUCERS.get(type(event), _ignore)(rows[key], event)
                if isinstance(event, MovedToBranch):
                    rows[key]["township_id"] = self._township(batch, event.branch_id)
                rows[key]["version"] = event.originator_version
                derive_status(rows[key])
            changed.add(key)
        self._save(tx, rows, changed)

    def _rebuilt(self, batch: Batch, event: LedgerEvent) -> Row | None:
        member = batch.ledger.repository.get(event.originator_id, version=event.originator_version)
        if member.is_void:
            return None
        return row_from_member(member, self._township_id(batch, member.branch_id))

    def _township(self, batch: Batch, branch_id: UUID) -> str | None:
        township = self._township_id(batch, branch_id)
        return str(township) if township else None

    def _township_id(self, batch: Batch, branch_id: UUID) -> UUID | None:
        if branch_id not in self._townships:
            self._townships[branch_id] = batch.ledger.load(Organisation, branch_id).parent_id
        return self._townships[branch_id]

    @staticmethod
    def _load(tx: Tx, keys: set[str]) -> dict[str, Row | None]:
        rows: dict[str, Row | None] = {}
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in tx.all(f"SELECT * FROM {{register}} WHERE member_id IN ({marks})", chunk):
                rows[row["member_id"]] = row
        return rows

    @staticmethod
    def _save(tx: Tx, rows: dict[str, Row | None], changed: set[str]) -> None:
        gone = [key for key in changed if rows[key] is None]
        kept = [[rows[key][c] for c in COLUMNS] for key in changed if rows[key] is not None]  # type: ignore[index]
        for key in gone:
            tx.execute("DELETE FROM {register} WHERE member_id = ?", [key])
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
        tx.executemany(f"INSERT INTO {{register}} ({', '.join(COLUMNS)}) VALUES "
                       f"({','.join('?' * len(COLUMNS))}) ON CONFLICT (member_id) DO UPDATE SET {updates}",
                       kept)


def _ignore(row: Row, event: LedgerEvent) -> None:
    """Events that change nothing the register shows."""
