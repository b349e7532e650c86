"""Jurisdiction for reads: a county admin and an auditor see everything; an
officer sees its organisation's subtree (and the members away reported in to a
mobile branch or inflow-area organisation in it); an inflow officer sees the
members who reported in to it or to an organisation below it. Outside that: 403."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from uuid import UUID

from domain import rules
from domain.jurisdiction import Jurisdiction
from domain.organisation import Organisation
from domain.vocab import Role
from service.callers import Caller
from service.process import Service

__all__ = ["check_member", "require", "scope_for"]


def _jurisdiction(service: Service) -> Jurisdiction:
    def org(org_id: UUID) -> Organisation:  # kept while the views stay where they are
        found = service.queries.remembered(("org", org_id), lambda: service.ledger.load(Organisation, org_id))
        if found is None:
            raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=org_id)
        return found  # type: ignore[no-any-return]
    return Jurisdiction(org, service.ledger.parents)


def require(caller: Caller, roles: Collection[Role], action: str) -> None:
    if caller.role not in roles:
        raise rules.ROLE.refuse(role=caller.role.label, action=action)


def _refuse(service: Service, caller: Caller) -> Exception:
    """The refusal names only the caller's own unit: never what lies outside it."""
    return rules.JURISDICTION.refuse(org=_jurisdiction(service).org(caller.unit_id).name)


def check_member(service: Service, caller: Caller, row: dict[str, Any]) -> None:
    """Refuses a member row the caller may not read."""
    if caller.sees_everything:
        return
    jurisdiction = _jurisdiction(service)
    away_to = UUID(row["reported_in_org"]) if row["reported_in_org"] and row["returned_on"] is None \
        and not row["ended"] else None  # reached through the organisation reported in to
    if caller.role == Role.INFLOW_OFFICER:
        if away_to is None or caller.officer.org_id not in jurisdiction.ancestors(away_to):
            raise rules.INFLOW_SCOPE.refuse(org=jurisdiction.org(caller.officer.org_id).name)  # type: ignore[arg-type]
        return
    if caller.unit_id not in jurisdiction.ancestors(UUID(row["branch_id"])) and \
            (away_to is None or caller.unit_id not in jurisdiction.ancestors(away_to)):
        raise _refuse(service, caller)


def scope_for(service: Service, caller: Caller, org_id: UUID | None) -> UUID | None:
    """The subtree a list or a statistic covers: the one asked for, if the
    caller may see it; by default the caller's own (everything for admins).
    A station or point lies under the service centre but acts for its township
    (`Organisation.unit_id`): the township's officers (and its own) may ask for it."""
    if caller.sees_everything:
        return org_id
    if caller.role == Role.INFLOW_OFFICER:
        own = caller.officer.org_id
        if org_id is not None and org_id != own:
            raise _refuse(service, caller)
        return own
    if org_id is None:
        return caller.unit_id
    jurisdiction = _jurisdiction(service)
    if caller.unit_id not in jurisdiction.ancestors(org_id) and \
            caller.unit_id not in jurisdiction.ancestors(jurisdiction.org(org_id).unit_id):
        raise _refuse(service, caller)
    return org_id
