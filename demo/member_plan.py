"""One demo member being planned: who they are, where they belong, and the
dated commands written for them so far (registration, probation)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID

from demo.names import CATEGORIES, ETHNICITIES, GIVEN, SURNAMES
from demo.setup import Directory, Township
from domain.commands import Command, DecideProbation, RegisterMember
from domain.fields import add_months, id_check_digit

__all__ = ["DatedCommand", "MemberPlan", "weighted"]

DatedCommand = tuple[date, UUID, Command]


class MemberPlan:
    """Writes one member's story; `r` is the member's own random source."""

    def __init__(self, r: random.Random, index: int, directory: Directory, start: date, end: date,
                 id_numbers: dict[date, int], member_id_for: Callable[[str], UUID]):
        self.r, self.directory, self.start, self.end = r, directory, start, end
        self.township: Township = r.choice(directory.townships)
        self.branch, self.secretary = r.choice(self.township.branches)
        self.steps: list[DatedCommand] = []
        birth = date(r.randint(1950, 1998), r.randint(1, 12), r.randint(1, 28))
        seq = id_numbers[birth] = id_numbers.get(birth, 0) + 1
        first17 = f"511922{birth:%Y%m%d}{seq:03d}"
        self.id_number = first17 + id_check_digit(first17)
        self.id = member_id_for(self.id_number)  # as the ledger will derive it
        self.category = weighted(r, CATEGORIES)
        self.birth = birth
        self.index = index

    def add(self, day: date, actor: UUID, command: Command) -> None:
        if day <= self.end:
            self.steps.append((day, actor, command))

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
            self.add(decided, self.township.officers[0], DecideProbation(
                member_id=self.id, outcome="on_time" if r.random() < 0.95 else "extended",
                extension_months=6, effective_on=decided))


def weighted(r: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    """One key of `table`, drawn by its weight."""
    return r.choices([k for k, _ in table], [w for _, w in table])[0]
