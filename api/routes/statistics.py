"""GET endpoints for statistics (持证率 and coverage), 应发未发 (as a page and
as xlsx), organisations, and the caller."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from api import responses as answers
from api.threads import ReadRoute
from api.access import scope_for
from api.auth import CurrentOfficer, ServiceDep
from api.contract import errors
from api.past import PastDep, cut_errors
from api.params import PageQuery
from api.routes.sheets import XLSX
from api.schemas import OrganisationOut, PageOut
from api.statistics_schemas import MissingOut, StatisticsOut
from projections.queries.missing import REASONS
from sheets.missing import write_missing

__all__ = ["missing_xlsx", "router"]

router = APIRouter(route_class=ReadRoute)
OrgQ = Annotated[UUID | None, Query(description="组织（含下级）；默认本人管辖范围")]


@router.get("/statistics", response_model=StatisticsOut, tags=["统计"], responses=cut_errors(401, 403, 404, 422),
            summary="统计：党员数、外出、持证率、应发持证率、应发未发、报到率、失联率、联系率，按乡镇、流向地、行业、类别"
                    "（可按某日、按当时所知）")
def statistics(service: ServiceDep, caller: CurrentOfficer, past: PastDep, org_id: OrgQ = None) -> Any:
    scope = scope_for(service, caller, org_id)
    return past.named(answers.row(StatisticsOut, past.queries.statistics(scope, past.day)))


def missing_filters(
        service: ServiceDep, caller: CurrentOfficer, org_id: OrgQ = None,
        reason: Annotated[str | None, Query(description="原因：" + "、".join(f"{k} {v}" for k, v in REASONS.items()))] = None,
        status: Annotated[str | None, Query(description="状态：away 外出、reported_in 已报到、lost_contact 失联")] = None,
        province: Annotated[str | None, Query(description="流向地（省）")] = None,
        city: Annotated[str | None, Query(description="流向地（市）")] = None,
        industry: Annotated[str | None, Query(description="从事行业")] = None,
        category: Annotated[str | None, Query(description="党员类别")] = None,
        name: Annotated[str | None, Query(description="按姓名查找（包含）")] = None) -> dict[str, Any]:
    """The filters of 应发未发, the scope checked as the register's is."""
    return {"org_id": scope_for(service, caller, org_id), "reason": reason, "status": status, "province": province,
            "city": city, "industry": industry, "category": category, "name": name}


MissingFilters = Annotated[dict[str, Any], Depends(missing_filters)]


@router.get("/certificates/missing", response_model=PageOut[MissingOut], tags=["活动证"],
            responses=cut_errors(401, 403, 404, 422),
            summary="应发未发：应发活动证（外出满期或预计满期、组织关系未转移）而未持有效活动证的党员及原因（分页、筛选；"
                    "可按某日、按当时所知）")
def missing(filters: MissingFilters, past: PastDep, page: PageQuery = 1,
            size: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 50) -> Any:
    return past.named(answers.page(MissingOut, past.queries.missing(**filters, day=past.day, page=page, size=size)))


@router.get("/certificates/missing.xlsx", tags=["活动证"], response_class=FileResponse,
            responses={200: {"content": {XLSX: {}}, "description": "Excel 文件"}, **errors(401, 403, 404, 422)},
            summary="导出应发未发名单（Excel）：与应发未发查询相同的筛选与管辖范围，不分页；身份证号已脱敏")
def missing_download(service: ServiceDep, filters: MissingFilters) -> Any:
    return missing_xlsx(service, filters)


def missing_xlsx(service: Any, filters: dict[str, Any]) -> FileResponse:
    """应发未发 as an xlsx download: the rows are found (and bad filters refused) before
    a file exists; the temporary file goes once it is sent, or at once if writing fails."""
    rows = service.queries.missing_rows(**filters)
    handle = tempfile.NamedTemporaryFile(prefix="liudong-", suffix=".xlsx", delete=False)  # noqa: SIM115
    handle.close()
    try:
        write_missing(handle.name, rows)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    filename = quote(f"应发未发-{service.today()}.xlsx")
    return FileResponse(handle.name, media_type=XLSX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{filename}"},
                        background=BackgroundTask(Path(handle.name).unlink))


@router.get("/organisations", response_model=list[OrganisationOut], tags=["组织"], summary="党组织与服务网点",
            responses=errors(401))
def organisations(service: ServiceDep, caller: CurrentOfficer) -> Any:
    return service.queries.organisations()


@router.get("/me", tags=["系统"], summary="当前令牌对应的工作人员", responses=errors(401))
def me(caller: CurrentOfficer) -> dict[str, Any]:
    officer = caller.officer
    return {"officer_id": str(officer.id), "name": officer.name, "role": str(officer.role),
            "role_label": caller.role.label, "org_id": str(officer.org_id), "acts_for": str(caller.unit_id)}
