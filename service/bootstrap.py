"""Wires settings to the ledger and its views: the one place where
configuration meets code (environment -> Settings -> the library's env
mapping -> the ledger, the views' store, the runner and the service).
A new SQLite store is created readable by its owner only; `require_store`
refuses a store that was never created or initialised, creating nothing."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

from eventsourcing.persistence import PersistenceError
from eventsourcing.sqlite import SQLiteConnectionPool

from domain.clock import Clock, system_clock
from domain.county import County
from domain.ids import county_id
from domain.ledger import Ledger
from projections.generations import Generations
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.callers import CallerCache
from service.group_commit import GroupCommit
from service.idempotency import IdempotencyRecords
from service.lookups import Lookups
from service.process import Service
from service.recorders import SealingRecorder
from service.settings import Settings, replica_env, store_env

__all__ = ["build_ledger", "build_service", "ensure_schema", "open_ledger", "require_store", "starting"]

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
    keep_sqlite_connections(ledger.recorder)
    if isinstance(ledger.recorder, SealingRecorder):
        ledger.recorder.attach_ledger(ledger)  # sealing reads events through the ledger's mapper
    return ledger


def build_ledger(settings: Settings, clock: Clock = system_clock) -> Ledger:
    if settings.uses_postgres and settings.pg_schema != "public":
        ensure_schema(settings)
    if not settings.uses_postgres:
        _create_private(settings.db)
    return starting(lambda: open_ledger(store_env(settings), settings.identity_key(), clock))


# SQLite connections a pool keeps open. The library's pool keeps 5 and closes the others it
# opens as they come back, and a new connection parses the whole schema (every view
# generation's tables and indexes) on its first statement: under 32 concurrent reads that
# churn cost more than the queries. One per worker thread of the server (anyio's 40).
SQLITE_KEPT_CONNECTIONS = 40


def keep_sqlite_connections(recorder: Any) -> None:
    pool = getattr(getattr(recorder, "datastore", None), "pool", None)
    if isinstance(pool, SQLiteConnectionPool):
        pool.pool_size = max(pool.pool_size, SQLITE_KEPT_CONNECTIONS)


def build_service(settings: Settings, clock: Clock = system_clock, batch_size: int = 500) -> Service:
    ledger = build_ledger(settings, clock)
    store = starting(lambda: ViewStore(store_env(settings)))
    keep_sqlite_connections(store.tracking)
    runner = Runner(ledger, store, batch_size=batch_size)
    lookups = starting(Lookups(store, ledger.clock).create_tables)
    primary = Queries(ledger, store, runner.generations, runner)
    queries = primary
    if (env := replica_env(settings)) is not None:  # reads from the streaming replica's copy of the views
        replica = starting(lambda: ViewStore(env))
        queries = Queries(ledger, replica, Generations(replica, runner.views, create=False))
    committer = GroupCommit(ledger, IdempotencyRecords(store), metrics=settings.metrics)
    return Service(ledger, store, runner, queries, committer, CallerCache(ledger), lookups, primary,
                   signing_seed=settings.signing_seed(), metrics=settings.metrics)


def require_store(settings: Settings, with_county: bool = False) -> None:
    """Stops with one Chinese line unless the store exists (the SQLite file, the
    PostgreSQL schema) and, `with_county`, holds the initialised county. Checked
    before anything is built, so a mistyped name does not become an empty store."""
    exists = _schema_exists(settings) if settings.uses_postgres else settings.db.is_file()
    if exists and with_county:
        ledger = build_ledger(settings)
        try:
            exists = ledger.load(County, county_id()) is not None
        finally:
            ledger.close()
    if not exists:
        raise SystemExit("数据存储中还没有初始化的县：请先运行 liudong init 或 liudong run；"
                         f"当前存储：{settings.store_label}")


def _create_private(db: Path) -> None:
    """Creates a new SQLite file readable by its owner only, before the library
    opens it: SQLite gives the -wal, -shm and journal files the main file's mode.
    (A umask would change every file the process writes, and the caller's too.)"""
    db.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _schema_exists(settings: Settings) -> bool:
    import psycopg

    assert settings.database_url is not None
    with psycopg.connect(settings.database_url) as conn:
        found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (settings.pg_schema,)).fetchone()
    return found is not None


def ensure_schema(settings: Settings) -> None:
    import psycopg
    from psycopg import sql

    assert settings.database_url is not None
    with psycopg.connect(settings.database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(settings.pg_schema)))
