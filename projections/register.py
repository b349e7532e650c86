"""Register view (台账): one row per member, with the register's columns.

Most events update the member's row directly (`projections.register_reducers`);
a correction or a void rewrites the row from the member's history as corrected
(`projections.register_row`). This module holds the table and its SQL.
"""

from __future__ import annotations

from uuid import UUID

from domain.base import Corrected, LedgerEvent, Voided
from domain.member_events import (
    CertificateHeld, CertificateReleased, LegacyCertificateHeld, MemberEvent, MovedToBranch, PersonalDataRevealed,
    Registered,
)
from domain.organisation import Organisation
from projections.register_reducers import REDUCERS, ignore
from projections.register_row import COLUMNS, INTEGERS, Row, derive_status, row_from_member
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["RegisterView"]

_MEMBER_EVENTS = (Registered, MemberEvent, CertificateHeld, CertificateReleased, LegacyCertificateHeld,
                  PersonalDataRevealed)


class RegisterView(View):
    name = "register"
    tables = {"register": ", ".join(
        f"{c} {'INTEGER' if c in INTEGERS else 'TEXT'}" + (" PRIMARY KEY" if c == "member_id" else "")
        for c in COLUMNS)}
    indexes = (("register", "township_id, status"), ("register", "branch_id, status"),
               ("register", "status"), ("register", "name"), ("register", "province, city"),
               ("register", "industry"), ("register", "category"), ("register", "certificate_number"))

    def __init__(self) -> None:
        self._townships: dict[UUID, UUID | None] = {}  # a branch's township never changes

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        relevant = [e for _, e in batch.events if isinstance(e, (*_MEMBER_EVENTS, Corrected, Voided))]
        if not relevant:
            return
        rows = self._load(tx, {str(e.originator_id) for e in relevant})
        changed: set[str] = set()
        for event in relevant:
            key = str(event.originator_id)
            if isinstance(event, Registered):
                member = event.mutate(None)  # the new member, without reading the store
                rows[key] = row_from_member(member, self._township_id(batch, member.branch_id))
            elif key not in rows:
                continue  # a correction of something that is not a member
            elif isinstance(event, (Corrected, Voided)):
                rows[key] = self._rebuilt(batch, event)
            else:
                REDUCERS.get(type(event), ignore)(rows[key], event)
                if isinstance(event, MovedToBranch):
                    rows[key]["township_id"] = self._township(batch, event.branch_id)
                rows[key]["version"] = event.originator_version
                derive_status(rows[key])
            changed.add(key)
        self._save(tx, rows, changed)

    def _rebuilt(self, batch: EventBatch, event: LedgerEvent) -> Row | None:
        member = batch.ledger.repository.get(event.originator_id, version=event.originator_version)
        if member.is_void:
            return None
        return row_from_member(member, self._township_id(batch, member.branch_id))

    def _township(self, batch: EventBatch, branch_id: UUID) -> str | None:
        township = self._township_id(batch, branch_id)
        return str(township) if township else None

    def _township_id(self, batch: EventBatch, branch_id: UUID) -> UUID | None:
        if branch_id not in self._townships:
            self._townships[branch_id] = batch.ledger.load(Organisation, branch_id).parent_id
        return self._townships[branch_id]

    @staticmethod
    def _load(tx: Tx, keys: set[str]) -> dict[str, Row | None]:
        rows: dict[str, Row | None] = {}
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in tx.all(f"SELECT * FROM {{register}} WHERE member_id IN ({marks})", chunk):
                rows[row["member_id"]] = row
        return rows

    @staticmethod
    def _save(tx: Tx, rows: dict[str, Row | None], changed: set[str]) -> None:
        gone = [key for key in changed if rows[key] is None]
        kept = [[rows[key][c] for c in COLUMNS] for key in changed if rows[key] is not None]  # type: ignore[index]
        for key in gone:
            tx.execute("DELETE FROM {register} WHERE member_id = ?", [key])
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
        tx.executemany(f"INSERT INTO {{register}} ({', '.join(COLUMNS)}) VALUES "
                       f"({','.join('?' * len(COLUMNS))}) ON CONFLICT (member_id) DO UPDATE SET {updates}",
                       kept)
