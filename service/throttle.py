"""Throttling failed attempts: failures are counted per bucket (for logins: the
client address, the presented token's SHA-256, the officer the token names)
in a table of the store, so every process sees the same counts. A count lives
one window from its first failure; past its limit, attempts are refused until
the window ends. `service/lookups.py` uses it for look-ups by ID number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from domain.clock import Clock
from projections.store import ViewStore

__all__ = ["LIMITS", "Attempt", "Counted", "Limits", "Throttle"]

TABLE = "liudong_login_failures"


def schema(table: str) -> list[str]:
    return [f"CREATE TABLE IF NOT EXISTS {table} (bucket TEXT PRIMARY KEY, window_start BIGINT NOT NULL, "
            "failures INTEGER NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {table}_window ON {table} (window_start)"]


@dataclass(frozen=True)
class Limits:
    """Failures allowed within one window before logins are refused (docs/pages.md)."""

    window: int = 60  # seconds, from the first failure
    per_client: int = 10  # from one address, whatever the tokens
    per_token: int = 5  # of one token, from any address
    per_officer: int = 10  # of tokens naming one officer (revoked ones, or the officer's appointment ended)


LIMITS = Limits()


@dataclass(frozen=True)
class Attempt:
    """Who tries to log in: the client's address, the token's hash and, once known, the officer."""

    client: str
    token_hash: str
    officer_id: UUID | None = None

    def buckets(self, limits: Limits) -> dict[str, int]:
        """The counters this attempt touches, each with its limit."""
        found = {f"client:{self.client}": limits.per_client, f"token:{self.token_hash}": limits.per_token}
        if self.officer_id is not None:
            found[f"officer:{self.officer_id}"] = limits.per_officer
        return found


class Counted(Protocol):
    """An attempt: the counters it touches, each with its limit."""

    def buckets(self, limits: Limits) -> dict[str, int]: ...


class Throttle:
    def __init__(self, store: ViewStore, clock: Clock, limits: Limits = LIMITS, table: str = TABLE):
        self.store = store
        self.clock = clock
        self.limits = limits
        self.table = table  # one table per window length: a shorter window would sweep a longer one's rows

    def create_tables(self) -> Throttle:
        """Makes the table if it is missing (every process does this at start)."""
        with self.store.transaction() as tx:
            for statement in schema(self.table):
                tx.execute(statement)
        return self

    def now(self) -> int:
        return int(self.clock().timestamp())

    def wait(self, attempt: Counted) -> int:
        """Seconds until this attempt may be made (0: now), i.e. until the last of
        its counters past the limit ends its window."""
        buckets, now = attempt.buckets(self.limits), self.now()
        marks = ", ".join("?" for _ in buckets)
        with self.store.read() as tx:
            rows = tx.all(f"SELECT bucket, window_start, failures FROM {self.table} "
                          f"WHERE bucket IN ({marks}) AND window_start > ?", [*buckets, now - self.limits.window])
        return max((int(r["window_start"]) + self.limits.window - now for r in rows
                    if r["failures"] >= buckets[r["bucket"]]), default=0)

    def failed(self, attempt: Counted) -> None:
        """Counts one failure on each of the attempt's counters; counters whose
        window has ended are removed on the way."""
        now = self.now()
        with self.store.transaction() as tx:
            tx.execute(f"DELETE FROM {self.table} WHERE window_start <= ?", [now - self.limits.window])
            tx.executemany(f"INSERT INTO {self.table} (bucket, window_start, failures) VALUES (?, ?, 1) "
                           f"ON CONFLICT (bucket) DO UPDATE SET failures = {self.table}.failures + 1",
                           [(bucket, now) for bucket in attempt.buckets(self.limits)])
