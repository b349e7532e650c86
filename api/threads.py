"""Reads run in a pool of threads of their own, commands in anyio's default pool.

A plain `def` endpoint runs in anyio's pool of 40 threads. For reads that is
too many: 32 requests at once meant 32 threads taking the GIL from each other
and from the event loop, and the register page served 2-3x fewer requests a
second than with 2 (docs/benchmarks.md, "Threads for reads"). PostgreSQL's
queries run in its own processes; there 40 served the most (service/settings.py).
Commands keep the large pool: each waits in its thread for the group commit,
and a group is only as large as the commands waiting together.

Routers whose GET endpoints should run this way use `ReadRoute` as their
`route_class`; `use_read_threads(n)` sizes the pool (per event loop). Files
(an export of the whole register takes seconds) stay in the default pool: in
a pool of two, two exports would hold up every other query."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from anyio import CapacityLimiter, to_thread
from eventsourcing.persistence import PersistenceError
from anyio.lowlevel import RunVar
from fastapi.routing import APIRoute

from service.settings import READ_THREADS

__all__ = ["ReadRoute", "use_read_threads"]

READS_ONLY = frozenset({"GET", "HEAD"})
FILES = (".xlsx", ".csv", ".pdf")  # long answers: not in the reads' few threads

_LIMITER: RunVar[CapacityLimiter] = RunVar("liudong_read_threads")


def use_read_threads(count: int) -> None:
    """Reads of this event loop run in at most `count` threads (called at the app's start)."""
    _LIMITER.set(CapacityLimiter(count))


def _limiter() -> CapacityLimiter:
    try:
        return _LIMITER.get()
    except LookupError:  # an app used without its lifespan (a bare TestClient)
        use_read_threads(READ_THREADS["sqlite"])
        return _LIMITER.get()


def in_read_threads(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """The endpoint as a coroutine that runs it in the reads' threads (FastAPI reads the
    parameters and their module through `__wrapped__`)."""
    @functools.wraps(endpoint)
    async def read(*args: Any, **kwargs: Any) -> Any:
        return await to_thread.run_sync(functools.partial(_once_more, endpoint, *args, **kwargs),
                                        limiter=_limiter())
    return read


# A read replica replaying the drop of an old generation cancels the queries still reading it
# (serialization_failure), or a query chose tables the replay has just dropped (undefined_table):
# asked again, the query reads the live generation (docs/operations.md, "Read replicas").
RECOVERY_CONFLICTS = frozenset({"40001", "42P01"})


def _once_more(endpoint: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return endpoint(*args, **kwargs)
    except PersistenceError as error:
        if getattr(error.__cause__, "sqlstate", None) not in RECOVERY_CONFLICTS:
            raise
        return endpoint(*args, **kwargs)


class ReadRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **options: Any):
        methods = set(options.get("methods") or {"GET"})
        if methods <= READS_ONLY and not path.endswith(FILES) and not inspect.iscoroutinefunction(endpoint):
            endpoint = in_read_threads(endpoint)
        super().__init__(path, endpoint, **options)
