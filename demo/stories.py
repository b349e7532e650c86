"""Five years in the life of each member of the demo county, as dated
commands. Deterministic: the same seed and end date give the same county.
Who is away at the end, and who holds a valid certificate, is decided first,
so the totals come out exactly as the report's (19,641 members, 2,801 away,
2,641 holding a valid certificate; 64 more whose yearly check is overdue)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from demo.member_plan import DatedCommand, MemberPlan
from demo.setup import Directory
from demo.trips import trip
from domain.commands import EndMembership, IssueTransferLetter, RecordTransferReceipt
from domain.fields import add_months

__all__ = ["FULL_SIZE", "Story", "Totals", "plan_members"]

FULL_SIZE = (19641, 2801, 2641)  # members, away, holding a valid certificate (the county's report)
LAPSED = 64  # away with a certificate in force whose yearly check is overdue: not counted as holding


@dataclass(frozen=True)
class Totals:
    members: int
    away: int
    holding: int
    lapsed: int = 0

    @classmethod
    def scaled(cls, scale: float) -> Totals:
        members, away, holding = (max(round(n * scale), 1) for n in FULL_SIZE)
        holding = min(holding, away)
        return cls(members, away, holding, min(max(round(LAPSED * scale), 1), away - holding))


@dataclass
class Story:
    """One member's commands, in the order they happened."""

    steps: list[DatedCommand]


def plan_members(seed: int, directory: Directory, start: date, end: date, totals: Totals,
                 ended: int, member_id_for: Callable[[str], UUID]) -> list[Story]:
    """Every member's story; the first `totals.members` stay in the register."""
    rng = random.Random(seed)
    returned = round(totals.members * 0.06)
    kinds = (["holder"] * totals.holding + ["lapsed"] * totals.lapsed
             + ["away"] * (totals.away - totals.holding - totals.lapsed) + ["returned"] * returned)
    kinds += ["home"] * (totals.members - len(kinds))
    rng.shuffle(kinds)
    kinds += ["ended"] * ended
    id_numbers: dict[date, int] = {}
    stories = []
    for index, kind in enumerate(kinds):
        m = MemberPlan(random.Random(f"{seed}:{index}"), index, directory, start, end, id_numbers, member_id_for)
        _STORY[kind](m)
        stories.append(Story(sorted(m.steps, key=lambda s: s[0])))  # stable: same-day order kept
    return stories


def _home(m: MemberPlan) -> None:
    m.enrol(probationary=m.r.random() < 0.03)


def _holder(m: MemberPlan) -> None:
    m.enrol()
    departed = m.end - timedelta(days=m.r.randint(240, 1500))
    trip(m, max(departed, m.start + timedelta(days=30)), m.r.randint(8, 36), None, certificate=True)


def _lapsed(m: MemberPlan) -> None:
    """Away long enough that the certificate's yearly check is overdue: in force, not held."""
    m.enrol()
    departed = m.end - timedelta(days=m.r.randint(700, 1500))
    trip(m, max(departed, m.start + timedelta(days=30)), m.r.randint(24, 48), None, certificate=True, lapse=True)


def _away(m: MemberPlan) -> None:
    m.enrol()
    trip(m, m.end - timedelta(days=m.r.randint(20, 140)), m.r.randint(2, 5), None, certificate=False)


def _returned(m: MemberPlan) -> None:
    m.enrol()
    departed = m.start + timedelta(days=m.r.randint(40, 1200))
    months = m.r.randint(4, 24)
    back = min(add_months(departed, months + m.r.randint(-2, 3)), m.end - timedelta(days=40))
    trip(m, departed, months, max(back, departed + timedelta(days=60)), certificate=months >= 6 and m.r.random() < 0.6)


def _ended(m: MemberPlan) -> None:
    r = m.r
    m.enrol()
    day = m.start + timedelta(days=r.randint(60, 1700))
    way = r.random()
    if way < 0.45:
        receipt = day + timedelta(days=r.randint(8, 40))
        m.add(day, m.township.officers[0], IssueTransferLetter(member_id=m.id, to_org_name="中共巴中市某街道工作委员会",
                                                               effective_on=day))
        m.add(receipt, m.township.officers[0], RecordTransferReceipt(member_id=m.id, effective_on=receipt))
    else:
        m.add(day, m.township.officers[0], EndMembership(member_id=m.id, reason="died" if way < 0.85 else "stopped",
                                                         effective_on=day))


_STORY = {"holder": _holder, "lapsed": _lapsed, "away": _away, "returned": _returned, "home": _home,
          "ended": _ended}
