"""The pages of a prefecture's or province's reader (api/counties.py): its
counties' figures side by side with their sum, each county a link that chooses
it (a cookie) for the reading pages that follow."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.counties import COUNTY_COOKIE
from api.routes.counties import county_figures
from api.threads import ReadRoute
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import LoginRequired, PageCaller
from domain import rules
from projections.queries.statistics import summed

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])


@router.get("/counties", response_class=HTMLResponse)
def counties(request: Request, caller: PageCaller) -> HTMLResponse:
    reader = request.scope.get("liudong.reader")
    if reader is None:
        raise LoginRequired  # the county's own officers have the county's pages
    served = request.app.state.counties
    entries = [county_figures(served.service(code)) for code in reader.counties]
    return page(request, "counties.html", caller, entries=entries, total=summed(entries), reader=reader)


@router.get("/county")
def choose(request: Request, caller: PageCaller,
           code: Annotated[str, Query(pattern=r"^\d{6}$")]) -> RedirectResponse:
    reader = request.scope.get("liudong.reader")
    if reader is None or code not in reader.counties:
        raise rules.COUNTY_OUTSIDE.refuse(field="code", county=code, name=getattr(reader, "name", ""),
                                          codes="、".join(getattr(reader, "counties", ())))
    answer = RedirectResponse("/ui/register", status_code=303)
    answer.set_cookie(COUNTY_COOKIE, code, httponly=True, samesite="strict", path="/ui",
                      secure=request.url.scheme == "https")
    return answer
