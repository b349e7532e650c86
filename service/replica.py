"""How far a read replica (`LIUDONG_READ_URL`) is behind the primary: in bytes of
write-ahead log not yet replayed there, and in events its views have not applied."""

from __future__ import annotations

from typing import Any

from service.process import Service

__all__ = ["lsn", "replica_lag"]


def lsn(text: str | None) -> int:
    """A log sequence number ('16/B374D848') as a byte count."""
    if not text:
        return 0
    high, _, low = text.partition("/")
    return (int(high, 16) << 32) + int(low, 16)


def replica_lag(service: Service, head: int) -> dict[str, Any]:
    with service.ledger.recorder.datastore.get_connection() as conn:  # type: ignore[attr-defined]
        written = conn.execute("SELECT pg_current_wal_lsn()::text AS lsn").fetchone()["lsn"]
    with service.queries.store.read() as tx:
        replayed = tx.value("SELECT pg_last_wal_replay_lsn()::text AS lsn")
        applied = service.queries.generations.live_and_applied(tx)[1]
    return {"lag_bytes": max(lsn(written) - lsn(replayed), 0), "views_position": applied,
            "events_behind": max(head - applied, 0)}
