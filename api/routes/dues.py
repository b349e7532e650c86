"""GET endpoints of the dues ledger (党费台账): the payments of a subtree with
their totals, and one member's payments and approved reductions. Recording is
`POST /members/{member_id}/dues` and `POST /members/{member_id}/dues-reductions`
(api/routes/commands.py). An inflow officer reads only the payments its organisation
collected, and approvals without who approved them and why (`collected_by`)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api import responses as answers
from api.threads import ReadRoute
from api.access import check_member, scope_for
from api.auth import CurrentOfficer, ServiceDep
from api.dues_schemas import DuesPageOut, MemberDuesOut
from api.params import PageQuery
from api.past import PastDep, cut_errors
from domain.vocab import Role
from projections.queries.dues import KINDS
from service.callers import Caller

__all__ = ["collected_by", "router"]

router = APIRouter(route_class=ReadRoute, tags=["党费"])
OrgQ = Annotated[UUID | None, Query(description="组织（含下级）：其党员交纳的和其收缴的党费；默认本人管辖范围")]
MonthQ = Annotated[str | None, Query(max_length=7, description="年月（YYYY-MM）")]
KindQ = Annotated[str | None, Query(max_length=20, description="类别：" + "、".join(f"{k}（{v}）" for k, v in KINDS.items()))]


def collected_by(caller: Caller) -> UUID | None:
    """An inflow officer's organisation: it sees what it collected, not the home branch's approvals' reasons."""
    return caller.officer.org_id if caller.role == Role.INFLOW_OFFICER else None


@router.get("/dues", response_model=DuesPageOut, responses=cut_errors(401, 403, 404, 422),
            summary="党费台账：实收金额、按标准应交、自愿多交、少交、补交（按所交月份、类别；含合计；可按某日、按当时所知）")
def dues(service: ServiceDep, caller: CurrentOfficer, past: PastDep, org_id: OrgQ = None,
         from_month: MonthQ = None, until_month: MonthQ = None, kind: KindQ = None, page: PageQuery = 1,
         size: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 50) -> Any:
    scope = scope_for(service, caller, org_id)
    found = past.queries.dues(org_id=scope, from_month=from_month, until_month=until_month, kind=kind,
                              day=past.day, page=page, size=size, collected_by=collected_by(caller))
    return past.named(answers.checked(DuesPageOut, found))


@router.get("/members/{member_id}/dues", response_model=MemberDuesOut, responses=cut_errors(401, 403, 404, 422),
            summary="一名党员的党费记录（含自愿多交、少交、补交）与经批准的少交、免交")
def member_dues(service: ServiceDep, caller: CurrentOfficer, past: PastDep, member_id: UUID) -> Any:
    check_member(service, caller, service.queries.member(member_id))  # jurisdiction as it is now
    return past.named(answers.checked(MemberDuesOut, past.queries.member_dues(
        member_id, past.day, collected_by(caller))))
