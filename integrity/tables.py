"""The seal table on each store, as used from inside the inserting
transaction (`SealTable`) and by the verifier."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from integrity.seals import Head, Seal

__all__ = ["COLUMNS", "TABLE", "PostgresSeals", "SQLiteSeals", "SealReader"]

TABLE = "liudong_seals"
COLUMNS = ("seq BIGINT PRIMARY KEY, position BIGINT NOT NULL UNIQUE, prev_hash {blob} NOT NULL, "
           "leaf_hash {blob} NOT NULL, root {blob} NOT NULL, hash {blob} NOT NULL, sealed_at TEXT NOT NULL")


class _Seals:
    mark = "?"
    position_column = "rowid"  # the events table's log position

    def __init__(self, cursor: Any, table: str = TABLE, events: str = "stored_events"):
        self.cursor = cursor
        self.table = table
        self.events = events

    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        self.cursor.execute(statement.format(t=self.table, m=self.mark), params)
        return list(self.cursor.fetchall())

    def last(self) -> Head | None:
        rows = self._rows("SELECT seq, hash, position FROM {t} ORDER BY seq DESC LIMIT 1")
        return Head(rows[0]["seq"], bytes(rows[0]["hash"]), rows[0]["position"]) if rows else None

    def state_at(self, position: int) -> bytes | None:
        rows = self._rows(f"SELECT state FROM {self.events} WHERE {self.position_column} = {{m}}", [position])
        return bytes(rows[0]["state"]) if rows else None

    def hash_at(self, seq: int) -> bytes | None:
        rows = self._rows("SELECT hash FROM {t} WHERE seq = {m}", [seq])
        return bytes(rows[0]["hash"]) if rows else None

    def leaves_from(self, seq: int) -> list[bytes]:
        return [bytes(r["leaf_hash"]) for r in self._rows("SELECT leaf_hash FROM {t} WHERE seq >= {m} ORDER BY seq",
                                                          [seq])]

    def insert(self, seals: Sequence[Seal]) -> None:
        marks = ", ".join([self.mark] * 7)
        self.cursor.executemany(f"INSERT INTO {self.table} VALUES ({marks})", [s.row() for s in seals])


class SQLiteSeals(_Seals):
    mark = "?"


class PostgresSeals(_Seals):
    mark = "%s"
    position_column = "notification_id"

    def insert(self, seals: Sequence[Seal]) -> None:
        """One statement, one array per column in binary (a row per statement costs more
        than sealing itself on a bulk load)."""
        if not seals:
            return
        columns = [list(column) for column in zip(*(s.row() for s in seals), strict=True)]
        self.cursor.execute(f"INSERT INTO {self.table} SELECT * FROM unnest(%b::bigint[], %b::bigint[], "
                            "%b::bytea[], %b::bytea[], %b::bytea[], %b::bytea[], %b::text[])", columns)


class SealReader:
    """Reads seals through the recorder's own connections (any store)."""

    def __init__(self, recorder: Any):
        self.recorder = recorder
        schema = getattr(recorder.datastore, "schema", None)
        self.table = f'"{schema}".{TABLE}' if schema else TABLE
        self.mark = "%s" if schema else "?"

    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        with self.recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(statement.format(t=self.table, m=self.mark), params)
            return [_seal(r) for r in cursor.fetchall()]

    def batch(self, from_seq: int, limit: int) -> list[Seal]:
        return self._rows("SELECT * FROM {t} WHERE seq >= {m} ORDER BY seq LIMIT {m}", [from_seq, limit])

    def head(self) -> Seal | None:
        rows = self._rows("SELECT * FROM {t} ORDER BY seq DESC LIMIT 1")
        return rows[0] if rows else None

    def at_seq(self, seq: int) -> Seal | None:
        """The seal of the `seq`-th leaf (from 0): its root is that of the tree of seq + 1 leaves."""
        rows = self._rows("SELECT * FROM {t} WHERE seq = {m}", [seq])
        return rows[0] if rows else None

    def at_position(self, position: int) -> Seal | None:
        rows = self._rows("SELECT * FROM {t} WHERE position = {m}", [position])
        return rows[0] if rows else None

    def first_after(self, position: int) -> Seal | None:
        """The seal of the first event after log position `position` (the oldest a view has not seen)."""
        rows = self._rows("SELECT * FROM {t} WHERE position > {m} ORDER BY position LIMIT 1", [position])
        return rows[0] if rows else None

    def leaves_upto(self, seq: int) -> list[bytes]:
        with self.recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT leaf_hash FROM {self.table} WHERE seq <= {self.mark} ORDER BY seq", [seq])
            return [bytes(r["leaf_hash"]) for r in cursor.fetchall()]


def _seal(row: Any) -> Seal:
    return Seal(row["seq"], row["position"], bytes(row["prev_hash"]), bytes(row["leaf_hash"]), bytes(row["root"]),
                bytes(row["hash"]), row["sealed_at"])
