"""The page of a member's reviews and probation under /ui (评议与考察): per year the
grade, the opinions of the organisations the member reported in to and the
assessments, then the branch meeting's decisions, with links to the forms that
record them. Jurisdiction as the API's `GET /members/{id}/reviews`."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from api.threads import ReadRoute
from api.access import check_member
from api.auth import ServiceDep
from api.web.forms import FORMS
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import PageCaller

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
# The forms this page links to, each shown when the caller's role may run it.
FORM_NAMES = ("record-review", "record-review-opinion", "record-probation-assessment", "decide-probation")


@router.get("/members/{member_id}/reviews", response_class=HTMLResponse)
def member_reviews(request: Request, service: ServiceDep, caller: PageCaller, member_id: UUID) -> HTMLResponse:
    check_member(service, caller, service.queries.member(member_id))
    found = service.queries.member_reviews(member_id)
    forms = [(name, FORMS[name].label) for name in FORM_NAMES if name in FORMS and FORMS[name].allows(caller.role)]
    if found["standing"] != "probationary":
        forms = [(name, label) for name, label in forms if name == "record-review" or name == "record-review-opinion"]
    return page(request, "reviews.html", caller, found=found, forms=forms)
