"""The demo's planned departures (外出前报告) and short returns home (农忙、春节
回家), as dated commands of a member's plan, none of them changing a figure on
the demo's end date:

- a quarter of the departures are reported one to three weeks ahead: the time
  away starts on the same day as before;
- members at home (`PLANNED` of them at full size) report in the last weeks a
  departure planned for after the end date: at home on it, 计划外出; a few
  more (`CANCELLED`) planned one and cancelled it before its day;
- members holding a certificate away, reported in and not lost come home for
  春节 now and then and go back; a few came home for the autumn harvest (秋收)
  in the last weeks and are still home on the end date, some past the day they
  meant to go back (flag `temporary_return_overdue`). Home for a while they
  count as away, as before.

Every draw comes from a random source of the member's own, so the rest of the
county is drawn as before."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from demo.member_plan import MemberPlan
from domain.commands import CancelPlannedDeparture, PlanDeparture, RecordGoingBack, RecordTemporaryReturn

__all__ = ["CANCELLED", "PLANNED", "STORIES", "reported_ahead", "short_returns", "with_plans"]

PLANNED = 20  # at full size; none in a county scaled below 1 in 40 (see docs/figures.md)
CANCELLED = 8  # at full size; at least one at any scale
AHEAD_SHARE = 0.25  # of departures, reported one to three weeks before the day
SPRING_HOME = 0.12  # of holders away, each 春节, home for it
HARVEST_HOME = 0.02  # of holders away, home for the autumn harvest at the end
SPRING_FESTIVALS = (date(2022, 2, 1), date(2023, 1, 22), date(2024, 2, 10), date(2025, 1, 29), date(2026, 2, 17))


def _random(m: MemberPlan, what: str) -> random.Random:
    return random.Random(f"{what}:{m.index}:{m.id_number}")


def with_plans(kinds: list[str], members: int) -> list[str]:
    """The members' kinds, some of those at home turned into planners (before the shuffle:
    the shuffle depends on the list's length only, so every other member keeps their kind)."""
    planned = round(PLANNED * members / 19641)
    cancelled = max(round(CANCELLED * members / 19641), 1)
    first = kinds.index("home")
    found = kinds[:first] + ["planned"] * planned + ["cancelled"] * cancelled
    return found + kinds[len(found):]


def reported_ahead(m: MemberPlan, departed: date) -> int:
    """Days before `departed` the departure is reported: 0 for most."""
    r = _random(m, "ahead")
    return r.randint(7, 20) if r.random() < AHEAD_SHARE else 0


def _departure(m: MemberPlan, r: random.Random, reported: date, planned: date) -> None:
    province, city, *_ = r.choice(m.directory.destinations)
    m.add(reported, m.secretary, PlanDeparture(
        member_id=m.id, reason=r.choice(("外出务工", "外出经商")), province=province, city=city,
        industry=r.choice(("construction", "catering", "services")), expected_months=r.randint(2, 5),
        contact_phone=f"13{r.randint(0, 999_999_999):09d}", effective_on=reported, planned_on=planned))


def planned(m: MemberPlan) -> None:
    """At home; in the last three weeks reported leaving on a day after the end."""
    m.enrol(probationary=m.r.random() < 0.03)  # as `demo.stories._home` draws it
    r = _random(m, "planned")
    reported = m.end - timedelta(days=r.randint(0, 20))
    _departure(m, r, reported, m.end + timedelta(days=r.randint(10, 60)))


def cancelled(m: MemberPlan) -> None:
    """At home; planned to leave in the last months, and cancelled it before the day."""
    m.enrol(probationary=m.r.random() < 0.03)
    r = _random(m, "planned")
    reported = m.end - timedelta(days=r.randint(45, 90))
    day = reported + timedelta(days=r.randint(20, 40))
    _departure(m, r, reported, day)
    off = day - timedelta(days=r.randint(1, 10))
    m.add(off, m.secretary, CancelPlannedDeparture(member_id=m.id, reason=r.choice(
        ("家中老人生病，暂不外出", "已在本县找到工作", "务工单位推迟开工")), effective_on=off))


def short_returns(m: MemberPlan, reported: date) -> None:
    """Home for 春节 (and back) some years after reporting in; perhaps home for the autumn
    harvest at the end, expected back a month later."""
    r = _random(m, "short")
    for festival in SPRING_FESTIVALS:
        home = festival - timedelta(days=r.randint(3, 12))
        back = festival + timedelta(days=r.randint(8, 25))
        if r.random() < SPRING_HOME and reported < home and back < m.end:
            expected = festival + timedelta(days=r.randint(10, 20))
            _home(m, home, expected, "春节回家过年")
            m.add(back, m.secretary, RecordGoingBack(member_id=m.id, effective_on=back))
    home = m.end - timedelta(days=r.randint(5, 45))
    if r.random() < HARVEST_HOME and reported < home:
        _home(m, home, home + timedelta(days=r.randint(20, 40)), "秋收农忙回家")


def _home(m: MemberPlan, day: date, expected: date, reason: str) -> None:
    m.add(day, m.secretary, RecordTemporaryReturn(member_id=m.id, expected_back_on=expected, reason=reason,
                                                  effective_on=day))


STORIES: dict[str, Callable[[MemberPlan], None]] = {"planned": planned, "cancelled": cancelled}
