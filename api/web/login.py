"""Logging in and out of the staff pages: a token pasted into the form opens a
server-side session, unless the client, the token or its officer has failed
too often lately (429 with Retry-After, service/throttle.py); logging out
ends the session on the server. Posts from other sites never get here
(`guards.same_origin` on the router)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.counties import COUNTY_COOKIE
from api.threads import ReadRoute
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import COOKIE, check_csrf, sessions_of, set_session_cookie
from domain import rules
from domain.credential import token_hash
from domain.errors import LedgerError
from service.callers import credential_of
from service.counties import Counties
from service.throttle import Attempt, Throttle

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return page(request, "login.html", None)


@router.post("/login")
def login(request: Request, token: Annotated[str, Form()] = "") -> Response:
    token = token.strip()
    throttle: Throttle = request.app.state.throttle
    attempt = Attempt(request.client.host if request.client else "unknown", token_hash(token))
    if wait := throttle.wait(attempt):
        return _too_many(request, wait)
    counties: Counties | None = request.app.state.counties
    service = request.app.state.service or (counties.for_credential(credential_of(token)) if counties else None)
    if service is None and counties is not None and (reader := counties.deployment.reader_of(credential_of(token))):
        answer = RedirectResponse("/ui/counties", status_code=303)  # a prefecture's reader: its counties first
        set_session_cookie(answer, request, sessions_of(request).open(reader.id, credential_of(token)))
        return answer
    try:
        if service is None:
            raise rules.BAD_TOKEN.refuse()
        caller = service.callers.caller(token)
    except LedgerError as error:
        throttle.failed(replace(attempt, officer_id=service.callers.officer_named(token) if service else None))
        return page(request, "login.html", None, error=error.text)
    if wait := throttle.wait(replace(attempt, officer_id=caller.id)):  # the officer's tokens failed too often
        return _too_many(request, wait)
    answer = RedirectResponse("/ui/register", status_code=303)
    set_session_cookie(answer, request, sessions_of(request).open(caller.id, credential_of(token)))
    return answer


def _too_many(request: Request, wait: int) -> HTMLResponse:
    answer = page(request, "login.html", None, error=f"登录失败次数过多，请 {wait} 秒后再试。")
    answer.status_code = 429
    answer.headers["Retry-After"] = str(wait)
    return answer


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request) -> Response:
    sessions_of(request).end(request.cookies[COOKIE])  # check_csrf has made sure there is one
    answer = RedirectResponse("/ui/login", status_code=303)
    answer.delete_cookie(COOKIE, path="/ui")
    answer.delete_cookie(COUNTY_COOKIE, path="/ui")
    return answer
