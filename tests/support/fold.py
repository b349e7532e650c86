"""The views as a plain fold of the domain's aggregates: the oracle the
property tests compare the projections with. Written here on purpose, and
importing nothing from `projections/`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.base import Corrected, LedgerEvent, Voided
from domain.certificate import Certificate
from domain.ledger import Ledger
from domain.member import Member
from domain.member_events import Registered
from domain.organisation import Organisation

__all__ = ["fold_register_on", "fold_views"]


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _member_row(ledger: Ledger, member: Member, day: Any = None) -> dict[str, Any]:
    """A member's row; with `day`, the status on that day (a departure reported ahead is away from its day)."""
    absence = member.absences[-1] if member.absences and not member.plan_cancelled_on else None
    status = str(member.status_on(day) if day else member.status)
    since = {"at_home": member.registered_on, "planned": None, "away": absence and absence.departed_on,
             "temporary_return": absence and absence.home_since,
             "reported_in": absence and absence.reported_in_on, "lost_contact": member.lost_on,
             "returned": absence and absence.returned_on, "ended": member.ended_on}[status]
    branch = ledger.repository.get(member.branch_id)
    return {
        "member_id": str(member.id), "version": member.version, "name": member.name, "status": status,
        "since": _day(since), "branch_id": str(member.branch_id), "township_id": str(branch.parent_id),
        "departed_on": _day(absence and absence.departed_on),
        "city": absence.city if absence else None,
        "reported_in_org": str(absence.reported_in_org) if absence and absence.reported_in_org else None,
        "returned_on": _day(absence and absence.returned_on),
        "certificate_number": member.certificates[0] if member.certificates else None,
        "valid_certificates": len(member.certificates), "paid_through": member.paid_through,
        "last_contact_on": _day(member.last_contact_on), "last_contact_by": member.last_contact_by,
        "last_activity_on": _day(member.last_activity_on),
        "lost_on": _day(member.lost_on), "id_tail": member.id_number[-4:],
        "review_year": max(member.reviews) if member.reviews else None,
        "ended": str(member.ended) if member.ended else None,
        "liaison": member.liaison.name if member.liaison else None,
    }


def _certificate_row(cert: Certificate) -> dict[str, Any]:
    return {"number": cert.number, "member_id": str(cert.member_id) if cert.member_id else None,
            "state": str(cert.state), "issued_by": cert.issued_by or None,
            "approver_id": cert.approver_id,
            "checked_years": ",".join(str(y) for y in sorted(cert.checked_years)),
            "replaced_by": cert.replaced_by, "version": cert.version}


def fold_views(ledger: Ledger) -> dict[str, list[dict[str, Any]]]:
    """Register, certificate and audit rows, computed from the aggregates."""
    members, certificates = [], []
    events: list[tuple[int, LedgerEvent]] = [
        (n.id, ledger.mapper.to_domain_event(n)) for n in ledger.recorder.select_notifications(1, 1_000_000)]
    for aggregate_id in dict.fromkeys(e.originator_id for _, e in events):
        aggregate = ledger.repository.get(aggregate_id)
        if isinstance(aggregate, Member) and not aggregate.is_void:
            members.append(_member_row(ledger, aggregate))
        elif isinstance(aggregate, Certificate):
            certificates.append(_certificate_row(aggregate))
    audit = {p: {"position": p, "topic": type(e).TOPIC, "subject_id": str(e.originator_id),
                 "actor": e.actor, "corrected_by": None, "voided_by": None} for p, e in events}
    for position, event in events:
        if isinstance(event, Corrected):
            audit[event.target_position]["corrected_by"] = position
        elif isinstance(event, Voided):
            audit[event.target_position]["voided_by"] = position
    return {"register": sorted(members, key=lambda r: r["member_id"]),
            "certificates": sorted(certificates, key=lambda r: r["number"]),
            "audit": [audit[p] for p in sorted(audit)]}


def township(ledger: Ledger, branch_id: UUID) -> UUID | None:
    return ledger.load(Organisation, branch_id).parent_id


def fold_register_on(ledger: Ledger, position: int, day: Any) -> list[dict[str, Any]]:
    """Register rows as the log up to `position` says they stood on `day`:
    each member folded from its events in that prefix, then taken as of the day."""
    members: dict[UUID, Any] = {}
    for note in ledger.recorder.select_notifications(1, 1_000_000, stop=position):
        event = ledger.mapper.to_domain_event(note)
        if event.originator_id in members or isinstance(event, Registered):
            members[event.originator_id] = event.mutate(members.get(event.originator_id))
    rows = []
    for member in members.values():
        state = member.as_of(day)
        if state is not None:
            rows.append(_member_row(ledger, state, day))
    return sorted(rows, key=lambda r: r["member_id"])
