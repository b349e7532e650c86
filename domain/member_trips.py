"""Planned departures (外出前报告) and short returns home (临时返乡) in a
member's model: the commands (`TripCommands`, a base of `domain.member.Member`)
and the state with its transition rules (`TripState`, a base of
`domain.member_state.MemberState`, whose `when` passes these events on here).

A departure reported ahead is a time away from its planned day: before it the
member is at home (`status_on` says 计划外出), nothing of a time away may be
recorded, and the plan may be cancelled. A member home for a while is still
away (the certificate stays with them) until they go back or return for good.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import singledispatchmethod
from typing import Any

from domain import rules
from domain.base import Ctx, LedgerEvent
from domain.fields import check_text
from domain.member_events import Departed
from domain.member_periods import Absence
from domain.member_trip_events import DepartureCancelled, DeparturePlanned, TemporarilyReturned, WentBack
from domain.policy import Policy
from domain.vocab import MemberStatus

__all__ = ["TripCommands", "TripState"]


class TripCommands:
    """Commands of `domain.member.Member` for planned departures and short returns."""

    # Of `domain.member.Member` and its base `domain.base.LedgerAggregate`.
    _record: Callable[..., None]
    _departure_details: Callable[..., dict[str, Any]]

    def plan_departure(self, ctx: Ctx, policy: Policy, planned_on: date, **details: Any) -> None:
        """外出前报告: recorded today, away from `planned_on` (after today, within the policy's days)."""
        if (planned_on - ctx.effective_on).days > policy.planned_departure_max_days:
            raise rules.PLANNED_TOO_FAR.refuse(field="planned_on", limit=policy.planned_departure_max_days)
        self._record(DeparturePlanned, ctx, planned_on=planned_on, **self._departure_details(**details))

    def cancel_planned_departure(self, ctx: Ctx, reason: str = "") -> None:
        self._record(DepartureCancelled, ctx, reason=check_text("reason", "取消原因", reason, 200, False))

    def return_for_a_while(self, ctx: Ctx, policy: Policy, expected_back_on: date, reason: str = "") -> None:
        """临时返乡 until `expected_back_on` (within the policy's days)."""
        if (expected_back_on - ctx.effective_on).days > policy.temporary_return_max_days:
            raise rules.BACK_TOO_FAR.refuse(field="expected_back_on", limit=policy.temporary_return_max_days)
        self._record(TemporarilyReturned, ctx, expected_back_on=expected_back_on,
                     reason=check_text("reason", "返乡事由", reason, 100, False))

    def go_back(self, ctx: Ctx) -> None:
        self._record(WentBack, ctx)


class TripState:
    """What the state knows of planned departures and short returns, and their rules."""

    # Kept by `domain.member_state.MemberState`, which this class is a base of.
    absences: tuple[Absence, ...]
    absence: Absence | None
    status: MemberStatus
    changed_on: date | None
    _check_in_register: Callable[[date], None]
    _replace_absence: Callable[..., None]
    _reached: Callable[[date], None]

    def __init__(self) -> None:
        super().__init__()
        # The last departure recorded was a plan, cancelled: the register row shows no time away.
        self.plan_cancelled_on: date | None = None

    def status_on(self, day: date) -> MemberStatus:
        """The status on `day`: `status`, but 计划外出 before a planned departure's day."""
        status, away = self.status, self.absence
        if status == MemberStatus.AWAY and away is not None and away.planned and away.departed_on > day:
            return MemberStatus.PLANNED
        return status

    def _check_departure(self, e: Departed) -> None:
        """A departure, live or planned, fits when no time away is open or planned."""
        away = self.absence
        if away is not None:
            if away.departed_on > e.effective_on:
                raise rules.DEPARTURE_PLANNED.refuse(date=away.departed_on)
            raise rules.ALREADY_AWAY.refuse()
        if isinstance(e, DeparturePlanned) and e.planned_on <= e.effective_on:
            raise rules.PLANNED_AFTER.refuse(field="planned_on", date=e.effective_on)

    @staticmethod
    def _check_begun(away: Absence, day: date, action: str) -> None:
        """A planned time away has not begun before its day: nothing of it may be recorded yet."""
        if away.departed_on > day:
            raise rules.NOT_YET_DEPARTED.refuse(field="effective_on", date=away.departed_on, action=action)

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)  # type: ignore[misc]

    @when.register
    def _cancelled(self, e: DepartureCancelled) -> None:
        self._check_in_register(e.effective_on)
        away = self.absence
        if away is None or away.departed_on <= e.effective_on:
            raise rules.NO_PLANNED_DEPARTURE.refuse()
        self.absences = self.absences[:-1]
        self.plan_cancelled_on = self.changed_on = e.effective_on

    @when.register
    def _home_for_a_while(self, e: TemporarilyReturned) -> None:
        self._check_in_register(e.effective_on)
        away = self.absence
        if away is None:
            raise rules.NOT_AWAY_ON.refuse(field="effective_on", date=e.effective_on.isoformat(), action="临时返乡")
        self._check_begun(away, e.effective_on, "临时返乡")
        if away.home_since is not None:
            raise rules.ALREADY_HOME.refuse(date=away.home_since)
        if e.expected_back_on <= e.effective_on:
            raise rules.BACK_AFTER.refuse(field="expected_back_on", date=e.effective_on)
        self._replace_absence(away, home_since=e.effective_on, expected_back_on=e.expected_back_on)
        self.changed_on = e.effective_on
        self._reached(e.effective_on)  # seen at home: not lost

    @when.register
    def _went_back(self, e: WentBack) -> None:
        self._check_in_register(e.effective_on)
        away = self.absence
        if away is None or away.home_since is None:
            raise rules.NOT_HOME.refuse()
        self._replace_absence(away, home_since=None, expected_back_on=None)
        self.changed_on = e.effective_on
        self._reached(e.effective_on)
