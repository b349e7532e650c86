"""口袋党员 and 逾期未报到 as a plain fold of the domain's aggregates: the
oracle tests/projections/test_flags.py compares the flags with. Written
here on purpose, from the definitions in docs/figures.md, and importing
nothing from `projections/`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from uuid import UUID

from domain.certificate import Certificate, Checked
from domain.fields import add_months
from domain.ids import certificate_id
from domain.ledger import Ledger
from domain.member import Member
from domain.policy import DEFAULT_POLICY, Policy
from domain.vocab import MemberStatus

__all__ = ["edges", "unreported_flags"]

AWAY = (MemberStatus.AWAY, MemberStatus.REPORTED_IN, MemberStatus.LOST_CONTACT, MemberStatus.TEMPORARY_RETURN)


def unreported_flags(ledger: Ledger, members: Iterable[UUID], day: date,
                     policy: Policy = DEFAULT_POLICY) -> set[tuple[str, str]]:
    """(kind, member id) of every member away on `day` who has not reported in
    more than `report_in_due_days` after leaving (and, holding a certificate, after its issue)."""
    found: set[tuple[str, str]] = set()
    allowed = timedelta(days=policy.report_in_due_days)
    for member_id in set(members):
        member = ledger.load(Member, member_id)
        if member is None or member.ended or member.status_on(day) not in AWAY:
            continue
        absence = member.absences[-1]
        if absence.reported_in_org is not None:
            continue
        issued = _held_since(ledger, member, day, policy)
        if issued is not None and day > max(absence.departed_on, issued) + allowed:
            found.add(("pocket_member", str(member_id)))
        elif issued is None and day > absence.departed_on + allowed:
            found.add(("report_in_overdue", str(member_id)))
    return found


def edges(ledger: Ledger, members: Iterable[UUID], policy: Policy = DEFAULT_POLICY) -> set[date]:
    """The days around which these flags may start or stop with no event: the last
    day to report in (from departure or issue) and the last day a certificate is
    current, each with the day after."""
    found: set[date] = set()
    allowed = timedelta(days=policy.report_in_due_days)
    for member_id in set(members):
        member = ledger.load(Member, member_id)
        if member is None or not member.absences:
            continue
        last_days = [member.absences[-1].departed_on + allowed]
        if member.certificates:
            issued, due = _issue_and_due(ledger, member.certificates[0], policy)
            last_days += [issued + allowed, due + timedelta(days=policy.certificate_check_grace_days)]
        found |= {d + timedelta(days=k) for d in last_days for k in (0, 1)}
    return found


def _issue_and_due(ledger: Ledger, number: str, policy: Policy) -> tuple[date, date]:
    """A certificate's issue day and the day its next yearly check is due."""
    certificate = ledger.load(Certificate, certificate_id(number))
    assert certificate is not None and certificate.issued_on is not None
    checks = [f.effective_on for f in certificate.facts if isinstance(f, Checked)]
    return certificate.issued_on, add_months(max(checks) if checks else certificate.issued_on,
                                             policy.certificate_check_months)


def _held_since(ledger: Ledger, member: Member, day: date, policy: Policy) -> date | None:
    """The issue day of the member's certificate in force, if it counts as held on `day`:
    its yearly check not overdue past the grace, or the policy's switch off."""
    if not member.certificates:
        return None
    issued, due = _issue_and_due(ledger, member.certificates[0], policy)
    current = day <= due + timedelta(days=policy.certificate_check_grace_days)
    return issued if current or not policy.holding_requires_current_check else None
