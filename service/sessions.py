"""Sessions of the staff pages, kept in the store so every process sees them:
a random id (the browser holds it, the store only its SHA-256) names the
officer and the credential used to log in, until it expires or is ended.
Whether the credential and officer are still active is checked on each use
(`CallerCache.by_credential`), not here."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from uuid import UUID

from domain.clock import Clock
from projections.store import ViewStore

__all__ = ["LIFETIME", "Session", "Sessions"]

LIFETIME = 12 * 3600  # seconds from login; no sliding renewal
TABLE = "liudong_sessions"
SCHEMA = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (id_hash TEXT PRIMARY KEY, officer_id TEXT NOT NULL, "
    "credential_id TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_expiry ON {TABLE} (expires_at)",
]


@dataclass(frozen=True)
class Session:
    officer_id: UUID
    credential_id: UUID
    expires_at: int  # seconds since the epoch, by the service's clock


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class Sessions:
    def __init__(self, store: ViewStore, clock: Clock, lifetime: int = LIFETIME):
        self.store = store
        self.clock = clock
        self.lifetime = lifetime

    def create_tables(self) -> Sessions:
        """Makes the table if it is missing (every process does this at start)."""
        with self.store.transaction() as tx:
            for statement in SCHEMA:
                tx.execute(statement)
        return self

    def now(self) -> int:
        return int(self.clock().timestamp())

    def open(self, officer_id: UUID, credential_id: UUID) -> str:
        """A new session's id (to hand to the browser); expired sessions are removed on the way."""
        session_id, now = secrets.token_urlsafe(32), self.now()
        with self.store.transaction() as tx:
            tx.execute(f"DELETE FROM {TABLE} WHERE expires_at <= ?", [now])
            tx.execute(f"INSERT INTO {TABLE} (id_hash, officer_id, credential_id, created_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?)",
                       [_digest(session_id), str(officer_id), str(credential_id), now, now + self.lifetime])
        return session_id

    def find(self, session_id: str) -> Session | None:
        """The session this id names, unless it has expired or was ended."""
        with self.store.read() as tx:
            row = tx.one(f"SELECT officer_id, credential_id, expires_at FROM {TABLE} "
                         "WHERE id_hash = ? AND expires_at > ?", [_digest(session_id), self.now()])
        if row is None:
            return None
        return Session(UUID(row["officer_id"]), UUID(row["credential_id"]), int(row["expires_at"]))

    def end(self, session_id: str) -> None:
        """Ends the session (logout, or a session whose credential was found revoked)."""
        with self.store.transaction() as tx:
            tx.execute(f"DELETE FROM {TABLE} WHERE id_hash = ?", [_digest(session_id)])
