"""Inflow register view (流入党员台账): one row per inflow member, apart from the
county's register. Each batch rewrites the row of every inflow member it
touches from the member's state after its last event there (corrections
included). The view keeps the states it built, so that an event is applied
to the state before it instead of reading the member's history again; a
state it does not hold at the right version is read from the store.
Personal data is kept masked, as in the register.
"""

from __future__ import annotations

import threading
from typing import Any
from uuid import UUID

from domain.base import Corrected, LedgerEvent, Voided
from domain.inflow_events import InflowEvent, InflowRegistered
from domain.inflow_member import InflowMember
from projections.masking import mask_id_number, mask_phone
from projections.register_row import iso
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["COLUMNS", "InflowView", "inflow_row"]

Row = dict[str, Any]
COLUMNS = (
    "inflow_member_id", "version", "name", "gender", "birth_month", "id_tail", "phone_masked", "standing",
    "home_county", "home_org", "home_org_code", "home_certificate_number", "workplace", "employer", "org_id",
    "arrived_on", "status", "left_on", "left_reason", "left_to", "last_contact_on", "last_activity_on",
    "paid_through", "dues_fen", "opinion_year", "opinion_grade",
)
INTEGERS = {"version", "dues_fen", "opinion_year"}


def inflow_row(member: InflowMember) -> Row:
    """The row of an inflow member, from their state (as corrected); `status` is
    present (在本县) or left (已离开)."""
    left = member.left
    opinion = member.latest_opinion() or (None, None)
    return {
        "inflow_member_id": str(member.id), "version": member.version, "name": member.name,
        "gender": member.gender, "birth_month": member.birth_date.isoformat()[:7] if member.birth_date else None,
        "id_tail": mask_id_number(member.id_number), "phone_masked": mask_phone(member.phone),
        "standing": member.standing, "home_county": member.home_county, "home_org": member.home_org,
        "home_org_code": member.home_org_code, "home_certificate_number": member.home_certificate_number,
        "workplace": member.workplace, "employer": member.employer, "org_id": str(member.org_id),
        "arrived_on": iso(member.arrived_on), "status": "left" if left else "present",
        "left_on": iso(left and left.effective_on), "left_reason": left.reason if left else None,
        "left_to": left.destination if left else None, "last_contact_on": iso(member.last_contact_on),
        "last_activity_on": iso(member.last_activity_on), "paid_through": member.paid_through,
        "dues_fen": member.dues_fen, "opinion_year": opinion[0], "opinion_grade": opinion[1],
    }


class InflowView(View):
    name = "inflow"
    tables = {"inflow_register": ", ".join(
        f"{c} {'INTEGER' if c in INTEGERS else 'TEXT'}" + (" PRIMARY KEY" if c == "inflow_member_id" else "")
        for c in COLUMNS)}
    indexes = (("inflow_register", "org_id, status"), ("inflow_register", "name"),
               ("inflow_register", "home_county"))

    def __init__(self) -> None:
        self._states: dict[UUID, InflowMember] = {}  # each inflow member's state, as this view last built it
        self._lock = threading.Lock()  # states are changed in place: one batch at a time

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        with self._lock:
            self._apply(tx, batch)

    def _apply(self, tx: Tx, batch: EventBatch) -> None:
        touched: dict[UUID, InflowMember] = {}
        cited = [e for _, e in batch.events if isinstance(e, (Corrected, Voided))
                 and e.originator_id not in self._states]
        maybe = set(self._known(tx, {e.originator_id for e in cited}))  # corrections of inflow members held nowhere
        for _, event in batch.events:
            key = event.originator_id
            if isinstance(event, (InflowRegistered, InflowEvent)) or (
                    isinstance(event, (Corrected, Voided)) and (key in self._states or key in maybe)):
                touched[key] = self._states[key] = self._advanced(batch, event)
        gone = [str(key) for key, member in touched.items() if member.is_void]
        for key in gone:
            tx.execute("DELETE FROM {inflow_register} WHERE inflow_member_id = ?", [key])
        self.write(tx, [inflow_row(m) for m in touched.values() if not m.is_void])

    def _advanced(self, batch: EventBatch, event: LedgerEvent) -> InflowMember:
        """The member's state after `event`: from the state before it when held (a batch
        tried again after a failure finds states ahead of it: read afresh)."""
        held = self._states.get(event.originator_id)
        if isinstance(event, InflowRegistered):
            return event.mutate(None)  # type: ignore[no-any-return]
        if held is not None and held.version == event.originator_version - 1:
            return event.mutate(held)  # type: ignore[no-any-return]
        return batch.ledger.repository.get(event.originator_id, version=event.originator_version)  # type: ignore[no-any-return]

    @staticmethod
    def _known(tx: Tx, keys: set[UUID]) -> list[UUID]:
        """Those of `keys` that are inflow members with a row."""
        found: list[UUID] = []
        ordered = [str(k) for k in keys]
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            found += [UUID(r["inflow_member_id"]) for r in tx.all(
                "SELECT inflow_member_id FROM {inflow_register} WHERE inflow_member_id IN "
                f"({','.join('?' * len(chunk))})", chunk)]
        return found

    @staticmethod
    def write(tx: Tx, rows: list[Row]) -> None:
        """Inserts or replaces rows (the live view, and a past day's snapshot)."""
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
        tx.executemany(f"INSERT INTO {{inflow_register}} ({', '.join(COLUMNS)}) VALUES "
                       f"({','.join('?' * len(COLUMNS))}) ON CONFLICT (inflow_member_id) DO UPDATE SET {updates}",
                       [[row[c] for c in COLUMNS] for row in rows])
