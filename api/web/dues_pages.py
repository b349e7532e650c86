"""The dues ledger page under /ui (党费台账): the payments of the caller's
jurisdiction (or one member's) with the totals received, due by the table,
自愿多交 and 少交, filters by months and kind, and links to the forms that
record a payment or an approval (少交/免交). Jurisdiction as the API's `GET /dues`."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from api.threads import ReadRoute
from api.access import check_member, scope_for
from api.auth import ServiceDep
from api.routes.dues import collected_by
from api.params import MAX_PAGE
from api.web.forms import FORMS
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import PageCaller
from projections.queries.dues import KINDS

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
PAGE = 50
FORM_NAMES = ("record-dues", "approve-dues-reduction")
Text = Annotated[str, Query(max_length=20)]


@router.get("/dues", response_class=HTMLResponse)
def dues(request: Request, service: ServiceDep, caller: PageCaller, kind: Text = "", from_month: Text = "",
         until_month: Text = "", member_id: UUID | None = None,
         page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
    member = None
    if member_id is not None:
        member = service.queries.member(member_id)
        check_member(service, caller, member)
    scope = None if member_id is not None else scope_for(service, caller, None)
    own = collected_by(caller)  # an inflow officer: what it collected, approvals without their reasons
    found = service.queries.dues(org_id=scope, member_id=member_id, kind=kind or None,
                                 from_month=from_month or None, until_month=until_month or None,
                                 page=page_number, size=PAGE, collected_by=own)
    reductions = service.queries.member_dues(member_id, collected_by=own)["reductions"] if member_id else []
    filters = {"kind": kind, "from_month": from_month, "until_month": until_month,
               **({"member_id": str(member_id)} if member_id else {})}
    forms = [(name, FORMS[name].label) for name in FORM_NAMES if name in FORMS and FORMS[name].allows(caller.role)]
    return page(request, "dues.html", caller, found=found, totals=found["totals"], kinds=list(KINDS.items()),
                filters=filters, query=urlencode(filters), member=member, reductions=reductions,
                forms=forms if member_id else [], page_number=page_number,
                pages=max(1, -(-found["total"] // PAGE)))
