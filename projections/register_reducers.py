"""How each member event changes a register row, for the common case (no
correction involved): one small function per event kind, in `REDUCERS`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.base import LedgerEvent
from domain.member_events import (
    ActivityAttended, CertificateHeld, CertificateReleased, ContactDetailsChanged, ContactRecorded, Departed,
    LegacyCertificateHeld, LegacySummaryRecorded, MembershipEnded, MovedToBranch, ProbationDecided,
    ReportedIn, Returned, Reviewed, TransferLetterIssued, TransferReceived,
)
from domain.member_dues_events import DuesPaid
from domain.member_trip_events import DepartureCancelled, DeparturePlanned, TemporarilyReturned, WentBack
from domain.membership_events import (
    LiaisonAssigned, MembershipStopDecided, MembershipStopProposed, RemovalDecided, RemovalProposed,
    RestorationDecided, RestorationRequested, RestorationResolved,
)
from domain.vocab import ContactInitiator, ContactOutcome, EndReason, ProbationOutcome
from projections.masking import mask_phone
from projections.register_row import ABSENCE, Row, iso, later

__all__ = ["REDUCERS", "ignore"]


def _departed(row: Row, e: Departed) -> None:
    row.update(dict.fromkeys(ABSENCE))
    row.update(departed_on=iso(e.leaves_on), reason=e.reason, province=e.province, city=e.city,
               address=e.address, industry=e.industry, employer=e.employer,
               expected_months=e.expected_months, contact_phone_masked=mask_phone(e.contact_phone),
               inflow_contact="", planned_on=iso(e.leaves_on) if e.leaves_on != e.effective_on else None)


def _reported_in(row: Row, e: ReportedIn) -> None:
    row.update(reported_in_org=str(e.org_id), reported_in_on=iso(e.effective_on),
               inflow_contact=e.inflow_contact)
    row["last_reached_on"] = later(row["last_reached_on"], iso(e.effective_on))


def _contact(row: Row, e: ContactRecorded) -> None:
    day = iso(e.effective_on)
    if row["last_contact_on"] is None or day >= row["last_contact_on"]:  # the later recorded on a tie
        row.update(last_contact_on=day, last_contact_by=e.initiated_by)
    if e.outcome == ContactOutcome.REACHED:
        row["last_reached_on"] = later(row["last_reached_on"], day)
        row["last_contacted_on"] = later(row["last_contacted_on"], day)
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
    day = iso(e.effective_on)
    row["last_activity_on"] = later(row["last_activity_on"], day)
    row["last_reached_on"] = later(row["last_reached_on"], day)


def _dues(row: Row, e: DuesPaid) -> None:
    day = iso(e.effective_on)
    row["paid_through"] = later(row["paid_through"], max(e.months))
    row["last_dues_on"] = later(row["last_dues_on"], day)
    row["last_reached_on"] = later(row["last_reached_on"], day)


def _review(row: Row, year: int | None, grade: str | None) -> None:
    if year and grade and year > (row["review_year"] or 0):
        row.update(review_year=year, review_grade=grade)


def _probation(row: Row, e: ProbationDecided) -> None:
    if e.outcome == ProbationOutcome.ON_TIME:
        row["standing"] = "full"
    elif e.outcome == ProbationOutcome.EXTENDED:
        row["extension_months"] = e.extension_months or 0
    else:
        row.update(ended="probation_cancelled", ended_on=iso(e.effective_on))


def _legacy(row: Row, e: LegacySummaryRecorded) -> None:
    row["paid_through"] = later(row["paid_through"], e.paid_through)
    _review(row, e.review_year, e.review_grade)
    day = iso(e.last_contact_on)
    known = row["last_contact_on"]
    if day and (known is None or day > known or (day == known and e.last_contact_by)):  # a tie: only if it says who
        row.update(last_contact_on=day, last_contact_by=e.last_contact_by or ContactInitiator.UNRECORDED.value)


def _receipt(row: Row, e: TransferReceived) -> None:
    """Out of the county the membership ends; within it, the `MovedToBranch` after it moves the row."""
    row["receipt_on"] = iso(e.effective_on)
    if not row["letter_to_id"]:
        row.update(ended="transferred_out", ended_on=iso(e.effective_on))


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
    TransferLetterIssued: lambda row, e: row.update(
        letter_on=iso(e.effective_on), letter_to=e.to_org_name, letter_days=e.validity_days, receipt_on=None,
        letter_number=e.letter_number, letter_to_id=str(e.to_org_id) if e.to_org_id else None),
    TransferReceived: _receipt,
    Returned: lambda row, e: row.update(returned_on=iso(e.effective_on)),
    MovedToBranch: lambda row, e: row.update(branch_id=str(e.branch_id)),  # and its township: below
    MembershipEnded: lambda row, e: row.update(ended=e.reason, ended_on=iso(e.effective_on)),
    LegacySummaryRecorded: _legacy,
    CertificateHeld: lambda row, e: _holds(row, e.number),
    LegacyCertificateHeld: lambda row, e: _holds(row, e.number),
    CertificateReleased: lambda row, e: row.update(certificates="\n".join(
        n for n in (row["certificates"] or "").split("\n") if n and n != e.number)),
}


def _decided(reason: str) -> Callable[[Row, Any], None]:
    """An approved stop or removal ends the membership; a refusal changes nothing."""
    return lambda row, e: row.update(ended=reason, ended_on=iso(e.effective_on)) if e.approved else None


# A liaison, and stopping, removing and restoring membership (domain.membership_state).
REDUCERS.update({
    LiaisonAssigned: lambda row, e: row.update(liaison=e.name, liaison_org=str(e.org_id)),
    MembershipStopDecided: _decided(EndReason.STOPPED.value),
    RemovalDecided: _decided(EndReason.REMOVED.value),
    RestorationDecided: lambda row, e: row.update(ended=None, ended_on=None) if e.approved else None,
    **dict.fromkeys((MembershipStopProposed, RemovalProposed, RestorationRequested, RestorationResolved),
                    lambda row, e: None),  # waiting for a decision: nothing the register shows yet
})


def _home(row: Row, day: str | None, back: str | None, seen_on: str) -> None:
    """Home for a while (临时返乡) from `day` until `back`, or gone back (both None)."""
    row.update(home_since=day, expected_back_on=back)
    row["last_reached_on"] = later(row["last_reached_on"], seen_on)


# Planned departures and short returns home (domain.member_trips).
REDUCERS.update({
    DeparturePlanned: _departed,
    DepartureCancelled: lambda row, e: row.update(dict.fromkeys((*ABSENCE, "departed_on"))),
    TemporarilyReturned: lambda row, e: _home(row, iso(e.effective_on), iso(e.expected_back_on),
                                              iso(e.effective_on)),
    WentBack: lambda row, e: _home(row, None, None, iso(e.effective_on)),
})


def ignore(row: Row, event: LedgerEvent) -> None:
    """Events that change nothing the register shows."""
