"""Which members an organisation's subtree covers, and the register's
filters, as SQL conditions on the register (a station or point covers its township; a mobile branch or an
inflow-area organisation covers the members reported in to it)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain import rules
from domain.fields import check_text
from domain.vocab import MemberStatus, OrgKind
from projections.store import Tx

__all__ = ["AWAY", "AWAY_STATUSES", "member_scope", "register_filter"]

K = OrgKind
# Away, in every figure: away, reported in and lost contact all count (docs/figures.md).
AWAY_STATUSES = (MemberStatus.AWAY.value, MemberStatus.REPORTED_IN.value, MemberStatus.LOST_CONTACT.value)
AWAY = f"r.status IN ({', '.join(repr(s) for s in AWAY_STATUSES)})"


def member_scope(tx: Tx, org_id: UUID | str | None, alias: str = "r") -> tuple[str, list[Any]]:
    if org_id is None:
        return "1=1", []
    org = tx.one("SELECT kind, township_id FROM {orgs} WHERE org_id = ?", [str(org_id)])
    if org is None:
        raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=org_id)
    kind = OrgKind(org["kind"])
    if kind in (K.COUNTY_COMMITTEE, K.SERVICE_CENTRE):
        return "1=1", []
    if kind == K.BRANCH:
        return f"{alias}.branch_id = ?", [str(org_id)]
    if kind in (K.MOBILE_BRANCH, K.INFLOW_ORG):
        return (f"{alias}.reported_in_org = ? AND {alias}.returned_on IS NULL AND {alias}.ended IS NULL",
                [str(org_id)])
    return f"{alias}.township_id = ?", [org["township_id"]]


_TEXTS = (("status", "状态"), ("province", "流向省份"), ("city", "流向城市"), ("industry", "从事行业"),
          ("category", "党员类别"), ("name", "姓名"))


def register_filter(tx: Tx, org_id: UUID | None, include_ended: bool = False,
                    **values: str | None) -> tuple[str, list[Any]]:
    """The register's filters as a condition on `{register} r`: the subtree, the
    status (`away_any`: every member away), province, city, industry, category
    and part of a name; text the store cannot compare is a 422, not a 500."""
    for key, label in _TEXTS:
        if values.get(key) is not None:
            check_text(key, label, values[key], limit=100, required=False)
    where, params = member_scope(tx, org_id)
    conditions = [where]
    status = values.get("status")
    if not include_ended and status != "ended":
        conditions.append("r.ended IS NULL")
    if status == "away_any":
        conditions.append(AWAY)
    elif status:
        conditions.append("r.status = ?")
        params.append(status)
    for column in ("province", "city", "industry", "category"):
        if values.get(column):
            conditions.append(f"r.{column} = ?")
            params.append(values[column])
    if values.get("name"):
        conditions.append("r.name LIKE ?")
        params.append(f"%{values['name']}%")
    return " AND ".join(conditions), params
