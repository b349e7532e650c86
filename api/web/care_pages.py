"""The care page under /ui (关爱服务): per organisation, the care requests (帮扶申请)
open, overdue and closed and the hotline calls (服务热线); the requests of the
organisation chosen (filtered by status and kind) and its latest calls, with the
forms that record them. Reads go through the same jurisdiction as the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from api.threads import ReadRoute
from api.auth import ServiceDep
from api.params import FIRST_DAY, LAST_DAY, MAX_PAGE
from api.routes.care import care_scope
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import PageCaller
from domain import rules
from domain.vocab import CareKind
from projections.queries.care import CARE_STATUSES

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
PAGE = 50
CALLS = 20  # the latest calls shown
Text = Annotated[str, Query(max_length=60)]


@router.get("/care", response_class=HTMLResponse)
def care(request: Request, service: ServiceDep, caller: PageCaller, org_id: Text = "", status: Text = "",
         kind: Text = "", as_of: Text = "",
         page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
    day = _day(as_of) if as_of else service.today()
    queries = service.history.at(as_of=day)  # a past day from the log, as the API answers it
    scope = care_scope(service, caller, queries, _org_id(org_id))
    requests = queries.care_requests(org_id=scope, status=status or None, kind=kind or None, day=day,
                                     page=page_number, size=PAGE)
    calls = queries.hotline_calls(org_id=scope, day=day, size=CALLS)
    by_org = queries.care_by_org(scope, day)
    filters = {"org_id": org_id, "status": status, "kind": kind, "as_of": day.isoformat()}
    query = urlencode({k: v for k, v in filters.items() if v})
    return page(request, "care.html", caller, day=day, by_org=by_org, requests=requests, calls=calls,
                statuses=list(CARE_STATUSES.items()), kinds=[(k.value, k.label) for k in CareKind],
                filters=filters, query=query, pages=max(1, -(-requests.total // PAGE)), page_number=page_number,
                chosen=next((o["org_name"] for o in by_org if o["org_id"] == org_id), None),
                link=lambda **changes: urlencode({k: v for k, v in {**filters, **changes}.items() if v}))


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise rules.CHOICE.refuse(field="as_of", label="截至日期", choices="年-月-日，如 2025-06-01") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise rules.RANGE.refuse(field="as_of", label="截至日期", low=FIRST_DAY, high=LAST_DAY)
    return day


def _org_id(text: str) -> UUID | None:
    if not text:
        return None
    try:
        return UUID(text)
    except ValueError:
        raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=text[:40]) from None
