"""`GET /metrics`: Prometheus's text format, to the metrics token only
(`LIUDONG_METRICS_TOKEN`, sent as `Authorization: Bearer`; no officer's token
opens it, and it opens nothing else). Without the token set, or with
`LIUDONG_METRICS=false`, there are no metrics (404).

One process: the client's own registry. Several worker processes (`liudong
serve --workers N` sets PROMETHEUS_MULTIPROC_DIR): every living worker's files,
summed by the client's multiprocess collector. The store's figures are read at
the scrape in either case (service/metrics.py)."""

from __future__ import annotations

import hmac
import os

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from api.contract import ErrorOut, errors
from api.observe import served_counties
from domain import rules
from service.metrics import StoreFigures, note_pools

__all__ = ["router"]

router = APIRouter(tags=["系统"])
EXAMPLE = "# HELP liudong_commands_total 办理的命令…\n# TYPE liudong_commands_total counter\n" \
          'liudong_commands_total{county="511922",outcome="recorded",type="RecordContact"} 3.0\n'


@router.get("/metrics", summary="监控指标（Prometheus 文本格式；须出示指标令牌）", response_class=Response,
            responses={200: {"content": {CONTENT_TYPE_LATEST: {"example": EXAMPLE}}, "description": "各项指标"},
                       401: {"model": ErrorOut, "description": "未出示或出示了错误的指标令牌（metrics.token）"},
                       404: {"model": ErrorOut, "description": "未设置指标令牌或未开启指标（metrics.off）"},
                       **errors()})
def metrics(request: Request) -> Response:
    state = request.app.state
    token = getattr(state, "metrics_token", None)
    if token is None or not getattr(state, "metrics", False):
        raise rules.METRICS_OFF.refuse()
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise rules.METRICS_TOKEN.refuse()
    note_pools(lambda: served_counties(state), now=True)
    store = CollectorRegistry()
    store.register(StoreFigures(lambda: served_counties(state)))
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)
        kept = generate_latest(processes)
    else:
        kept = generate_latest(REGISTRY)
    return Response(kept + generate_latest(store), media_type=CONTENT_TYPE_LATEST)
