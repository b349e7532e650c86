"""One demo member being planned: who they are, where they belong (a village
branch, or for a share of some categories a branch beyond the townships), and
the dated commands written for them so far (registration, probation).

A command is recorded on its effective day, or later (`late` days: paperwork
caught up with); a member's commands are recorded in the order they happened,
so one recorded late holds back those after it. A correction cites an earlier
event by its log position, known only once that event is stored: it is planned
as `Citing` (the cited step's `mark` and how to build the command)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from demo.names import CATEGORIES, ETHNICITIES, GIVEN, SURNAMES
from demo.reviews import assess_probation
from demo.setup import Directory, Township
from domain.commands import Command, DecideProbation, RegisterMember
from domain.fields import add_months, id_check_digit

__all__ = ["Citing", "DatedCommand", "MemberPlan", "SPECIAL_SHARE", "weighted"]

# Of the graduates, laid-off workers, retirees and self-employed, those whose branch is
# the one of their category (人才交流中心、下岗职工、离退休、个体工商户党支部: demo.setup).
SPECIAL_SHARE = 0.2


@dataclass(frozen=True)
class Citing:
    """A command citing the event a step marked `mark` records, built from its log position."""

    mark: str
    build: Callable[[int], Command]


@dataclass(frozen=True)
class DatedCommand:
    """A command as the loader runs it: the day it is recorded, by whom, and a
    name (`mark`) for the event it records, if a later command cites it."""

    day: date
    actor: UUID
    command: Command | Citing
    mark: str = ""


@dataclass(frozen=True)
class _Planned:
    day: date  # effective
    late: int  # days between the effective day and the day it is recorded
    actor: UUID
    command: Command | Citing
    mark: str


class MemberPlan:
    """Writes one member's story; `r` is the member's own random source."""

    def __init__(self, r: random.Random, index: int, directory: Directory, start: date, end: date,
                 id_numbers: dict[date, int], member_id_for: Callable[[str], UUID]):
        self.r, self.directory, self.start, self.end = r, directory, start, end
        self.township: Township = r.choice(directory.townships)
        self.branch, self.secretary = r.choice(self.township.branches)
        self.steps: list[_Planned] = []
        birth = date(r.randint(1950, 1998), r.randint(1, 12), r.randint(1, 28))
        seq = id_numbers[birth] = id_numbers.get(birth, 0) + 1
        first17 = f"511922{birth:%Y%m%d}{seq:03d}"
        self.id_number = first17 + id_check_digit(first17)
        self.id = member_id_for(self.id_number)  # as the ledger will derive it
        self.category = weighted(r, CATEGORIES)
        special = directory.by_category.get(self.category)
        if special is not None and r.random() < SPECIAL_SHARE:  # in a branch beyond the townships
            self.township, self.branch, self.secretary = special
        self.birth = birth
        self.index = index

    def add(self, day: date, actor: UUID, command: Command | Citing, *, late: int = 0, mark: str = "") -> None:
        """Plans a command effective on `day`, recorded `late` days after it (never after the end)."""
        if day <= self.end:
            self.steps.append(_Planned(day, late, actor, command, mark))

    def story(self) -> list[DatedCommand]:
        """The member's commands in the order they happened (same-day order kept), each
        recorded on its day plus its delay, but not before the command before it."""
        recorded = self.start
        story = []
        for step in sorted(self.steps, key=lambda planned: planned.day):
            recorded = max(recorded, min(step.day + timedelta(days=step.late), self.end))
            story.append(DatedCommand(recorded, step.actor, step.command, step.mark))
        return story

    def enrol(self, probationary: bool = False) -> None:
        r = self.r
        adult = add_months(self.birth, 12 * 18 + 1)
        if probationary:  # admitted in the last two years, registered then
            joined = max(self.end - timedelta(days=r.randint(200, 700)), adult)
        else:  # a member before the ledger began
            joined = min(add_months(self.birth, 12 * r.randint(19, 45)), self.start - timedelta(days=30))
        registered = max(self.start, joined)
        self.add(registered, self.township.officers[0], RegisterMember(
            name=r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2)))),
            gender="male" if r.random() < 0.72 else "female", birth_date=self.birth,
            ethnicity=weighted(r, ETHNICITIES), id_number=self.id_number,
            phone=f"1{r.choice('35789')}{r.randint(0, 999_999_999):09d}", joined_on=joined,
            standing="probationary" if probationary else "full", category=self.category,
            branch_id=self.branch, effective_on=registered))
        if probationary:
            due = add_months(joined, 12)
            decided = due + timedelta(days=r.randint(3, 60))
            outcome = "on_time" if r.random() < 0.95 else "extended"
            self.add(decided, self.township.officers[0], DecideProbation(
                member_id=self.id, outcome=outcome, extension_months=6, effective_on=decided))
            # 考察意见 (demo.reviews, its own random source): to the decision, or through the extension.
            assess_probation(self, joined, decided if outcome == "on_time" else add_months(joined, 18))


def weighted(r: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    """One key of `table`, drawn by its weight."""
    return r.choices([k for k, _ in table], [w for _, w in table])[0]
