"""The oversight pages under /ui: the certificate register (look-up by number,
anomalies, per-officer issue counts), 应发未发 (a list with its download) and
the dashboard of the caller's jurisdiction. Every read goes through the same
jurisdiction checks as the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from api.threads import ReadRoute
from api.access import check_member, scope_for
from api.auth import ServiceDep
from api.params import MAX_PAGE
from api.routes.statistics import missing_xlsx
from api.web.guards import same_origin
from api.web.rendering import label, page
from api.web.session import PageCaller
from domain import rules
from domain.errors import LedgerError
from domain.fields import add_months
from domain.vocab import Category, Industry, MemberStatus, Role
from projections.queries.coverage import AWAY_STATUSES
from projections.directory import BASIC_KINDS
from projections.queries.missing import REASONS
from sheets.columns import destination

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
PAGE = 50


@router.get("/certificates", response_class=HTMLResponse)
def certificates(request: Request, service: ServiceDep, caller: PageCaller,
                 number: Annotated[str | None, Query()] = None) -> HTMLResponse:
    found, error = None, None
    if number:
        try:
            found = service.queries.certificate(number.strip())
            if found["member_id"] and not caller.sees_everything:
                check_member(service, caller, service.queries.member(UUID(found["member_id"])))
        except LedgerError as refusal:
            found, error = None, refusal.text
    oversight = caller.role in (Role.COUNTY_ADMIN, Role.AUDITOR)
    anomalies = service.queries.anomalies(service.today()) if oversight else []
    counts = service.queries.issuer_counts() if oversight else []
    return page(request, "certificates.html", caller, number=number or "", found=found, error=error,
                anomalies=anomalies, counts=counts)


def _missing_filters(service: Any, caller: Any, params: dict[str, str]) -> dict[str, Any]:
    """The list's filters from the page's query; a township or branch that is no id names no organisation."""
    org = params.get("branch") or params.get("township")
    try:
        org_id = UUID(org) if org else None
    except ValueError:
        raise rules.ORG_NOT_FOUND.refuse(field="township", org=org[:40]) from None
    return {"org_id": scope_for(service, caller, org_id), "reason": params.get("reason") or None,
            **{key: params.get(key) or None for key in ("status", "province", "name")}}


@router.get("/certificates/missing", response_class=HTMLResponse)
def missing(request: Request, service: ServiceDep, caller: PageCaller,
            page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
    params = dict(request.query_params)
    result = service.queries.missing(**_missing_filters(service, caller, params), page=page_number, size=PAGE)
    orgs = service.queries.organisations()
    query = urlencode({k: v for k, v in params.items() if k != "page" and v})
    return page(request, "missing.html", caller, rows=result.rows, total=result.total, page_number=page_number,
                pages=max(1, -(-result.total // PAGE)), params=params, query=query, as_of=service.today(),
                reasons=list(REASONS.items()), statuses=[(s, MemberStatus(s).label) for s in AWAY_STATUSES],
                townships=[o for o in orgs if o["kind"] in BASIC_KINDS],
                branches=[o for o in orgs if o["kind"] == "branch"])


@router.get("/certificates/missing.xlsx")
def missing_download(request: Request, service: ServiceDep, caller: PageCaller) -> FileResponse:
    return missing_xlsx(service, _missing_filters(service, caller, dict(request.query_params)))


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, service: ServiceDep, caller: PageCaller) -> HTMLResponse:
    scope = scope_for(service, caller, None)
    stats = service.queries.statistics(scope)
    trend = _trend(request, service, scope)
    charts = {
        "destination": [[destination(r["province"], r["city"]), r["members"]] for r in stats["by_destination"][:15]],
        "industry": [[label(Industry, r["industry"]), r["members"]] for r in stats["by_industry"]],
        "category": [[label(Category, r["category"]), r["members"]] for r in stats["by_category"]],
        "trend": trend}
    recent = service.queries.policy_on(date.fromisoformat(stats["as_of"])).contact_recent_months
    return page(request, "dashboard.html", caller, stats=stats, charts=charts, recent_months=recent)


def _trend(request: Request, service: Any, scope: UUID | None) -> list[dict[str, Any]]:
    """Lost-contact and unpaid-dues flags at the end of each of the last 12 months;
    remembered until the views move on (twelve flag scans are not cheap)."""
    today = service.today()
    key = (scope, today, service.queries.position())
    cache: dict[Any, list[dict[str, Any]]] = request.app.state.trends  # set by pages.install
    if key not in cache:
        trend = []
        for month in [add_months(today.replace(day=1), -k) for k in range(11, -1, -1)]:
            flags = service.queries.flags(min(add_months(month, 1), today), scope)
            trend.append({"month": f"{month:%Y-%m}", "lost": sum(f["kind"] == "lost_contact" for f in flags),
                          "dues": sum(f["kind"] == "dues_unpaid" for f in flags)})
        if len(cache) > 100:
            cache.clear()
        cache[key] = trend
    return cache[key]
