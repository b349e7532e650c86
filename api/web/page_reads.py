"""Thin reads the form and admin pages need and no API route answers: the
officers of the directory view, a member's open certificate requests, the
tokens and blank allocations from the audit trail, and the choices a form's
pick fields offer. They read the existing views; none keeps anything."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.access import scope_for
from domain.credential import Credential
from domain.vocab import OrgKind, Role
from service.callers import Caller
from service.process import Service

__all__ = ["choices", "member_requests", "officers", "org_name", "tokens", "topic_rows"]

PICKS = 500  # the most a pick list offers; beyond it, type the id


def officers(service: Service, org_id: UUID | None = None) -> list[dict[str, Any]]:
    """Officers (active first), with their organisation's name; of one organisation if given."""
    where, params = ("WHERE o.org_id = ?", [str(org_id)]) if org_id else ("", [])
    with service.queries.reader() as tx:
        rows = tx.all("SELECT o.*, g.name AS org_name FROM {officers} o LEFT JOIN {orgs} g ON g.org_id = o.org_id "
                      f"{where} ORDER BY o.active DESC, g.name, o.name", params)
    return [{**r, "role_label": Role(r["role"]).label if r["role"] in set(Role) else r["role"]} for r in rows]


def member_requests(service: Service, member_id: UUID) -> list[dict[str, Any]]:
    """The member's certificate requests not yet issued nor declined."""
    with service.queries.reader() as tx:
        return tx.all("SELECT * FROM {requests} WHERE member_id = ? AND number IS NULL AND declined_on IS NULL "
                      "ORDER BY requested_on", [str(member_id)])


def topic_rows(service: Service, topic: str) -> list[dict[str, Any]]:
    return service.queries.audit(topic=topic, size=PICKS).rows


def tokens(service: Service) -> list[dict[str, Any]]:
    """Every token issued, its officer and whether it was revoked (the trail holds no token, only its id)."""
    revoked = {r["subject_id"]: r for r in topic_rows(service, "liudong.credential.Revoked")}
    names = {o["officer_id"]: o for o in officers(service)}
    found = []
    for row in topic_rows(service, "liudong.credential.Issued"):
        credential = service.queries.aggregate(Credential, UUID(row["subject_id"]))
        officer = names.get(str(credential.officer_id)) if credential else None
        found.append({**row, "officer": officer, "revoked": revoked.get(row["subject_id"])})
    return found


def org_name(kind: str, name: str) -> str:
    label = OrgKind(kind).label if kind in set(OrgKind) else kind
    return f"{name}（{label}）"


def choices(service: Service, caller: Caller, lookup: str) -> list[tuple[str, str]]:
    """What a pick field offers: open organisations, active officers, or the enterprises and
    inflow members of the caller's jurisdiction."""
    if lookup == "orgs":
        return [(o["org_id"], org_name(o["kind"], o["name"])) for o in service.queries.organisations()
                if o["status"] == "open"]
    if lookup == "officers":
        return [(o["officer_id"], f"{o['name']}（{o['org_name'] or ''}，{o['role_label']}）")
                for o in officers(service) if o["active"]]
    scope = scope_for(service, caller, None)
    if lookup == "enterprises":
        return [(e["enterprise_id"], e["name"]) for e in service.queries.enterprises(org_id=scope, size=PICKS).rows]
    if lookup == "inflow_members":
        return [(i["inflow_member_id"], f"{i['name']}（{i['home_county']}）")
                for i in service.queries.inflow_members(org_id=scope, status="present", size=PICKS).rows]
    return []
