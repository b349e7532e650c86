"""GET endpoints for the register of non-public enterprises (非公有制企业): the
list, the report's figure (覆盖率) and one enterprise with its workers, each for
a day (`as_of`) or as the ledger showed it (`as_known_on`)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api import responses as answers
from api.threads import ReadRoute
from api.access import scope_for
from api.auth import CurrentOfficer, ServiceDep
from api.enterprise_schemas import EnterpriseDetailOut, EnterpriseOut, EnterpriseSummaryOut
from api.params import PageQuery
from api.past import PastDep, cut_errors
from api.schemas import PageOut

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, tags=["非公有制企业"])
OrgQ = Annotated[UUID | None, Query(description="管理组织（含下级）；默认本人管辖范围")]


@router.get("/enterprises", response_model=PageOut[EnterpriseOut], responses=cut_errors(401, 403, 404, 422),
            summary="非公有制企业台账：从业党员、正式党员人数，是否建立党组织（按名称；可按某日、按当时所知）")
def enterprises(service: ServiceDep, caller: CurrentOfficer, past: PastDep, org_id: OrgQ = None,
                name: Annotated[str | None, Query(description="按企业名称查找（包含）")] = None,
                include_closed: Annotated[bool, Query(description="包括已注销的企业")] = False,
                page: PageQuery = 1,
                size: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 50) -> Any:
    scope = scope_for(service, caller, org_id)
    found = past.queries.enterprises(org_id=scope, day=past.day, name=name, include_closed=include_closed,
                                     page=page, size=size)
    return past.named(answers.page(EnterpriseOut, found))


@router.get("/enterprises/summary", response_model=EnterpriseSummaryOut, responses=cut_errors(401, 403, 404, 422),
            summary="非公有制企业党组织覆盖率：企业数、从业党员、应建（正式党员三人以上）、已建、覆盖率")
def summary(service: ServiceDep, caller: CurrentOfficer, past: PastDep, org_id: OrgQ = None) -> Any:
    scope = scope_for(service, caller, org_id)
    return past.named(answers.row(EnterpriseSummaryOut, past.queries.enterprise_summary(scope, past.day)))


@router.get("/enterprises/{enterprise_id}", response_model=EnterpriseDetailOut,
            responses=cut_errors(401, 403, 404, 422), summary="一家非公有制企业及其从业党员（可按某日、按当时所知）")
def enterprise(service: ServiceDep, caller: CurrentOfficer, past: PastDep, enterprise_id: UUID) -> Any:
    found = past.queries.enterprise(enterprise_id, past.day)
    scope_for(service, caller, UUID(found["org_id"]))  # 403 outside the caller's jurisdiction
    return past.named(answers.checked(EnterpriseDetailOut, found))
