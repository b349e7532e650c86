"""GET /counties/statistics: the counties a caller reads, side by side and added
up. A prefecture's or province's reader gets each of its counties; a county's
admin or auditor gets its own county (one entry), as does everyone on a
deployment of one county."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from api.access import require
from api.auth import bearer
from api.contract import errors
from api.statistics_schemas import CountiesStatisticsOut
from api.threads import ReadRoute
from domain import rules
from domain.county import County
from domain.ids import county_id
from domain.vocab import Role
from projections.queries.statistics import summed
from service.process import Service

__all__ = ["county_figures", "router"]

router = APIRouter(route_class=ReadRoute, tags=["统计"])


@router.get("/counties/statistics", response_model=CountiesStatisticsOut, responses=errors(401, 403),
            summary="所辖各县统计并列与合计（市委、省委组织部查阅；县委组织部管理员、纪检巡察人员得到本县一项）")
def counties_statistics(request: Request,
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Any:
    entries = [county_figures(service) for service in _services(request, credentials)]
    first = entries[0]
    total = {**summed(entries), "as_of": first["as_of"], "counties": len(entries)}
    return {"counties": entries, "total": total}


def _services(request: Request, credentials: HTTPAuthorizationCredentials | None) -> list[Service]:
    """The services of the counties the caller reads (api/counties.py found the reader or the county)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise rules.BAD_TOKEN.refuse()
    if (reader := request.scope.get("liudong.reader")) is not None:
        counties = request.app.state.counties
        return [counties.service(code) for code in reader.counties]
    service: Service | None = request.scope.get("liudong.service") or request.app.state.service
    if service is None:
        raise rules.BAD_TOKEN.refuse()
    require(service.callers.caller(credentials.credentials), (Role.COUNTY_ADMIN, Role.AUDITOR), "查阅各县统计")
    return [service]


def county_figures(service: Service) -> dict[str, Any]:
    county = service.ledger.load(County, county_id())
    return {**service.queries.statistics(None, service.today()), "code": county.code, "name": county.name}
