"""Reading the county's log as the tests see it: every event's recorded_at, in log order."""

from __future__ import annotations

from datetime import datetime

from domain.base import LedgerEvent
from domain.ledger import Ledger

__all__ = ["events_in_order", "recorded_times"]


def events_in_order(ledger: Ledger) -> list[tuple[int, LedgerEvent]]:
    """(position, event) of every stored event, in log order."""
    found: list[tuple[int, LedgerEvent]] = []
    start = 1
    while batch := ledger.recorder.select_notifications(start=start, limit=2000):
        for notification in batch:
            event = ledger.mapper.to_domain_event(notification)
            assert isinstance(event, LedgerEvent)
            found.append((notification.id, event))
        start = batch[-1].id + 1
    return found


def recorded_times(ledger: Ledger) -> list[datetime]:
    """recorded_at of every stored event, in log order."""
    return [event.recorded_at for _, event in events_in_order(ledger)]
