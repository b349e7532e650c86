"""The 流入党员台账: inflow members with filters and pages, one inflow member,
and how many are present in a subtree on a day (`inflow_members` of
/statistics). A subtree covers the inflow members taken in by its
organisations; a station or point covers its township, the service centre
the county."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.fields import check_text
from domain.vocab import OrgKind
from projections.queries.register import Page
from projections.store import Tx

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["InflowQueries", "STATUSES", "present_by_township"]

STATUSES = {"present": "在本县", "left": "已离开"}
SELECT = ("SELECT i.*, o.name AS org_name, o.township_id AS township_id, t.name AS township_name "
          "FROM {inflow_register} i LEFT JOIN {orgs} o ON o.org_id = i.org_id "
          "LEFT JOIN {orgs} t ON t.org_id = o.township_id ")
_SUBTREE = ("i.org_id IN (WITH RECURSIVE below(org_id) AS (SELECT CAST(? AS TEXT) UNION ALL "
            "SELECT o.org_id FROM {orgs} o JOIN below b ON o.parent_id = b.org_id) SELECT org_id FROM below)")
# Present on a day: arrived by then, and not left by then.
PRESENT = "i.arrived_on <= ? AND (i.left_on IS NULL OR i.left_on > ?)"


def inflow_scope(tx: Tx, org_id: UUID | None) -> tuple[str, list[Any]]:
    """The inflow members a subtree covers, as a condition on `{inflow_register} i`."""
    if org_id is None:
        return "1=1", []
    org = tx.one("SELECT kind, acts_for_id FROM {orgs} WHERE org_id = ?", [str(org_id)])
    if org is None:
        raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=org_id)
    kind = org["kind"]
    if kind in (OrgKind.COUNTY_COMMITTEE.value, OrgKind.SERVICE_CENTRE.value):
        return "1=1", []
    root = org["acts_for_id"] if kind in (OrgKind.STATION.value, OrgKind.POINT.value) else str(org_id)
    return _SUBTREE, [root]


def present_by_township(tx: Tx, org_id: UUID | None, day: date) -> dict[str | None, int]:
    """Inflow members present on `day` in the subtree, by the 基层党委 of the organisation
    that took them in (None: taken in by the county committee itself)."""
    where, params = inflow_scope(tx, org_id)
    found = tx.all("SELECT o.township_id, COUNT(*) AS n FROM {inflow_register} i "
                   f"LEFT JOIN {{orgs}} o ON o.org_id = i.org_id WHERE {where} AND {PRESENT} "
                   "GROUP BY o.township_id", [*params, day.isoformat(), day.isoformat()])
    return {row["township_id"]: int(row["n"]) for row in found}


class InflowQueries:
    def inflow_members(self: Queries, *, org_id: UUID | None = None, home_county: str | None = None,
                       status: str | None = None, name: str | None = None, page: int = 1,
                       size: int = 50) -> Page:
        """The 流入党员台账, sorted by name: filters `org_id` (subtree), `home_county`,
        `status` (present 在本县 / left 已离开), part of a name."""
        if status is not None and status not in STATUSES:
            raise rules.CHOICE.refuse(field="status", label="状态",
                                      choices="、".join(f"{k}（{v}）" for k, v in STATUSES.items()))
        for key, label, value in (("home_county", "原所在县", home_county), ("name", "姓名", name)):
            if value is not None:
                check_text(key, label, value, limit=100, required=False)
        with self.reader() as tx:
            where, params = inflow_scope(tx, org_id)
            conditions = [where]
            for column, value in (("status", status), ("home_county", home_county)):
                if value:
                    conditions.append(f"i.{column} = ?")
                    params.append(value)
            if name:
                conditions.append("i.name LIKE ?")
                params.append(f"%{name}%")
            clause = " AND ".join(conditions)
            total = tx.value(f"SELECT COUNT(*) AS n FROM {{inflow_register}} i WHERE {clause}", params)
            rows = tx.all(f"{SELECT} WHERE {clause} ORDER BY i.name, i.inflow_member_id LIMIT ? OFFSET ?",
                          [*params, size, (page - 1) * size])
        return Page(rows, total or 0, page, size)

    def inflow_member(self: Queries, inflow_member_id: UUID) -> dict[str, Any]:
        with self.reader() as tx:
            row = tx.one(f"{SELECT} WHERE i.inflow_member_id = ?", [str(inflow_member_id)])
        if row is None:
            raise rules.INFLOW_NOT_FOUND.refuse(field="inflow_member_id")
        return row

    def inflow_covered(self: Queries, inflow_member_id: UUID, org_id: UUID | None) -> bool:
        """True when the subtree of `org_id` (None: the county) covers the inflow member."""
        with self.reader() as tx:
            where, params = inflow_scope(tx, org_id)
            return tx.one(f"SELECT 1 AS x FROM {{inflow_register}} i WHERE i.inflow_member_id = ? AND {where}",
                          [str(inflow_member_id), *params]) is not None
