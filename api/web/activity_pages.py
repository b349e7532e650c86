"""The activity records page under /ui (活动记录): the activities of an organisation
(and its subtree) per quarter and kind, latest first, each with its attendees'
count and names; one activity with everyone who attended; the same list as an
xlsx. Reads go through the same jurisdiction checks as `GET /activities`."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.threads import ReadRoute
from api.access import scope_for
from api.routes.activities import reader_for
from api.auth import ServiceDep
from api.params import MAX_PAGE
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import PageCaller
from domain import rules
from domain.vocab import OrgActivityKind
from projections.queries.activities import last_complete_quarter
from sheets.activities_export import activities_workbook

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
PAGE = 50
HOLDERS = ("township_committee", "department_committee", "station", "point", "mobile_branch")  # the org filter's choices
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Text = Annotated[str, Query(max_length=60)]


def _filters(service: Any, caller: Any, org: str, quarter: str, kind: str) -> dict[str, Any]:
    """The list's filters; an organisation that is no id names no organisation (404, not 500)."""
    try:
        org_id = UUID(org) if org else None
    except ValueError:
        raise rules.ORG_NOT_FOUND.refuse(field="org", org=org[:40]) from None
    return {"org_id": scope_for(service, caller, org_id), "quarter": quarter or None, "kind": kind or None}


@router.get("/activities", response_class=HTMLResponse)
def activities(request: Request, service: ServiceDep, caller: PageCaller, org: Text = "", quarter: Text = "",
               kind: Text = "", page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
    filters = _filters(service, caller, org, quarter, kind)
    result = service.queries.activities(**filters, page=page_number, size=PAGE, reader=reader_for(caller))
    covered = service.queries.activity_orgs(filters["org_id"] if org else scope_for(service, caller, None))
    orgs = [o for o in service.queries.organisations() if o["kind"] in HOLDERS
            and (covered is None or o["org_id"] in covered)]
    params = {"org": org, "quarter": quarter, "kind": kind}
    return page(request, "activities.html", caller, rows=result.rows, total=result.total, page_number=page_number,
                pages=max(1, -(-result.total // PAGE)), params=params, orgs=orgs,
                kinds=[(k.value, k.label) for k in OrgActivityKind], last_quarter=last_complete_quarter(
                    service.today())[0], query=urlencode({k: v for k, v in params.items() if v}), detail=None)


@router.get("/activities.xlsx")
def activities_xlsx(service: ServiceDep, caller: PageCaller, org: Text = "", quarter: Text = "",
                    kind: Text = "") -> Response:
    content = activities_workbook(service.queries, **_filters(service, caller, org, quarter, kind),
                                  reader=reader_for(caller))
    name = quote(f"活动记录-{service.today()}.xlsx")
    return Response(content, media_type=XLSX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


@router.get("/activities/{activity_id}", response_class=HTMLResponse)
def activity(request: Request, service: ServiceDep, caller: PageCaller, activity_id: UUID) -> HTMLResponse:
    within = None if caller.sees_everything else scope_for(service, caller, None)  # outside it: 404, as none
    found = service.queries.activity(activity_id, reader_for(caller), within)
    return page(request, "activities.html", caller, detail=found, rows=[], params={}, orgs=[], kinds=[])
