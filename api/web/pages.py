"""The pages under /ui: the register (台账) and a member's timeline with the
forms about them; `install` adds them, the login (`api/web/login.py`), the
forms (`form_pages.py`, `work_pages.py`), the organisation and admin pages,
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

from api.threads import ReadRoute
from api.access import check_member, scope_for
from api.auth import ChooseCounty, ServiceDep
from api.errors import STATUS
from api.params import FIRST_DAY, LAST_DAY, MAX_PAGE
from api.routes.sheets import xlsx_response
from api.web import admin_pages, county_pages, flag_pages, form_pages, letters, login, org_pages, oversight, page_reads
from api.web import activity_pages
from api.web import dues_pages
from api.web import work_pages
from api.web import care_pages
from api.web import review_pages
from api.web.forms import FORMS, member_forms
from api.web.guards import ForeignOrigin, same_origin
from api.web.rendering import page, templates
from api.web.session import LoginRequired, PageCaller
from domain import rules
from domain.errors import LedgerError
from domain.vocab import Category, Industry, MemberStatus
from projections.directory import BASIC_KINDS
from projections.queries.register import SORTS

__all__ = ["install", "router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
STATUSES = [(s.value, s.label) for s in MemberStatus] + [("away_any", "全部外出（含已报到、失联）")]
PAGE = 50
templates.env.globals.update(
    forms_label=lambda name: FORMS[name].label if name in FORMS else name,
    may=lambda caller, name: name in FORMS and caller is not None and FORMS[name].allows(caller.role),
    has_page=lambda request, path: any(getattr(r, "path", None) == path for r in request.app.routes))


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
                groups=member_forms(caller.role), requests=page_reads.member_requests(service, member_id),
                can=lambda name: FORMS[name].allows(caller.role))


def install(app: Any) -> None:
    """Adds the pages (these, the login and the oversight ones), their static files, the login
    redirect and the pages' error answers to the app."""
    app.include_router(login.router)
    app.include_router(county_pages.router)  # a prefecture's reader: its counties, and choosing one
    app.include_router(router)
    app.include_router(oversight.router)
    app.include_router(flag_pages.router)
    app.include_router(letters.router)
    app.include_router(form_pages.router)
    app.include_router(work_pages.router)
    app.include_router(org_pages.router)
    app.include_router(admin_pages.router)
    # -- pages: activities --
    app.include_router(activity_pages.router)  # /ui/activities
    # -- pages: reviews --
    app.include_router(review_pages.router)
    # -- pages: dues --
    app.include_router(dues_pages.router)  # /ui/dues
    # -- pages: care --
    app.include_router(care_pages.router)  # /ui/care
    app.state.trends = {}
    app.mount("/ui/static", StaticFiles(directory=Path(__file__).parent / "static"), name="ui-static")

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/ui/login", status_code=303)

    @app.exception_handler(ChooseCounty)
    async def to_counties(request: Request, exc: ChooseCounty) -> Response:
        return RedirectResponse("/ui/counties", status_code=303)

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

