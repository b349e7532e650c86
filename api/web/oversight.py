"""The oversight pages under /ui: the certificate register (look-up by number,
anomalies, per-officer issue counts) and the dashboard of the caller's
jurisdiction. Every read goes through the same jurisdiction checks as the API."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from api.access import check_member, scope_for
from api.auth import ServiceDep
from api.web.guards import same_origin
from api.web.rendering import label, page
from api.web.session import PageCaller
from domain.errors import LedgerError
from domain.fields import add_months
from domain.vocab import Category, Industry, Role
from sheets.columns import destination

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])


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
    counts = _issuer_counts(service) if oversight else []
    return page(request, "certificates.html", caller, number=number or "", found=found, error=error,
                anomalies=anomalies, counts=counts)


def _issuer_counts(service: Any) -> list[dict[str, Any]]:
    rows = service.queries.audit(topic="liudong.certificate.Issued", size=1000).rows
    counts: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = counts.setdefault(r["actor"], {"name": r["actor_name"], "org": r["actor_org_name"], "issued": 0})
        entry["issued"] += 1
    return sorted(counts.values(), key=lambda e: -e["issued"])


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
    return page(request, "dashboard.html", caller, stats=stats, charts=charts)


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
