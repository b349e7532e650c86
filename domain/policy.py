"""Thresholds that sources disagree on, and the dues table, as data.

A `Policy` is immutable. The county records changes with `PolicyChanged`
events; rules judge a command by the policy in force on its `effective_on`.
No clock and no I/O here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from domain import rules
from domain.vocab import DuesBasis

__all__ = ["Policy", "DEFAULT_POLICY"]

Brackets = tuple[tuple[int | None, int], ...]  # (upper bound in fen or None, basis points)


@dataclass(frozen=True)
class Policy:
    certificate_min_months_away: int = 6
    certificate_check_months: int = 12
    back_pay_months: int = 6
    prepay_months: int = 2
    lost_contact_months: int = 6
    dues_gap_months: int = 6
    inactivity_months: int = 6
    letter_validity_days: int = 90
    receipt_due_days: int = 30
    probation_months: int = 12
    extension_min_months: int = 6
    extension_max_months: int = 12
    # 中组发〔2008〕3号: after-tax monthly income, upper bounds inclusive.
    wage_brackets: Brackets = ((300000, 50), (500000, 100), (1000000, 150), (None, 200))
    retiree_brackets: Brackets = ((500000, 50), (None, 100))
    farmer_fen: tuple[int, int] = (20, 100)
    minimal_fen: tuple[int, int] = (20, 20)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe form, as stored in events."""
        return _jsonable(asdict(self))

    def with_changes(self, changes: dict[str, Any]) -> Policy:
        """A new policy; refuses unknown keys and values out of range."""
        known = {f.name: f for f in fields(self)}
        values: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in known:
                raise rules.POLICY_KEY.refuse(field=key, key=key)
            values[key] = _coerce(key, value, getattr(self, key))
        changed = replace(self, **values)
        changed._check()
        return changed

    def _check(self) -> None:
        if self.extension_min_months > self.extension_max_months:
            raise rules.POLICY_VALUE.refuse(
                field="extension_min_months", key="extension_min_months",
                reason="不能大于 extension_max_months")
        for key in ("farmer_fen", "minimal_fen"):
            low, high = getattr(self, key)
            if low > high:
                raise rules.POLICY_VALUE.refuse(field=key, key=key, reason="下限大于上限")

    def monthly_dues_fen(self, basis: DuesBasis, income_fen: int | None) -> tuple[int, int]:
        """The lowest and highest monthly dues (fen) the table allows."""
        if basis == DuesBasis.FARMER:
            return self.farmer_fen
        if basis == DuesBasis.MINIMAL:
            return self.minimal_fen
        brackets = self.wage_brackets if basis == DuesBasis.WAGE else self.retiree_brackets
        income = income_fen or 0
        for upper, basis_points in brackets:
            if upper is None or income <= upper:
                due = (income * basis_points + 5000) // 10000
                return due, due
        raise AssertionError("brackets end with an open bracket")  # checked by _coerce


DEFAULT_POLICY = Policy()


def _jsonable(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _coerce(key: str, value: Any, current: Any) -> Any:
    """Turns a JSON value into the field's type, refusing what does not fit."""
    def bad(reason: str) -> Exception:
        return rules.POLICY_VALUE.refuse(field=key, key=key, reason=reason)

    if isinstance(current, int):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 3650:
            raise bad("应为1至3650之间的整数")
        return value
    if key.endswith("_brackets"):
        try:
            brackets = tuple((None if u is None else int(u), int(bp)) for u, bp in value)
        except (TypeError, ValueError):
            raise bad("应为[[上限（分）或null, 万分比], ...]") from None
        uppers = [u for u, _ in brackets[:-1]]
        if not brackets or brackets[-1][0] is not None or None in uppers or uppers != sorted(uppers):
            raise bad("上限应递增，且最后一档上限为null")
        return brackets
    try:
        low, high = (int(v) for v in value)
    except (TypeError, ValueError):
        raise bad("应为[下限（分）, 上限（分）]") from None
    return low, high


def policy_from_dict(data: dict[str, Any]) -> Policy:
    """The policy stored in an event (all keys present)."""
    return DEFAULT_POLICY.with_changes(data)
