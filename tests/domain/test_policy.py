"""Policy as data: defaults, changes, the dues table (no store involved)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import rules
from domain.errors import InvalidInput
from domain.policy import DEFAULT_POLICY, policy_from_dict
from domain.vocab import DuesBasis


def test_a_policy_survives_its_stored_form() -> None:
    changed = DEFAULT_POLICY.with_changes({"back_pay_months": 3, "farmer_fen": [50, 100]})
    assert policy_from_dict(changed.to_dict()) == changed
    assert changed.back_pay_months == 3 and changed.farmer_fen == (50, 100)


@pytest.mark.parametrize(("income_yuan", "monthly_fen"), [
    (3000, 1500), (3000.01, 3000), (5000, 5000), (10000, 15000), (10000.01, 20000), (0, 0),
])
def test_wage_brackets_have_inclusive_upper_bounds(income_yuan: float, monthly_fen: int) -> None:
    low, high = DEFAULT_POLICY.monthly_dues_fen(DuesBasis.WAGE, round(income_yuan * 100))
    assert low == high == monthly_fen


def test_retirees_farmers_and_minimal_rates() -> None:
    assert DEFAULT_POLICY.monthly_dues_fen(DuesBasis.RETIREE, 500000) == (2500, 2500)
    assert DEFAULT_POLICY.monthly_dues_fen(DuesBasis.RETIREE, 500001) == (5000, 5000)
    assert DEFAULT_POLICY.monthly_dues_fen(DuesBasis.FARMER, None) == (20, 100)
    assert DEFAULT_POLICY.monthly_dues_fen(DuesBasis.MINIMAL, None) == (20, 20)


@given(st.integers(0, 10_000_000))
def test_dues_never_fall_as_income_rises(income: int) -> None:
    assert (DEFAULT_POLICY.monthly_dues_fen(DuesBasis.WAGE, income)
            <= DEFAULT_POLICY.monthly_dues_fen(DuesBasis.WAGE, income + 100))


@pytest.mark.parametrize("changes", [
    {"probation_months": 0}, {"probation_months": True}, {"extension_min_months": 13},
    {"wage_brackets": [[500000, 50], [300000, 100], [None, 200]]}, {"farmer_fen": [100, 20]},
    {"minimal_fen": "20"},
])
def test_bad_values_are_refused(changes: dict) -> None:
    with pytest.raises(InvalidInput) as caught:
        DEFAULT_POLICY.with_changes(changes)
    assert caught.value.code == rules.POLICY_VALUE.code
