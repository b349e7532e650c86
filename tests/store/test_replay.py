"""Stored events replay into exactly the aggregates that recorded them, on
each store, and both stores hold the same history."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from domain.base import LedgerEvent
from domain.ledger import Ledger
from service.bootstrap import open_ledger
from tests.support.stores import Clock, NOW, Store, TEST_KEY, open_store
from tests.support.life import live_a_life
from tests.support.recording import RecordingLedger


def every_event_class() -> set[type[LedgerEvent]]:
    found, todo = set(), [LedgerEvent]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__dict__.get("TOPIC"):
                found.add(sub)
    return found


def stored_events(ledger: Ledger) -> list[LedgerEvent]:
    return [ledger.mapper.to_domain_event(n) for n in ledger.recorder.select_notifications(1, 100_000)]  # type: ignore[misc]


def test_every_event_kind_replays_into_the_same_aggregates(store: Store) -> None:
    ledger = open_ledger(store.env, TEST_KEY, Clock(NOW), RecordingLedger)
    store.ledgers.append(ledger)
    live_a_life(ledger)
    events = stored_events(ledger)
    assert {type(e) for e in events} == every_event_class()
    assert events == ledger.saved_events
    fresh = store.ledger()
    for aggregate_id, saved in ledger.saved_states.items():
        replayed = fresh.repository.get(aggregate_id)
        assert replayed.__dict__ == saved.__dict__, type(saved).__name__


def normalised(events: list[LedgerEvent]) -> list[tuple[str, int, Any]]:
    """Events with ids replaced by their order of appearance (init draws random ids)."""
    names: dict[UUID, str] = {}

    def name(value: Any) -> Any:
        if isinstance(value, UUID):
            return names.setdefault(value, f"id{len(names)}")
        if isinstance(value, str) and len(value) == 36 and value.count("-") == 4:
            return name(UUID(value))
        if isinstance(value, (list, tuple)):
            return [name(v) for v in value]
        if isinstance(value, dict):
            return {k: name(v) for k, v in value.items()}
        return value

    rows = []
    for event in events:
        state = {k: name(v) for k, v in asdict(event).items() if k != "token_hash"}
        rows.append((type(event).TOPIC, event.originator_version, state))
    return rows


@pytest.mark.postgres
def test_sqlite_and_postgresql_hold_the_same_history(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    histories = []
    for kind in ("sqlite", "postgres"):
        url = request.getfixturevalue("postgres_url") if kind == "postgres" else None
        with open_store(kind, tmp_path / kind, url) as store:
            ledger = store.ledger(Clock(NOW))
            live_a_life(ledger)
            histories.append(normalised(stored_events(ledger)))
    assert len(histories[0]) > 60
    assert histories[0] == histories[1]
