"""The runner: applies the county's events to every view, in batches.

Each view applies a batch and records its tracking position in one
transaction (so each event is applied exactly once, and a restarted runner
resumes where it stopped). A view that fails is logged, reported by
`status()` and retried with a growing pause; the other views go on.
A lease makes the runner of a generation unique across processes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from domain.ledger import Ledger
from projections.activities import ActivitiesView
from projections.audit import AuditView
from projections.care import CareView
from projections.certificates import CertificatesView
from projections.directory import DirectoryView
from projections.dues import DuesView
from projections.enterprises import EnterprisesView
from projections.generations import Generations
from projections.inflow import InflowView
from projections.lease import Lease
from projections.register import RegisterView
from projections.reviews import ReviewsView
from projections.store import ViewStore
from projections.view import EventBatch, View

__all__ = ["BuildingElsewhere", "Runner", "ViewFailure", "all_views"]

log = logging.getLogger("liudong.projections")
Progress = Callable[[int, int], None]  # (position reached, head of the log)


def all_views() -> list[View]:
    return [DirectoryView(), RegisterView(), CertificatesView(), AuditView(), EnterprisesView(), InflowView(),
            # -- views --
            CareView(),  # 帮扶服务、服务热线 (issue 16)
            ReviewsView(),
            DuesView(),  # 党费台账 (issue 16)
            ActivitiesView(),
            ]


class BuildingElsewhere(RuntimeError):
    """Another process holds the lease of the generation a rebuild would fill."""


@dataclass
class ViewFailure:
    error: str
    failures: int
    retry_at: float


class Runner:
    def __init__(self, ledger: Ledger, store: ViewStore, views: Sequence[View] | None = None,
                 batch_size: int = 500):
        self.ledger = ledger
        self.store = store
        self.views = list(views) if views is not None else all_views()
        self.batch_size = batch_size
        self.generations = Generations(store, self.views)
        self.failures: dict[str, ViewFailure] = {}
        self._positions: dict[str, int] = {}
        self._applied = threading.Condition()  # notified when the views move on
        self._wake = threading.Event()  # set when this process stored new events
        self.following: int | None = None  # the generation this process applies events to

    # Applying events.

    def position(self, view: View, generation: int) -> int:
        name = self.generations.tracking_name(view, generation)
        if name not in self._positions:
            self._positions[name] = self.store.position(name)
        return self._positions[name]

    def step(self, generation: int) -> int:
        """Applies the next batch of events to each view; returns how many were read."""
        now = time.monotonic()
        ready = [v for v in self.views if self.failures.get(v.name, ViewFailure("", 0, 0)).retry_at <= now]
        if not ready:
            return 0
        start = min(self.position(v, generation) for v in ready)
        found = self.ledger.recorder.select_notifications(start=start + 1, limit=self.batch_size)
        if not found:
            return 0
        events = [(n.id, self.ledger.mapper.to_domain_event(n)) for n in found]
        tables = self.generations.tables(generation)
        if not (len(ready) == len(self.views) and self._apply_together(generation, tables, events, start)):
            for view in ready:
                after = self.position(view, generation)
                mine = [(p, e) for p, e in events if p > after]
                if mine:
                    self._apply(view, generation, tables, mine)
        with self._applied:
            self._applied.notify_all()
        return len(events)

    def _apply_together(self, generation: int, tables: dict[str, str], events: list, start: int) -> bool:
        """All views in one transaction (one commit instead of one per view), when
        they are all at the same position; False if that could not be done."""
        names = [self.generations.tracking_name(v, generation) for v in self.views]
        if any(self._positions.get(name) != start for name in names):
            return False
        try:
            with self.store.transaction(tables, durable=False) as tx:
                for view in self.views:
                    view.apply(tx, EventBatch(events, self.ledger))
                tx.track_all(names, events[-1][0])
        except Exception:  # each view on its own then, so that only a failing one waits
            log.warning("applying all views together failed; applying them one by one", exc_info=True)
            return False
        self._positions.update(dict.fromkeys(names, events[-1][0]))
        self.failures.clear()
        return True

    def applied(self, generation: int) -> int:
        """The position every view of the generation has reached (as this process knows it)."""
        return min(self.position(v, generation) for v in self.views)

    def wait_applied(self, position: int, timeout: float) -> bool:
        """Waits until this process's runner has applied `position` to the live views."""
        deadline = time.monotonic() + timeout
        with self._applied:
            while self.following is None or self.applied(self.following) < position:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.following is None:
                    return False
                self._applied.wait(min(remaining, 0.05))
        return True

    def nudge(self) -> None:
        """New events were stored by this process: apply them now, not at the next poll."""
        self._wake.set()

    def _apply(self, view: View, generation: int, tables: dict[str, str], events: list) -> None:
        name = self.generations.tracking_name(view, generation)
        try:
            with self.store.transaction(tables, durable=False) as tx:
                view.apply(tx, EventBatch(events, self.ledger))
                tx.track(name, events[-1][0])
        except Exception as error:  # reported and retried, never silently dead
            self._positions.pop(name, None)
            failure = self.failures.get(view.name, ViewFailure("", 0, 0))
            failure.failures += 1
            failure.error = f"{type(error).__name__}: {error}"
            failure.retry_at = time.monotonic() + min(0.1 * 2 ** failure.failures, 60)
            self.failures[view.name] = failure
            log.exception("view %s failed at position %s (attempt %s)", view.name, events[0][0],
                          failure.failures)
            return
        self._positions[name] = events[-1][0]
        self.failures.pop(view.name, None)

    def catch_up(self, generation: int, progress: Progress | None = None, attempts: int = 6) -> None:
        """Applies every stored event to the generation's views; a failing view
        is retried after its pause, and given up after `attempts` failures."""
        head = self.ledger.recorder.max_notification_id() or 0
        while True:
            if self.step(generation):
                if progress:
                    progress(min(self.position(v, generation) for v in self.views), head)
                continue
            if not self.failures:
                return
            if max(f.failures for f in self.failures.values()) >= attempts:
                raise RuntimeError(f"views failing: {self.failures}")
            time.sleep(max(min(f.retry_at for f in self.failures.values()) - time.monotonic(), 0))

    # Running in a service, and rebuilding.

    def follow(self, stop: threading.Event, poll: float = 0.02) -> None:
        """Keeps the live generation's views up to date until `stop` is set.
        Only the process holding the generation's lease applies events."""
        lease: Lease | None = None
        try:
            while not stop.is_set():
                try:
                    live = self.generations.ensure_live()
                    if lease is None or lease.name != f"runner-g{live}":
                        if lease is not None:
                            lease.release()
                        lease = Lease(self.ledger.env_mapping, f"runner-g{live}")
                    if not lease.try_acquire():
                        self.following = None
                        stop.wait(1.0)  # another process runs this generation
                        continue
                    self.following = live
                    if not self.step(live):
                        self._wake.wait(poll)
                        self._wake.clear()
                except Exception:  # the store is unreachable for a while: keep trying
                    log.exception("the runner could not step; trying again")
                    stop.wait(1.0)
        finally:
            self.following = None
            if lease is not None:
                lease.release()

    def ready(self, progress: Progress | None = None, timeout: float = 3600.0) -> int:
        """The live generation, rebuilt first if its tables were made for other views
        than this code's (after an upgrade that changed a view); a process that finds
        another one rebuilding waits for it."""
        live = self.generations.ensure_live()
        deadline = time.monotonic() + timeout
        while self.generations.outdated(live):
            try:
                log.warning("views of generation %s have another layout: rebuilding", live)
                return self.rebuild(progress, grace=0.0)
            except BuildingElsewhere:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1.0)
                live = self.generations.ensure_live()
        return live

    def up_to_date(self, timeout: float = 120.0) -> bool:
        """Makes the live views show every stored event: applies them here
        if no other process runs them, else waits for the one that does."""
        live = self.ready()
        with Lease(self.ledger.env_mapping, f"runner-g{live}") as lease:
            if lease.try_acquire():
                self.catch_up(live)
                return True
        head = self.ledger.recorder.max_notification_id() or 0
        deadline = time.monotonic() + timeout
        while min(self.store.position(self.generations.tracking_name(v, live)) for v in self.views) < head:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    def rebuild(self, progress: Progress | None = None, grace: float = 2.0, batch_size: int = 5000) -> int:
        """Builds a new generation from position 0 (or resumes an unfinished
        one), in large batches and indexed at the end, swaps it in, and drops
        the old one after `grace` seconds."""
        generation = self.generations.start_building()
        with Lease(self.ledger.env_mapping, f"runner-g{generation}") as lease:
            if not lease.try_acquire():
                raise BuildingElsewhere(f"generation {generation} is being built by another process")
            following, self.batch_size = self.batch_size, batch_size
            try:
                self.catch_up(generation, progress)
            finally:
                self.batch_size = following
            self.generations.index(generation)
            old = self.generations.swap(generation)
            self.catch_up(generation, progress)
        if old is not None:
            time.sleep(grace)  # queries that began on the old tables finish first
            self.generations.drop(old)
        return generation

    def status(self) -> dict[str, dict[str, object]]:
        live = self.generations.live()
        return {v.name: {"position": self.position(v, live) if live else 0,
                         "failing": self.failures[v.name].error if v.name in self.failures else None}
                for v in self.views}
