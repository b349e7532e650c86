"""Who is calling: a bearer token (random 256 bits, kept as SHA-256) names an
active officer. No request body can name the actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.bootstrap import Service
from domain import rules
from domain.officer import Officer
from domain.organisation import Organisation
from domain.vocab import Role

__all__ = ["Caller", "CurrentOfficer", "ServiceDep", "get_service"]

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


def authenticate(service: ServiceDep,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise rules.BAD_TOKEN.refuse()
    officer = service.ledger.authenticate(credentials.credentials)
    org = service.ledger.load(Organisation, officer.org_id)
    return Caller(officer, org.unit_id if org else officer.org_id)  # type: ignore[arg-type]


CurrentOfficer = Annotated[Caller, Depends(authenticate)]
