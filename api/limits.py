"""Bounds on what a request may send, checked before its body is read: a POST
to the API must carry a valid token (401 at once, whatever it was sending),
and no body may exceed its route's limit (413 naming the limit). Imports get
a larger limit than commands; the staff pages' forms are small."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body
from domain import rules
from domain.errors import LedgerError

__all__ = ["BODY_LIMIT", "BodyLimits", "IMPORT_LIMIT", "PAGE_FORM_LIMIT"]

BODY_LIMIT = 64 * 2**10  # a command's JSON body
IMPORT_LIMIT = 20 * 2**20  # POST /imports: a legacy register sheet and its header mapping
PAGE_FORM_LIMIT = 64 * 2**10  # a form of the staff pages (login included)
WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


class BodyLimits:
    def __init__(self, app: ASGIApp, body_limit: int = BODY_LIMIT, import_limit: int = IMPORT_LIMIT):
        self.app = app
        self.body_limit, self.import_limit = body_limit, import_limit

    def limit_for(self, path: str) -> int:
        if path == "/imports":
            return self.import_limit
        return PAGE_FORM_LIMIT if path.startswith("/ui/") else self.body_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WITH_BODY:
            await self.app(scope, receive, send)
            return
        path, limit = scope["path"], self.limit_for(scope["path"])
        if not path.startswith("/ui/") and (refusal := await _unauthenticated(scope)) is not None:
            await refusal(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(limit)(scope, receive, send)
            return
        received, refused, started = 0, False, False

        async def counted() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:  # answer now, unless the app already has; it then sees the client go
                refused = True
                if not started:
                    await _too_large(limit)(scope, receive, send)
                return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if refused and not started:
                return  # the app's own answer to a body it never got whole
            started = True
            await send(message)

        await self.app(scope, counted, guarded)


async def _unauthenticated(scope: Scope) -> JSONResponse | None:
    """The 401 for a request whose bearer token names no active officer, or None."""
    header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
    scheme, _, token = header.partition(" ")
    service = scope.get("liudong.service") or scope["app"].state.service  # several counties: the caller's
    try:
        if scheme.lower() != "bearer" or not token.strip() or service is None:
            raise rules.BAD_TOKEN.refuse()
        if service.callers.known(token.strip()) is None:
            await run_in_threadpool(service.callers.caller, token.strip())
    except LedgerError as error:
        return JSONResponse(error_body(error.code, error.term, error.text, error.field), 401,
                            headers={"WWW-Authenticate": "Bearer"})
    return None


def _too_large(limit: int) -> JSONResponse:
    size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 2**10} KB"
    return JSONResponse(error_body("input.too_large", "请求大小", f"请求大小：请求内容超过 {size} 的上限，未办理", None), 413)
