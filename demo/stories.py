"""Five years in the life of each member of the demo county, as dated
commands. Deterministic: the same seed and end date give the same county.

Who is away at the end, and who holds a valid certificate, is decided first,
so the totals come out exactly as the report's: 19,641 members, 2,801 away,
2,641 holding a valid certificate. Among the 160 away and not holding: 64
whose certificate's yearly check is overdue (in force, not held), 33 eligible
members not yet issued one (应发未发: 14 never requested, 8 requested and not
approved, 6 approved and not issued, 5 lost and not replaced), and 63 away for
a few months only (not eligible). 132 holders never report in where they went
(口袋党员); every other holder does. Departures get liaisons, some members
beyond the register had their membership stopped, and one of the returned
was stopped and restored (`demo.membership`). A quarter of the departures are
reported ahead, a few members at home report one for after the end date or
cancel one, and some holders come home for 春节 or the harvest (`demo.lifecycle`).

The log is not only the end state: a few report-ins and returns are recorded
weeks after the day (`demo.trips`), and some departures are corrected months
later (更正: the day 50 holders left, the expected time away of a quarter of
the short trips), so that "as known on" a day and "as of" it differ."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from uuid import UUID

from demo.member_plan import DatedCommand, MemberPlan
from demo.setup import Directory
from demo.lifecycle import STORIES as LIFECYCLE_STORIES, with_plans
from demo.membership import assign_liaisons, restored, stopped
from demo.trips import correct_departure, trip
from domain.commands import EndMembership, IssueTransferLetter, RecordTransferReceipt
from domain.fields import add_months

__all__ = ["CORRECTED", "FULL_SIZE", "LAPSED", "POCKET", "UNISSUED", "Story", "Totals", "plan_members"]

FULL_SIZE = (19641, 2801, 2641)  # members, away, holding a valid certificate (the county's report)
LAPSED = 64  # away with a certificate in force whose yearly check is overdue: not counted as holding
POCKET = 132  # holding, away, never reported in where they went (口袋党员): 1 holder in 20
# Eligible, away, no certificate held (应发未发), by where the certificate's story stopped.
UNISSUED = {"never": 14, "requested": 8, "approved": 6, "lost": 5}
CORRECTED = 50  # holders whose departure day is corrected months later
# Where the members whose letters are received go: outside the county, so they leave its register.
RECEIVERS = ("中共巴中市巴州区某街道工作委员会", "中共成都市武侯区某街道工作委员会", "中共西安市雁塔区某街道工作委员会")


@dataclass(frozen=True)
class Totals:
    members: int
    away: int
    holding: int
    lapsed: int = 0
    pocket: int = 0
    unissued: tuple[tuple[str, int], ...] = ()  # (where the story stopped, members), as in UNISSUED
    corrected: int = 0  # holders whose departure day is corrected months later

    @classmethod
    def scaled(cls, scale: float) -> Totals:
        members, away, holding = (max(round(n * scale), 1) for n in FULL_SIZE)
        holding = min(holding, away)
        lapsed = min(max(round(LAPSED * scale), 1), away - holding)
        free, unissued = away - holding - lapsed, []
        for stop, count in UNISSUED.items():  # at least one of each while there is room
            unissued.append((stop, min(max(round(count * scale), 1), free)))
            free -= unissued[-1][1]
        pocket = min(max(round(POCKET * scale), 1), holding)
        return cls(members, away, holding, lapsed, pocket, tuple(unissued),
                   min(max(round(CORRECTED * scale), 1), holding - pocket))

    @property
    def missing(self) -> int:
        """Eligible and not holding (应发未发): the lapsed and the not yet issued."""
        return self.lapsed + sum(count for _, count in self.unissued)


@dataclass
class Story:
    """One member's commands, in the order they were recorded."""

    steps: list[DatedCommand]


def plan_members(seed: int, directory: Directory, start: date, end: date, totals: Totals,
                 ended: int, member_id_for: Callable[[str], UUID]) -> list[Story]:
    """Every member's story; the first `totals.members` stay in the register."""
    rng = random.Random(seed)
    returned = round(totals.members * 0.06)
    unissued = [f"unissued:{stop}" for stop, count in totals.unissued for _ in range(count)]
    kinds = (["holder"] * (totals.holding - totals.pocket - totals.corrected) + ["pocket"] * totals.pocket
             + ["corrected"] * totals.corrected
             + ["lapsed"] * totals.lapsed + unissued
             + ["away"] * (totals.away - totals.holding - totals.lapsed - len(unissued)) + ["returned"] * returned)
    kinds += ["home"] * (totals.members - len(kinds))
    kinds = with_plans(kinds, totals.members)  # planned departures (demo.lifecycle)
    rng.shuffle(kinds)
    if "returned" in kinds:  # one of them had their membership stopped, then restored (demo.membership)
        kinds[kinds.index("returned")] = "restored"
    kinds += ["ended"] * ended
    if ended:  # at least one membership stopped, at any scale
        kinds[-1] = "stopped"
    id_numbers: dict[date, int] = {}
    stories = []
    for index, kind in enumerate(kinds):
        m = MemberPlan(random.Random(f"{seed}:{index}"), index, directory, start, end, id_numbers, member_id_for)
        _STORY[kind](m)
        assign_liaisons(m)
        stories.append(Story(m.story()))
    return stories


def _home(m: MemberPlan) -> None:
    m.enrol(probationary=m.r.random() < 0.03)


def _holder(m: MemberPlan, reports_in: bool = True, corrected: bool = False) -> None:
    """Away 8 months or more, holding a certificate; with `corrected`, the day they left
    turns out, months later, to have been one to four weeks earlier than recorded."""
    m.enrol()
    departed = max(m.end - timedelta(days=m.r.randint(240, 1500)), m.start + timedelta(days=60 if corrected else 30))
    trip(m, departed, m.r.randint(8, 36), None, certificate=True, reports_in=reports_in,
         ahead=reports_in and not corrected)
    if corrected:
        actual = departed - timedelta(days=m.r.randint(7, 25))
        correct_departure(m, departed + timedelta(days=m.r.randint(60, 200)), {"effective_on": actual},
                          "外出日期登记有误，据本人及务工单位证明更正")


def _lapsed(m: MemberPlan) -> None:
    """Away long enough that the certificate's yearly check is overdue: in force, not held."""
    m.enrol()
    departed = m.end - timedelta(days=m.r.randint(700, 1500))
    trip(m, max(departed, m.start + timedelta(days=30)), m.r.randint(24, 48), None, certificate=True, lapse=True)


def _away(m: MemberPlan) -> None:
    m.enrol()
    trip(m, m.end - timedelta(days=m.r.randint(20, 140)), m.r.randint(2, 5), None, certificate=False)


def _unissued(m: MemberPlan, stop: str) -> None:
    """Away long enough for a certificate (and expected to stay), none held: never asked
    for, or its story stopped short (`demo.certificates.STOPS`)."""
    m.enrol()
    departed = m.end - timedelta(days=m.r.randint(200 if stop in ("never", "lost") else 60, 700))
    trip(m, max(departed, m.start + timedelta(days=30)), m.r.randint(8, 24), None, certificate=stop != "never",
         stop="" if stop == "never" else stop, ahead=False)


def _returned(m: MemberPlan) -> None:
    m.enrol()
    departed = m.start + timedelta(days=m.r.randint(40, 1200))
    months = m.r.randint(4, 24)
    back = min(add_months(departed, months + m.r.randint(-2, 3)), m.end - timedelta(days=40))
    trip(m, departed, months, max(back, departed + timedelta(days=60)), certificate=months >= 6 and m.r.random() < 0.6)
    if months < 6 and m.r.random() < 0.25:  # away longer than first said: eligible after all, as now known
        correct_departure(m, departed + timedelta(days=m.r.randint(60, 150)), {"expected_months": months + 6},
                          "预计外出时间登记有误，据本人电话报告更正")


def _ended(m: MemberPlan) -> None:
    r = m.r
    m.enrol()
    day = m.start + timedelta(days=r.randint(60, 1700))
    way = r.random()
    if way < 0.45:
        receipt = day + timedelta(days=r.randint(8, 40))
        number = f"南组转〔{day.year}〕{m.index}号"  # the member's index: unique in the county
        m.add(day, m.township.officers[0], IssueTransferLetter(
            member_id=m.id, to_org_name=RECEIVERS[m.index % len(RECEIVERS)], letter_number=number, effective_on=day))
        m.add(receipt, m.township.officers[0], RecordTransferReceipt(member_id=m.id, letter_number=number,
                                                                     effective_on=receipt))
    elif way < 0.85:
        m.add(day, m.township.officers[0], EndMembership(member_id=m.id, reason="died", effective_on=day))
    else:  # 停止党籍: proposed by the branch, approved by the 基层党委 (demo.membership)
        stopped(m, enrolled=True)


_STORY: dict[str, Callable[[MemberPlan], None]] = {
    "holder": _holder, "pocket": partial(_holder, reports_in=False), "corrected": partial(_holder, corrected=True),
    "lapsed": _lapsed, "away": _away,
    "returned": _returned, "home": _home, "ended": _ended,
    "stopped": partial(stopped, remove=False), "restored": restored, **LIFECYCLE_STORIES,
    **{f"unissued:{stop}": partial(_unissued, stop=stop) for stop in UNISSUED},
}
