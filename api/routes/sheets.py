"""The register as a spreadsheet (GET /register.xlsx, /register.csv) and the
import of a legacy register sheet (POST /imports)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import FileResponse, StreamingResponse
from starlette.background import BackgroundTask

from api.threads import ReadRoute
from api.access import require, scope_for
from api.auth import CurrentOfficer, ServiceDep
from api.contract import errors
from api.report_schemas import ImportReportOut
from domain import rules
from domain.vocab import Role
from sheets.export import cells, csv_lines, export_register, register_rows
from sheets.importer import import_sheet
from sheets.limits import LIMITS, MB, too_big

__all__ = ["router", "xlsx_response"]

router = APIRouter(route_class=ReadRoute, tags=["台账表格"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(service: Any, caller: Any, org_id: UUID | None, status: str | None, province: str | None,
             city: str | None, industry: str | None, category: str | None, name: str | None,
             include_ended: bool) -> dict[str, Any]:
    return {"org_id": scope_for(service, caller, org_id), "status": status, "province": province, "city": city,
            "industry": industry, "category": category, "name": name, "include_ended": include_ended}


def xlsx_response(service: Any, filters: dict[str, Any]) -> FileResponse:
    """The filtered register as an xlsx download; the temporary file goes once
    it is sent, or at once if the export fails."""
    handle = tempfile.NamedTemporaryFile(prefix="liudong-", suffix=".xlsx", delete=False)  # noqa: SIM115
    handle.close()
    try:
        export_register(service, filters, handle.name, as_of=service.today())
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return FileResponse(handle.name, media_type=XLSX, headers=_disposition(f"流动党员台账-{service.today()}.xlsx"),
                        background=BackgroundTask(Path(handle.name).unlink))


def _disposition(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}


OrgQ = Annotated[UUID | None, Query(description="组织（含下级）；默认本人管辖范围")]
TextQ = Annotated[str | None, Query()]


@router.get("/register.xlsx", summary="导出台账（Excel）：与台账查询相同的筛选与管辖范围；身份证号、电话已脱敏；"
                                      "另含统计与待办提示两张工作表",
            response_class=FileResponse, responses={200: {"content": {XLSX: {}}, "description": "Excel 文件"},
                                                    **errors(401, 403, 404, 422)})
def register_xlsx(service: ServiceDep, caller: CurrentOfficer, org_id: OrgQ = None, status: TextQ = None,
                  province: TextQ = None, city: TextQ = None, industry: TextQ = None, category: TextQ = None,
                  name: TextQ = None, include_ended: bool = False) -> Any:
    return xlsx_response(service, _filters(service, caller, org_id, status, province, city, industry, category,
                                           name, include_ended))


@router.get("/register.csv", summary="导出台账（CSV，UTF-8 带 BOM，Excel 可直接打开）",
            response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}, "description": "CSV 文件"}, **errors(401, 403, 404, 422)})
def register_csv(service: ServiceDep, caller: CurrentOfficer, org_id: OrgQ = None, status: TextQ = None,
                 province: TextQ = None, city: TextQ = None, industry: TextQ = None, category: TextQ = None,
                 name: TextQ = None, include_ended: bool = False) -> Any:
    filters = _filters(service, caller, org_id, status, province, city, industry, category, name, include_ended)
    found = register_rows(service.queries, filters)  # refuses bad filters here, before the answer starts
    rows = (cells(row, None) for row in found)
    return StreamingResponse(csv_lines(rows), media_type="text/csv; charset=utf-8",
                             headers=_disposition(f"流动党员台账-{service.today()}.csv"))


@router.post("/imports", summary="导入旧台账（Excel，仅县委组织部管理员）：默认只试导入并返回报告，dry_run=false 时全部导入或全不导入",
             response_model=ImportReportOut, responses=errors(401, 403, 409, 413, 422))
def imports(service: ServiceDep, caller: CurrentOfficer,
            file: Annotated[UploadFile, File(description="旧台账 .xlsx 文件")],
            mapping: Annotated[UploadFile | None, File(description="表头映射（JSON：{\"表中表头\": \"台账列名\"}），可不传")] = None,
            dry_run: Annotated[bool, Query(description="只检查不保存（默认）")] = True) -> Any:
    require(caller, (Role.COUNTY_ADMIN,), "导入旧台账")
    data = file.file.read(LIMITS.file_bytes + 1)
    if len(data) > LIMITS.file_bytes:
        raise too_big(f"文件超过 {LIMITS.file_bytes // MB} MB")
    try:
        overrides = json.loads(mapping.file.read(2**16)) if mapping is not None else None
    except ValueError:
        raise rules.SHEET.refuse(field="mapping", reason="表头映射应为 JSON 对象") from None
    if overrides is not None and not isinstance(overrides, dict):
        raise rules.SHEET.refuse(field="mapping", reason="表头映射应为 JSON 对象")
    report = import_sheet(service.ledger, caller.id, data, file.filename or "upload.xlsx", dry_run=dry_run,
                          overrides=overrides)
    if report.stored_to:  # the answer shows the imported members (or, after a minute, says where they are)
        service.queries.wait_for(report.stored_to, timeout=60)
    return report.as_dict()
