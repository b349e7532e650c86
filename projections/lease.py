"""A lease: exactly one runner applies events to a generation, however many
server processes run. PostgreSQL: a session advisory lock; SQLite: an
exclusive lock on a file beside the database. Both end with the process.
A process serving many counties (`SHARED_POOL` in the env) holds all its
leases on one session instead of a connection each.
"""

from __future__ import annotations

import fcntl
import hashlib
import threading
from typing import IO

import psycopg

__all__ = ["Lease"]


class Lease:
    def __init__(self, env: dict[str, str], name: str):
        self.env = env
        self.name = name
        self._file: IO[bytes] | None = None
        self._conn: psycopg.Connection | None = None
        self._shared = False  # held on the process's shared session

    @property
    def held(self) -> bool:
        return self._file is not None or self._conn is not None or self._shared

    def try_acquire(self) -> bool:
        if self.held:
            return True
        if "POSTGRES_DBNAME" in self.env:
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

    @property
    def _number(self) -> int:
        key = f"{self.env.get('POSTGRES_SCHEMA', 'public')}:{self.name}"
        return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)

    def _lock_postgres(self) -> bool:
        if self.env.get("SHARED_POOL"):
            if _Shared.session(self.env).try_lock(self._number):
                self._shared = True
                return True
            return False
        conn = _connect(self.env)
        if conn.execute("SELECT pg_try_advisory_lock(%s)", [self._number]).fetchone()[0]:  # type: ignore[index]
            self._conn = conn
            return True
        conn.close()
        return False

    def taken(self) -> bool:
        """Whether some process holds this lease (readiness: a runner follows the log). SQLite:
        a probe that takes the file lock and gives it back at once (a runner that tries in that
        instant waits for its next second); PostgreSQL: the server's table of locks."""
        if self.held:
            return True
        if "POSTGRES_DBNAME" in self.env and self.env.get("SHARED_POOL"):
            return _Shared.session(self.env).taken(self._number)  # many counties: one session asks for all
        if "POSTGRES_DBNAME" in self.env:
            with _connect(self.env) as conn:
                return _taken(conn, self._number)
        if not self._lock_file():
            return True
        self.release()
        return False

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._conn is not None:
            self._conn.close()  # ends the session, and its advisory lock
            self._conn = None
        if self._shared:
            _Shared.session(self.env).unlock(self._number)
            self._shared = False

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()


def _connect(env: dict[str, str]) -> psycopg.Connection:
    return psycopg.connect(dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"],
                           port=env.get("POSTGRES_PORT", "5432"), user=env["POSTGRES_USER"],
                           password=env.get("POSTGRES_PASSWORD", ""), autocommit=True,
                           application_name=env.get("SHARED_POOL", "liudong"))


def _taken(conn: psycopg.Connection, number: int) -> bool:
    """Whether any session holds the advisory lock `number` (the server's table of locks)."""
    found = conn.execute("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
                         "((classid::bigint << 32) | objid::bigint) = %s", [number]).fetchone()
    return found is not None


class _Shared:
    """One session holding every lease of the process (per pool). Advisory locks
    are re-entrant within a session, so the leases it holds are counted here: a
    second `try_lock` of a held number is refused, as another process would be."""

    _sessions: dict[str, _Shared] = {}
    _guard = threading.Lock()

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.conn: psycopg.Connection | None = None
        self.held: set[int] = set()
        self.lock = threading.Lock()

    @classmethod
    def session(cls, env: dict[str, str]) -> _Shared:
        with cls._guard:
            return cls._sessions.setdefault(env["SHARED_POOL"], cls(env))

    def try_lock(self, number: int) -> bool:
        with self.lock:
            if number in self.held:
                return False
            if self.conn is None or self.conn.closed:
                self.conn, self.held = _connect(self.env), set()  # a lost session lost its locks too
            if not self.conn.execute("SELECT pg_try_advisory_lock(%s)", [number]).fetchone()[0]:  # type: ignore[index]
                return False
            self.held.add(number)
            return True

    def taken(self, number: int) -> bool:
        with self.lock:
            if number in self.held:
                return True
            if self.conn is None or self.conn.closed:
                self.conn, self.held = _connect(self.env), set()
            return _taken(self.conn, number)

    def unlock(self, number: int) -> None:
        with self.lock:
            if number in self.held and self.conn is not None and not self.conn.closed:
                self.conn.execute("SELECT pg_advisory_unlock(%s)", [number])
            self.held.discard(number)
