"""The views' database: the same SQLite file or PostgreSQL schema as the events.

One `ViewStore` per process. It hands out transactions in which a view writes
its rows and, through the eventsourcing library's tracking recorder, its
tracking position, so each event is applied exactly once. SQL is written
once, with `?` placeholders and `{table}` names; this module adapts it.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import InfrastructureFactory, Tracking, TrackingRecorder
from eventsourcing.utils import Environment

__all__ = ["Tx", "ViewStore"]

_PLACEHOLDER = re.compile(r"\?")
# The schema each PostgreSQL connection's search_path names. Kept for the whole process: with a
# pool shared by several counties (service/shared_pool.py), a connection one county's views set
# may come next to another's, and is set again only then (once per connection with one county).
# The queries name every table with its schema instead (`qualified`): with twenty counties nearly
# every query met a connection last set for another county, and each switch cost a round trip and
# a new plan (docs/benchmarks.md, "Many counties").
_search_path: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


class Tx:
    """A transaction on the views' database, in one dialect-neutral form."""

    def __init__(self, store: ViewStore, cursor: Any, tables: dict[str, str]):
        self.store = store
        self.cursor = cursor
        self.tables = tables

    def _sql(self, sql: str) -> str:
        sql = sql.format(**self.tables) if self.tables else sql
        return _PLACEHOLDER.sub("%s", sql) if self.store.is_postgres else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.cursor.executemany(self._sql(sql), [r if type(r) is tuple else tuple(r) for r in rows])

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        self.execute(sql, params)
        rows = self.cursor.fetchall()
        if self.store.is_postgres:
            return rows  # type: ignore[no-any-return]  # psycopg's dict_row: a new dict per row
        # zip over the names: a third of dict(sqlite3.Row)'s time for a page of 50 rows (0.3 vs 0.9 ms)
        raw = getattr(self.cursor, "sqlite_cursor", self.cursor)  # the library's wrapper, or sqlite3's own
        names = [column[0] for column in raw.description]
        return [dict(zip(names, row, strict=True)) for row in rows]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None

    def track(self, name: str, position: int) -> None:
        """Records that view `name` has applied every event up to `position`;
        refused (IntegrityError) when it had already got that far."""
        self.store.tracking._insert_tracking(self.cursor, Tracking(name, position))  # noqa: SLF001

    def track_all(self, names: Sequence[str], position: int) -> None:
        """`track` for several views at once: one statement sent for all (with the
        library's one-row-per-name tracking, each still needs its own answer)."""
        tracking: Any = self.store.tracking
        if tracking.datastore.single_row_tracking or len(names) < 2:
            for name in names:
                self.track(name, position)
            return
        tracking._check_has_multi_row_tracking_table(self.cursor)  # noqa: SLF001
        self.cursor.executemany(tracking.insert_tracking_statement,
                                [{"application_name": name, "notification_id": position} for name in names])


class ViewStore:
    def __init__(self, env: dict[str, str], application_name: str = "Liudong"):
        factory = InfrastructureFactory.construct(Environment(application_name, env))
        self.tracking: TrackingRecorder = factory.tracking_recorder()
        self.datastore = self.tracking.datastore  # type: ignore[attr-defined]
        self.is_postgres = "POSTGRES_DBNAME" in env  # the library's factory, or ours sharing a pool
        self.schema = env.get("POSTGRES_SCHEMA") or "public"
        self._factory = factory

    def qualified(self, name: str) -> str:
        """A table's name with its schema (PostgreSQL): a statement naming only such tables needs no
        search_path, and its text, and so its prepared plan, is the county's own."""
        return f'"{self.schema}".{name}' if self.is_postgres else name

    @contextmanager
    def transaction(self, tables: dict[str, str] | None = None, *, write: bool = True,
                    durable: bool = True, qualified: bool = False) -> Iterator[Tx]:
        """`durable=False` (the runner's batches): the commit does not wait for the disk.
        A crash may lose the last such transactions, never half of one: the views and
        their tracking positions go back together, and the runner applies those events again.
        `qualified`: every table the transaction names is `qualified` (the queries' reads)."""
        if self.is_postgres:
            with self.datastore.get_connection() as conn:
                if not qualified and _search_path.get(conn) != self.schema:  # not once per transaction
                    conn.execute(f'SET search_path TO "{self.schema}"')
                    _search_path[conn] = self.schema
                with conn.transaction(force_rollback=not write):
                    if not durable:
                        conn.execute("SET LOCAL synchronous_commit TO off")
                    yield Tx(self, conn.cursor(), tables or {})
            return
        with self._sqlite_transaction(write, durable) as cursor:
            yield Tx(self, cursor, tables or {})

    @contextmanager
    def _sqlite_transaction(self, write: bool, durable: bool = True) -> Iterator[Any]:
        """Like the library's, but a writer takes the write lock at BEGIN
        (IMMEDIATE): a view reads then writes, and a deferred transaction
        could not wait for the lock once it has read. Not durable: the commit
        writes the WAL without syncing it (synchronous NORMAL), for this transaction only."""
        with self.datastore.get_connection(commit=write) as conn:
            cursor = conn.cursor()
            if not durable:
                cursor.execute("PRAGMA synchronous = NORMAL")
            try:
                cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                yield cursor
            except BaseException:
                conn.rollback()
                raise
            else:
                if write:
                    conn.commit()
                else:
                    conn.rollback()
            finally:
                if not durable:
                    cursor.execute("PRAGMA synchronous = FULL")  # the connection goes back to the pool as it came

    def read(self, tables: dict[str, str] | None = None, qualified: bool = False) -> Any:
        return self.transaction(tables, write=False, qualified=qualified)

    def position(self, name: str) -> int:
        return self.tracking.max_tracking_id(name) or 0

    def close(self) -> None:
        self._factory.close()
