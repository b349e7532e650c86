"""GET endpoints for care requests (帮扶申请) and hotline calls (服务热线): lists by
organisation subtree, counts per organisation, one request with its services; each
for a day (`as_of`) or as the ledger showed it (`as_known_on`). The commands are
POST routes of `api.routes.commands`."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api import responses as answers
from api.threads import ReadRoute
from api.access import scope_for
from api.auth import CurrentOfficer, ServiceDep
from api.care_schemas import CareByOrgOut, CareRequestDetailOut, CareRequestOut, HotlineCallOut
from api.params import PageQuery
from api.past import PastDep, cut_errors
from api.schemas import PageOut
from projections.queries import Queries
from service.callers import Caller
from service.process import Service

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, tags=["帮扶服务"])
OrgQ = Annotated[UUID | None, Query(description="组织（含下级；服务站、服务点计入其服务的乡镇）；默认本人管辖范围")]
KindQ = Annotated[str | None, Query(description="类别：jobs 就业信息、legal 法律维权、hardship 困难帮扶、"
                                                "skills 技能培训、policy 政策咨询、other 其他")]
SizeQ = Annotated[int, Query(ge=1, le=500, description="每页条数")]


def care_scope(service: Service, caller: Caller, queries: Queries, org_id: UUID | None) -> UUID | None:
    """The subtree asked for, if the caller's own covers it (a station lies in its township's
    subtree here, as the lists count it); by default the caller's own."""
    own = scope_for(service, caller, None)
    if org_id is None or queries.care_covers(own, org_id):
        return org_id if org_id is not None else own
    return scope_for(service, caller, org_id)  # refuses, naming only the caller's own unit


@router.get("/care-requests", response_model=PageOut[CareRequestOut], responses=cut_errors(401, 403, 404, 422),
            summary="帮扶申请：按组织、办理状态、类别（新受理的在前；可按某日、按当时所知）")
def care_requests(service: ServiceDep, caller: CurrentOfficer, past: PastDep, org_id: OrgQ = None,
                  status: Annotated[str | None, Query(description="办理状态：open 未办结、closed 已办结")] = None,
                  kind: KindQ = None, page: PageQuery = 1, size: SizeQ = 50) -> Any:
    scope = care_scope(service, caller, past.queries, org_id)
    found = past.queries.care_requests(org_id=scope, status=status, kind=kind, day=past.day, page=page, size=size)
    return past.named(answers.page(CareRequestOut, found))


@router.get("/care-requests/by-org", response_model=list[CareByOrgOut], responses=cut_errors(401, 403, 404, 422),
            summary="各组织的帮扶申请（未办结、逾期未办结、已办结）与热线来电数")
def care_by_org(service: ServiceDep, caller: CurrentOfficer, past: PastDep, org_id: OrgQ = None) -> Any:
    scope = care_scope(service, caller, past.queries, org_id)
    return past.named(answers.rows(CareByOrgOut, past.queries.care_by_org(scope, past.day)))


@router.get("/care-requests/{care_request_id}", response_model=CareRequestDetailOut,
            responses=cut_errors(401, 403, 404, 422), summary="一件帮扶申请及其服务记录（可按某日、按当时所知）")
def care_request(service: ServiceDep, caller: CurrentOfficer, past: PastDep, care_request_id: UUID) -> Any:
    found = past.queries.care_request(care_request_id, past.day)
    care_scope(service, caller, past.queries, UUID(found["org_id"]))  # 403 outside the caller's jurisdiction
    return past.named(answers.checked(CareRequestDetailOut, found))


@router.get("/hotline-calls", response_model=PageOut[HotlineCallOut], responses=cut_errors(401, 403, 404, 422),
            summary="热线来电（咨询服务专用电话）：按组织、类别（新的在前；可按某日、按当时所知）")
def hotline_calls(service: ServiceDep, caller: CurrentOfficer, past: PastDep, org_id: OrgQ = None,
                  kind: KindQ = None, page: PageQuery = 1, size: SizeQ = 50) -> Any:
    scope = care_scope(service, caller, past.queries, org_id)
    found = past.queries.hotline_calls(org_id=scope, kind=kind, day=past.day, page=page, size=size)
    return past.named(answers.page(HotlineCallOut, found))
