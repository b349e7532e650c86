"""Look-ups of members by ID number (an inflow organisation's report-in): a
failed one is logged for auditors and counted per officer; past the limit the
officer's look-ups are refused for the rest of the window (429). So nobody can
use the report-in to test which ID numbers belong to the county's members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from domain.clock import Clock
from projections.store import ViewStore
from service.throttle import Limits, Throttle

__all__ = ["LOOKUP_LIMITS", "Lookups"]

LOOKUP_LIMITS = Limits(window=3600, per_officer=10)  # failed look-ups per officer and hour
LOG = "liudong_failed_lookups"
SCHEMA = [
    f"CREATE TABLE IF NOT EXISTS {LOG} (at TEXT NOT NULL, officer_id TEXT NOT NULL, org_id TEXT, "
    "member_key TEXT)",
    f"CREATE INDEX IF NOT EXISTS {LOG}_at ON {LOG} (at)",
]


@dataclass(frozen=True)
class _ByOfficer:
    officer_id: UUID

    def buckets(self, limits: Limits) -> dict[str, int]:
        return {f"officer:{self.officer_id}": limits.per_officer}


class Lookups:
    def __init__(self, store: ViewStore, clock: Clock, limits: Limits = LOOKUP_LIMITS):
        self.store = store
        self.clock = clock
        self.throttle = Throttle(store, clock, limits, table="liudong_lookup_failures")

    def create_tables(self) -> Lookups:
        self.throttle.create_tables()
        with self.store.transaction() as tx:
            for statement in SCHEMA:
                tx.execute(statement)
        return self

    def wait(self, officer_id: UUID) -> int:
        """Seconds before the officer may look up again (0: now)."""
        return self.throttle.wait(_ByOfficer(officer_id))

    def failed(self, officer_id: UUID, org_id: UUID | None, member_key: UUID | None) -> None:
        """Counts and logs a failed look-up; `member_key` is the member id the ID number
        would have (a keyed hash, never the number), None if the number was malformed."""
        self.throttle.failed(_ByOfficer(officer_id))
        at = datetime.fromtimestamp(self.throttle.now(), UTC).isoformat()
        with self.store.transaction() as tx:
            tx.execute(f"INSERT INTO {LOG} (at, officer_id, org_id, member_key) VALUES (?, ?, ?, ?)",
                       [at, str(officer_id), str(org_id) if org_id else None, str(member_key) if member_key else None])

    def log(self, page: int = 1, size: int = 100) -> tuple[list[dict[str, Any]], int]:
        """Failed look-ups, newest first, and how many there are."""
        with self.store.read() as tx:
            total = tx.value(f"SELECT COUNT(*) AS n FROM {LOG}")
            rows = tx.all(f"SELECT at, officer_id, org_id, member_key FROM {LOG} ORDER BY at DESC LIMIT ? OFFSET ?",
                          [size, (page - 1) * size])
        return rows, int(total or 0)
