"""Wires settings to the ledger and its views: the one place where
configuration meets code (environment -> Settings -> the library's env
mapping -> the ledger, the views' store, the runner and the service)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from eventsourcing.persistence import PersistenceError

from domain.clock import Clock, system_clock
from domain.ledger import Ledger
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.callers import CallerCache
from service.group_commit import GroupCommit
from service.process import Service
from service.recorders import SealingRecorder
from service.settings import Settings, store_env

__all__ = ["build_ledger", "build_service", "open_ledger", "starting"]

T = TypeVar("T")
L = TypeVar("L", bound=Ledger)


def starting(make: Callable[[], T], attempts: int = 6) -> T:
    """Builds something that creates its tables on first use, again if another
    process doing the same at the same moment made it fail (PostgreSQL answers
    such races with "tuple concurrently updated" or a duplicate key)."""
    for attempt in range(attempts):
        try:
            return make()
        except PersistenceError:
            if attempt == attempts - 1:
                raise
            time.sleep(random.uniform(0.05, 0.3) * (attempt + 1))
    raise AssertionError("unreachable")


def open_ledger(env: dict[str, str], identity_key: bytes, clock: Clock = system_clock,
                ledger_class: type[L] = Ledger) -> L:  # type: ignore[assignment]
    """The ledger on the store `env` describes, its recorder ready to seal events."""
    ledger = ledger_class(env, identity_key=identity_key, clock=clock)
    if isinstance(ledger.recorder, SealingRecorder):
        ledger.recorder.attach_ledger(ledger)  # sealing reads events through the ledger's mapper
    return ledger


def build_ledger(settings: Settings, clock: Clock = system_clock) -> Ledger:
    if settings.uses_postgres and settings.pg_schema != "public":
        _ensure_schema(settings)
    return starting(lambda: open_ledger(store_env(settings), settings.identity_key(), clock))


def build_service(settings: Settings, clock: Clock = system_clock, batch_size: int = 500) -> Service:
    ledger = build_ledger(settings, clock)
    store = starting(lambda: ViewStore(store_env(settings)))
    runner = Runner(ledger, store, batch_size=batch_size)
    return Service(ledger, store, runner, Queries(ledger, store, runner.generations, runner),
                   GroupCommit(ledger), CallerCache(ledger))


def _ensure_schema(settings: Settings) -> None:
    import psycopg
    from psycopg import sql

    assert settings.database_url is not None
    with psycopg.connect(settings.database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(settings.pg_schema)))
