"""One pool of PostgreSQL connections for every county a process serves.

The library gives each datastore a pool of its own; with a ledger and a views'
store per county, twenty counties would hold hundreds of connections (the
server allows 100). Here each datastore borrows the deployment's pool instead:
`PERSISTENCE_MODULE` names `SharedPoolFactory`, and `SHARED_POOL` the pool
registered under that name. The library's SQL names each table with its schema,
and the views set their schema on the connection they are given
(`projections.store`), so a connection may serve any county next.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eventsourcing.postgres import ConnectionPool, PostgresFactory
from eventsourcing.utils import Environment
from psycopg import Connection
from psycopg.rows import DictRow, dict_row

__all__ = ["SHARED_POOL", "SharedPoolFactory", "open_shared_pool", "shared_pool"]

SHARED_POOL = "SHARED_POOL"  # the env key naming the pool a datastore borrows
_pools: dict[str, ConnectionPool[Any]] = {}
_guard = threading.Lock()


def _configure(conn: Connection[Any]) -> None:
    conn.autocommit = True  # as the library's own pools: each transaction is explicit


def open_shared_pool(name: str, conninfo: str, min_size: int, max_size: int,
                     timeout: float = 30.0) -> ConnectionPool[Any]:
    """Opens the pool `name` (once per process) and registers it for datastores to borrow."""
    with _guard:
        if name not in _pools:
            pool: ConnectionPool[Any] = ConnectionPool(
                conninfo, connection_class=Connection[DictRow], kwargs={"row_factory": dict_row, "application_name": name},
                min_size=min_size, max_size=max_size, open=False, configure=_configure, timeout=timeout,
                name=name)
            pool.open(wait=True, timeout=timeout)
            _pools[name] = pool
        return _pools[name]


def shared_pool(name: str) -> ConnectionPool[Any]:
    try:
        return _pools[name]
    except KeyError:
        raise RuntimeError(f"no shared connection pool named {name!r} is open in this process") from None


def close_shared_pool(name: str) -> None:
    with _guard:
        pool = _pools.pop(name, None)
    if pool is not None:
        pool.close()


class _Borrowed:
    """What a datastore sees of the shared pool: connections, never the right to open or close it."""

    def __init__(self, pool: ConnectionPool[Any]):
        self._pool = pool

    def open(self, wait: bool = False, timeout: float = 30.0) -> None:
        pass  # opened once by its owner

    @contextmanager
    def connection(self, timeout: float | None = None) -> Iterator[Connection[Any]]:
        with self._pool.connection(timeout) as conn:
            yield conn

    def close(self, timeout: float = 5.0) -> None:
        pass  # closed by its owner, when the last county is done with it

    def __enter__(self) -> _Borrowed:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class SharedPoolFactory(PostgresFactory):
    """The library's PostgreSQL factory, its datastore borrowing the named shared pool.
    The datastore's own pool was made closed (`open=False`) and is dropped unopened."""

    def __init__(self, env: Environment):
        super().__init__(env)
        if name := env.get(SHARED_POOL):
            self.datastore.pool = _Borrowed(shared_pool(name))  # type: ignore[assignment]
