"""A certificate's standing on a day, and whether it counts as held.

*In force* (有效): issued on or before the day, and by then not reported lost,
replaced, handed back or voided; a member has at most one. *Current* (已年审):
in force, and its yearly check (年审) not overdue: a check is due
`certificate_check_months` after the issue or the last check, and the
certificate stays current `certificate_check_grace_days` after that. Which of
the two counts as holding (持有效活动证) is the policy switch
`holding_requires_current_check` (docs/figures.md). Pure: days are given.
"""

from __future__ import annotations

from datetime import date, timedelta

from domain.fields import add_months
from domain.policy import Policy
from domain.vocab import CertificateStanding

__all__ = ["check_due", "counts_as_held", "standing_on"]


def check_due(issued_on: date, last_checked_on: date | None, policy: Policy) -> date:
    """The day the next yearly check is due (after the issue, or the last check)."""
    return add_months(last_checked_on or issued_on, policy.certificate_check_months)


def standing_on(day: date, issued_on: date, last_checked_on: date | None, policy: Policy) -> CertificateStanding:
    """Current until the due day plus the grace; lapsed from the day after."""
    lapses = check_due(issued_on, last_checked_on, policy) + timedelta(days=policy.certificate_check_grace_days)
    return CertificateStanding.CURRENT if day <= lapses else CertificateStanding.LAPSED


def counts_as_held(standing: CertificateStanding | None, policy: Policy) -> bool:
    """Whether a member with a certificate in force of this standing holds one (持有效活动证)."""
    if standing is None:  # no certificate in force
        return False
    return standing is CertificateStanding.CURRENT or not policy.holding_requires_current_check
