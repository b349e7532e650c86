"""Directory view: organisations and officers, for names, subtrees and the
dates officers held their appointments.

Organisations and officers change rarely, so each of their events rewrites
the row from the aggregate as of that event (corrections included); a
handover (移交) moves a mobile branch under its receiver: a new parent.
"""

from __future__ import annotations

from uuid import UUID

from domain.base import Corrected, LedgerEvent
from domain.officer import Appointed, Officer, Revoked
from domain.organisation import Closed, Established, HandedOver, Organisation
from domain.vocab import OrgKind
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["BASIC_KINDS", "DirectoryView", "township_of"]

ORG_EVENTS = (Established, HandedOver, Closed)
# The 基层党委 a list is filtered by, or counted per (the county committee, for the
# branches directly under it, is named where it appears).
BASIC_KINDS = (OrgKind.TOWNSHIP_COMMITTEE.value, OrgKind.DEPARTMENT_COMMITTEE.value)
OFFICER_EVENTS = (Appointed, Revoked)


def township_of(org: Organisation) -> UUID | None:
    """The 基层党委 an organisation belongs to, if any (the column keeps its old name,
    `township_id`): a township or department committee itself; the township a station
    or point serves; a branch's or mobile branch's parent committee (the county
    committee for one directly under it). None for the county committee itself, the
    service centre, an inflow-area organisation and a branch handed over outside."""
    if org.kind in (OrgKind.TOWNSHIP_COMMITTEE, OrgKind.DEPARTMENT_COMMITTEE):
        return org.id
    if org.kind in (OrgKind.STATION, OrgKind.POINT):
        return org.acts_for_id
    if org.kind == OrgKind.BRANCH or (org.kind == OrgKind.MOBILE_BRANCH and not org.handed_out):
        return org.parent_id
    return None


class DirectoryView(View):
    name = "directory"
    tables = {
        "orgs": "org_id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, parent_id TEXT, "
                "township_id TEXT, acts_for_id TEXT, province TEXT, city TEXT, status TEXT NOT NULL, "
                "handed_to TEXT, established_on TEXT",
        "officers": "officer_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, "
                    "org_id TEXT NOT NULL, active INTEGER NOT NULL, appointed_on TEXT, revoked_on TEXT",
    }
    indexes = (("orgs", "parent_id"), ("orgs", "kind"), ("officers", "org_id"))

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        for _, event in batch.events:
            if isinstance(event, ORG_EVENTS) or (isinstance(event, Corrected) and self._is(tx, "orgs", event)):
                self._write_org(tx, batch.ledger.repository.get(event.originator_id,
                                                                version=event.originator_version))
            elif isinstance(event, OFFICER_EVENTS) or (isinstance(event, Corrected)
                                                       and self._is(tx, "officers", event)):
                self._write_officer(tx, batch.ledger.repository.get(event.originator_id,
                                                                    version=event.originator_version))

    @staticmethod
    def _is(tx: Tx, table: str, event: LedgerEvent) -> bool:
        key = "org_id" if table == "orgs" else "officer_id"
        return tx.one(f"SELECT 1 AS x FROM {{{table}}} WHERE {key} = ?", [str(event.originator_id)]) is not None

    @staticmethod
    def _write_org(tx: Tx, org: Organisation) -> None:
        # Handed over inside the county, a mobile branch stays open under its new parent.
        status = "closed" if org.closed else "handed_over" if org.handed_out else "open"
        tx.execute(
            "INSERT INTO {orgs} VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (org_id) DO UPDATE SET "
            "name = excluded.name, parent_id = excluded.parent_id, township_id = excluded.township_id, "
            "province = excluded.province, city = excluded.city, "
            "status = excluded.status, handed_to = excluded.handed_to",
            [str(org.id), str(org.kind), org.name, _text(org.parent_id), _text(township_of(org)),
             _text(org.acts_for_id), org.province, org.city, status, _text(org.handed_to),
             org.facts[0].effective_on.isoformat()])

    @staticmethod
    def _write_officer(tx: Tx, officer: Officer) -> None:
        revoked = [f.effective_on for f in officer.facts if isinstance(f, Revoked)]
        tx.execute(
            "INSERT INTO {officers} VALUES (?,?,?,?,?,?,?) ON CONFLICT (officer_id) DO UPDATE SET "
            "name = excluded.name, active = excluded.active, revoked_on = excluded.revoked_on",
            [str(officer.id), officer.name, str(officer.role), str(officer.org_id), int(officer.active),
             officer.facts[0].effective_on.isoformat(), revoked[-1].isoformat() if revoked else None])


def _text(value: object) -> str | None:
    return None if value is None else str(value)
