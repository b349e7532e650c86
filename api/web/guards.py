"""What keeps other sites out of the staff pages: every post under /ui must
come from the service's own pages (`same_origin`), and `SecurityHeaders`
marks every response not to be content-sniffed and every page not to be
framed nor to load anything from elsewhere (docs/pages.md)."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["PAGE_HEADERS", "ForeignOrigin", "SecurityHeaders", "same_origin"]

SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
POLICY = ("default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
          "object-src 'none'")
NOSNIFF = [(b"x-content-type-options", b"nosniff")]
PAGE_HEADERS = [(b"content-security-policy", POLICY.encode()), (b"x-frame-options", b"DENY"), *NOSNIFF]


class ForeignOrigin(Exception):
    """A post under /ui sent from another site's page: refused with 403."""


def same_origin(request: Request) -> None:
    """Refuses a post whose Origin (or, without one, Referer) names another host
    than the one the request was sent to. The scheme is not compared: a TLS
    proxy in front may reach the service over plain HTTP, passing Host on. A
    post with neither header did not come from a browser on another site:
    browsers send Origin with every cross-site POST."""
    if request.method in SAFE:
        return
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if claimed is None:
        return
    try:
        host = urlsplit(claimed).netloc.lower()
    except ValueError:
        host = ""
    if not host or host != request.headers.get("host", "").lower():
        raise ForeignOrigin


class SecurityHeaders:
    """Pure ASGI middleware: adds the headers to the response's start, nothing else."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        extra = PAGE_HEADERS if path == "/ui" or path.startswith("/ui/") else NOSNIFF

        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, marked)
