"""A ledger that remembers what it saved, to compare with what replays."""

from __future__ import annotations

from copy import deepcopy
from typing import Any
from uuid import UUID

from domain.base import LedgerAggregate, LedgerEvent
from domain.ledger import Ledger

__all__ = ["RecordingLedger"]


class RecordingLedger(Ledger):
    """A ledger that remembers every aggregate and event as it saved them."""

    name = Ledger.name  # the application's name is its PostgreSQL table's name

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.saved_events: list[LedgerEvent] = []
        self.saved_states: dict[UUID, LedgerAggregate] = {}

    def save(self, *aggregates: Any, **kwargs: Any) -> Any:
        for aggregate in aggregates:
            self.saved_events.extend(aggregate.pending_events)
        recordings = super().save(*aggregates, **kwargs)
        self.saved_states.update({a.id: deepcopy(a) for a in aggregates})
        return recordings
