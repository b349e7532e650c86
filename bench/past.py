"""The demo county's statistics as of a past day (projections/history):
cold (a fresh fold of the whole log, then the snapshot), another day on the
warm fold, and the same question again (the snapshot remembered). Baseline:
reading and decoding the same events, which a cold answer cannot avoid."""

from __future__ import annotations

import time
from datetime import date, timedelta

from bench.harness import END
from bench.report import Figure
from projections.history import History
from service.process import Service

__all__ = ["past_statistics"]

DAY = END - timedelta(days=181)  # about half a year before the demo's end


def _timed(history: History, day: date) -> float:
    started = time.perf_counter()
    history.at(as_of=day).statistics()
    return time.perf_counter() - started


def past_statistics(kind: str, service: Service, decode_rate: float) -> list[Figure]:
    """`decode_rate`: events per second read and decoded, measured in the same run."""
    events = service.ledger.recorder.max_notification_id() or 0
    decoding = events / decode_rate
    cold = _timed(History(service.queries), DAY)
    history = History(service.queries)
    _timed(history, DAY)
    other_day = _timed(history, DAY - timedelta(days=30 + len(history.snapshots)))
    warm = _timed(history, DAY)
    what = f"GET /statistics?as_of={DAY} of the whole county; one run each"
    return [
        Figure(kind, "statistics as of a past day, cold", cold, "s", decoding, "≤ 5 s", cold <= 5,
               f"{what}: a fresh fold of {events} events, then the snapshot; baseline: decoding them"),
        Figure(kind, "statistics as of another past day", other_day, "s", None, "–", None,
               f"{what}: the fold kept, a new day's snapshot"),
        Figure(kind, "statistics as of a past day, warm", warm, "s", None, "≤ 0.5 s", warm <= 0.5,
               f"{what}: the same question again"),
    ]
