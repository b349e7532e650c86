"""Reading one's own writes, also from a read replica: a command's answer names
its log position (`X-Liudong-Position`, and in the pages' session a cookie);
a query that sends it back is answered once the views it reads (the replica's,
with `LIUDONG_READ_URL`) include that position, or refused with 503 and
`Retry-After` when that takes longer than `LIUDONG_READ_WAIT` seconds."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from api.counties import cookie
from api.errors import refusal_response
from domain import rules
from service.process import views_behind

__all__ = ["POSITION_COOKIE", "POSITION_HEADER", "ReadYourWrites"]

POSITION_HEADER = "X-Liudong-Position"
POSITION_COOKIE = "liudong_position"  # the position of the pages' last command, path /ui


class ReadYourWrites:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        text = headers.get(POSITION_HEADER.lower().encode(), b"").decode("latin-1").strip()
        if not text and scope["path"].startswith("/ui"):
            text = cookie(headers, POSITION_COOKIE)
        service = scope.get("liudong.service") or scope["app"].state.service
        if text and service is not None:
            if not text.isdigit() or len(text) > 18:
                await refusal_response(rules.POSITION.refuse(field=POSITION_HEADER, value=text[:30]))(
                    scope, receive, send)
                return
            bound = scope["app"].state.read_wait
            if not await run_in_threadpool(service.queries.wait_for, int(text), bound):
                await refusal_response(views_behind(int(text), bound))(scope, receive, send)
                return
        await self.app(scope, receive, send)

