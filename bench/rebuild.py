"""Rebuild of all views beside reading and decoding the same events."""

from __future__ import annotations

import time

from bench.harness import RUNS, median_of
from bench.report import Figure
from service.process import Service

__all__ = ["decode_rate", "rebuild"]


def rebuild(kind: str, service: Service) -> Figure:
    events = service.ledger.recorder.max_notification_id() or 0

    def rebuilt() -> float:
        started = time.perf_counter()
        service.runner.rebuild(grace=0)
        return events / (time.perf_counter() - started)

    rate, baseline = median_of(rebuilt), median_of(lambda: decode_rate(service))
    return Figure(kind, "rebuild of all views", rate, "events/s", baseline, "≥ 0.5×", rate / baseline >= 0.5,
                  "`liudong rebuild` from position 0 to the head, swap included; baseline: reading and decoding "
                  f"the same events (select_notifications + mapper.to_domain_event), no view; medians of {RUNS}")


def decode_rate(service: Service) -> float:
    started = time.perf_counter()
    start, count = 1, 0
    while batch := service.ledger.recorder.select_notifications(start, 5000):
        count += len([service.ledger.mapper.to_domain_event(n) for n in batch])
        start = batch[-1].id + 1
    return count / (time.perf_counter() - started)
