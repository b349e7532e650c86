"""The demo county's activity records (活动记录) for its last year: each station
and point holds its quarterly theme activity (季度主题活动), but some quarters are
missed (so `no_quarterly_activity` shows); some add a 三服务 or 夜校 session.

Attendees are only people the plan knows to be there on the day: the inflow
members (流入党员) present in the township then (`demo.inflow`, planned again: it
is cheap and deterministic). The county's own members are not listed: where each
one is on a day (at home, away, lost, reported in to a mobile branch) is decided
by their stories (`demo.stories`), which a plan of extras cannot see (it is given
no scale), and listing one away would "reach" them (ending a lost contact). For
the same reason the mobile branches, which may list only members reported in to
them, record none here (they show in `no_quarterly_activity`). A station whose
township has no inflow member present on the day lets that activity pass.
Deterministic from the seed."""

from __future__ import annotations

import random
from datetime import date, timedelta
from uuid import UUID

from demo.inflow import plan_inflow
from demo.member_plan import DatedCommand
from demo.setup import Directory, Township, demo_id
from domain.commands import EstablishOrganisation, RecordInflowLeaving, RecordOrgActivity, RegisterInflowMember

__all__ = ["MISSED", "plan_activities"]

MISSED = 0.12  # the share of quarters a station or point lets pass without its activity
TOPICS = {
    "quarterly_theme": ("服务党委中心任务：乡村振兴政策宣讲", "服务流动党员：返乡创业座谈", "服务群众：结对帮扶走访"),
    "three_services": ("三服务：就业信息发布会", "三服务：法律维权咨询", "三服务：困难党员慰问"),
    "night_school": ("夜校：党章党规学习", "夜校：实用技术培训", "夜校：安全生产知识"),
}


def plan_activities(directory: Directory, start: date, end: date, seed: int) -> list[DatedCommand]:
    """A year of activities, each recorded on the day it was held."""
    r = random.Random(f"activities:{seed}")
    inflow = _inflow(directory, start, end, seed)
    units = _units(directory)
    steps: list[DatedCommand] = []
    first = _quarter_start(end - timedelta(days=365))
    for org, name, township, actor in units:
        quarter = first
        while quarter <= end:
            last = min(_quarter_start(quarter + timedelta(days=100)) - timedelta(days=1), end)
            kinds = [] if r.random() < MISSED else ["quarterly_theme"]
            if r.random() < 0.4:
                kinds.append(r.choice(("three_services", "night_school")))
            for kind in kinds:
                day = quarter + timedelta(days=r.randint(0, (last - quarter).days))
                step = _activity(r, org, name, township, actor, kind, day, inflow)
                if step is not None:
                    steps.append(step)
            quarter = last + timedelta(days=1)
    return steps


def _activity(r: random.Random, org: UUID, name: str, township: Township, actor: UUID, kind: str, day: date,
              inflow: list[tuple[str, UUID, date, date | None, str]]) -> DatedCommand | None:
    """One activity with some of the inflow members present in the township that day (None: nobody)."""
    present = [n for n, _, arrived, left, place in inflow if place == township.name and arrived <= day
               and (left is None or left > day)]
    guests = r.sample(present, min(len(present), r.randint(2, 8)))
    if not guests:
        return None
    return DatedCommand(day, actor, RecordOrgActivity(
        org_id=org, kind=kind, topic=r.choice(TOPICS[kind]), place=f"{name.removesuffix('流动党员服务站')}便民服务中心",
        organiser=r.choice(("支部书记", "站长", "组织委员")), inflow_id_numbers=tuple(guests), effective_on=day))


def _units(directory: Directory) -> list[tuple[UUID, str, Township, UUID]]:
    """(org, name, township, who records) of every station and point, as `demo.setup` named them."""
    found: list[tuple[UUID, str, Township, UUID]] = []
    for _, command in directory.commands:
        if not isinstance(command, EstablishOrganisation) or command.kind not in ("station", "point"):
            continue
        town = next(t for t in directory.townships if command.name.startswith(t.name))
        found.append((command.org_id, command.name, town, demo_id(f"officer:{town.name}服务站站长")))
    return found


def _inflow(directory: Directory, start: date, end: date, seed: int) -> list[tuple[str, UUID, date, date | None, str]]:
    """(ID number, org, arrived, left, township) of each inflow member taken in by a township's branch."""
    branches = {b: t.name for t in directory.townships for b, _ in t.branches}
    arrived: dict[str, tuple[UUID, date]] = {}
    left: dict[str, date] = {}
    for step in plan_inflow(directory, start, end, seed):
        command = step.command
        if isinstance(command, RegisterInflowMember):
            arrived[command.id_number] = (command.org_id, command.effective_on)  # type: ignore[assignment]
        elif isinstance(command, RecordInflowLeaving) and command.id_number:
            left[command.id_number] = command.effective_on  # type: ignore[assignment]
    return [(n, org, day, left.get(n), branches[org]) for n, (org, day) in arrived.items() if org in branches]


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
