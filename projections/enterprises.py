"""Enterprises view (非公有制企业): one row per enterprise (where it is, who keeps
its record, its party organisation) and one row per member working there now.

Enterprises change rarely: each batch rewrites the rows of every enterprise it
touches from the aggregate as of its last event in the batch (corrections and
voids included). Whether a worker is a full member is not stored: queries read
it from the register for the day asked (`projections.queries.enterprises`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.base import Corrected, LedgerEvent, Voided
from domain.enterprise import (
    Enterprise, EnterpriseClosed, EnterpriseRegistered, OrganisationLinked, OrganisationUnlinked, WorkerJoined,
    WorkerLeft,
)
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["ENTERPRISE_COLUMNS", "EnterprisesView", "WORKER_COLUMNS", "enterprise_rows"]

ENTERPRISE_COLUMNS = ("enterprise_id", "name", "org_id", "province", "city", "address", "registered_on",
                      "closed_on", "organisation_id", "organisation_name", "linked_on", "version")
WORKER_COLUMNS = ("enterprise_id", "worker_kind", "worker_id", "joined_on")
_EVENTS = (EnterpriseRegistered, WorkerJoined, WorkerLeft, OrganisationLinked, OrganisationUnlinked,
           EnterpriseClosed)


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def enterprise_rows(enterprise: Enterprise) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An enterprise's row and its workers' rows, from its state (as corrected)."""
    org_id, org_name = enterprise.organisation or (None, None)
    row = {"enterprise_id": str(enterprise.id), "name": enterprise.name, "org_id": str(enterprise.org_id),
           "province": enterprise.province, "city": enterprise.city, "address": enterprise.address,
           "registered_on": _day(enterprise.registered_on), "closed_on": _day(enterprise.closed_on),
           "organisation_id": str(org_id) if org_id else None, "organisation_name": org_name or None,
           "linked_on": _day(enterprise.linked_on), "version": enterprise.version}
    workers = [{"enterprise_id": str(enterprise.id), "worker_kind": kind, "worker_id": str(worker),
                "joined_on": since.isoformat()} for (kind, worker), since in enterprise.workers.items()]
    return row, workers


class EnterprisesView(View):
    name = "enterprises"
    tables = {
        "enterprises": "enterprise_id TEXT PRIMARY KEY, name TEXT NOT NULL, org_id TEXT NOT NULL, province TEXT, "
                       "city TEXT, address TEXT, registered_on TEXT NOT NULL, closed_on TEXT, organisation_id TEXT, "
                       "organisation_name TEXT, linked_on TEXT, version INTEGER NOT NULL",
        "enterprise_workers": "enterprise_id TEXT NOT NULL, worker_kind TEXT NOT NULL, worker_id TEXT NOT NULL, "
                              "joined_on TEXT NOT NULL, PRIMARY KEY (enterprise_id, worker_kind, worker_id)",
    }
    indexes = (("enterprises", "org_id"), ("enterprise_workers", "worker_id"))

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        touched: dict[UUID, int] = {}  # enterprise -> its last version in the batch
        for _, event in batch.events:
            if isinstance(event, _EVENTS) or (isinstance(event, (Corrected, Voided)) and self._known(tx, event)):
                touched[event.originator_id] = event.originator_version
        for enterprise_id, version in touched.items():
            self._write(tx, enterprise_id, batch.ledger.repository.get(enterprise_id, version=version))

    @staticmethod
    def _known(tx: Tx, event: LedgerEvent) -> bool:
        return tx.one("SELECT 1 AS x FROM {enterprises} WHERE enterprise_id = ?", [str(event.originator_id)]) is not None

    @staticmethod
    def _write(tx: Tx, enterprise_id: UUID, enterprise: Enterprise) -> None:
        key = [str(enterprise_id)]
        tx.execute("DELETE FROM {enterprise_workers} WHERE enterprise_id = ?", key)
        if enterprise.is_void:
            tx.execute("DELETE FROM {enterprises} WHERE enterprise_id = ?", key)
            return
        EnterprisesView.write(tx, enterprise)

    @staticmethod
    def write(tx: Tx, enterprise: Enterprise) -> None:
        """Writes an enterprise's rows (its workers' rows must not be there yet)."""
        row, workers = enterprise_rows(enterprise)
        updates = ", ".join(f"{c} = excluded.{c}" for c in ENTERPRISE_COLUMNS[1:])
        tx.execute(f"INSERT INTO {{enterprises}} ({', '.join(ENTERPRISE_COLUMNS)}) VALUES "
                   f"({','.join('?' * len(ENTERPRISE_COLUMNS))}) ON CONFLICT (enterprise_id) DO UPDATE SET {updates}",
                   [row[c] for c in ENTERPRISE_COLUMNS])
        tx.executemany(f"INSERT INTO {{enterprise_workers}} ({', '.join(WORKER_COLUMNS)}) VALUES "
                       f"({','.join('?' * len(WORKER_COLUMNS))})", [[w[c] for c in WORKER_COLUMNS] for w in workers])
