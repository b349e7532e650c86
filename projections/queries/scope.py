"""Which members an organisation's subtree covers, as a SQL condition on
the register (a station or point covers its township; a mobile branch or an
inflow-area organisation covers the members reported in to it)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain import rules
from domain.vocab import OrgKind
from projections.store import Tx

__all__ = ["member_scope"]

K = OrgKind


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
