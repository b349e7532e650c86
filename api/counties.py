"""Which county a request is for, when one process serves several (service/counties.py).

An officer's token belongs to one county (the deployment's token index says
which), and every request it makes runs against that county's ledger and
views: naming another county in `X-Liudong-County` is refused (403). A
prefecture's or province's reader names the county it reads in that header
(the pages keep the choice in a cookie); it may only read what the county's
auditors read of statistics, registers, certificates and the audit trail,
and never writes (403 before any body is read)."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from api.contract import WITHOUT_TOKEN
from api.errors import refusal_response
from domain import rules
from domain.errors import LedgerError
from service.callers import credential_of
from service.counties import Counties
from service.deployment import Reader
from service.process import Service

__all__ = ["COUNTY_COOKIE", "COUNTY_HEADER", "CountyRouting", "cookie", "reader_may"]

COUNTY_HEADER = b"x-liudong-county"
COUNTY_COOKIE = "liudong_county"
READS = ("/counties", "/transfers", "/statistics", "/register", "/certificates", "/audit")  # and a member's history
ACROSS = ("/counties", "/transfers", "/ui/counties", "/ui/county")  # a reader's questions about all its counties
# The pages a reader may open: reading ones (the county's forms would only be refused).
READER_PAGES = ("/ui/login", "/ui/logout", "/ui/static", "/ui/counties", "/ui/county", "/ui/register",
                "/ui/members/", "/ui/certificates", "/ui/dashboard")
PAGE_POSTS = ("/ui/login", "/ui/logout", "/ui/county")


def reader_may(method: str, path: str) -> bool:
    """What a reader may ask: reading pages, and the API's reads of its counties (no exports)."""
    if path.startswith("/ui"):
        return path in PAGE_POSTS or (method in ("GET", "HEAD") and path.startswith(READER_PAGES))
    if method not in ("GET", "HEAD"):
        return False
    if path.startswith("/members/") and path.endswith("/history"):
        return True
    return any(path == p or path.startswith(p + "/") for p in READS)


class CountyRouting:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        counties: Counties | None = getattr(scope["app"].state, "counties", None) if scope["type"] == "http" \
            else None
        if counties is None or scope["path"] in WITHOUT_TOKEN:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        asked = headers.get(COUNTY_HEADER, b"").decode("latin-1").strip() or cookie(headers, COUNTY_COOKIE)
        scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        try:
            if scheme.lower() == "bearer" and token.strip():
                credential = credential_of(token.strip())
                service = counties.known(credential) if not asked else None  # the common case: no thread hop
                found = (service, None) if service else await run_in_threadpool(
                    _resolve, counties, credential, asked, scope["method"], scope["path"])
            elif scope["path"].startswith("/ui") and (session := cookie(headers, "liudong_session")):
                found = await run_in_threadpool(_from_session, counties, session, asked, scope)
            else:
                found = (None, None)
        except LedgerError as error:
            await refusal_response(error)(scope, receive, send)
            return
        scope["liudong.service"], scope["liudong.reader"] = found
        await self.app(scope, receive, send)


def _from_session(counties: Counties, session_id: str, asked: str, scope: Scope) -> tuple[Any, Any]:
    session = counties.sessions.find(session_id)
    if session is None:
        return None, None
    return _resolve(counties, session.credential_id, asked, scope["method"], scope["path"])


def _resolve(counties: Counties, credential: Any, asked: str, method: str,
             path: str) -> tuple[Service | None, Reader | None]:
    """The county's service (and the reader, if a reader asks); (None, None) for an unknown credential,
    left to the route to refuse as it refuses any bad token."""
    if (service := counties.for_credential(credential)) is not None:
        own = counties.code_of(credential)
        if asked and asked != own:
            raise rules.COUNTY_OTHER.refuse(field="X-Liudong-County", own=counties.names.get(own, own),
                                            county=asked)
        return service, None
    reader = counties.deployment.reader_of(credential)
    if reader is None:
        return None, None
    if not reader_may(method, path):
        raise rules.READER.refuse(name=reader.name)
    codes = "、".join(reader.counties)
    if not asked:
        if len(reader.counties) == 1 or path.startswith(ACROSS):
            return counties.service(reader.counties[0]), reader  # the routes across counties read each one
        if path.startswith("/ui"):
            return None, reader  # pages without a county yet show the picker
        raise rules.COUNTY_REQUIRED.refuse(field="X-Liudong-County", codes=codes)
    if asked not in reader.counties:
        raise rules.COUNTY_OUTSIDE.refuse(field="X-Liudong-County", county=asked, name=reader.name, codes=codes)
    return counties.service(asked), reader


def cookie(headers: dict[bytes, bytes], name: str) -> str:
    for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value.strip()
    return ""
