"""An organisation's page, `/ui/organisations/{org_id}`: its details, the
organisations under it, its officers and the forms about an organisation
(its id in the route's path or required in the body), with the id filled in."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from api.threads import ReadRoute
from api.auth import ServiceDep
from api.web import page_reads
from api.web.forms import FORMS
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import PageCaller
from domain import rules
from domain.vocab import OrgKind

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
STATES = {"open": "正常", "closed": "已撤销", "handed_over": "已移交"}


@router.get("/organisations/{org_id}", response_class=HTMLResponse)
def organisation(request: Request, service: ServiceDep, caller: PageCaller, org_id: UUID) -> HTMLResponse:
    orgs = service.queries.organisations()
    by_id = {o["org_id"]: o for o in orgs}
    org = by_id.get(str(org_id))
    if org is None:
        raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=str(org_id))
    forms = [s for s in FORMS.values() if s.allows(caller.role) and not s.about("member_id")
             and ("org_id" in s.path_names or any(f.name == "org_id" and f.required for f in s.fields))]
    return page(request, "organisation.html", caller, org=org, kind=OrgKind(org["kind"]).label,
                state=STATES.get(org["status"], org["status"]), parent=by_id.get(org["parent_id"] or ""),
                acts_for=by_id.get(org["acts_for_id"] or ""), handed_to=by_id.get(org["handed_to"] or ""),
                children=[o for o in orgs if o["parent_id"] == org["org_id"]],
                officers=page_reads.officers(service, org_id), forms=forms)
