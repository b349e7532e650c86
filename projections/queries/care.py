"""Care requests (帮扶申请) and hotline calls (服务热线) for a day: lists by
organisation subtree, one request with its services, counts per organisation,
and the flag `care_overdue` (open longer than the policy's `care_overdue_days`).
Open, closed and overdue are judged for the day asked, never stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.care import CareRequest
from domain.fields import check_choice
from domain.hotline import HotlineCall
from domain.policy import Policy
from domain.vocab import CareKind, CareOutcome, OrgKind
from projections.care import call_row, care_rows
from projections.queries.register import Page
from projections.store import Tx

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["CARE_STATUSES", "CareQueries"]

CARE_STATUSES = {"open": "未办结", "closed": "已办结"}
Rows = list[dict[str, Any]]


class CareQueries:
    def care_requests(self: Queries, *, org_id: UUID | None = None, status: str | None = None,
                      kind: str | None = None, day: date | None = None, page: int = 1, size: int = 50) -> Page:
        """Requests taken in the subtree by the day, newest first (open or closed on that day)."""
        if status is not None and status not in CARE_STATUSES:
            raise rules.CHOICE.refuse(field="status", label="办理状态", choices="open（未办结）、closed（已办结）")
        if kind is not None:
            check_choice("kind", "帮扶类别", kind, CareKind)
        day = day or self.today()
        with self.reader() as tx:
            found = [r for r in self.judged_care(tx, day, org_id) if r["status"] == (status or r["status"])
                     and r["kind"] == (kind or r["kind"])]
        return Page(found[(page - 1) * size:page * size], len(found), page, size)

    def care_request(self: Queries, care_request_id: UUID, day: date | None = None) -> dict[str, Any]:
        """One request with its services (given by the day)."""
        day = day or self.today()
        with self.reader() as tx:
            found = self.judged_care(tx, day, None, care_request_id)
            services = [s for s in self._care_tables(tx, care_request_id)[1] if s["served_on"] <= day.isoformat()]
        if not found:
            raise rules.CARE_NOT_FOUND.refuse(field="care_request_id")
        return {**found[0], "service_list": sorted(services, key=lambda s: s["seq"])}

    def hotline_calls(self: Queries, *, org_id: UUID | None = None, kind: str | None = None,
                      day: date | None = None, page: int = 1, size: int = 50) -> Page:
        """Calls answered in the subtree by the day, newest first."""
        if kind is not None:
            check_choice("kind", "咨询类别", kind, CareKind)
        day = day or self.today()
        with self.reader() as tx:
            orgs = _orgs(tx)
            scope = _scope(orgs, org_id)
            calls = [c for c in self._care_tables(tx)[2] if c["called_on"] <= day.isoformat()
                     and (scope is None or c["org_id"] in scope) and c["kind"] == (kind or c["kind"])]
            people = _people(tx, calls)
        calls.sort(key=lambda c: (c["called_on"], c["call_id"]), reverse=True)
        rows = [_described(c, orgs, people) for c in calls[(page - 1) * size:page * size]]
        return Page(rows, len(calls), page, size)

    def care_by_org(self: Queries, org_id: UUID | None = None, day: date | None = None) -> Rows:
        """Per organisation of the subtree: requests open, overdue and closed, and calls, by the day."""
        day = day or self.today()
        with self.reader() as tx:
            requests = self.judged_care(tx, day, org_id)
            orgs = _orgs(tx)
            scope = _scope(orgs, org_id)
            calls = [c for c in self._care_tables(tx)[2] if c["called_on"] <= day.isoformat()
                     and (scope is None or c["org_id"] in scope)]
        counts: dict[str, dict[str, Any]] = {}
        for key, row in [(r["org_id"], r) for r in requests] + [(c["org_id"], None) for c in calls]:
            org = orgs.get(key) or {"name": None}
            entry = counts.setdefault(key, {"org_id": key, "org_name": org["name"], "open": 0, "overdue": 0,
                                            "closed": 0, "calls": 0})
            if row is None:
                entry["calls"] += 1
            else:
                entry[row["status"]] += 1
                entry["overdue"] += row["overdue"]
        return sorted(counts.values(), key=lambda e: (e["org_name"] or "", e["org_id"]))

    def care_covers(self: Queries, scope: UUID | None, org_id: UUID) -> bool:
        """Whether the subtree of `scope` (None: everything) holds `org_id` as these lists count it."""
        with self.reader() as tx:
            orgs = _orgs(tx)
        _scope(orgs, org_id)  # an unknown organisation is a 404
        covered = _scope(orgs, scope)
        return covered is None or str(org_id) in covered

    def judged_care(self: Queries, tx: Tx, day: date, org_id: UUID | None, only: UUID | None = None) -> Rows:
        """Requests taken in the subtree by `day`, each with its status and age on that day, newest first."""
        policy = self.policy_on(day)
        orgs = _orgs(tx)
        scope = _scope(orgs, org_id)
        rows = [r for r in self._care_tables(tx, only)[0] if r["requested_on"] <= day.isoformat()
                and (scope is None or r["org_id"] in scope)]
        people = _people(tx, rows)
        found = [_judged(_described(r, orgs, people), day, policy) for r in rows]
        return sorted(found, key=lambda r: (r["requested_on"], r["care_request_id"]), reverse=True)

    def care_overdue_flags(self: Queries, requests: Rows, policy: Policy, add: Callable[..., None]) -> None:
        """`care_overdue`: an open request older than `care_overdue_days`, naming the member (an
        inflow member in the detail only: they have no member page) and the organisation's township."""
        for r in sorted(requests, key=lambda r: (r["requested_on"], r["care_request_id"])):
            if not r["overdue"]:
                continue
            own = r["person_kind"] == "member"
            person = r["name"] if own else f"流入党员{r['name'] or ''}"
            summary = r["summary"] if len(r["summary"]) <= 30 else r["summary"][:30] + "…"
            add("care_overdue", {"member_id": r["member_id"] if own else None, "name": r["name"] if own else None,
                                 "township_id": r["township_id"], "township_name": r["township_name"]},
                f"{r['org_name']}{r['requested_on']}受理{r['kind_label']}申请（{person}：{summary}），"
                f"已{r['days_open']}天未办结", days=policy.care_overdue_days)

    def _care_tables(self: Queries, tx: Tx, only: UUID | None = None) -> tuple[Rows, Rows, Rows]:
        """Requests, services and calls: from the live view, or, for a past day, from the
        aggregates' states on that day (a snapshot holds no care tables)."""
        if "care_requests" not in tx.tables:
            states = getattr(self, "states", {}).values()
            pairs = [care_rows(s) for s in states if isinstance(s, CareRequest) and only in (None, s.id)]
            calls = [call_row(s) for s in states if isinstance(s, HotlineCall) and only is None]
            return [row for row, _ in pairs], [s for _, ss in pairs for s in ss], calls
        if only is not None:
            key = [str(only)]
            return (tx.all("SELECT * FROM {care_requests} WHERE care_request_id = ?", key),
                    tx.all("SELECT * FROM {care_services} WHERE care_request_id = ?", key), [])
        return tx.all("SELECT * FROM {care_requests}"), [], tx.all("SELECT * FROM {hotline_calls}")


def _orgs(tx: Tx) -> dict[str, dict[str, Any]]:
    return {o["org_id"]: o for o in tx.all("SELECT org_id, kind, name, parent_id, acts_for_id, township_id FROM {orgs}")}


def _scope(orgs: dict[str, dict[str, Any]], org_id: UUID | None) -> set[str] | None:
    """The organisations of `org_id`'s subtree (None: everything). A station, point or the
    service centre lies in the subtree of the organisation it acts for, as well as its own."""
    if org_id is None:
        return None
    root = str(org_id)
    if root not in orgs:
        raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=root)
    if orgs[root]["kind"] == OrgKind.COUNTY_COMMITTEE:
        return None
    return {key for key, org in orgs.items()
            if root in _ancestors(orgs, key) or (org["acts_for_id"] and root in _ancestors(orgs, org["acts_for_id"]))}


def _ancestors(orgs: dict[str, dict[str, Any]], key: str) -> list[str]:
    chain: list[str] = []
    current: str | None = key
    while current is not None and current not in chain:
        chain.append(current)
        current = orgs[current]["parent_id"] if current in orgs else None
    return chain


def _people(tx: Tx, rows: Rows) -> dict[str, dict[str, Any]]:
    """Names (and a member's township) of the people the rows name, from the registers."""
    found: dict[str, dict[str, Any]] = {}
    for column, sql in (("member_id", "SELECT member_id AS id, name FROM {register} WHERE member_id IN "),
                        ("inflow_member_id", "SELECT inflow_member_id AS id, name FROM {inflow_register} "
                                             "WHERE inflow_member_id IN ")):
        ids = sorted({r[column] for r in rows if r[column]})
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            found.update({p["id"]: p for p in tx.all(sql + f"({','.join('?' * len(chunk))})", chunk)})
    return found


def _described(row: dict[str, Any], orgs: dict[str, dict[str, Any]], people: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A request's or call's row with the names people read."""
    org = orgs.get(row["org_id"]) or {"name": None, "township_id": None}
    township = orgs.get(org["township_id"]) if org["township_id"] else None
    person = row["member_id"] or row["inflow_member_id"]
    kind = "member" if row["member_id"] else "inflow_member" if row["inflow_member_id"] else None
    return {**row, "kind_label": CareKind(row["kind"]).label, "org_name": org["name"],
            "township_id": township["org_id"] if township else None,
            "township_name": township["name"] if township else None, "person_kind": kind,
            "name": people[person]["name"] if person in people else None}


def _judged(row: dict[str, Any], day: date, policy: Policy) -> dict[str, Any]:
    closed = row["closed_on"] is not None and row["closed_on"] <= day.isoformat()
    requested = date.fromisoformat(row["requested_on"])
    days = ((date.fromisoformat(row["closed_on"]) if closed else day) - requested).days
    return {**row, "status": "closed" if closed else "open", "closed_on": row["closed_on"] if closed else None,
            "outcome": row["outcome"] if closed else None,
            "outcome_label": CareOutcome(row["outcome"]).label if closed else None,
            "close_note": row["close_note"] if closed else None, "days_open": days,
            "overdue": not closed and days > policy.care_overdue_days}
