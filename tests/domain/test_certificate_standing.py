"""A certificate's standing on a day, by the policy: current until its check is
due plus the grace, lapsed from the day after; a check starts the year again."""

from __future__ import annotations

from datetime import date

import pytest

from domain.certificate_standing import check_due, counts_as_held, standing_on
from domain.policy import DEFAULT_POLICY
from domain.vocab import CertificateStanding

CURRENT, LAPSED = CertificateStanding.CURRENT, CertificateStanding.LAPSED
ISSUED = date(2025, 1, 31)


@pytest.mark.parametrize(("day", "checked", "grace", "expected"), [
    (date(2026, 1, 31), None, 0, CURRENT),  # due the day a year later (a month's end stays a month's end)
    (date(2026, 2, 1), None, 0, LAPSED),
    (date(2026, 3, 2), None, 30, CURRENT),  # 30 days of grace after 2026-01-31
    (date(2026, 3, 3), None, 30, LAPSED),
    (date(2026, 6, 1), date(2025, 12, 20), 0, CURRENT),  # a check in December: due 2026-12-20
    (date(2026, 12, 21), date(2025, 12, 20), 0, LAPSED),
])
def test_a_certificate_is_current_until_its_check_is_due_plus_the_grace(
        day: date, checked: date | None, grace: int, expected: CertificateStanding) -> None:
    policy = DEFAULT_POLICY.with_changes({"certificate_check_grace_days": grace}) if grace != 30 else DEFAULT_POLICY
    assert standing_on(day, ISSUED, checked, policy) is expected


def test_the_check_falls_due_the_policys_months_after_the_issue_or_the_last_check() -> None:
    assert check_due(ISSUED, None, DEFAULT_POLICY) == date(2026, 1, 31)
    six = DEFAULT_POLICY.with_changes({"certificate_check_months": 6})
    assert check_due(ISSUED, date(2025, 5, 10), six) == date(2025, 11, 10)


def test_holding_needs_a_current_certificate_unless_the_switch_is_off() -> None:
    off = DEFAULT_POLICY.with_changes({"holding_requires_current_check": False})
    assert counts_as_held(CURRENT, DEFAULT_POLICY) and not counts_as_held(LAPSED, DEFAULT_POLICY)
    assert counts_as_held(LAPSED, off) and not counts_as_held(None, off)
