"""Probes for an orchestrator, without a token: `/livez` (the process answers)
and `/readyz` (each county's store answers, its views are within
`LIUDONG_READY_LAG` events of its log's head, and a runner, in this process
or another, holds its lease). `/health` stays as it was, with the detail."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.contract import ErrorOut, errors
from domain import rules
from projections.lease import Lease
from service.process import Service

__all__ = ["router"]

router = APIRouter(tags=["系统"])


@router.get("/livez", summary="存活检查（无需令牌）：进程能应答即为 200", responses=errors())
async def livez() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="就绪检查（无需令牌）：各县存储可用、视图落后不超过上限、有进程在更新视图",
            responses={503: {"model": ErrorOut, "description": "未就绪：说明哪个县、哪一项"}, **errors()})
def readyz(request: Request) -> dict[str, Any]:
    counties = request.app.state.counties
    served = dict(counties.services) if counties is not None else {"": request.app.state.service}
    limit = request.app.state.ready_lag
    checks = {code: _check(service, limit) for code, service in served.items()}
    if problems := [f"{code + '：' if code else ''}{problem}" for code, found in checks.items()
                    for problem in found["problems"]]:
        raise rules.NOT_READY.refuse(problems="；".join(problems))
    return {"status": "ready", "counties": checks} if counties is not None else {"status": "ready", **checks[""]}


def _check(service: Service, limit: int) -> dict[str, Any]:
    problems: list[str] = []
    try:
        head = service.ledger.recorder.max_notification_id() or 0
        live, applied = service.queries.position()
    except Exception as error:  # noqa: BLE001 (the store does not answer: that is the finding)
        return {"problems": [f"存储无法访问（{type(error).__name__}）"], "events": None, "behind": None}
    if head - applied > limit:
        problems.append(f"视图落后 {head - applied} 条记录（上限 {limit}）")
    runner = service.runner
    if live is not None and runner.following is None and \
            not Lease(service.ledger.env_mapping, f"runner-g{live}").taken():
        problems.append("没有进程在更新视图（视图更新租约无人持有）")
    return {"problems": problems, "events": head, "behind": head - applied}
