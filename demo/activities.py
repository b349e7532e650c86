"""The demo county's activity records (活动记录) for its last year: each station,
point and mobile branch holds its quarterly theme activity (季度主题活动), but some
quarters are missed (so `no_quarterly_activity` shows); stations add a few 三服务
and 夜校 sessions. Attendees are members of the township (the demo's first
members, by ID number, as a sign-in sheet has them: `demo.member_plan.MemberPlan`
gives the numbers the stories register, all of them in the register through the
last year) and inflow members present in it (`demo.inflow`). A mobile branch's
sheet is entered by the county admin (the service centre), its attendees drawn
from the same members. Deterministic from the seed."""

from __future__ import annotations

import random
from datetime import date, timedelta
from uuid import UUID

from demo.inflow import plan_inflow
from demo.member_plan import DatedCommand, MemberPlan
from demo.setup import Directory, Township, demo_id
from domain.commands import (
    AllocateBlanks, EstablishOrganisation, RecordInflowLeaving, RecordOrgActivity, RegisterInflowMember,
)

__all__ = ["MISSED", "plan_activities"]

MISSED = 0.12  # the share of quarters a station, point or mobile branch lets pass without its activity
SMALL_POOL = 90  # members surely in the register at the smallest demo (scale 0.005: 98 members)
TOPICS = {
    "quarterly_theme": ("服务党委中心任务：乡村振兴政策宣讲", "服务流动党员：返乡创业座谈", "服务群众：结对帮扶走访"),
    "three_services": ("三服务：就业信息发布会", "三服务：法律维权咨询", "三服务：困难党员慰问"),
    "night_school": ("夜校：党章党规学习", "夜校：实用技术培训", "夜校：安全生产知识"),
}


def plan_activities(directory: Directory, start: date, end: date, seed: int) -> list[DatedCommand]:
    """A year of activities, each recorded on the day it was held."""
    r = random.Random(f"activities:{seed}")
    pool = _pool(directory, start, end, seed)
    inflow = _inflow(directory, start, end, seed)
    units = _units(directory)
    steps: list[DatedCommand] = []
    first = _quarter_start(end - timedelta(days=365))
    for org, name, township, actor in units:
        quarter = first
        while quarter <= end:
            last = min(_quarter_start(quarter + timedelta(days=100)) - timedelta(days=1), end)
            kinds = [] if r.random() < MISSED else ["quarterly_theme"]
            if township is not None and r.random() < 0.4:
                kinds.append(r.choice(("three_services", "night_school")))
            for kind in kinds:
                day = quarter + timedelta(days=r.randint(0, (last - quarter).days))
                steps.append(_activity(r, org, name, township, actor, kind, day, pool, inflow))
            quarter = last + timedelta(days=1)
    return steps


def _activity(r: random.Random, org: UUID, name: str, township: Township | None, actor: UUID, kind: str,
              day: date, pool: dict[str, list[str]], inflow: list[tuple[str, UUID, date, date | None, str]]
              ) -> DatedCommand:
    town = township.name if township else ""
    own = pool.get(town) or [n for numbers in pool.values() for n in numbers]
    members = r.sample(own, min(len(own), r.randint(3, 12)))
    present = [n for n, _, arrived, left, place in inflow if place == town and arrived <= day
               and (left is None or left > day)]
    guests = r.sample(present, min(len(present), r.randint(0, 3)))
    return DatedCommand(day, actor, RecordOrgActivity(
        org_id=org, kind=kind, topic=r.choice(TOPICS[kind]), place=f"{name.removesuffix('流动党员服务站')}便民服务中心"
        if town else name, organiser=r.choice(("支部书记", "站长", "组织委员")), member_id_numbers=tuple(members),
        inflow_id_numbers=tuple(guests), effective_on=day))


def _units(directory: Directory) -> list[tuple[UUID, str, Township | None, UUID]]:
    """(org, name, township or None for a mobile branch, who records) of every station, point
    and mobile branch, as `demo.setup` named them."""
    found: list[tuple[UUID, str, Township | None, UUID]] = []
    for _, command in directory.commands:
        if not isinstance(command, EstablishOrganisation) or command.kind not in ("station", "point", "mobile_branch"):
            continue
        if command.kind == "mobile_branch":
            found.append((command.org_id, command.name, None, directory.admin))
            continue
        town = next(t for t in directory.townships if command.name.startswith(t.name))
        actor = demo_id(f"officer:{town.name}服务站站长")
        found.append((command.org_id, command.name, town, actor))
    return found


def _pool(directory: Directory, start: date, end: date, seed: int) -> dict[str, list[str]]:
    """The ID numbers of the demo's first members by township, each one who stays in the
    register (a probationer the stories may register late is left out)."""
    blanks = next(cmd for _, cmd in directory.commands if isinstance(cmd, AllocateBlanks))
    per_year = blanks.last - blanks.first + 1
    size = SMALL_POOL if per_year <= 20 else min(int(19641 * per_year / 400 * 0.9), 3000)
    found: dict[str, list[str]] = {}
    id_numbers: dict[date, int] = {}
    for index in range(size):
        r = random.Random(f"{seed}:{index}")
        plan = MemberPlan(r, index, directory, start, end, id_numbers, member_id_for=lambda _: None)  # type: ignore[arg-type,return-value]
        if r.random() >= 0.03:  # `demo.stories._home`'s draw: a probationer registered late
            found.setdefault(plan.township.name, []).append(plan.id_number)
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
