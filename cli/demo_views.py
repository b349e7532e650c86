"""The demo county loaded with its views built alongside, in a process of their
own: on two cores the views are ready moments after the last event instead of
a whole rebuild later (`liudong run`, `liudong demo`).

The second process rebuilds the views as any rebuild does (a new generation
in large batches, indexed at the end, then swapped in), but holds at the log's
head until the load has ended, so that it indexes and swaps only once, over
every event. If it fails, the loading process rebuilds them itself.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from datetime import date
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event

from demo import DemoCounty, load_demo
from service.bootstrap import build_service
from service.process import Service
from service.settings import get_settings

__all__ = ["load_with_views"]

Progress = Callable[[int, int], None]  # (done, in all)
VIEWS_BATCH = 2000  # events per views transaction: the loader waits for the write lock meanwhile (SQLite)


def load_with_views(service: Service, seed: int, scale: float, end: date | None,
                    loading: Progress, building: Progress) -> DemoCounty:
    """Loads the demo county through `service` while a second process builds its
    views; returns once both are done."""
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: this one holds threads and connections
    ended, reached = spawn.Event(), spawn.Value("q", 0)
    views = spawn.Process(target=_build_views, args=(ended, reached), name="liudong-views", daemon=True)
    views.start()
    try:
        county = load_demo(service.ledger, seed=seed, scale=scale, end=end, progress=loading)
    finally:
        ended.set()
    while views.is_alive():
        building(reached.value, county.events)
        views.join(0.1)
    if views.exitcode != 0:  # the views were not swapped in: build them here
        service.runner.rebuild(progress=building)
    building(county.events, county.events)
    return county


def _build_views(ended: Event, reached: Synchronized) -> None:  # type: ignore[type-arg]
    service = build_service(get_settings())
    head = service.ledger.recorder.max_notification_id

    def hold(position: int, _: int) -> None:
        """Called after each batch: the rebuild's catch-up ends at the first empty
        batch, so while the load goes on it waits here for more events."""
        reached.value = position
        while not ended.is_set() and position >= (head() or 0):
            ended.wait(0.05)

    try:
        while not ended.is_set() and not head():  # the first batch must not be empty either
            ended.wait(0.05)
        service.runner.rebuild(progress=hold, grace=0.0, batch_size=VIEWS_BATCH)
    finally:
        service.close()
