"""Loads the demo county through the application service: every command
passes the same rules as a live one, many commands per transaction, with the
service's clock set to each command's date (so the audit trail reads as if
recorded over the five years)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from demo.names import COUNTY_CODE, COUNTY_NAME
from demo.setup import plan_directory
from demo.stories import Story, Totals, plan_members
from domain.clock import SHANGHAI, local_date
from domain.commands import Command, IssueToken
from domain.county import County
from domain.fields import add_months
from domain.ids import county_id
from domain.ledger import Ledger

__all__ = ["DemoCounty", "load_demo", "run_steps"]

Progress = Callable[[int, int], None]  # (members loaded, members in all)


@dataclass(frozen=True)
class DemoCounty:
    admin_id: str
    admin_token: str
    auditor_id: str
    auditor_token: str
    members: int
    events: int
    start: date
    end: date


class _Clock:
    """The ledger's clock while loading: the date of the command at hand."""

    def __init__(self) -> None:
        self.at = datetime.now(UTC)

    def set(self, day: date, minute: int = 0) -> None:
        self.at = datetime.combine(day, time(9, 0), SHANGHAI).astimezone(UTC) + timedelta(seconds=minute)

    def __call__(self) -> datetime:
        return self.at


def run_steps(ledger: Ledger, clock: _Clock, steps: list[tuple[date, UUID, Command]]) -> None:
    """Runs dated commands in one transaction, each at its own date; one refusal stores nothing."""
    batch = ledger.batch(isolated=False)
    for order, (day, actor, command) in enumerate(steps):
        clock.set(day, order % 3600)
        batch.run(actor, command)
    batch.save()


def load_demo(ledger: Ledger, *, seed: int = 2021, end: date | None = None, scale: float = 1.0,
              batch_members: int = 60, progress: Progress | None = None) -> DemoCounty:
    """Initialises an empty store and loads the demo county into it."""
    end = end or local_date(ledger.clock())
    start = add_months(end, -60)
    saved, clock = ledger.clock, _Clock()
    ledger.clock = clock
    try:
        clock.set(start)
        founded = ledger.initialise(COUNTY_CODE, COUNTY_NAME, "王明", effective_on=start)
        admin = founded.subject_id
        assert admin is not None
        committee = ledger.load(County, county_id()).committee_id
        directory = plan_directory(committee, admin, start, end, blanks_per_year=max(round(400 * scale), 20))
        run_steps(ledger, clock, [(start, actor, command) for actor, command in directory.commands])
        totals = Totals.scaled(scale)
        stories = plan_members(seed, directory, start, end, totals, ended=round(360 * scale),
                               member_id_for=ledger.member_id_for)
        for first in range(0, len(stories), batch_members):
            chunk: list[Story] = stories[first:first + batch_members]
            run_steps(ledger, clock, [step for story in chunk for step in story.steps])
            if progress:
                progress(min(first + batch_members, len(stories)), len(stories))
        clock.set(end)
        auditor_token = ledger.execute(admin, IssueToken(officer_id=directory.auditor)).token
    finally:
        ledger.clock = saved
    assert founded.token is not None and auditor_token is not None
    return DemoCounty(str(admin), founded.token, str(directory.auditor), auditor_token, totals.members,
                      ledger.recorder.max_notification_id() or 0, start, end)
