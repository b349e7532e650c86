"""Who is calling: a bearer token (random 256 bits, kept as SHA-256) names an
active officer. No request body can name the actor."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from api.bootstrap import Service
from domain import rules
from domain.credential import token_hash
from domain.officer import Officer
from domain.organisation import Organisation
from domain.vocab import Role

__all__ = ["Caller", "CurrentOfficer", "ServiceDep", "Tokens", "get_service"]

bearer = HTTPBearer(auto_error=False, description="令牌：liudong officer token 签发")


async def get_service(request: Request) -> Service:  # async: no thread hop for a lookup
    return request.app.state.service  # type: ignore[no-any-return]


ServiceDep = Annotated[Service, Depends(get_service)]


@dataclass(frozen=True)
class Caller:
    officer: Officer
    unit_id: UUID  # the organisation the officer acts for (a station acts for its township)

    @property
    def id(self) -> UUID:
        return self.officer.id

    @property
    def role(self) -> Role:
        assert self.officer.role is not None
        return self.officer.role

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.COUNTY_ADMIN, Role.AUDITOR)


class Tokens:
    """Who a token belongs to, remembered for a few seconds: a revoked token or
    officer is refused within `ttl` (at once when revoked through this
    process). Commands check the actor afresh in the domain either way."""

    def __init__(self, ttl: float = 2.0):
        self.ttl = ttl
        self._callers: dict[str, tuple[float, Caller]] = {}
        self._units: dict[UUID, UUID] = {}  # an organisation acts for the same unit for ever

    def known(self, token: str) -> Caller | None:
        expires, known = self._callers.get(token_hash(token), (0.0, None))
        return known if expires >= time.monotonic() else None

    def caller(self, service: Service, token: str) -> Caller:
        if (known := self.known(token)) is not None:
            return known
        officer = service.ledger.authenticate(token)
        if officer.org_id not in self._units:
            self._units[officer.org_id] = service.ledger.load(Organisation, officer.org_id).unit_id
        known = Caller(officer, self._units[officer.org_id])
        self._callers[token_hash(token)] = (time.monotonic() + self.ttl, known)
        return known

    def forget(self) -> None:
        self._callers.clear()


async def authenticate(request: Request, service: ServiceDep,
                       credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise rules.BAD_TOKEN.refuse()
    tokens: Tokens = request.app.state.tokens
    if (known := tokens.known(credentials.credentials)) is not None:
        return known  # the common case, answered on the event loop
    return await run_in_threadpool(tokens.caller, service, credentials.credentials)


CurrentOfficer = Annotated[Caller, Depends(authenticate)]
