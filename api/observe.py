"""Each request observed once, outermost: its id, its metrics and its log line.

The request id is the proxy's `X-Request-ID` when it sends a plain one (letters,
digits and `._:-`, at most 64), else a new one (unique to the process and its
random prefix); it is echoed on the answer and
names the request's line and its commands' lines (service/logs.py). The route
is the template (`/members/{member_id}`), never the path as sent: a path or query
could carry what the logs must not (an ID number looked up), and a template keeps
the metrics' labels few."""

from __future__ import annotations

import itertools
import logging
import os
import re
import time
from typing import Any

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.logs import REQUEST, requests_log
from service.metrics import note_pools

__all__ = ["LATENCY", "Observe", "REQUESTS", "served_counties"]

REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# A made id: this process's random prefix and a count. Not uuid4: its system call on the event loop gave
# up the GIL and waited to take it back behind the read threads (5% of a loaded server's samples, py-spy).
_PREFIX, _COUNT = os.urandom(6).hex(), itertools.count(1)
REQUESTS = Counter("liudong_http_requests", "HTTP 请求：按路由模板、方法与状态码", ["route", "method", "status"])
LATENCY = Histogram("liudong_http_request_duration_seconds", "HTTP 请求耗时（秒）：按路由模板与方法",
                    ["route", "method"], buckets=(.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10))


def served_counties(state: Any) -> dict[str, Any]:
    """The services this process serves, by county code (one, or a deployment's)."""
    if (counties := getattr(state, "counties", None)) is not None:
        return dict(counties.services)
    service = getattr(state, "service", None)
    return {service.county_code: service} if service is not None else {}


class Observe:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v for k, v in scope["headers"] if k == b"x-request-id"), b"").decode("latin-1")
        request_id = given if REQUEST_ID.fullmatch(given) else f"{_PREFIX}-{next(_COUNT):x}"
        context: dict[str, Any] = {"request_id": request_id}
        token, started, status = REQUEST.set(context), time.perf_counter(), 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            REQUEST.reset(token)
            self._observed(scope, context, status, time.perf_counter() - started)

    @staticmethod
    def _observed(scope: Scope, context: dict[str, Any], status: int, seconds: float) -> None:
        state = scope["app"].state
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        if getattr(state, "metrics", False):
            REQUESTS.labels(route, scope["method"], str(status)).inc()
            LATENCY.labels(route, scope["method"]).observe(seconds)
            note_pools(lambda: served_counties(state))
        if requests_log.isEnabledFor(logging.INFO):
            service = scope.get("liudong.service") or getattr(state, "service", None)
            officer = scope.get("liudong.officer")
            requests_log.info("request", extra={
                **context, "method": scope["method"], "route": route, "status": status,
                "duration_ms": round(seconds * 1000, 2), "officer_id": str(officer) if officer else None,
                "county": service.county_code if service is not None else None})
