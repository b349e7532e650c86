"""Activities (活动记录) per organisation and quarter, one activity with its attendees,
and what the flag `no_quarterly_activity` reads: the open stations, points and mobile
branches of a subtree without an activity in the last complete quarter before a day.

A subtree here is the organisations whose 基层党委 (`township_id`) or whose chain of
parents holds its root: a township's stations and points sit under the service centre
but serve the township, so both ways count. Asked for a station, the list covers that
station and its points; the flag lets a station or point stand for its township.

Attendees are named only to a caller who may read them (`Reader`: as `/members/{id}` and
`/inflow-members/{id}` decide); the others are only counted ("另有N名其他组织的党员").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.activity import Activity
from domain.member import Member
from domain.member_events import ActivityAttended
from domain.fields import check_choice
from domain.vocab import OrgActivityKind, OrgKind
from projections.activities import quarter_of
from projections.queries.activity_names import Reader, ancestors, attendee_names, inflow_readable, readable
from projections.queries.register import Page
from projections.store import Tx

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["ActivityQueries", "FLAGGED_KINDS", "Reader", "attendee_names", "check_quarter", "last_complete_quarter", "no_quarterly_activity"]

K = OrgKind
FLAGGED_KINDS = (K.STATION.value, K.POINT.value, K.MOBILE_BRANCH.value)  # 服务站、点季度活动制度
_EVERYTHING = (K.COUNTY_COMMITTEE.value, K.SERVICE_CENTRE.value)
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
YEARS = (1949, 9998)  # a quarter outside these is a typing mistake (and 9999Q4 would end past date.max)
_SELECT = ("SELECT a.*, o.name AS org_name, o.kind AS org_kind, o.township_id, t.name AS township_name, "
           "f.name AS recorded_by FROM {activities} a LEFT JOIN {orgs} o ON o.org_id = a.org_id "
           "LEFT JOIN {orgs} t ON t.org_id = o.township_id LEFT JOIN {officers} f ON f.officer_id = a.actor ")
_ATTENDEES = ("SELECT d.activity_id, d.attendee_kind, d.attendee_id, d.position, "
              "COALESCE(r.name, i.name) AS name, COALESCE(r.id_tail, i.id_tail) AS id_tail, r.branch_id, "
              "r.reported_in_org, r.returned_on, r.ended "
              "FROM {activity_attendees} d LEFT JOIN {register} r ON d.attendee_kind = 'member' "
              "AND r.member_id = d.attendee_id LEFT JOIN {inflow_register} i ON d.attendee_kind = 'inflow_member' "
              "AND i.inflow_member_id = d.attendee_id ")


def check_quarter(value: str) -> tuple[date, date]:
    """The first and last day of a quarter written 2026Q3."""
    match = _QUARTER.match(value) if isinstance(value, str) else None
    if match is None:
        raise rules.ACTIVITY_QUARTER.refuse(field="quarter", value=value)
    year, number = int(match.group(1)), int(match.group(2))
    if not YEARS[0] <= year <= YEARS[1]:
        raise rules.ACTIVITY_QUARTER.refuse(field="quarter", value=value)
    start = date(year, 3 * number - 2, 1)
    end = date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1) - timedelta(days=1)
    return start, end


def last_complete_quarter(day: date) -> tuple[str, date, date]:
    """The quarter before the one `day` falls in (the last one complete on `day`)."""
    start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    end = start - timedelta(days=1)
    label = quarter_of(end)
    return label, check_quarter(label)[0], end


def _orgs(tx: Tx) -> dict[str, dict[str, Any]]:
    return {o["org_id"]: o for o in tx.all("SELECT org_id, kind, name, parent_id, acts_for_id, township_id, status, "
                                           "established_on FROM {orgs}")}


def _scope(orgs: dict[str, dict[str, Any]], org_id: UUID | None, township: bool = False) -> set[str] | None:
    """The organisations of the subtree (None: the county): a station's is itself and its
    points; with `township`, a station or point stands for the township it serves."""
    if org_id is None:
        return None
    root = orgs.get(str(org_id))
    if root is None:
        raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=org_id)
    if root["kind"] in _EVERYTHING:
        return None
    key = root["acts_for_id"] if township and root["kind"] in (K.STATION, K.POINT) else root["org_id"]
    return {o for o in orgs if orgs[o]["township_id"] == key or key in ancestors(orgs, o)}


def _filters(tx: Tx, org_id: UUID | None, quarter: str | None, kind: str | None) -> tuple[str, list[Any]]:
    conditions, params = ["1=1"], []
    if quarter is not None:
        check_quarter(quarter)
        conditions.append("a.quarter = ?")
        params.append(quarter)
    if kind is not None:
        conditions.append("a.kind = ?")
        params.append(str(check_choice("kind", "活动类型", kind, OrgActivityKind)))
    keep = _scope(_orgs(tx), org_id)
    if keep is not None:
        conditions.append(f"a.org_id IN ({','.join('?' * len(keep))})" if keep else "1=0")
        params.extend(sorted(keep))
    return " AND ".join(conditions), params


class ActivityQueries:
    def activities(self: Queries, *, org_id: UUID | None = None, quarter: str | None = None, kind: str | None = None,
                   page: int = 1, size: int = 50, reader: Reader | None = None) -> Page:
        """Activities held by the organisations of a subtree (of a quarter, of a kind), latest first;
        attendees named as `reader` may read them."""
        with self.reader() as tx:
            where, params = _filters(tx, org_id, quarter, kind)
            total = tx.value(f"SELECT COUNT(*) AS n FROM {{activities}} a WHERE {where}", params)
            rows = tx.all(f"{_SELECT} WHERE {where} ORDER BY a.held_on DESC, a.position DESC LIMIT ? OFFSET ?",
                          [*params, size, (page - 1) * size])
            attendees = self._attendees(tx, [r["activity_id"] for r in rows], reader)
        return Page([_out(r, attendees.get(r["activity_id"], [])) for r in rows], total or 0, page, size)

    def activity_table(self: Queries, *, org_id: UUID | None = None, quarter: str | None = None,
                       kind: str | None = None, reader: Reader | None = None) -> list[dict[str, Any]]:
        """Every activity the filters keep, latest first, each with all its attendees (for a sheet):
        read at once."""
        with self.reader() as tx:
            where, params = _filters(tx, org_id, quarter, kind)
            rows = tx.all(f"{_SELECT} WHERE {where} ORDER BY a.held_on DESC, a.position DESC", params)
            attendees = self._attendees(tx, [r["activity_id"] for r in rows], reader)
        return [{**_out(r, attendees.get(r["activity_id"], [])), "attendees": attendees.get(r["activity_id"], [])}
                for r in rows]

    def activity_orgs(self: Queries, org_id: UUID | None) -> set[str] | None:
        """The organisations whose activities a subtree covers (None: the county)."""
        with self.reader() as tx:
            return _scope(_orgs(tx), org_id)

    def activity(self: Queries, activity_id: UUID, reader: Reader | None = None,
                 within: UUID | None = None) -> dict[str, Any]:
        """One activity with everyone who attended whom `reader` may read (by kind, then name) and
        how many others. One held outside the subtree of `within` (a station or point counted
        with its township) is not found, as one that does not exist."""
        with self.reader() as tx:
            row = tx.one(f"{_SELECT} WHERE a.activity_id = ?", [str(activity_id)])
            covered = _scope(_orgs(tx), within, township=True)
            if row is None or (covered is not None and row["org_id"] not in covered):
                raise rules.ACTIVITY_NOT_FOUND.refuse(field="activity_id")
            attendees = self._attendees(tx, [row["activity_id"]], reader).get(row["activity_id"], [])
        return {**_out(row, attendees), "attendees": [a for a in attendees if a["readable"]]}

    def _attendees(self: Queries, tx: Tx, ids: list[str], reader: Reader | None) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        if not ids:
            return found
        rows = tx.all(f"{_ATTENDEES} WHERE d.activity_id IN ({','.join('?' * len(ids))})", ids)
        orgs, inflow = (_orgs(tx), inflow_readable(tx, reader, rows)) if reader is not None else ({}, set())
        # Members first, then by name: sorted here, as the two stores collate Chinese differently.
        for row in sorted(rows, key=lambda r: (r["attendee_kind"] != "member", r["name"] or "", r["attendee_id"])):
            row["readable"] = reader is None or readable(orgs, reader, row, inflow)
            found.setdefault(row["activity_id"], []).append(row)
        return found

    def quarterly_gaps(self: Queries, tx: Tx, day: date, org_id: UUID | None) -> list[dict[str, Any]]:
        """Open stations, points and mobile branches of the subtree, there since the start of the last
        complete quarter before `day`, with no activity held in it; each with its last activity before.
        A quarter that ended before the county's first activity record is not judged."""
        label, start, end = last_complete_quarter(day)
        held = self._held(tx, end)
        if not held:  # before the county's first activity record: held or not, nothing was recorded here
            return []
        orgs = _orgs(tx)
        keep = _scope(orgs, org_id, township=True)
        gaps = []
        for key, org in sorted(orgs.items(), key=lambda o: (o[1]["name"], o[0])):
            if org["kind"] not in FLAGGED_KINDS or org["status"] != "open" or (keep is not None and key not in keep):
                continue
            if not org["established_on"] or org["established_on"] > start.isoformat():
                continue  # established during the quarter (or later): not yet bound by it
            days = [d for d in held.get(key, []) if d <= end.isoformat()]
            if any(d >= start.isoformat() for d in days):
                continue
            township = orgs.get(org["township_id"] or "")
            gaps.append({**org, "quarter": label, "start": start, "end": end, "last_held_on": max(days, default=None),
                         "township_name": township["name"] if township else None})
        return gaps

    def _held(self: Queries, tx: Tx, end: date) -> dict[str, list[str]]:
        """The days each organisation held activities on, up to `end`: activity records and the
        older attendance recorded for one member alone at an organisation (`org_attendance`:
        that organisation met that day). Empty until the county's first activity record: the
        quarterly system is judged from when the county keeps such records. From the view, or,
        for a past day, from the states on that day (a snapshot holds no activity tables)."""
        held: dict[str, list[str]] = {}  # empty: no activity recorded in the county by `end`
        if "activities" in tx.tables:
            records = tx.all("SELECT org_id, held_on FROM {activities} WHERE held_on <= ?", [end.isoformat()])
            rows = records + tx.all("SELECT org_id, held_on FROM {org_attendance} WHERE held_on <= ?",
                                    [end.isoformat()]) if records else []
        else:
            states = getattr(self, "states", {}).values()
            rows = [{"org_id": str(s.org_id), "held_on": s.held_on.isoformat()} for s in states
                    if isinstance(s, Activity) and s.held_on and s.held_on <= end]
            if rows:
                rows += [{"org_id": str(f.org_id), "held_on": f.effective_on.isoformat()} for s in states
                         if isinstance(s, Member) for f in s.facts if isinstance(f, ActivityAttended)
                         and f.activity_id is None and f.org_id is not None and f.effective_on <= end]
        for row in rows:
            held.setdefault(row["org_id"], []).append(row["held_on"])
        return held


def _out(row: dict[str, Any], attendees: list[dict[str, Any]]) -> dict[str, Any]:
    members = sum(1 for a in attendees if a["attendee_kind"] == "member")
    return {**row, "kind_label": OrgActivityKind.label_of(row["kind"]),
            "org_kind_label": OrgKind.label_of(row["org_kind"]), "members": members,
            "inflow_members": len(attendees) - members, "attendee_count": len(attendees),
            "attendee_names": attendee_names(attendees), "others": sum(1 for a in attendees if not a["readable"])}


def no_quarterly_activity(gaps: list[dict[str, Any]], add: Any) -> None:
    """The flag for each gap: it names the organisation (no member) and its township."""
    for org in gaps:
        kind = OrgKind(org["kind"]).label
        quarter = f"{org['quarter'][:4]}年第{org['quarter'][-1]}季度"
        add("no_quarterly_activity",
            {"member_id": None, "name": org["name"], "township_id": org["township_id"],
             "township_name": org["township_name"]},
            f"{org['name']}（{kind}）：{quarter}（{org['start']}至{org['end']}）无活动记录；"
            f"最近一次活动：{org['last_held_on'] or '无记录'}", [], quarter=quarter)
