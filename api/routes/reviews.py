"""GET endpoint of a member's reviews and probation (民主评议与预备党员考察): what the
home branch reads when grading a year or deciding on probation. The records
themselves are POSTed through `api.routes.commands`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from api import responses as answers
from api.threads import ReadRoute
from api.access import check_member
from api.auth import CurrentOfficer, ServiceDep
from api.contract import errors
from api.review_schemas import MemberReviewsOut

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, tags=["民主评议与预备党员"])


@router.get("/members/{member_id}/reviews", response_model=MemberReviewsOut, responses=errors(401, 403, 404, 422),
            summary="党员的民主评议与预备党员考察：各年度评议结果、流入地党组织评议意见、考察意见，转正决定")
def member_reviews(service: ServiceDep, caller: CurrentOfficer, member_id: UUID) -> Any:
    check_member(service, caller, service.queries.member(member_id))
    return answers.checked(MemberReviewsOut, service.queries.member_reviews(member_id))
