"""A lease: exactly one runner applies events to a generation, however many
server processes run. PostgreSQL: a session advisory lock; SQLite: an
exclusive lock on a file beside the database. Both end with the process.
"""

from __future__ import annotations

import fcntl
import hashlib
from typing import IO

import psycopg

__all__ = ["Lease"]


class Lease:
    def __init__(self, env: dict[str, str], name: str):
        self.env = env
        self.name = name
        self._file: IO[bytes] | None = None
        self._conn: psycopg.Connection | None = None

    @property
    def held(self) -> bool:
        return self._file is not None or self._conn is not None

    def try_acquire(self) -> bool:
        if self.held:
            return True
        if "postgres" in self.env.get("PERSISTENCE_MODULE", ""):
            return self._lock_postgres()
        return self._lock_file()

    def _lock_file(self) -> bool:
        path = f"{self.env['SQLITE_DBNAME']}.{self.name}.lock"
        handle = open(path, "ab")  # noqa: SIM115 (held open for the lease's life)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def _lock_postgres(self) -> bool:
        env = self.env
        key = f"{env.get('POSTGRES_SCHEMA', 'public')}:{self.name}"
        number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        conn = psycopg.connect(dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"],
                               port=env.get("POSTGRES_PORT", "5432"), user=env["POSTGRES_USER"],
                               password=env.get("POSTGRES_PASSWORD", ""), autocommit=True)
        if conn.execute("SELECT pg_try_advisory_lock(%s)", [number]).fetchone()[0]:  # type: ignore[index]
            self._conn = conn
            return True
        conn.close()
        return False

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._conn is not None:
            self._conn.close()  # ends the session, and its advisory lock
            self._conn = None

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()
