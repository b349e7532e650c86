"""Who is looking at a page: the officer's token, pasted once into the login
form, kept in an HttpOnly, SameSite=Strict cookie (Secure over HTTPS). Form
posts carry a CSRF token derived from the session, checked on every post."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, Form, Request
from starlette.concurrency import run_in_threadpool

from api.auth import ServiceDep
from domain.credential import token_hash
from domain.errors import LedgerError
from service.callers import Caller

__all__ = ["COOKIE", "LoginRequired", "PageCaller", "csrf_for", "check_csrf", "page_caller"]

COOKIE = "liudong_session"


class LoginRequired(Exception):
    """No valid session: the page sends the browser to the login form."""


def csrf_for(request: Request, token: str) -> str:
    key: bytes = request.app.state.csrf_key
    return hmac.new(key, token_hash(token).encode(), hashlib.sha256).hexdigest()


async def page_caller(request: Request, service: ServiceDep) -> Caller:
    token = request.cookies.get(COOKIE)
    if not token:
        raise LoginRequired
    if (known := service.callers.known(token)) is not None:
        return known
    try:
        return await run_in_threadpool(service.callers.caller, token)
    except LedgerError:
        raise LoginRequired from None


PageCaller = Annotated[Caller, Depends(page_caller)]


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    token = request.cookies.get(COOKIE, "")
    if not token or not hmac.compare_digest(csrf, csrf_for(request, token)):
        raise LoginRequired
