"""The FastAPI application: built by `create_app`, nothing at import time.

On start it builds the service from settings, makes sure the views and the
pages' sessions and login counters exist, and runs the projection runner in
a thread (one runner per store: others stand by); on stop it ends both.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from api import contract, errors
from api.consistency import ReadYourWrites
from api.counties import CountyRouting
from api.limits import BodyLimits
from api.observe import Observe
from api.threads import use_read_threads
from api.routes import audit, commands, enterprises, flags, inflow, integrity, register, sheets, statistics
from api.routes import counties as county_routes
from api.routes import metrics, probes, transfers
from api.routes import dues
from api.routes import activities
from api.routes import care as care_routes
from api.routes import reviews
from api.web import pages
from api.web.guards import SecurityHeaders
from domain.clock import Clock, system_clock
from projections.queries.seen import Seen
from service.bootstrap import build_service, starting
from service.counties import Counties, serves_counties
from service.process import Service
from service.replica import replica_lag
from service.sessions import Sessions
from service.settings import Settings, get_settings
from service.transfers import Transfers
from service.throttle import Throttle

__all__ = ["create_app", "create_served_app"]

DESCRIPTION = """
流动党员管理台账（Liudong）的接口。每一次外出、报到、发证、转接、交纳党费、评议都是不可更改的记录；
台账、流动历程、审计记录、活动证发放责任登记和统计都由这些记录生成。

- 认证：`Authorization: Bearer <令牌>`（由 `liudong officer token` 签发）。办理人由令牌决定，请求中不能指定。
- 管辖：县委组织部管理员、纪检巡察人员可查阅全县；党务工作人员只能查阅、办理本组织及下级；流入地党组织只能查阅、办理向本组织报到的党员。
- 个人信息：身份证号、电话在所有返回中均已脱敏；确需查看时使用“查看个人信息”，每次查看都记入审计。
- 幂等：所有 POST 接受 `Idempotency-Key`；重复请求返回首次结果，不重复记录。
- 错误：422 指明字段与所违反的规则（含中文术语）；出错时不保存任何记录。
"""


class OneRequestSeen:
    """Each request notes the views' position its reads saw apart from every other
    (projections/queries/seen.py): its cut names it, and per-position memories use it."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with Seen.request():
            await self.app(scope, receive, send)


def create_served_app() -> FastAPI:
    """The app as `liudong serve` runs it: what is alive once it has started (modules, the
    service, its caches so far) is frozen out of the cyclic garbage collector's sight. Each
    full collection scanned all of it, and under load stopped every thread for 56-131 ms
    (docs/benchmarks.md, "Garbage collector pauses"). Not in tests, whose apps come and go."""
    return create_app(freeze_heap=True)


def create_app(settings: Settings | None = None, clock: Clock = system_clock,
               run_projections: bool = True, freeze_heap: bool = False) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        chosen = settings or get_settings()
        use_read_threads(chosen.read_thread_count)
        app.state.read_wait, app.state.ready_lag = chosen.read_wait, chosen.ready_lag
        app.state.metrics = chosen.metrics
        app.state.metrics_token = chosen.metrics_token.get_secret_value() if chosen.metrics_token else None
        stop = threading.Event()
        counties = Counties(chosen, clock) if serves_counties(chosen) else None
        if counties is not None:  # several counties: each request finds its own (api/counties.py)
            counties.refresh()
            app.state.service, app.state.counties = None, counties
            app.state.sessions, app.state.throttle = counties.sessions, counties.throttle
            key, follow, close = chosen.identity_key(), counties.follow, counties.close
            app.state.transfers = Transfers(counties, chosen.person_secret()) if chosen.person_key else None
            if app.state.transfers is not None:
                counties.chores.append(app.state.transfers.retry_pending)
        else:
            service = build_service(chosen, clock)
            live = service.runner.ready()  # rebuilds first if this code's views changed since the store was made
            service.runner.generations.prepare(live)
            app.state.sessions = starting(Sessions(service.store, service.ledger.clock).create_tables)
            app.state.throttle = starting(Throttle(service.store, service.ledger.clock).create_tables)
            app.state.service, app.state.counties, app.state.transfers = service, None, None
            key, follow, close = service.ledger.identity_key, service.runner.follow, service.close
        runner = threading.Thread(target=follow, args=(stop,), daemon=True, name="liudong-projections")
        if run_projections:
            runner.start()
        app.state.csrf_key = hmac.new(key, b"liudong csrf", hashlib.sha256).digest()
        if freeze_heap:
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            stop.set()
            if runner.is_alive():
                runner.join(timeout=10)
            close()

    app = FastAPI(title="流动党员管理台账 Liudong", version="0.1.0", description=DESCRIPTION,
                  lifespan=lifespan)
    errors.install(app)
    app.add_middleware(BodyLimits)  # api/limits.py: a POST's token before its body, and a size limit
    app.add_middleware(ReadYourWrites)  # api/consistency.py: a query waits for the position it names
    app.add_middleware(CountyRouting)  # api/counties.py: with several counties, the caller's (outside BodyLimits)
    app.add_middleware(SecurityHeaders)  # api/web/guards.py: nosniff on every answer, CSP and framing on /ui
    app.add_middleware(OneRequestSeen)
    app.add_middleware(Observe)  # api/observe.py: outermost: the request id, metrics and the log line
    for module in (register, sheets, statistics, county_routes, transfers, flags, audit, integrity, enterprises, inflow):  # /certificates/missing before /certificates/{number}
        app.include_router(module.router)
    # -- routers: activities --
    app.include_router(activities.router)
    # -- routers: reviews --
    app.include_router(reviews.router)
    # -- routers: dues --
    app.include_router(dues.router)  # 党费台账
    # -- routers: care --
    app.include_router(care_routes.router)
    # Routes are tried in turn: the queries first (the most frequent requests), then the commands, then
    # the pages: a query was compared with every page's and command's path first (133–181 µs; now 6–39 µs).
    app.include_router(commands.router)
    pages.install(app)
    app.include_router(probes.router)  # /livez, /readyz
    app.include_router(metrics.router)  # /metrics

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = contract.add_common_answers(FastAPI.openapi(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/health", tags=["系统"], summary="服务状态（无需令牌）", responses=contract.errors())
    def health(request: Request) -> dict[str, Any]:
        if (counties := request.app.state.counties) is not None:  # several counties: each one's, by code
            each = {code: _health(service) for code, service in list(counties.services.items())}
            worst = "ok" if all(h["status"] == "ok" for h in each.values()) else "degraded"
            return {"status": worst, "counties": each}
        return _health(request.app.state.service)

    return app


def _health(service: Service) -> dict[str, Any]:
    head = service.ledger.recorder.max_notification_id() or 0
    views = service.runner.status()
    found = {"status": "ok" if not any(v["failing"] for v in views.values()) else "degraded",
             "events": head, "views": views, "generation": service.runner.generations.live()}
    return {**found, "replica": replica_lag(service, head)} if service.reads_replica else found
