"""The runner: failing views are reported and retried, one runner per
generation across processes, and read-your-writes waits. On both stores."""

from __future__ import annotations

import threading
import time

import pytest

from domain.ledger import Ledger
from projections.audit import AuditView
from projections.queries import Queries
from projections.runner import Runner
from projections.store import Tx, ViewStore
from projections.view import EventBatch, View
from tests.support.stores import Store
from tests.support.county import SmallCounty, member_command
from tests.support.members import enrol


class Counting(View):
    """Writes each event's position once; counts what it applied."""

    name = "counting"
    tables = {"counted": "position INTEGER PRIMARY KEY"}

    def __init__(self) -> None:
        self.applied = 0

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        tx.executemany("INSERT INTO {counted} VALUES (?)", [[p] for p, _ in batch.events])
        self.applied += len(batch.events)


class FlakyAudit(AuditView):
    """The audit view, failing its first `failures` batches."""

    def __init__(self, failures: int):
        self.failures = failures
        self.applied = 0

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("disk full")
        super().apply(tx, batch)
        self.applied += len(batch.events)


@pytest.fixture
def view_store(store: Store) -> ViewStore:
    view_store = ViewStore(store.env)
    yield view_store
    view_store.close()


def test_a_failing_view_is_reported_retried_and_does_not_stop_the_others(
        ledger: Ledger, county: SmallCounty, view_store: ViewStore) -> None:
    flaky = FlakyAudit(failures=2)
    runner = Runner(ledger, view_store, views=[flaky])
    live = runner.generations.ensure_live()
    runner.step(live)
    assert runner.status()["audit"]["failing"] == "RuntimeError: disk full"
    assert runner.status()["audit"]["position"] == 0
    runner.catch_up(live)
    assert runner.status()["audit"] == {"position": ledger.recorder.max_notification_id(), "failing": None}

    broken, healthy = FlakyAudit(failures=100), Counting()
    both = Runner(ledger, view_store, views=[broken, healthy])
    with pytest.raises(RuntimeError, match="views failing: {'audit'"):
        both.catch_up(both.generations.start_building(), attempts=2)
    assert healthy.applied == ledger.recorder.max_notification_id()


def test_one_runner_applies_events_per_generation(store: Store, ledger: Ledger, county: SmallCounty,
                                                  view_store: ViewStore) -> None:
    counting = [Counting(), Counting()]
    runners = [Runner(ledger, ViewStore(store.env), views=[view]) for view in counting]
    stop = threading.Event()
    threads = [threading.Thread(target=r.follow, args=(stop, 0.01)) for r in runners]
    for thread in threads:
        thread.start()
    try:
        enrol(ledger, county)
        views = Queries(ledger, view_store, runners[0].generations)
        assert views.wait_for(ledger.recorder.max_notification_id(), timeout=10)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
    applied = sorted(view.applied for view in counting)
    assert applied == [0, ledger.recorder.max_notification_id()]
    for runner in runners:
        runner.store.close()


def test_read_your_writes(ledger: Ledger, county: SmallCounty, view_store: ViewStore) -> None:
    runner = Runner(ledger, view_store)
    views = Queries(ledger, view_store, runner.generations)
    live = runner.generations.ensure_live()
    position = ledger.execute(county.t1_officer, member_command(county.b1, 1)).last_position
    started = time.monotonic()
    assert views.wait_for(position, timeout=0.2) is False
    assert time.monotonic() - started >= 0.2
    runner.catch_up(live)
    assert views.wait_for(position, timeout=0.2) is True
    assert views.register().total == 1


class CountingWithDay(Counting):
    """The same view after an upgrade that added a column."""

    tables = {"counted": "position INTEGER PRIMARY KEY, day TEXT"}

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        tx.executemany("INSERT INTO {counted} (position) VALUES (?)", [[p] for p, _ in batch.events])


def test_code_with_a_changed_view_rebuilds_the_live_generation_before_reading_it(
        ledger: Ledger, county: SmallCounty, view_store: ViewStore) -> None:
    before = Runner(ledger, view_store, views=[Counting()])
    old = before.ready()
    before.catch_up(old)
    assert before.ready() == old  # the same code: nothing to rebuild
    upgraded = Runner(ledger, view_store, views=[CountingWithDay()])
    assert upgraded.generations.outdated(old)
    new = upgraded.ready()
    assert new != old and not upgraded.generations.outdated(new)
    with view_store.read(upgraded.generations.tables(new)) as tx:
        assert tx.value("SELECT COUNT(*) AS n FROM {counted} WHERE day IS NULL") == ledger.recorder.max_notification_id()
