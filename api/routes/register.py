"""GET endpoints for the register (台账), a member and a member's history."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api import responses as answers
from api.threads import ReadRoute
from api.access import check_member, scope_for
from api.contract import errors
from api.auth import CurrentOfficer, ServiceDep
from api.params import AsOfQuery, PageQuery
from api.past import AsKnownOnQuery, answering, cut_errors, with_cut
from api.schemas import HistoryOut, MemberOut, PageOut
from projections.queries.register import SORTS

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, tags=["台账"])


@router.get("/register", response_model=PageOut[MemberOut], summary="台账（分页、筛选、排序；可按某日、按当时所知）",
            responses=cut_errors(401, 403, 404, 422))
def register(service: ServiceDep, caller: CurrentOfficer,
             org_id: Annotated[UUID | None, Query(description="组织（含下级）；默认本人管辖范围")] = None,
             status: Annotated[str | None, Query(description="状态；away_any 表示全部外出（含已报到、失联、临时返乡）；planned 表示已报告、尚未到外出日期；temporary_return 表示临时返乡")] = None,
             province: Annotated[str | None, Query(description="流向地（省）")] = None,
             city: Annotated[str | None, Query(description="流向地（市）")] = None,
             industry: Annotated[str | None, Query(description="从事行业")] = None,
             category: Annotated[str | None, Query(description="党员类别")] = None,
             name: Annotated[str | None, Query(description="按姓名查找（包含）")] = None,
             include_ended: Annotated[bool, Query(description="包括已不在册的党员")] = False,
             sort: Annotated[str, Query(description="排序字段：" + "、".join(SORTS))] = "name",
             descending: Annotated[bool, Query(description="倒序")] = False,
             page: PageQuery = 1,
             size: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 50,
             as_of: AsOfQuery = None, as_known_on: AsKnownOnQuery = None) -> Any:
    scope = scope_for(service, caller, org_id)
    queries = answering(service, as_of, as_known_on)
    return with_cut(answers.page(MemberOut, queries.register(
        org_id=scope, status=status, province=province, city=city, industry=industry, category=category,
        name=name, include_ended=include_ended, sort=sort, descending=descending, page=page, size=size)), queries)


@router.get("/members/{member_id}", response_model=MemberOut, summary="党员台账信息（个人信息已脱敏）",
            responses=errors(401, 403, 404, 422))
def member(service: ServiceDep, caller: CurrentOfficer, member_id: UUID) -> Any:
    row = service.queries.member(member_id)
    check_member(service, caller, row)
    return answers.row(MemberOut, row)


@router.get("/members/{member_id}/history", response_model=HistoryOut, responses=cut_errors(401, 403, 404, 422),
            summary="党员流动历程；as_of 给出该日状态（外出、报到、当日有效的活动证），as_known_on 给出当时所知")
def history(service: ServiceDep, caller: CurrentOfficer, member_id: UUID,
            as_of: AsOfQuery = None, as_known_on: AsKnownOnQuery = None) -> Any:
    now = service.queries.member(member_id)
    check_member(service, caller, now)  # jurisdiction as it is now
    queries = answering(service, as_of, as_known_on)
    asked = as_of or (queries.today() if as_known_on else None)
    body = {"member": now if queries is service.queries else queries.member(member_id),  # 404 before the events
            "events": queries.history(member_id, found=True),
            "as_of": queries.as_of(member_id, asked) if asked else None}
    return with_cut(answers.checked(HistoryOut, body), queries)
