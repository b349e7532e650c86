"""GET endpoints for statistics (持证率), organisations, and the caller."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api import responses as answers
from api.access import scope_for
from api.contract import errors
from api.auth import CurrentOfficer, ServiceDep
from api.schemas import OrganisationOut
from api.statistics_schemas import StatisticsOut

__all__ = ["router"]

router = APIRouter()


@router.get("/statistics", response_model=StatisticsOut, tags=["统计"], responses=errors(401, 403, 404, 422),
            summary="统计：党员数、外出、报到、失联、持证率，按流向地、行业、类别、乡镇")
def statistics(service: ServiceDep, caller: CurrentOfficer,
               org_id: Annotated[UUID | None, Query(description="组织（含下级）；默认本人管辖范围")] = None) -> Any:
    return answers.row(StatisticsOut, service.queries.statistics(scope_for(service, caller, org_id)))


@router.get("/organisations", response_model=list[OrganisationOut], tags=["组织"], summary="党组织与服务网点",
            responses=errors(401))
def organisations(service: ServiceDep, caller: CurrentOfficer) -> Any:
    return service.queries.organisations()


@router.get("/me", tags=["系统"], summary="当前令牌对应的工作人员", responses=errors(401))
def me(caller: CurrentOfficer) -> dict[str, Any]:
    officer = caller.officer
    return {"officer_id": str(officer.id), "name": officer.name, "role": str(officer.role),
            "role_label": caller.role.label, "org_id": str(officer.org_id), "acts_for": str(caller.unit_id)}
