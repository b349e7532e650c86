"""GET endpoints for the 流入党员台账 (inflow members), in the register's
jurisdiction: a county admin and an auditor see the county; an officer its
subtree; an inflow officer the inflow members taken in by its own organisation."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api import responses as answers
from api.threads import ReadRoute
from api.access import scope_for
from api.auth import CurrentOfficer, ServiceDep
from api.contract import errors
from api.inflow_schemas import InflowMemberOut
from api.params import PageQuery
from api.schemas import PageOut
from domain import rules
from domain.organisation import Organisation
from projections.queries.inflow import STATUSES

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, tags=["流入党员"])


@router.get("/inflow-members", response_model=PageOut[InflowMemberOut], responses=errors(401, 403, 404, 422),
            summary="流入党员台账（分页、筛选；个人信息已脱敏）")
def inflow_members(service: ServiceDep, caller: CurrentOfficer,
                   org_id: Annotated[UUID | None, Query(description="接收的本县党组织（含下级）；默认本人管辖范围")] = None,
                   home_county: Annotated[str | None, Query(description="原所在县（市、区），全称")] = None,
                   status: Annotated[str | None, Query(description="状态：" + "、".join(
                       f"{k} {v}" for k, v in STATUSES.items()))] = None,
                   name: Annotated[str | None, Query(description="按姓名查找（包含）")] = None,
                   page: PageQuery = 1,
                   size: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 50) -> Any:
    scope = scope_for(service, caller, org_id)
    return answers.page(InflowMemberOut, service.queries.inflow_members(
        org_id=scope, home_county=home_county, status=status, name=name, page=page, size=size))


@router.get("/inflow-members/{inflow_member_id}", response_model=InflowMemberOut,
            responses=errors(401, 403, 404, 422), summary="一名流入党员（个人信息已脱敏）")
def inflow_member(service: ServiceDep, caller: CurrentOfficer, inflow_member_id: UUID) -> Any:
    row = service.queries.inflow_member(inflow_member_id)
    if not caller.sees_everything and not service.queries.inflow_covered(inflow_member_id, scope_for(
            service, caller, None)):
        unit = service.ledger.load(Organisation, caller.unit_id)  # names only the caller's own unit
        raise rules.JURISDICTION.refuse(org=unit.name if unit else caller.unit_id)
    return answers.row(InflowMemberOut, row)
