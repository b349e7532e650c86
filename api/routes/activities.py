"""GET endpoints for activity records (活动记录): the list per organisation (and its
subtree), quarter and kind, the same as a spreadsheet, and one activity with its
attendees, each in the caller's jurisdiction. An attendee is named only to a caller who
may read that member (as `/members/{id}` decides); others are only counted. Recording
one is `POST /activities` (api/routes/commands.py)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Query, Response

from api import responses as answers
from api.threads import ReadRoute
from api.access import scope_for
from api.activity_schemas import ActivityDetailOut, ActivityOut
from api.auth import CurrentOfficer, ServiceDep
from api.contract import errors
from api.params import PageQuery
from api.schemas import PageOut
from domain.vocab import Role
from projections.queries.activities import Reader
from service.callers import Caller
from sheets.activities_export import activities_workbook

__all__ = ["reader_for", "router"]

router = APIRouter(route_class=ReadRoute, tags=["活动记录"])
OrgQ = Annotated[UUID | None, Query(description="组织活动的组织（含下级；乡镇党委含其服务站、点）；默认本人管辖范围")]
QuarterQ = Annotated[str | None, Query(max_length=6, description="季度，如 2026Q3")]
KindQ = Annotated[str | None, Query(max_length=20, description="活动类型：quarterly_theme 季度主题活动、three_services 三服务、"
                                                               "night_school 夜校、life_meeting 组织生活会、other 其他")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def reader_for(caller: Caller) -> Reader | None:
    """Whose names the caller may read: everyone's for admins and auditors."""
    if caller.sees_everything:
        return None
    if caller.role == Role.INFLOW_OFFICER:
        return Reader(caller.officer.org_id, inflow=True)  # type: ignore[arg-type]
    return Reader(caller.unit_id)


@router.get("/activities", response_model=PageOut[ActivityOut], responses=errors(401, 403, 404, 422),
            summary="活动记录（按组织、季度、活动类型；新近的在前；含参加人数与姓名）")
def activities(service: ServiceDep, caller: CurrentOfficer, org_id: OrgQ = None, quarter: QuarterQ = None,
               kind: KindQ = None, page: PageQuery = 1,
               size: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 50) -> Any:
    scope = scope_for(service, caller, org_id)
    return answers.page(ActivityOut, service.queries.activities(org_id=scope, quarter=quarter, kind=kind,
                                                                page=page, size=size, reader=reader_for(caller)))


@router.get("/activities.xlsx", responses={200: {"content": {XLSX: {}}, "description": "活动记录表（.xlsx）"},
                                           **errors(401, 403, 404, 422)},
            response_class=Response, summary="导出活动记录（.xlsx，按组织、季度、活动类型）")
def activities_sheet(service: ServiceDep, caller: CurrentOfficer, org_id: OrgQ = None, quarter: QuarterQ = None,
                     kind: KindQ = None) -> Response:
    scope = scope_for(service, caller, org_id)
    content = activities_workbook(service.queries, org_id=scope, quarter=quarter, kind=kind,
                                  reader=reader_for(caller))
    name = quote(f"活动记录-{service.today()}.xlsx")
    return Response(content, media_type=XLSX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


@router.get("/activities/{activity_id}", response_model=ActivityDetailOut, responses=errors(401, 404, 422),
            summary="一条活动记录及其参加人员（身份证号已脱敏）")
def activity(service: ServiceDep, caller: CurrentOfficer, activity_id: UUID) -> Any:
    # Outside the caller's jurisdiction is the same 404 as none: no way to learn what exists elsewhere.
    within = None if caller.sees_everything else scope_for(service, caller, None)
    return answers.checked(ActivityDetailOut, service.queries.activity(activity_id, reader_for(caller), within))
