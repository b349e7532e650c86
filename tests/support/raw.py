"""Direct SQL on a test store, as someone with database access would write it
behind the service's back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql

from tests.support.stores import Store

__all__ = ["Raw", "raw"]


class Raw:
    def __init__(self, kind: str, conn: Any):
        self.kind, self.conn = kind, conn
        self.pg = kind == "postgres"
        self.events = "liudong_events" if self.pg else "stored_events"
        self.position = "notification_id" if self.pg else "rowid"
        self.mark = "%s" if self.pg else "?"

    def run(self, statement: str, params: tuple[Any, ...] = ()) -> list[Any]:
        statement = statement.format(events=self.events, pos=self.position, m=self.mark)
        cursor = self.conn.execute(statement, params)
        return list(cursor.fetchall()) if cursor.description else []

    def state(self, position: int) -> bytes:
        return bytes(self.run("SELECT state FROM {events} WHERE {pos} = {m}", (position,))[0][0])

    def set_state(self, position: int, state: bytes) -> None:
        self.run("UPDATE {events} SET state = {m} WHERE {pos} = {m}", (state, position))

    def delete(self, position: int) -> None:
        self.run("DELETE FROM {events} WHERE {pos} = {m}", (position,))

    def event(self, position: int) -> tuple[UUID, int, str, bytes]:
        originator_id, version, topic, state = self.run(
            "SELECT originator_id, originator_version, topic, state FROM {events} WHERE {pos} = {m}", (position,))[0]
        return UUID(str(originator_id)), version, topic, bytes(state)

    def insert(self, originator_id: UUID, version: int, topic: str, state: bytes) -> int:
        key = originator_id if self.pg else originator_id.hex
        if self.pg:
            rows = self.run("INSERT INTO {events} (originator_id, originator_version, topic, state) "
                            "VALUES ({m}, {m}, {m}, {m}) RETURNING notification_id", (key, version, topic, state))
            return int(rows[0][0])
        self.run("INSERT INTO {events} VALUES ({m}, {m}, {m}, {m})", (key, version, topic, state))
        return int(self.run("SELECT max(rowid) FROM {events}")[0][0])


@contextmanager
def raw(store: Store) -> Iterator[Raw]:
    settings = store.settings
    if store.kind == "sqlite":
        conn = sqlite3.connect(settings.db, isolation_level=None)
        try:
            yield Raw("sqlite", conn)
        finally:
            conn.close()
        return
    with psycopg.connect(settings.database_url or "", autocommit=True) as pg:
        pg.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(settings.pg_schema)))
        yield Raw("postgres", pg)
