"""The deployment's registry: the counties one PostgreSQL database holds (one
schema each, never a shared row), the token index (which county a credential
belongs to: written by the county's recorder in the transaction that issues
it), and the prefecture's readers. It lives in a schema of its own, the one
`LIUDONG_DEPLOYMENT_SCHEMA` names; each county's schema is that name, an
underscore and the county's code."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from domain.credential import token_hash
from domain.ids import credential_id
from projections.store import ViewStore

__all__ = ["County", "Deployment", "Reader", "valid_code"]

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS counties (code TEXT PRIMARY KEY, name TEXT NOT NULL, "
    "schema_name TEXT NOT NULL UNIQUE, added_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS credentials (credential_id TEXT PRIMARY KEY, county_code TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS readers (id TEXT PRIMARY KEY, name TEXT NOT NULL, counties TEXT NOT NULL, "
    "credential_id TEXT NOT NULL UNIQUE, added_at TEXT NOT NULL, revoked_at TEXT)",
    # Transfers between counties (service/transfers.py): each half as it came, and how far it got.
    "CREATE TABLE IF NOT EXISTS transfers (letter_number TEXT PRIMARY KEY, from_code TEXT NOT NULL, "
    "to_code TEXT NOT NULL, from_member TEXT, issued_by TEXT, to_org TEXT, received_by TEXT, to_member TEXT, "
    "letter_at TEXT, receipt_at TEXT, completed_at TEXT, attempts INTEGER NOT NULL, last_error TEXT, "
    "updated_at TEXT NOT NULL)",
    # One person's member ids in each county, by a keyed hash no county's key can make or undo.
    "CREATE TABLE IF NOT EXISTS persons (person_key TEXT NOT NULL, county_code TEXT NOT NULL, "
    "member_id TEXT NOT NULL, PRIMARY KEY (person_key, county_code, member_id))",
]
_CODE = re.compile(r"\d{6}")


def valid_code(code: str) -> bool:
    """A county's six-digit administrative division code (行政区划代码)."""
    return bool(_CODE.fullmatch(code))


@dataclass(frozen=True)
class County:
    code: str
    name: str
    schema: str


@dataclass(frozen=True)
class Reader:
    """A prefecture's or province's organisation department: reads its counties, writes nothing."""

    id: UUID
    name: str
    counties: tuple[str, ...]


class Deployment:
    """The registry's tables, through a views' store set on the deployment's schema
    (so the pages' sessions and login counters of every county live there too)."""

    def __init__(self, store: ViewStore, prefix: str):
        self.store = store
        self.prefix = prefix

    def create_tables(self) -> Deployment:
        with self.store.transaction() as tx:
            for statement in SCHEMA:
                tx.execute(statement)
        return self

    def schema_for(self, code: str) -> str:
        return f"{self.prefix}_{code}"

    def add_county(self, code: str, name: str) -> County:
        """Registers a county (refused, as a KeyError, if its code is taken)."""
        county = County(code, name.strip(), self.schema_for(code))
        with self.store.transaction() as tx:
            if tx.one("SELECT code FROM counties WHERE code = ?", [code]):
                raise KeyError(code)
            tx.execute("INSERT INTO counties (code, name, schema_name, added_at) VALUES (?, ?, ?, ?)",
                       [code, county.name, county.schema, _now()])
        return county

    def forget_county(self, code: str) -> None:
        """Takes back a registration whose county could not be created (nothing was recorded in it)."""
        with self.store.transaction() as tx:
            tx.execute("DELETE FROM counties WHERE code = ?", [code])

    def counties(self) -> list[County]:
        with self.store.read() as tx:
            rows = tx.all("SELECT code, name, schema_name FROM counties ORDER BY code")
        return [County(r["code"], r["name"], r["schema_name"]) for r in rows]

    def event_counts(self) -> list[tuple[County, int]]:
        """Each county with the number of events in its log (its head position)."""
        found = []
        for county in self.counties():
            with self.store.read() as tx:
                head = tx.value(f'SELECT MAX(notification_id) AS n FROM "{county.schema}".liudong_events')
            found.append((county, int(head or 0)))
        return found

    def county_of(self, credential: UUID) -> str | None:
        """The code of the county whose credential this is (None: no county's)."""
        with self.store.read() as tx:
            return tx.value("SELECT county_code FROM credentials WHERE credential_id = ?",  # type: ignore[no-any-return]
                            [str(credential)])

    def add_reader(self, name: str, counties: list[str]) -> tuple[Reader, str]:
        """A new reader of `counties` (each registered, else KeyError) and its token, shown once."""
        known = {c.code for c in self.counties()}
        if missing := [c for c in counties if c not in known]:
            raise KeyError(",".join(missing))
        token = secrets.token_urlsafe(32)
        reader = Reader(uuid4(), name.strip(), tuple(dict.fromkeys(counties)))
        with self.store.transaction() as tx:
            tx.execute("INSERT INTO readers (id, name, counties, credential_id, added_at) VALUES (?, ?, ?, ?, ?)",
                       [str(reader.id), reader.name, ",".join(reader.counties),
                        str(credential_id(token_hash(token))), _now()])
        return reader, token

    def reader_of(self, credential: UUID) -> Reader | None:
        """The active reader whose credential this is."""
        with self.store.read() as tx:
            row = tx.one("SELECT id, name, counties FROM readers WHERE credential_id = ? AND revoked_at IS NULL",
                         [str(credential)])
        return _reader(row) if row else None

    def revoke_reader(self, reader_id: UUID) -> bool:
        """Ends a reader's token (its pages' sessions end at their next request); False if none was active."""
        with self.store.transaction() as tx:
            found = tx.value("SELECT id FROM readers WHERE id = ? AND revoked_at IS NULL", [str(reader_id)])
            tx.execute("UPDATE readers SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [_now(), str(reader_id)])
        return found is not None

    def readers(self) -> list[Reader]:
        with self.store.read() as tx:
            rows = tx.all("SELECT id, name, counties FROM readers WHERE revoked_at IS NULL ORDER BY added_at")
        return [_reader(r) for r in rows]


def _reader(row: dict[str, Any]) -> Reader:
    return Reader(UUID(row["id"]), row["name"], tuple(row["counties"].split(",")))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
