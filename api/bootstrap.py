"""Wires settings to the ledger and its views: the one place where
configuration meets code."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from eventsourcing.persistence import PersistenceError

from api.settings import Settings, store_env
from domain.clock import Clock, local_date, system_clock
from domain.group_commit import GroupCommit
from domain.service import Ledger
from projections.queries import Views
from projections.runner import Runner
from projections.store import ViewStore

__all__ = ["Service", "build_ledger", "build_service", "starting"]

T = TypeVar("T")


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


def build_ledger(settings: Settings, clock: Clock = system_clock) -> Ledger:
    if settings.uses_postgres and settings.pg_schema != "public":
        _ensure_schema(settings)
    return starting(lambda: Ledger(store_env(settings), identity_key=settings.identity_key(), clock=clock))


@dataclass
class Service:
    """The ledger, the views' store, their runner and the read side, together."""

    ledger: Ledger
    store: ViewStore
    runner: Runner
    views: Views
    committer: GroupCommit

    def today(self) -> date:
        """Today in Asia/Shanghai, by the service's clock."""
        return local_date(self.ledger.clock())

    def close(self) -> None:
        self.committer.close()
        self.store.close()
        self.ledger.close()


def build_service(settings: Settings, clock: Clock = system_clock, batch_size: int = 500) -> Service:
    ledger = build_ledger(settings, clock)
    store = starting(lambda: ViewStore(store_env(settings)))
    runner = Runner(ledger, store, batch_size=batch_size)
    return Service(ledger, store, runner, Views(ledger, store, runner.generations, runner),
                   GroupCommit(ledger))


def _ensure_schema(settings: Settings) -> None:
    import psycopg
    from psycopg import sql

    assert settings.database_url is not None
    with psycopg.connect(settings.database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(settings.pg_schema)))
