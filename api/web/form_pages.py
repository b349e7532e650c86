"""The form pages: `/ui/forms/{name}` shows the form of one command route
(only to a role the handlers' table lets run it) and records what it posts
through the API's own path (`api.routes.commands.run`): the same command, the
same messages, and the Idempotency-Key the page was rendered with, so a double
click records once and both answers lead to the same result page."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode
from uuid import uuid4

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.consistency import POSITION_COOKIE

from api.threads import ReadRoute
from api.auth import ServiceDep
from api.routes.commands import run
from api.schemas import CommandOut
from api.web import page_reads
from api.web.form_fields import CONTEXT
from api.web.forms import FormSpec, find, parse
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import PageCaller, check_csrf
from domain import commands as c
from domain.errors import LedgerError
from domain.policy import KEYS
from domain.vocab import PersonalField

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
KEY = "idempotency_key"
HIDDEN = "given"  # the ids the linking page gave, kept hidden after a refusal too
NEXT = {c.RequestCertificate: "approve-request", c.ApproveRequest: "issue-certificate"}  # the certificate path
BY_TAG = {"组织": "/ui/admin/organisations", "工作人员": "/ui/admin/officers", "政策参数": "/ui/admin/policy"}


@router.get("/forms/{name}", response_class=HTMLResponse)
def form(request: Request, service: ServiceDep, caller: PageCaller, name: str) -> HTMLResponse:
    return _form_page(request, service, caller, name, dict(request.query_params))


async def form_values(request: Request) -> dict[str, str]:
    """The posted form's fields, a multiple choice joined by commas (read on the event loop)."""
    found: dict[str, str] = {}
    for key, value in (await request.form()).multi_items():
        if key != "csrf":
            found[key] = f"{found[key]},{value}" if key in found else str(value)
    return found


@router.post("/forms/{name}", dependencies=[Depends(check_csrf)], response_model=None)
def submit(request: Request, service: ServiceDep, caller: PageCaller, name: str,
           values: Annotated[dict[str, str], Depends(form_values)]) -> Response:
    spec = find(name)
    if spec is None or not spec.allows(caller.role):
        return _form_page(request, service, caller, name, values)
    command, sent, field, message = parse(spec, values)
    if command is not None:
        key = (values.get(KEY) or "").strip()[:200] or None
        try:
            out = run(service, caller, request, Response(), command, key, sent)
        except LedgerError as error:
            field, message = error.field, error.text
        else:
            answer = _result(request, caller, spec, values, out)
            if out.positions:  # the next page waits until the views (a replica's too) show it
                answer.set_cookie(POSITION_COOKIE, str(max(out.positions)), httponly=True, samesite="strict",
                                  path="/ui", secure=request.url.scheme == "https")
            return answer
    return _form_page(request, service, caller, name, values, field=field, message=message, status=422)


def _result(request: Request, caller: Any, spec: FormSpec, values: dict[str, str], out: CommandOut) -> Response:
    """Where a recorded form leads: the next step, or the page of what it was about.
    A replay (same key) leads to the same page; a new token or revealed data is shown once."""
    done = {"done": spec.label + "：已办理"}
    if spec.command in (c.IssueToken, c.RevealPersonalData):
        return page(request, "done.html", caller, title=spec.label, out=out, values=values,
                    labels={k.value: k.label for k in PersonalField})
    if spec.command in NEXT:
        request_id = values.get("request_id") or out.subject_id or ""
        return _go(f"/ui/forms/{NEXT[spec.command]}", {"request_id": request_id, **done})
    number = values.get("new_number") or values.get("number")
    member = values.get("member_id") or (out.subject_id if spec.command in (c.RegisterMember, c.RecordReportIn)
                                         else "")
    if number and not values.get("member_id"):
        return _go("/ui/certificates", {"number": number, **done})
    if member:
        return _go(f"/ui/members/{member}", done)
    org = values.get("org_id") or (out.subject_id if spec.command is c.EstablishOrganisation else "")
    if org:
        return _go(f"/ui/organisations/{org}", done)
    if spec.command is c.AllocateBlanks:
        return _go("/ui/admin/blanks", done)
    if spec.command is c.RevokeToken:
        return _go("/ui/admin/tokens", done)
    return _go(BY_TAG.get(spec.tag, "/ui/work"), done)


def _go(path: str, query: dict[str, str]) -> RedirectResponse:
    return RedirectResponse(f"{path}?{urlencode(query)}", status_code=303)


def _form_page(request: Request, service: Any, caller: Any, name: str, values: dict[str, str],
               field: str | None = None, message: str | None = None, status: int = 200) -> HTMLResponse:
    spec = find(name)
    if spec is None:
        return _status(page(request, "error.html", caller, message="没有这个表单"), 404)
    if not spec.allows(caller.role):
        return _status(page(request, "error.html", caller,
                            message=f"无权办理：{caller.role.label}不能办理“{spec.label}”"), 403)
    given = request.query_params if request.method == "GET" else (values.get(HIDDEN) or "").split(",")
    hidden = {f.name for f in spec.fields if (f.in_path or f.name in CONTEXT) and f.name in given and values.get(f.name)}
    picks = {f.lookup: page_reads.choices(service, caller, f.lookup) for f in spec.fields
             if f.kind == "pick" and f.name not in hidden}
    policy = None
    if spec.command is c.ChangePolicy:
        current = service.queries.policy_on(service.today()).to_dict()
        policy = [(key, KEYS[key].unit if key in KEYS else "", value) for key, value in current.items()]
    carry = {name: values[name] for name in sorted(CONTEXT) if values.get(name) and not spec.about(name)
             and (name in given)}  # e.g. the member a correction is about: where the answer leads
    response = page(request, "form.html", caller, spec=spec, title=spec.label, fields=spec.fields, values=values,
                    hidden=hidden | set(carry), carry=carry, picks=picks, error_field=field, message=message, policy=policy,
                    key=values.get(KEY) or uuid4().hex, today=service.today().isoformat())
    return _status(response, status)


def _status(response: HTMLResponse, status: int) -> HTMLResponse:
    response.status_code = status
    return response
