"""GET endpoints for auditors: the audit trail, certificates and anomalies."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api import responses as answers
from api.threads import ReadRoute
from api.access import check_member, require
from api.contract import errors
from api.auth import CurrentOfficer, ServiceDep
from api.params import AsOfQuery, PageQuery
from api.past import AsKnownOnQuery, answering, cut_errors, with_cut
from api.report_schemas import FailedLookupOut
from api.schemas import AnomalyOut, CertificateOut, EventOut, OfficerCertificatesOut, PageOut
from domain.vocab import Role

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute)
OVERSIGHT = (Role.COUNTY_ADMIN, Role.AUDITOR)


@router.get("/audit", response_model=PageOut[EventOut], tags=["审计"], responses=errors(401, 403, 422),
            summary="审计记录：谁、何时、以哪个组织名义记录了什么（县委组织部、纪检巡察）")
def audit(service: ServiceDep, caller: CurrentOfficer,
          actor: Annotated[str | None, Query(description="办理人编号")] = None,
          org_id: Annotated[UUID | None, Query(description="办理人代表的组织")] = None,
          subject_id: Annotated[UUID | None, Query(description="对象编号")] = None,
          member_id: Annotated[UUID | None, Query(description="相关党员")] = None,
          certificate_number: Annotated[str | None, Query(description="相关活动证编号")] = None,
          kind: Annotated[str | None, Query(description="对象类别")] = None,
          topic: Annotated[str | None, Query(description="事件类型")] = None,
          since: Annotated[datetime | None, Query(description="记录时间起（含）")] = None,
          until: Annotated[datetime | None, Query(description="记录时间止（不含）")] = None,
          page: PageQuery = 1, size: Annotated[int, Query(ge=1, le=1000)] = 100) -> Any:
    require(caller, OVERSIGHT, "查阅审计记录")
    return answers.page(EventOut, service.queries.audit(
        actor=actor, org_id=org_id, subject_id=subject_id, member_id=member_id,
        certificate_number=certificate_number, kind=kind, topic=topic, since=since, until=until,
        page=page, size=size))


@router.get("/certificates/{number}", response_model=CertificateOut, tags=["活动证"],
            responses=cut_errors(401, 403, 404, 422),
            summary="活动证发放责任：谁发的、谁批的、发给谁、何时、依据，以及其后的全部记录（可按某日、按当时所知）")
def certificate(service: ServiceDep, caller: CurrentOfficer, number: str,
                as_of: AsOfQuery = None, as_known_on: AsKnownOnQuery = None) -> Any:
    now = service.queries.certificate(number)  # jurisdiction as it is now
    if now["member_id"] and not caller.sees_everything:
        check_member(service, caller, service.queries.member(UUID(now["member_id"])))
    queries = answering(service, as_of, as_known_on)
    row = now if queries is service.queries else queries.certificate(number)  # today's: already read
    return with_cut(answers.row(CertificateOut, {**row, "events": [{k: e.get(k) for k in EventOut.model_fields}
                                                                   for e in row["events"]]}), queries)


@router.get("/officers/{officer_id}/certificates", response_model=OfficerCertificatesOut, tags=["活动证"],
            responses=errors(401, 403, 404, 422),
            summary="某工作人员申请、审批、发放的活动证")
def officer_certificates(service: ServiceDep, caller: CurrentOfficer, officer_id: UUID) -> Any:
    if officer_id != caller.id:
        require(caller, OVERSIGHT, "查阅他人经手的活动证")
    return service.queries.certificates_of_officer(officer_id)


@router.get("/anomalies", response_model=list[AnomalyOut], tags=["活动证"], responses=errors(401, 403, 422),
            summary="发放异常：返回后仍有效、逾期未年审、一人多证、发证人已被撤销任职")
def anomalies(service: ServiceDep, caller: CurrentOfficer,
              as_of: AsOfQuery = None) -> Any:
    require(caller, OVERSIGHT, "查阅发放异常")
    return service.queries.anomalies(as_of or service.today())


@router.get("/audit/failed-lookups", response_model=PageOut[FailedLookupOut], tags=["审计"],
            responses=errors(401, 403, 422), summary="按身份证号查找（报到）失败的记录，新的在前（县委组织部、纪检巡察）")
def failed_lookups(service: ServiceDep, caller: CurrentOfficer, page: PageQuery = 1,
                   size: Annotated[int, Query(ge=1, le=1000)] = 100) -> Any:
    require(caller, OVERSIGHT, "查阅查找失败记录")
    rows, total = service.lookups.log(page, size)
    return {"rows": rows, "total": total, "page": page, "size": size}
