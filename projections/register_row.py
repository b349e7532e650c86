"""The register's row (台账): its columns, and the row of a member built from
the member's state (as corrected). The row keeps the dates status depends
on, so `derive_status` gives the same status whether the row was built here
or changed event by event (`projections.register_reducers`). Personal data
is kept masked: the last four characters of the ID number, phones as
138****5678.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.member import Member
from domain.member_events import ContactRecorded
from domain.vocab import ContactOutcome, MemberStatus
from projections.masking import mask_id_number, mask_phone

__all__ = ["ABSENCE", "COLUMNS", "INTEGERS", "Row", "derive_status", "iso", "last_contacted", "later",
           "row_from_member"]

COLUMNS = (
    "member_id", "version", "name", "gender", "birth_month", "ethnicity", "id_tail", "phone_masked",
    "joined_on", "standing", "probation_start", "extension_months", "category", "branch_id",
    "township_id", "registered_on", "status", "since", "departed_on", "reason", "province", "city",
    "address", "industry", "employer", "expected_months", "contact_phone_masked", "reported_in_org",
    "reported_in_on", "inflow_contact", "returned_on", "certificates", "certificate_number",
    "valid_certificates", "last_contact_on", "last_contact_by", "last_reached_on", "last_contacted_on",
    "last_activity_on", "last_dues_on", "lost_on", "lost_reason", "paid_through", "review_year", "review_grade",
    "letter_on", "letter_to", "letter_days", "receipt_on", "ended", "ended_on",
    "letter_number", "letter_to_id",  # the latest transfer letter's number, its receiving branch in the county
    "handed_to",  # the receiver's name when ended `handed_over` (projections.register.hand_over)
    "liaison", "liaison_org",  # the member's liaison (专人负责): name, and the organisation they work at
    "home_since", "expected_back_on",  # home for a while (临时返乡) in the current time away, until when
    "planned_on",  # the departure was reported ahead (外出前报告): the planned day (= departed_on), else null
)
INTEGERS = {"version", "extension_months", "expected_months", "valid_certificates", "review_year",
             "letter_days"}
ABSENCE = ("reason", "province", "city", "address", "industry", "employer", "expected_months",
            "contact_phone_masked", "reported_in_org", "reported_in_on", "inflow_contact", "returned_on",
            "home_since", "expected_back_on", "planned_on")

Row = dict[str, Any]


def iso(value: Any) -> str | None:
    """A date as the row keeps it (ISO text), or None."""
    return value.isoformat() if value is not None else None


def later(a: str | None, b: str | None) -> str | None:
    """The later of two ISO dates (or months), ignoring a missing one."""
    return max(filter(None, (a, b)), default=None)


def derive_status(row: Row) -> None:
    """Status and since-when, from the dates the row keeps. It restates
    `domain.member_state.MemberState.status` on a row; the reducer property
    test (tests/projections/test_register_reducers.py) keeps the two equal."""
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
    elif away and row["home_since"]:
        row["status"], row["since"] = MemberStatus.TEMPORARY_RETURN.value, row["home_since"]
    elif away and row["reported_in_org"]:
        row["status"], row["since"] = MemberStatus.REPORTED_IN.value, row["reported_in_on"]
    elif away:
        row["status"], row["since"] = MemberStatus.AWAY.value, row["departed_on"]
    elif row["returned_on"]:
        row["status"], row["since"] = MemberStatus.RETURNED.value, row["returned_on"]
    else:
        row["status"], row["since"] = MemberStatus.AT_HOME.value, row["registered_on"]


def last_contacted(member: Member) -> date | None:
    """The day of the latest contact that reached the member (either direction).
    Unlike `last_reached_on`, activities, dues and report-ins do not count, nor
    an attempt that failed (未联系上, 失联): 联系率 counts contact, not attempts."""
    return max((f.effective_on for f in member.facts
                if isinstance(f, ContactRecorded) and f.outcome == ContactOutcome.REACHED), default=None)


def row_from_member(member: Member, township_id: UUID | None) -> Row:
    """The register row of a member, from the member's state (as corrected)."""
    # After a planned departure cancelled, the row shows no time away (the reducers cannot bring back the one before).
    absence = member.absences[-1] if member.absences and not member.plan_cancelled_on else None
    reviewed = max(member.reviews) if member.reviews else None
    letter = member.letter
    row: Row = {
        "member_id": str(member.id), "version": member.version, "name": member.name,
        "gender": member.gender, "birth_month": member.birth_date.isoformat()[:7] if member.birth_date else None,
        "ethnicity": member.ethnicity, "id_tail": mask_id_number(member.id_number),
        "phone_masked": mask_phone(member.phone), "joined_on": iso(member.joined_on),
        "standing": str(member.standing), "probation_start": iso(member.probation_start),
        "extension_months": member.extension_months, "category": member.category,
        "branch_id": str(member.branch_id), "township_id": str(township_id) if township_id else None,
        "registered_on": iso(member.registered_on), "departed_on": iso(absence and absence.departed_on),
        "certificates": "\n".join(member.certificates),
        "last_contact_on": iso(member.last_contact_on), "last_contact_by": member.last_contact_by,
        "last_reached_on": iso(member.last_reached_on), "last_contacted_on": iso(last_contacted(member)),
        "last_activity_on": iso(member.last_activity_on), "last_dues_on": iso(member.last_dues_on),
        "lost_on": iso(member.lost_on), "lost_reason": member.lost_reason,
        "paid_through": member.paid_through, "review_year": reviewed,
        "review_grade": member.reviews[reviewed] if reviewed else None,
        "letter_on": iso(letter and letter.issued_on), "letter_to": letter.to_org_name if letter else None,
        "letter_days": letter.validity_days if letter else None,
        "receipt_on": iso(letter and letter.received_on), "letter_number": letter.number if letter else None,
        "letter_to_id": str(letter.to_org_id) if letter and letter.to_org_id else None,
        "ended": str(member.ended) if member.ended else None, "ended_on": iso(member.ended_on),
        "handed_to": None,
        "liaison": member.liaison.name if member.liaison else None,
        "liaison_org": str(member.liaison.org_id) if member.liaison else None,
    }
    row.update(dict.fromkeys(ABSENCE))
    if absence is not None:
        row.update(reason=absence.reason, province=absence.province, city=absence.city,
                   address=absence.address, industry=absence.industry, employer=absence.employer,
                   expected_months=absence.expected_months,
                   contact_phone_masked=mask_phone(absence.contact_phone),
                   reported_in_org=str(absence.reported_in_org) if absence.reported_in_org else None,
                   reported_in_on=iso(absence.reported_in_on), inflow_contact=absence.inflow_contact,
                   returned_on=iso(absence.returned_on), home_since=iso(absence.home_since),
                   expected_back_on=iso(absence.expected_back_on),
                   planned_on=iso(absence.departed_on) if absence.planned else None)
    derive_status(row)
    return row
