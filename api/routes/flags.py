"""GET /flags: what people should look at (提示), for a day."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from api import responses as answers
from api.access import scope_for
from api.auth import CurrentOfficer, ServiceDep
from api.contract import errors
from api.params import AsOfQuery
from api.schemas import FlagOut

__all__ = ["router"]

router = APIRouter()


@router.get("/flags", response_model=list[FlagOut], tags=["统计"], responses=errors(401, 403, 404, 422),
            summary="提示：失联满6个月、连续6个月未交党费或未参加组织生活、转正到期、未评议、回执逾期、应建未建党组织")
def flags(service: ServiceDep, caller: CurrentOfficer,
          org_id: Annotated[UUID | None, Query(description="组织（含下级）；默认本人管辖范围")] = None,
          as_of: AsOfQuery = None) -> Any:
    return answers.rows(FlagOut, service.queries.flags(as_of or service.today(), scope_for(service, caller, org_id)))
