"""The event recorders the service uses: idempotency records and seals,
both written in the transaction that inserts the events (which also refuses
an event stamped earlier than the log's head: `integrity.seals`). A county of
a deployment also enters each new credential in the deployment's token
index there (`service.deployment`): a token works as soon as it exists."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from psycopg.sql import SQL, Identifier

from domain.credential import TokenIssued
from integrity.leaves import Leaves
from integrity.seals import Sealer
from integrity.tables import COLUMNS, TABLE, PostgresSeals, SQLiteSeals
from service.idempotency import PostgresIdempotentRecorder, SQLiteIdempotentRecorder

__all__ = ["PostgresLedgerRecorder", "SQLiteLedgerRecorder", "SQLiteManyAtOnce", "SealingRecorder"]


class SealingRecorder:
    """A recorder that seals the events it inserts (integrity/), in their transaction."""

    sealer: Sealer | None = None
    index_credentials: Any = None  # the deployment's token index statement, for a county of one

    def attach_ledger(self, ledger: Any) -> None:
        """Called once the ledger's mapper (and cipher) exist (`service.bootstrap.open_ledger`)."""
        key = ledger.env.get("SEAL_COMMITMENT_KEY")
        if not key:
            raise OSError("'SEAL_COMMITMENT_KEY' not in env")
        self.sealer = Sealer(Leaves(ledger.mapper, bytes.fromhex(key)))
        if (deployment := ledger.env.get("DEPLOYMENT_SCHEMA")) and (code := ledger.env.get("COUNTY_CODE")):
            self.index_credentials = (SQL("INSERT INTO {}.credentials (credential_id, county_code) "
                                          "SELECT unnest(%s::text[]), %s ON CONFLICT DO NOTHING")
                                      .format(Identifier(deployment)), code)

    def _sealer(self) -> Sealer:
        if self.sealer is None:
            raise RuntimeError("events cannot be stored before the recorder is attached to its ledger")
        return self.sealer


class SQLiteManyAtOnce(SQLiteApplicationRecorder):
    """Inserts a transaction's events with one `executemany` (the library runs a statement
    per event to learn each rowid). The first insert takes the write lock, and while it is
    held SQLite gives each new row the table's largest rowid plus one: the rows' rowids
    are consecutive and end at `last_insert_rowid()`."""

    def _insert_events(self, c: SQLiteCursor, stored_events: Any, **kwargs: Any) -> Any:
        if not stored_events:
            return []
        c.executemany(self.insert_events_statement, [
            (e.originator_id.hex if isinstance(e.originator_id, UUID) else e.originator_id, e.originator_version,
             e.topic, e.state) for e in stored_events])
        c.execute("SELECT last_insert_rowid()")
        last = c.fetchone()[0]
        return list(range(last - len(stored_events) + 1, last + 1))


class SQLiteLedgerRecorder(SealingRecorder, SQLiteIdempotentRecorder, SQLiteManyAtOnce):
    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(),
                f"CREATE TABLE IF NOT EXISTS {TABLE} ({COLUMNS.format(blob='BLOB')})"]

    def _insert_events(self, c: SQLiteCursor, stored_events: Any, **kwargs: Any) -> Any:
        positions = super()._insert_events(c, stored_events, **kwargs)
        self._sealer().seal(SQLiteSeals(c, events=self.events_table_name), stored_events, positions)
        return positions


class PostgresLedgerRecorder(SealingRecorder, PostgresIdempotentRecorder):
    def __init__(self, datastore: Any, **kwargs: Any):
        super().__init__(datastore, **kwargs)
        schema = Identifier(self.datastore.schema)
        self.sql_create_statements.append(
            SQL(f"CREATE TABLE IF NOT EXISTS {{}}.{TABLE} ({COLUMNS.format(blob='BYTEA')})").format(schema))
        self.seal_table = f'"{self.datastore.schema}".{TABLE}'
        self.events_table = f'"{self.datastore.schema}".{self.events_table_name}'
        # One array per column, sent in binary: the library's one array of a composite type
        # goes as text, each state escaped (most of a bulk insert's time, in psycopg and the server).
        self.insert_columns = SQL(
            "INSERT INTO {}.{} (originator_id, originator_version, topic, state) "
            f"SELECT * FROM unnest(%b::{self.datastore.originator_id_type}[], %b::bigint[], %b::text[], %b::bytea[]) "
            "RETURNING notification_id").format(schema, Identifier(self.events_table_name))

    def _insert_stored_events(self, curs: Any, stored_events: Any, **kwargs: Any) -> None:
        self._lock_table(curs)  # as the library does: commit order = log order
        self._notify_channel(curs)
        curs.execute(self.insert_columns, ([e.originator_id for e in stored_events],
                                           [e.originator_version for e in stored_events],
                                           [e.topic for e in stored_events], [e.state for e in stored_events]))

    def _fetch_ids_after_insert_events(self, curs: Any, stored_events: Any, **kwargs: Any) -> Any:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        self._sealer().seal(PostgresSeals(curs, self.seal_table, self.events_table), stored_events,
                           positions)
        if self.index_credentials is not None:
            issued = [str(e.originator_id) for e in stored_events if e.topic == TokenIssued.TOPIC]
            if issued:
                statement, code = self.index_credentials
                curs.execute(statement, (issued, code))
        return positions
