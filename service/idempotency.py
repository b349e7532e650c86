"""Idempotency keys: a retried POST gets the first answer, and nothing new is
stored. The record (officer, key, hash of the request, the answer without
secrets or personal data) is written by the event recorder in the same
transaction as the command's events, so the two can never disagree.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from psycopg.sql import SQL, Identifier

from domain import rules
from domain.command_batch import EventKey, Outcome, Step
from domain.errors import LedgerError
from projections.store import ViewStore

__all__ = ["IdempotencyRecord", "IdempotencyRecords", "PostgresIdempotentRecorder", "SQLiteIdempotentRecorder",
           "request_hash"]

TABLE = "liudong_idempotency"
COLUMNS = "officer_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, " \
          "response TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (officer_id, key)"


def request_hash(method: str, path: str, body: dict[str, Any]) -> str:
    """The request's fingerprint: its method, path and body in canonical JSON."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class IdempotencyRecord:
    """What the first use of a key stores beside the command's events."""

    officer_id: str
    key: str
    request_hash: str
    subject_id: str | None = None
    version: int | None = None
    events: frozenset[EventKey] = frozenset()

    def completed(self, step: Step) -> IdempotencyRecord:
        """The record of a command whose rules have passed: its subject and events."""
        return replace(self, subject_id=str(step.subject_id) if step.subject_id else None, version=step.version,
                       events=step.events)

    def row(self, positions: dict[EventKey, int]) -> tuple[str, ...]:
        mine = sorted(positions[key] for key in self.events if key in positions)
        response = {"positions": mine, "subject_id": self.subject_id, "version": self.version}
        return (self.officer_id, self.key, self.request_hash, json.dumps(response),
                datetime.now(UTC).isoformat())


def _positions(stored_events: Any, positions: Any) -> dict[EventKey, int]:
    return {(UUID(str(e.originator_id)), e.originator_version): p
            for e, p in zip(stored_events, positions or [], strict=False)}


class SQLiteIdempotentRecorder(SQLiteApplicationRecorder):
    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), f"CREATE TABLE IF NOT EXISTS {TABLE} ({COLUMNS})"]

    def _insert_events(self, c: SQLiteCursor, stored_events: Any, **kwargs: Any) -> Any:
        positions = super()._insert_events(c, stored_events, **kwargs)
        records: list[IdempotencyRecord] = kwargs.get("idempotency") or []
        if records:
            by_event = _positions(stored_events, positions)
            c.executemany(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?)", [r.row(by_event) for r in records])
        return positions


class PostgresIdempotentRecorder(PostgresApplicationRecorder):
    """Inserts in one transaction that any error rolls back. (The library's own
    `insert_events` catches errors raised after the events' insert, lets its
    transaction commit, and raises them afterwards: events saved while the
    caller is told they were not, without their seals or idempotency record.)"""

    def __init__(self, datastore: Any, **kwargs: Any):
        super().__init__(datastore, **kwargs)
        self.sql_create_statements.append(SQL(f"CREATE TABLE IF NOT EXISTS {{}}.{TABLE} ({COLUMNS})").format(
            Identifier(self.datastore.schema)))
        self.insert_record = SQL(f"INSERT INTO {{}}.{TABLE} VALUES (%s, %s, %s, %s, %s)").format(
            Identifier(self.datastore.schema))

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        with self.datastore.get_connection() as conn, conn.pipeline() as pipeline, conn.transaction():
            with conn.cursor() as curs:
                self._insert_events(curs, stored_events, **kwargs)  # the table lock: commit order = log order
            if not stored_events:
                return None
            with conn.cursor() as curs:
                self._insert_stored_events(curs, stored_events, **kwargs)
                pipeline.sync()  # a uniqueness violation is raised here, inside the transaction
                return self._fetch_ids_after_insert_events(curs, stored_events, **kwargs)  # type: ignore[no-any-return]

    def _fetch_ids_after_insert_events(self, curs: Any, stored_events: Any, **kwargs: Any) -> Any:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        records: list[IdempotencyRecord] = kwargs.get("idempotency") or []
        if records:
            by_event = _positions(stored_events, positions)
            curs.executemany(self.insert_record, [r.row(by_event) for r in records])
        return positions


class IdempotencyRecords:
    """Reads what keys stored (writing happens only with the events)."""

    def __init__(self, store: ViewStore):
        self.store = store

    def find(self, asked: IdempotencyRecord) -> Outcome | None:
        """The first answer to the key `asked` uses (`replayed`), or None if it is new.
        Refuses a key used before for another request."""
        answer = self.find_many([asked]).get((asked.officer_id, asked.key))
        if isinstance(answer, LedgerError):
            raise answer
        return answer

    def find_many(self, asked: Sequence[IdempotencyRecord]) -> dict[tuple[str, str], Outcome | LedgerError]:
        """For each key already used (by officer and key): its first answer, or the refusal
        of a key used before for another request. One query for a group of commands."""
        if not asked:
            return {}
        where = " OR ".join("(officer_id = ? AND key = ?)" for _ in asked)
        with self.store.read() as tx:
            rows = tx.all(f"SELECT officer_id, key, request_hash, response FROM {TABLE} WHERE {where}",
                          [value for a in asked for value in (a.officer_id, a.key)])
        stored = {(r["officer_id"], r["key"]): r for r in rows}
        found: dict[tuple[str, str], Outcome | LedgerError] = {}
        for a in asked:
            row = stored.get((a.officer_id, a.key))
            if row is not None:
                found[(a.officer_id, a.key)] = _answer(row, a)
        return found


def _answer(row: dict[str, Any], asked: IdempotencyRecord) -> Outcome | LedgerError:
    if row["request_hash"] != asked.request_hash:
        return rules.IDEMPOTENCY_REUSED.refuse(field="Idempotency-Key")
    first = json.loads(row["response"])
    subject = UUID(first["subject_id"]) if first["subject_id"] else None
    return Outcome(tuple(first["positions"]), subject, first["version"], replayed=True)
