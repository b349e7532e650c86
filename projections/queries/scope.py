"""Which members an organisation's subtree covers, and the register's
filters, as SQL conditions on the register. A subtree covers the members whose
home branch lies in it (a station or point covers its township; `township_id` is
a member's 基层党委). A mobile branch or an inflow-area organisation covers the
members away reported in to it or to one below it. For the register's list
(`received`), a committee's subtree also covers the members reported in to a
mobile branch below it (one handed over (移交) to it, say), as `domain.jurisdiction`
lets its officers record their contacts; figures never do, so that the figures of
the 基层党委 add up to the county's."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain import rules
from domain.fields import check_text
from domain.vocab import MemberStatus, OrgKind
from projections.store import Tx

__all__ = ["AWAY", "AWAY_STATUSES", "away_on", "member_scope", "register_filter"]

K = OrgKind
# Away, in every figure: away, reported in, lost contact and home for a while all count (docs/figures.md).
AWAY_STATUSES = (MemberStatus.AWAY.value, MemberStatus.REPORTED_IN.value, MemberStatus.LOST_CONTACT.value,
                 MemberStatus.TEMPORARY_RETURN.value)
AWAY = f"r.status IN ({', '.join(repr(s) for s in AWAY_STATUSES)})"  # as recorded: `away_on` for a day


def away_on(day: date) -> str:
    """Away on `day`: AWAY, but a departure reported ahead (外出前报告) only from its planned
    day. The day is written into the SQL (ISO digits only): callers' parameters stay as they are."""
    return f"({AWAY} AND {_begun(day)})"


def _begun(day: date, begun: bool = True) -> str:
    """The time away has begun by `day` (or, `begun` False, is planned for later)."""
    if begun:
        return f"(r.planned_on IS NULL OR r.planned_on <= '{day.isoformat()}')"
    return f"r.planned_on > '{day.isoformat()}'"


# The mobile branches and inflow-area organisations in a subtree (its root included).
_RECEIVING = ("WITH RECURSIVE below(org_id) AS (SELECT CAST(? AS TEXT) UNION ALL "
              "SELECT o.org_id FROM {orgs} o JOIN below b ON o.parent_id = b.org_id) "
              "SELECT o.org_id FROM below b JOIN {orgs} o ON o.org_id = b.org_id "
              "WHERE o.kind IN ('mobile_branch', 'inflow_org') ORDER BY o.org_id")


def member_scope(tx: Tx, org_id: UUID | str | None, alias: str = "r",
                 received: bool = False) -> tuple[str, list[Any]]:
    if org_id is None:
        return "1=1", []
    org = tx.one("SELECT kind, township_id FROM {orgs} WHERE org_id = ?", [str(org_id)])
    if org is None:
        raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=org_id)
    kind = OrgKind(org["kind"])
    if kind in (K.COUNTY_COMMITTEE, K.SERVICE_CENTRE):
        return "1=1", []
    if kind == K.BRANCH:  # no organisation lies below a branch
        return f"{alias}.branch_id = ?", [str(org_id)]
    unit = org["township_id"] if kind in (K.STATION, K.POINT) else str(org_id)
    receiving = [r["org_id"] for r in tx.all(_RECEIVING, [unit])] if unit else []
    found = (f"{alias}.reported_in_org IN ({', '.join('?' * len(receiving))}) AND {alias}.returned_on IS NULL "
             f"AND {alias}.ended IS NULL")
    if kind in (K.MOBILE_BRANCH, K.INFLOW_ORG):
        return f"({found})", receiving
    if not receiving or not received:
        return f"{alias}.township_id = ?", [org["township_id"]]
    return f"({alias}.township_id = ? OR ({found}))", [org["township_id"], *receiving]


_TEXTS = (("status", "状态"), ("province", "流向省份"), ("city", "流向城市"), ("industry", "从事行业"),
          ("category", "党员类别"), ("name", "姓名"))


def register_filter(tx: Tx, org_id: UUID | None, include_ended: bool = False, day: date | None = None,
                    received: bool = False, **values: str | None) -> tuple[str, list[Any]]:
    """The register's filters as a condition on `{register} r`: the subtree, the
    status (`away_any`: every member away), province, city, industry, category
    and part of a name; text the store cannot compare is a 422, not a 500. With `day`,
    a status is the status on that day (`planned`: away from a later day)."""
    for key, label in _TEXTS:
        if values.get(key) is not None:
            check_text(key, label, values[key], limit=100, required=False)
    where, params = member_scope(tx, org_id, received=received)
    conditions = [where]
    status = values.get("status")
    if not include_ended and status != "ended":
        conditions.append("r.ended IS NULL")
    if status == "away_any":
        conditions.append(away_on(day) if day else AWAY)
    elif status:
        conditions.append("r.status = ?")
        params.append(MemberStatus.AWAY.value if status == MemberStatus.PLANNED else status)
        if day and status in (MemberStatus.AWAY, MemberStatus.PLANNED):  # planned: away from a later day
            conditions.append(_begun(day, status == MemberStatus.AWAY))
    for column in ("province", "city", "industry", "category"):
        if values.get(column):
            conditions.append(f"r.{column} = ?")
            params.append(values[column])
    if values.get("name"):
        conditions.append("r.name LIKE ?")
        params.append(f"%{values['name']}%")
    return " AND ".join(conditions), params
