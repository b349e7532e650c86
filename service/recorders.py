"""The event recorders the service uses: idempotency records and seals,
both written in the transaction that inserts the events (which also refuses
an event stamped earlier than the log's head: `integrity.seals`)."""

from __future__ import annotations

from typing import Any

from eventsourcing.sqlite import SQLiteCursor
from psycopg.sql import SQL, Identifier

from integrity.leaves import Leaves
from integrity.seals import Sealer
from integrity.tables import COLUMNS, TABLE, PostgresSeals, SQLiteSeals
from service.idempotency import PostgresIdempotentRecorder, SQLiteIdempotentRecorder

__all__ = ["PostgresLedgerRecorder", "SQLiteLedgerRecorder", "SealingRecorder"]


class SealingRecorder:
    """A recorder that seals the events it inserts (integrity/), in their transaction."""

    sealer: Sealer | None = None

    def attach_ledger(self, ledger: Any) -> None:
        """Called once the ledger's mapper (and cipher) exist (`service.bootstrap.open_ledger`)."""
        key = ledger.env.get("SEAL_COMMITMENT_KEY")
        if not key:
            raise OSError("'SEAL_COMMITMENT_KEY' not in env")
        self.sealer = Sealer(Leaves(ledger.mapper, bytes.fromhex(key)))

    def _sealer(self) -> Sealer:
        if self.sealer is None:
            raise RuntimeError("events cannot be stored before the recorder is attached to its ledger")
        return self.sealer


class SQLiteLedgerRecorder(SealingRecorder, SQLiteIdempotentRecorder):
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

    def _fetch_ids_after_insert_events(self, curs: Any, stored_events: Any, **kwargs: Any) -> Any:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        self._sealer().seal(PostgresSeals(curs, self.seal_table, self.events_table), stored_events,
                           positions)
        return positions
