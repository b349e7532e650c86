"""The stores tests run on: a SQLite file, a PostgreSQL schema of its own, or
(for rule tests) the library's in-memory store; a clock moved by hand."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from domain.ledger import Ledger
from service.bootstrap import open_ledger
from service.settings import Settings, store_env
from tests.support.postgres import fresh_schema

__all__ = ["IN_CI", "NOW", "TEST_KEY", "Clock", "Store", "in_memory_ledger", "open_store"]

TEST_KEY = bytes.fromhex("5f" * 32)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
NOW = datetime(2025, 6, 1, 4, 0, tzinfo=UTC)  # 2025-06-01 12:00 in Shanghai


class Clock:
    """A clock the tests move by hand."""

    def __init__(self, at: datetime):
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@dataclass
class Store:
    kind: str
    settings: Settings
    ledgers: list[Ledger] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return store_env(self.settings)

    def ledger(self, clock: Clock | None = None) -> Ledger:
        ledger = open_ledger(self.env, TEST_KEY, clock or Clock(NOW))
        self.ledgers.append(ledger)
        return ledger

    def close(self) -> None:
        for ledger in self.ledgers:
            ledger.close()


@contextmanager
def open_store(kind: str, tmp_path: Path, postgres_url: str | None = None) -> Iterator[Store]:
    """A SQLite file in `tmp_path`, or a fresh schema of the PostgreSQL at `postgres_url`."""
    if kind == "sqlite":
        store = Store("sqlite", Settings(db=tmp_path / "ledger.db", database_url=None, lock_timeout=5,
                                         secret_key=TEST_KEY.hex()))
        try:
            yield store
        finally:
            store.close()
        return
    assert postgres_url is not None, "a PostgreSQL store needs the server's URL"
    with fresh_schema(postgres_url) as schema:
        store = Store("postgres", Settings(db=tmp_path / "unused.db", database_url=postgres_url,
                                           pg_schema=schema, lock_timeout=5, secret_key=TEST_KEY.hex()))
        try:
            yield store
        finally:
            store.close()


def in_memory_ledger(clock: Clock) -> Ledger:
    """A ledger on the library's in-memory store: for rule tests, which touch no SQL."""
    return Ledger({"PERSISTENCE_MODULE": "eventsourcing.popo"}, identity_key=TEST_KEY, clock=clock)
