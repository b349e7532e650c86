"""The flags page under /ui (待办提示): every flag kind with counts per
township, filters, a link to each member, and an xlsx download."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.web.guards import same_origin

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
