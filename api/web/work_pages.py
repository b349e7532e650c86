"""业务办理: `/ui/work` lists every form the caller's role may run, grouped
by its route's tag as in the API (the county admin sees them all)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from api.threads import ReadRoute
from api.web.forms import by_tag
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import PageCaller

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])


@router.get("/work", response_class=HTMLResponse)
def work(request: Request, caller: PageCaller) -> HTMLResponse:
    return page(request, "work.html", caller, groups=by_tag(caller.role))
