"""The bench's machinery: a fresh store per run, bench/load.py as a process
of its own (the projection lag), and medians over RUNS runs with their
spread. Servers: bench/servers.py; wrk: bench/wrk.py."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import psycopg
from psycopg import sql

from service.settings import Settings

__all__ = ["END", "RUNS", "SECRET", "Spread", "bench_store", "env_for", "load", "median_of", "spread"]

END = date(2026, 11, 24)
RUNS = 3  # every timed figure is the median of this many runs
SECRET = "be" * 32


# Stores.

@contextmanager
def bench_store(kind: str, label: str) -> Iterator[Settings]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="liudong-bench-") as folder:
            yield Settings(db=Path(folder) / "ledger.db", database_url=None, secret_key=SECRET)
        return
    url = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"bench_{label}_{os.getpid()}"
    try:
        yield Settings(database_url=url, pg_schema=schema, secret_key=SECRET)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def env_for(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUDONG_") and k != "DATABASE_URL"}
    env["LIUDONG_SECRET_KEY"] = SECRET
    if settings.database_url:
        env.update(DATABASE_URL=settings.database_url, LIUDONG_PG_SCHEMA=settings.pg_schema)
    else:
        env["LIUDONG_DB"] = str(settings.db)
    return env


# The load generator of the projection lag (wrk does the rest: bench/wrk.py).

def load(url: str, token: str, plan: list[dict[str, Any]], clients: int, seconds: float,
         limit: int | None = None, follow: str | None = None) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(plan, handle)
    args = [sys.executable, "-m", "bench.load", "--url", url, "--token", token, "--clients", str(clients),
            "--seconds", str(seconds), "--plan", handle.name]
    if limit:
        args += ["--limit", str(limit)]
    if follow:
        args += ["--follow", follow]
    try:
        done = subprocess.run(args, capture_output=True, text=True, check=True)
    finally:
        os.unlink(handle.name)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


# Medians.

def median_of(run: Callable[[], float]) -> float:
    return statistics.median(run() for _ in range(RUNS))


class Spread(NamedTuple):
    """The median of RUNS runs, and the lowest and highest of them."""

    median: float
    low: float
    high: float


def spread(values: Iterable[float]) -> Spread:
    runs = list(values)
    return Spread(statistics.median(runs), min(runs), max(runs))
