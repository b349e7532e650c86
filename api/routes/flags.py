"""GET /flags: what people should look at (提示), for a day."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api import responses as answers
from api.threads import ReadRoute
from api.access import scope_for
from api.auth import CurrentOfficer, ServiceDep
from api.params import AsOfQuery
from api.past import AsKnownOnQuery, answering, cut_errors, with_cut
from api.schemas import FlagOut
from projections.queries.flags import TITLES

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute)
KINDS = "、".join(f"{kind}（{title}）" for kind, title in TITLES.items())


@router.get("/flags", response_model=list[FlagOut], tags=["统计"], responses=cut_errors(401, 403, 404, 422),
            summary="提示：失联、欠交党费、未参加组织生活、转正到期、未评议、回执逾期、口袋党员、逾期未报到、应建未建党组织")
def flags(service: ServiceDep, caller: CurrentOfficer,
          org_id: Annotated[UUID | None, Query(description="组织（含下级）；默认本人管辖范围")] = None,
          kind: Annotated[str | None, Query(description=f"只看一类提示：{KINDS}")] = None,
          as_of: AsOfQuery = None, as_known_on: AsKnownOnQuery = None) -> Any:
    scope = scope_for(service, caller, org_id)
    queries = answering(service, as_of, as_known_on)  # a coming day: today's register, that day's deadlines
    day = as_of or queries.today()
    return with_cut(answers.rows(FlagOut, queries.flags(day, scope, kind)), queries, day)
