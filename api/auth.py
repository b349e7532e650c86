"""Who is calling, over HTTP: the bearer token of the `Authorization` header,
resolved by the service's caller cache. No request body can name the actor."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from domain import rules
from service.callers import Caller, reader_caller
from service.process import Service

__all__ = ["ChooseCounty", "CurrentOfficer", "ServiceDep", "get_service"]

bearer = HTTPBearer(auto_error=False, description="令牌：liudong officer token 签发")


class ChooseCounty(Exception):
    """A reader of several counties opened a county's page before choosing one (pages: the picker)."""


async def get_service(request: Request) -> Service:  # async: no thread hop for a lookup
    """The county's service: the only one, or (several counties) the caller's (api/counties.py)."""
    found = request.scope.get("liudong.service") or request.app.state.service
    if found is None and request.scope.get("liudong.reader") is not None:
        raise ChooseCounty
    if found is None:  # several counties, and no credential naming one
        raise rules.BAD_TOKEN.refuse()
    return found  # type: ignore[no-any-return]


ServiceDep = Annotated[Service, Depends(get_service)]


async def authenticate(request: Request, service: ServiceDep,
                       credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise rules.BAD_TOKEN.refuse()
    caller = service_reader(service, request) or service.callers.known(credentials.credentials)
    if caller is None:  # known: the common case, answered on the event loop
        caller = await run_in_threadpool(service.callers.caller, credentials.credentials)
    request.scope["liudong.officer"] = caller.id  # the request's log line names who asked (api/observe.py)
    return caller


def service_reader(service: Service, request: Request) -> Caller | None:
    """A prefecture's reader, seen by the county as its auditors are (api/counties.py)."""
    reader = request.scope.get("liudong.reader")
    return reader_caller(service.ledger, reader) if reader is not None else None


CurrentOfficer = Annotated[Caller, Depends(authenticate)]
