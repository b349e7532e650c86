"""Who is calling: a bearer token (random 256 bits, kept as SHA-256) names an
active officer. No request body can name the actor."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.bootstrap import Service
from domain import rules
from domain.credential import token_hash
from domain.officer import Officer
from domain.organisation import Organisation
from domain.vocab import Role

__all__ = ["Caller", "CurrentOfficer", "ServiceDep", "Tokens", "get_service"]

bearer = HTTPBearer(auto_error=False, description="令牌：liudong officer token 签发")


def get_service(request: Request) -> Service:
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
    """Which officer a token belongs to, remembered for a few seconds (a revoked
    token stops working within `ttl`); the officer is read afresh every time."""

    def __init__(self, ttl: float = 2.0):
        self.ttl = ttl
        self._officers: dict[str, tuple[float, UUID]] = {}
        self._units: dict[UUID, UUID] = {}  # an organisation acts for the same unit for ever

    def caller(self, service: Service, token: str) -> Caller:
        key = token_hash(token)
        expires, officer_id = self._officers.get(key, (0.0, None))
        if officer_id is None or expires < time.monotonic():
            officer_id = service.ledger.authenticate(token).id
            self._officers[key] = (time.monotonic() + self.ttl, officer_id)
        officer = service.ledger.load(Officer, officer_id)
        if officer is None or not officer.active:
            self._officers.pop(key, None)
            raise rules.UNKNOWN_ACTOR.refuse()
        if officer.org_id not in self._units:
            self._units[officer.org_id] = service.ledger.load(Organisation, officer.org_id).unit_id
        return Caller(officer, self._units[officer.org_id])


def authenticate(request: Request, service: ServiceDep,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise rules.BAD_TOKEN.refuse()
    tokens: Tokens = request.app.state.tokens
    return tokens.caller(service, credentials.credentials)


CurrentOfficer = Annotated[Caller, Depends(authenticate)]
