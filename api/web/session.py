"""Who is looking at a page: a server-side session (service/sessions.py)
whose random id the browser keeps in an HttpOnly, SameSite=Strict cookie
(Secure over HTTPS). Each use checks that the session has neither expired
nor ended and that its credential and officer are still active. Form posts
carry a CSRF token derived from the session id, checked on every post."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import Response

from api.auth import ServiceDep, service_reader
from domain.errors import LedgerError
from service.callers import Caller
from service.sessions import LIFETIME, Sessions

__all__ = ["COOKIE", "LoginRequired", "PageCaller", "check_csrf", "csrf_for", "page_caller", "sessions_of",
           "set_session_cookie"]

COOKIE = "liudong_session"


class LoginRequired(Exception):
    """No valid session: the page sends the browser to the login form."""


def sessions_of(request: Request) -> Sessions:
    return request.app.state.sessions  # type: ignore[no-any-return]  # set in the app's lifespan


def csrf_for(request: Request, session_id: str) -> str:
    key: bytes = request.app.state.csrf_key
    return hmac.new(key, hashlib.sha256(session_id.encode()).digest(), hashlib.sha256).hexdigest()


def set_session_cookie(answer: Response, request: Request, session_id: str) -> None:
    answer.set_cookie(COOKIE, session_id, httponly=True, samesite="strict", path="/ui",
                      secure=request.url.scheme == "https", max_age=LIFETIME)


def page_caller(request: Request, service: ServiceDep) -> Caller:
    """The officer of the request's session (a plain def: it reads the store, in a thread), or
    a prefecture's reader in the county it chose (api/counties.py found both)."""
    session_id = request.cookies.get(COOKIE)
    if not session_id:
        raise LoginRequired
    if (reader := service_reader(service, request)) is not None:
        return reader
    sessions = sessions_of(request)
    session = sessions.find(session_id)
    if session is None:
        raise LoginRequired
    try:
        caller = service.callers.by_credential(session.credential_id)
    except LedgerError:  # the token or the officer was revoked: the session ends with them
        sessions.end(session_id)
        raise LoginRequired from None
    request.scope["liudong.officer"] = caller.id  # for the request's log line (api/observe.py)
    return caller


PageCaller = Annotated[Caller, Depends(page_caller)]


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    session_id = request.cookies.get(COOKIE, "")
    if not session_id or not hmac.compare_digest(csrf.encode(), csrf_for(request, session_id).encode()):
        raise LoginRequired
