"""Loads the demo county through the application service, in the order it
was recorded: every member's dated commands merged into one stream by the
day each is recorded (each member's own order kept), run with the ledger's
clock at that moment and saved `BATCH` commands to a transaction. So
recorded_at never decreases along the log, and the log's prefix up to any
time is what the ledger held then. Every command passes the same rules as a
live one."""

from __future__ import annotations

import heapq
from itertools import chain
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from eventsourcing.application import Cache

from demo.extras import EXTRAS
from demo.member_plan import Citing, DatedCommand
from demo.names import COUNTY_CODE, COUNTY_NAME
from demo.setup import plan_directory
from demo.stories import Totals, plan_members
from domain.clock import SHANGHAI, local_date
from domain.command_batch import Step
from domain.commands import IssueToken
from domain.county import County
from domain.fields import add_months
from domain.ids import county_id
from domain.ledger import Ledger

__all__ = ["BATCH", "DemoCounty", "load_demo", "run_steps"]

Progress = Callable[[int, int], None]  # (commands recorded, commands in all)
BATCH = 2000  # commands per transaction: fewer commits (each syncs the disk), and still a fraction of the load


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
    """The ledger's clock while loading: 09:00 on the day the command at hand is
    recorded, a second later for each command recorded before it that day."""

    def __init__(self) -> None:
        self.at = datetime.now(UTC)
        self._day: date | None = None
        self._today = 0

    def set(self, day: date) -> None:
        """The moment the next command of `day` is recorded."""
        self._today = self._today + 1 if day == self._day else 0
        self._day = day
        self.at = datetime.combine(day, time(9, 0), SHANGHAI).astimezone(UTC) + timedelta(seconds=self._today)

    def __call__(self) -> datetime:
        return self.at


def run_steps(ledger: Ledger, clock: _Clock, steps: Iterable[DatedCommand], total: int = 0,
              progress: Progress | None = None) -> int:
    """Runs dated commands in the order given, each at its own recorded time, `BATCH` to a
    transaction. A refusal stops the load (and stores nothing of its batch). A `Citing`
    step is built from the position of the event it cites (saving first if need be)."""
    positions: dict[str, int] = {}  # mark -> log position of the event that step recorded
    marked: list[tuple[str, Step]] = []
    batch, done = ledger.batch(isolated=False), 0

    def save() -> None:
        nonlocal batch
        if batch.steps:
            saved = batch.save()
            for mark, step in marked:
                positions[mark] = min(saved[key] for key in step.events if key[0] == step.subject_id)
            marked.clear()
            batch = ledger.batch(isolated=False)
        if progress:
            progress(done, max(total, done))

    for planned in steps:
        command = planned.command
        if isinstance(command, Citing):
            if command.mark not in positions:
                save()
            command = command.build(positions[command.mark])
        clock.set(planned.day)
        step = batch.run(planned.actor, command)
        if planned.mark:
            marked.append((planned.mark, step))
        done += 1
        if batch.steps >= BATCH:
            save()
    save()
    return done


class _NothingElseStored:
    """The event store as a loader that began on an empty store sees it: every
    aggregate the load saved is in the cache, so one that is not was never stored
    (the rules ask for many such: a new member's, certificate's or letter's id)."""

    def get(self, *args: object, **kwargs: object) -> Iterator[object]:
        return iter(())


@contextmanager
def _kept_in_memory(ledger: Ledger) -> Iterator[None]:
    """While loading, the ledger keeps every aggregate it saved and hands it out as
    is: the loader is the store's only writer and a refusal stops the load, so
    neither reading the store again nor copying is needed (each member's story
    is spread over five years of batches). On an empty store, an aggregate not
    kept is not looked for either."""
    repository = ledger.repository
    kept = repository.cache, repository.fastforward, repository.deepcopy_from_cache, repository.event_store
    repository.cache, repository.fastforward, repository.deepcopy_from_cache = Cache(), False, False
    if not ledger.recorder.max_notification_id():
        repository.event_store = _NothingElseStored()  # type: ignore[assignment]
    try:
        yield
    finally:
        repository.cache, repository.fastforward, repository.deepcopy_from_cache, repository.event_store = kept


def load_demo(ledger: Ledger, *, seed: int = 2021, end: date | None = None, scale: float = 1.0,
              progress: Progress | None = None) -> DemoCounty:
    """Initialises an empty store and loads the demo county into it."""
    end = end or local_date(ledger.clock())
    start = add_months(end, -60)
    saved, clock = ledger.clock, _Clock()
    ledger.clock = clock
    try:
        with _kept_in_memory(ledger):
            clock.set(start)
            founded = ledger.initialise(COUNTY_CODE, COUNTY_NAME, "王明", effective_on=start)
            admin = founded.subject_id
            assert admin is not None
            committee = ledger.load(County, county_id()).committee_id
            directory = plan_directory(committee, admin, start, end, blanks_per_year=max(round(400 * scale), 20))
            totals = Totals.scaled(scale)
            stories = plan_members(seed, directory, start, end, totals, ended=round(360 * scale),
                                   member_id_for=ledger.member_id_for)
            setup = [DatedCommand(start, actor, command) for actor, command in directory.commands]
            extras = [sorted(plan(directory, start, end, seed), key=lambda step: step.day) for plan in EXTRAS]
            merged = heapq.merge(*(story.steps for story in stories), *extras,
                                 key=lambda step: step.day)  # ties: member order, then the extras
            total = len(setup) + sum(len(s.steps) for s in stories) + sum(map(len, extras))
            run_steps(ledger, clock, chain(setup, merged), total, progress)
            clock.set(end)
            auditor_token = ledger.execute(admin, IssueToken(officer_id=directory.auditor)).token
    finally:
        ledger.clock = saved
    assert founded.token is not None and auditor_token is not None
    return DemoCounty(str(admin), founded.token, str(directory.auditor), auditor_token, totals.members,
                      ledger.recorder.max_notification_id() or 0, start, end)
