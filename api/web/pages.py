"""The pages under /ui: the register (台账), a member's timeline and forms
for everyday commands; `install` adds them, the login (`api/web/login.py`),
the oversight pages (`api/web/oversight.py`) and the page errors to the app.
Every read goes through the same jurisdiction checks as the API; every post
must come from the service's own pages (`api/web/guards.py`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from api.access import check_member, scope_for
from api.auth import ServiceDep
from api.errors import STATUS
from api.params import FIRST_DAY, LAST_DAY, MAX_PAGE
from api.routes.sheets import xlsx_response
from api.web import flag_pages, letters, login, oversight
from api.web.forms import FORMS, fields_of, parse
from api.web.guards import ForeignOrigin, same_origin
from api.web.rendering import page, templates
from api.web.session import LoginRequired, PageCaller, check_csrf
from domain import rules
from domain.errors import LedgerError
from domain.vocab import Category, Industry, MemberStatus
from projections.directory import BASIC_KINDS
from projections.queries.register import SORTS

__all__ = ["install", "router"]

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
STATUSES = [(s.value, s.label) for s in MemberStatus] + [("away_any", "全部外出（含已报到、失联）")]
PAGE = 50
NEXT = {"certificate-request": "approval", "approval": "certificate"}


@router.get("", response_class=RedirectResponse)
def home() -> RedirectResponse:
    return RedirectResponse("/ui/register", status_code=303)


def _org_id(text: str | None) -> UUID | None:
    """The organisation a filter names; a value that is no id names no organisation (404, not 500)."""
    if not text:
        return None
    try:
        return UUID(text)
    except ValueError:
        raise rules.ORG_NOT_FOUND.refuse(field="township", org=text[:40]) from None


def _filters(service: Any, caller: Any, params: dict[str, Any]) -> dict[str, Any]:
    org = _org_id(params.get("branch") or params.get("township"))
    return {"org_id": scope_for(service, caller, org), "status": params.get("status") or None,
            "province": params.get("province") or None, "industry": params.get("industry") or None,
            "category": params.get("category") or None, "name": params.get("name") or None}


@router.get("/register", response_class=HTMLResponse)
def register(request: Request, service: ServiceDep, caller: PageCaller,
             sort: Annotated[str, Query()] = "name", descending: bool = False,
             page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
    params = dict(request.query_params)
    filters = _filters(service, caller, params)
    result = service.queries.register(**filters, sort=sort if sort in SORTS else "name", descending=descending,
                                    page=page_number, size=PAGE)
    orgs = service.queries.organisations()
    query = {k: v for k, v in params.items() if k != "page" and v}
    return page(request, "register.html", caller, rows=result.rows, total=result.total, page_number=page_number,
                pages=max(1, -(-result.total // PAGE)), params=params, query=urlencode(query),
                townships=[o for o in orgs if o["kind"] in BASIC_KINDS],
                branches=[o for o in orgs if o["kind"] == "branch"], statuses=STATUSES,
                industries=[(m.value, m.label) for m in Industry], categories=[(m.value, m.label) for m in Category],
                sorts=[("name", "姓名"), ("departed_on", "外出时间"), ("province", "流向地"), ("status", "状态"),
                       ("last_contact_on", "最近联系"), ("paid_through", "党费交至")])


@router.get("/register.xlsx")
def register_xlsx(request: Request, service: ServiceDep, caller: PageCaller) -> FileResponse:
    return xlsx_response(service, _filters(service, caller, dict(request.query_params)))


@router.get("/members/{member_id}", response_class=HTMLResponse)
def member(request: Request, service: ServiceDep, caller: PageCaller, member_id: UUID,
           as_of: Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY)] = None) -> HTMLResponse:
    row = service.queries.member(member_id)
    check_member(service, caller, row)
    day = as_of or service.today()
    state = service.queries.as_of(member_id, day)
    events = service.queries.history(member_id)
    orgs = {o["org_id"]: o["name"] for o in service.queries.organisations()}
    return page(request, "member.html", caller, row=row, events=events, state=state, as_of=day, orgs=orgs,
                forms=[("departure", "外出登记"), ("report-in", "报到"), ("contact", "联系"), ("dues", "交纳党费"),
                       ("certificate-request", "申请活动证")])


@router.get("/forms/{name}", response_class=HTMLResponse)
def form(request: Request, service: ServiceDep, caller: PageCaller, name: str) -> HTMLResponse:
    return _form_page(request, service, caller, name, dict(request.query_params))


async def form_values(request: Request) -> dict[str, str]:
    """The posted form's fields (read on the event loop; the handler then runs in a thread)."""
    return {k: str(v) for k, v in (await request.form()).items() if k != "csrf"}


@router.post("/forms/{name}", dependencies=[Depends(check_csrf)], response_model=None)
def submit(request: Request, service: ServiceDep, caller: PageCaller, name: str,
           values: Annotated[dict[str, str], Depends(form_values)]) -> Response:
    command_class = FORMS.get(name)
    if command_class is None:
        return page(request, "error.html", caller, message="没有这个表单")
    command, field, message = parse(command_class, values)
    if command is not None:
        try:
            outcome = service.record(caller.id, command)
        except LedgerError as error:
            field, message = error.field, error.text
        else:
            done = {"done": command_class.label + "：已办理"}
            if name in NEXT:  # a certificate goes request -> approval -> issue
                request_id = values.get("request_id") or str(outcome.subject_id)
                return RedirectResponse(f"/ui/forms/{NEXT[name]}?{urlencode({'request_id': request_id, **done})}",
                                        status_code=303)
            member = values.get("member_id") or (str(outcome.subject_id) if name == "report-in" else "")
            target = f"/ui/members/{member}" if member else "/ui/register"
            return RedirectResponse(f"{target}?{urlencode(done)}", status_code=303)
    return _form_page(request, service, caller, name, values, field=field, message=message, status=422)


def _form_page(request: Request, service: Any, caller: Any, name: str, values: dict[str, str],
               field: str | None = None, message: str | None = None, status: int = 200) -> HTMLResponse:
    command_class = FORMS.get(name)
    if command_class is None:
        return page(request, "error.html", caller, message="没有这个表单")
    orgs = [(o["org_id"], o["name"]) for o in service.queries.organisations()
            if o["kind"] in ("inflow_org", "mobile_branch")]
    response = page(request, "form.html", caller, form_name=name, title=command_class.label,
                    fields=fields_of(command_class), values=values, error_field=field, message=message,
                    org_choices=orgs, today=service.today().isoformat())
    response.status_code = status
    return response


def install(app: Any) -> None:
    """Adds the pages (these, the login and the oversight ones), their static files, the login
    redirect and the pages' error answers to the app."""
    app.include_router(login.router)
    app.include_router(router)
    app.include_router(oversight.router)
    app.include_router(flag_pages.router)
    app.include_router(letters.router)
    # -- pages: activities --
    # -- pages: reviews --
    # -- pages: dues --
    # -- pages: care --
    app.state.trends = {}
    app.mount("/ui/static", StaticFiles(directory=Path(__file__).parent / "static"), name="ui-static")

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/ui/login", status_code=303)

    @app.exception_handler(ForeignOrigin)
    async def foreign(request: Request, exc: ForeignOrigin) -> Response:
        return _error_page(request, "请求来自其他网站，已拒绝：请在本系统的页面上操作。", 403)

    as_json = app.exception_handlers[LedgerError]  # the API's answer (api/errors.py)

    @app.exception_handler(LedgerError)
    async def refused(request: Request, exc: LedgerError) -> Response:
        if not request.url.path.startswith("/ui/"):
            return as_json(request, exc)  # type: ignore[no-any-return]
        return _error_page(request, exc.text, next(s for cls, s in STATUS.items() if isinstance(exc, cls)))


def _error_page(request: Request, message: str, status: int) -> Response:
    return templates.TemplateResponse(request, "error.html", {"caller": None, "csrf": "", "flash": None,
                                                              "message": message}, status_code=status)

