"""Care view (帮扶服务、服务热线): one row per care request, one per service given for
it, one per hotline call. Each batch rewrites the rows of every request or call it
touches from the aggregate as of its last event in the batch (corrections and voids
included). Names are not stored here: queries read them from the register and the
inflow register (masked personal data stays there). No phone or ID number is stored.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.base import Corrected, LedgerEvent, Voided
from domain.care import CareRequest
from domain.care_events import CareRequestClosed, CareRequested, CareServiceRecorded
from domain.hotline import HotlineCall, HotlineCallLogged
from projections.register_row import iso
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["CALL_COLUMNS", "CareView", "REQUEST_COLUMNS", "SERVICE_COLUMNS", "call_row", "care_rows"]

REQUEST_COLUMNS = ("care_request_id", "kind", "org_id", "member_id", "inflow_member_id", "summary",
                   "handler_officer_id", "handler_name", "requested_on", "services", "last_service_on",
                   "closed_on", "outcome", "close_note", "version")
SERVICE_COLUMNS = ("care_request_id", "seq", "served_on", "content")
CALL_COLUMNS = ("call_id", "org_id", "kind", "topic", "outcome", "member_id", "inflow_member_id",
                "handler_officer_id", "handler_name", "called_on", "version")
_EVENTS = (CareRequested, CareServiceRecorded, CareRequestClosed, HotlineCallLogged)
_INTEGERS = {"services", "seq", "version"}


def _text(value: UUID | None) -> str | None:
    return str(value) if value is not None else None


def _table(columns: tuple[str, ...], key: str) -> str:
    return ", ".join(f"{c} {'INTEGER' if c in _INTEGERS else 'TEXT'}" + (" PRIMARY KEY" if c == key else "")
                     for c in columns)


def care_rows(care: CareRequest) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A request's row and its services' rows, from its state (as corrected)."""
    key = str(care.id)
    row = {"care_request_id": key, "kind": care.kind, "org_id": _text(care.org_id),
           "member_id": _text(care.member_id), "inflow_member_id": _text(care.inflow_member_id),
           "summary": care.summary, "handler_officer_id": _text(care.handler_officer_id),
           "handler_name": care.handler_name, "requested_on": iso(care.requested_on), "services": len(care.services),
           "last_service_on": iso(care.services[-1].day) if care.services else None,
           "closed_on": iso(care.closed_on), "outcome": care.outcome, "close_note": care.close_note or None,
           "version": care.version}
    services = [{"care_request_id": key, "seq": seq, "served_on": s.day.isoformat(), "content": s.content}
                for seq, s in enumerate(care.services, start=1)]
    return row, services


def call_row(call: HotlineCall) -> dict[str, Any]:
    return {"call_id": str(call.id), "org_id": _text(call.org_id), "kind": call.kind, "topic": call.topic,
            "outcome": call.outcome, "member_id": _text(call.member_id),
            "inflow_member_id": _text(call.inflow_member_id), "handler_officer_id": _text(call.handler_officer_id),
            "handler_name": call.handler_name, "called_on": iso(call.called_on), "version": call.version}


class CareView(View):
    name = "care"
    tables = {
        "care_requests": _table(REQUEST_COLUMNS, "care_request_id"),
        "care_services": _table(SERVICE_COLUMNS, "") + ", PRIMARY KEY (care_request_id, seq)",
        "hotline_calls": _table(CALL_COLUMNS, "call_id"),
    }
    indexes = (("care_requests", "org_id"), ("care_requests", "requested_on"), ("hotline_calls", "org_id"),
               ("hotline_calls", "called_on"))

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        touched: dict[UUID, int] = {}  # request or call -> its last version in the batch
        for _, event in batch.events:
            if isinstance(event, _EVENTS) or (isinstance(event, (Corrected, Voided)) and (
                    event.originator_id in touched or self._known(tx, event))):  # the row may be new in this batch
                touched[event.originator_id] = event.originator_version
        for key, version in touched.items():
            self._write(tx, key, batch.ledger.repository.get(key, version=version))

    @staticmethod
    def _known(tx: Tx, event: LedgerEvent) -> bool:
        key = [str(event.originator_id)]
        return (tx.one("SELECT 1 AS x FROM {care_requests} WHERE care_request_id = ?", key) is not None
                or tx.one("SELECT 1 AS x FROM {hotline_calls} WHERE call_id = ?", key) is not None)

    @staticmethod
    def _write(tx: Tx, key: UUID, aggregate: Any) -> None:
        if isinstance(aggregate, HotlineCall):
            tx.execute("DELETE FROM {hotline_calls} WHERE call_id = ?", [str(key)])
            if not aggregate.is_void:
                _insert(tx, "hotline_calls", CALL_COLUMNS, [call_row(aggregate)])
            return
        tx.execute("DELETE FROM {care_services} WHERE care_request_id = ?", [str(key)])
        tx.execute("DELETE FROM {care_requests} WHERE care_request_id = ?", [str(key)])
        if not aggregate.is_void:
            row, services = care_rows(aggregate)
            _insert(tx, "care_requests", REQUEST_COLUMNS, [row])
            _insert(tx, "care_services", SERVICE_COLUMNS, services)


def _insert(tx: Tx, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    if rows:
        tx.executemany(f"INSERT INTO {{{table}}} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})",
                       [[row[c] for c in columns] for row in rows])
