"""Policy as data: defaults, changes, the dues table (no store involved)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import rules
from domain.errors import InvalidInput
from domain.policy import DEFAULT_POLICY, KEYS, policy_from_dict
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


def test_zero_and_switches_are_held_where_a_key_allows_them() -> None:
    changed = DEFAULT_POLICY.with_changes({"prepay_months": 0, "certificate_check_grace_days": 0,
                                           "holding_requires_current_check": False})
    assert (changed.prepay_months, changed.certificate_check_grace_days) == (0, 0)
    assert changed.holding_requires_current_check is False
    assert policy_from_dict(changed.to_dict()) == changed
    for bad in ({"holding_requires_current_check": 1}, {"review_due_month": 13}, {"contact_recent_months": 0}):
        with pytest.raises(InvalidInput):
            DEFAULT_POLICY.with_changes(bad)


def test_every_scalar_key_is_in_the_figures_page_with_its_unit_default_and_source() -> None:
    page = (Path(__file__).parents[2] / "docs" / "figures.md").read_text(encoding="utf-8")
    scalars = {f.name for f in fields(DEFAULT_POLICY) if isinstance(getattr(DEFAULT_POLICY, f.name), int)}
    assert scalars == set(KEYS)
    for name, key in KEYS.items():
        default = str(getattr(DEFAULT_POLICY, name)).lower()
        assert f"| `{name}` | {key.unit} | {default} |" in page, name
        assert key.source in page, name
