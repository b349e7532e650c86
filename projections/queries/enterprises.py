"""The register of non-public enterprises (非公有制企业) for a day: each enterprise
with the members working there, how many of them are full members (正式党员) on
that day, and whether it has a party organisation; the report's figure (how many
of those with 3 or more full members have one: coverage, 覆盖率). Standing is read
for the day asked (the register, an inflow member's state), never stored here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.enterprise import Enterprise, WorkerKind
from domain.fields import check_text
from domain.inflow_member import InflowMember
from domain.vocab import OrgKind
from projections.enterprises import enterprise_rows
from projections.queries.coverage import rate
from projections.queries.register import Page
from projections.store import Tx

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["EnterpriseQueries", "REQUIRED"]

REQUIRED = 3  # full members from which a unit must have a party organisation (党章第三十条)
_EVERYTHING = (OrgKind.COUNTY_COMMITTEE.value, OrgKind.SERVICE_CENTRE.value)


class EnterpriseQueries:
    def enterprises(self: Queries, *, org_id: UUID | None = None, day: date | None = None, name: str | None = None,
                    include_closed: bool = False, page: int = 1, size: int = 50) -> Page:
        """Enterprises kept in the subtree (open on the day, unless `include_closed`), by name."""
        day = day or self.today()
        if name is not None:
            check_text("name", "企业名称", name, limit=60, required=False)
        with self.reader() as tx:
            found = [e for e in self.judged_enterprises(tx, day, org_id, include_closed)
                     if not name or name in e["name"]]
        found.sort(key=lambda e: (e["name"], e["enterprise_id"]))
        return Page(found[(page - 1) * size:page * size], len(found), page, size)

    def enterprise(self: Queries, enterprise_id: UUID, day: date | None = None) -> dict[str, Any]:
        """One enterprise (open or closed) with the members working there on the day."""
        with self.reader() as tx:
            found = self.judged_enterprises(tx, day or self.today(), None, True, enterprise_id)
        if not found:
            raise rules.ENTERPRISE_NOT_FOUND.refuse(field="enterprise_id")
        return found[0]

    def enterprise_summary(self: Queries, org_id: UUID | None = None, day: date | None = None) -> dict[str, Any]:
        """The report's figure: enterprises, members working there, and how many of those
        with at least `REQUIRED` full members have a party organisation (覆盖率)."""
        day = day or self.today()
        with self.reader() as tx:
            found = self.judged_enterprises(tx, day, org_id)
        required = [e for e in found if e["required"]]
        covered = sum(1 for e in required if e["organised"])
        workers = {(w["worker_kind"], w["worker_id"]): w for e in found for w in e["workers"] if w["counted"]}
        return {"as_of": day.isoformat(), "enterprises": len(found), "members": len(workers),
                "full_members": sum(1 for w in workers.values() if w["full"]),
                "organised": sum(1 for e in found if e["organised"]), "required": len(required),
                "required_organised": covered, "unorganised": len(required) - covered,
                "coverage": rate(covered, len(required))}

    def judged_enterprises(self: Queries, tx: Tx, day: date, org_id: UUID | None, include_closed: bool = False,
                           only: UUID | None = None) -> list[dict[str, Any]]:
        """Enterprises kept in the subtree of `org_id`, each with its workers judged for `day`."""
        orgs = {o["org_id"]: o for o in tx.all("SELECT org_id, kind, name, parent_id, acts_for_id, township_id, status FROM {orgs}")}
        keepers = _subtree(orgs, str(org_id)) if org_id is not None else None
        rows, workers = self._enterprise_rows(tx, only)
        people = _members(tx, [w["worker_id"] for w in workers if w["worker_kind"] == WorkerKind.MEMBER])
        people.update(self._inflow_people(w["worker_id"] for w in workers if w["worker_kind"] == WorkerKind.INFLOW_MEMBER))
        by_enterprise: dict[str, list[dict[str, Any]]] = {}
        for worker in workers:
            by_enterprise.setdefault(worker["enterprise_id"], []).append(_judged(worker, people.get(worker["worker_id"])))
        found = []
        for row in rows:
            closed = row["closed_on"] is not None and row["closed_on"] <= day.isoformat()
            if (closed and not include_closed) or (keepers is not None and row["org_id"] not in keepers):
                continue
            found.append(_enterprise(row, [] if closed else by_enterprise.get(row["enterprise_id"], []), orgs, closed))
        return found

    def _enterprise_rows(self: Queries, tx: Tx, only: UUID | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The enterprises' rows and their workers' rows: from the live view, or, for a past
        day, from the enterprises' states on that day (a snapshot holds no enterprise tables)."""
        if "enterprises" not in tx.tables:
            states = [s for s in getattr(self, "states", {}).values()
                      if isinstance(s, Enterprise) and (only is None or s.id == only)]
            pairs = [enterprise_rows(s) for s in states]
            return [row for row, _ in pairs], [w for _, ws in pairs for w in ws]
        where, params = ("WHERE enterprise_id = ?", [str(only)]) if only else ("", [])
        return (tx.all(f"SELECT * FROM {{enterprises}} {where}", params),
                tx.all(f"SELECT * FROM {{enterprise_workers}} {where}", params))

    def _inflow_people(self: Queries, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Inflow members' names and standing, as the answer's cut holds them (not counted once left)."""
        found = {}
        for worker_id in ids:
            state = self.aggregate(InflowMember, UUID(worker_id))
            if state is not None:
                found[worker_id] = {"name": state.name, "standing": state.standing, "status": None,
                                    "township_id": None, "gone": state.left is not None}
        return found


def _members(tx: Tx, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The county's own members' names and standing from the register (for the answer's day)."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in tx.all(f"SELECT member_id, name, standing, status, township_id, ended FROM {{register}} "
                          f"WHERE member_id IN ({','.join('?' * len(chunk))})", chunk):
            found[row["member_id"]] = {**row, "gone": row["ended"] is not None}
    return found


def _judged(worker: dict[str, Any], person: dict[str, Any] | None) -> dict[str, Any]:
    """A worker as counted on the day: in the register (or, inflow, not left) and full or not."""
    counted = person is not None and not person["gone"]
    return {"worker_kind": worker["worker_kind"], "worker_id": worker["worker_id"], "joined_on": worker["joined_on"],
            "name": person["name"] if person else None, "standing": person["standing"] if person else None,
            "status": person["status"] if person else None, "counted": counted,
            "full": counted and person["standing"] == "full"}  # type: ignore[index]


def _enterprise(row: dict[str, Any], workers: list[dict[str, Any]], orgs: dict[str, dict[str, Any]],
                closed: bool) -> dict[str, Any]:
    township = _township(orgs, row["org_id"])
    full = sum(1 for w in workers if w["full"])
    keeper = orgs.get(row["org_id"])
    linked = orgs.get(row["organisation_id"]) if row["organisation_id"] else None
    # An organisation closed (撤销) or handed out of the county since it was linked no longer counts.
    organised = bool(row["organisation_name"]) or (linked is not None and linked["status"] == "open")
    return {**row, "org_name": keeper["name"] if keeper else None, "in_county": not row["city"],
            "township_id": township["org_id"] if township else None,
            "township_name": township["name"] if township else None,
            "organisation_name": linked["name"] if linked else row["organisation_name"],
            "closed": closed, "members": sum(1 for w in workers if w["counted"]), "full_members": full,
            "required": full >= REQUIRED, "organised": organised, "lacks_organisation": full >= REQUIRED and not organised,
            "workers": sorted(workers, key=lambda w: (w["name"] or "", w["worker_id"]))}


def _subtree(orgs: dict[str, dict[str, Any]], root: str) -> set[str] | None:
    """The organisations in `root`'s subtree (None: everything); a station or point covers its township."""
    org = orgs.get(root)
    if org is None:
        raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=root)
    if org["kind"] in _EVERYTHING:
        return None
    root = org["acts_for_id"] or root  # a station or point acts for its township
    return {key for key in orgs if root in _ancestors(orgs, key)}


def _ancestors(orgs: dict[str, dict[str, Any]], key: str) -> list[str]:
    chain: list[str] = []
    current: str | None = key
    while current is not None and current not in chain:
        chain.append(current)
        current = orgs[current]["parent_id"] if current in orgs else None
    return chain


def _township(orgs: dict[str, dict[str, Any]], key: str) -> dict[str, Any] | None:
    """The 基层党委 (`township_id`, as the directory has it) of the organisation keeping an enterprise."""
    keeper = orgs.get(key)
    return orgs.get(keeper["township_id"]) if keeper and keeper["township_id"] else None
