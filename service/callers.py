"""Who is calling: a bearer token (random 256 bits, kept as SHA-256), or a
page session that remembers the token's credential id, names an active
officer. Callers are remembered for a few seconds, so that a page of reads
does not load the officer's aggregates again for every request."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.county import County
from domain.credential import Credential, token_hash
from domain.ids import county_id, credential_id
from domain.ledger import Ledger
from domain.officer import Officer
from domain.organisation import Organisation
from domain.vocab import Role

__all__ = ["Caller", "CallerCache", "ReaderOfficer", "credential_of", "reader_caller"]


@dataclass(frozen=True)
class Caller:
    officer: Officer
    unit_id: UUID  # the organisation the officer acts for (a station acts for its township)

    @property
    def id(self) -> UUID:
        return self.officer.id

    @property
    def role(self) -> Role:
        if self.officer.role is None:
            raise RuntimeError("an appointed officer always has a role")
        return self.officer.role

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.COUNTY_ADMIN, Role.AUDITOR)


class CallerCache:
    """Who a credential belongs to, remembered for `ttl` seconds: a revoked
    token or officer is refused within `ttl` (at once when revoked through
    this process, which calls `forget`). Commands check the actor afresh in
    the domain either way."""

    def __init__(self, ledger: Ledger, ttl: float = 2.0):
        self.ledger = ledger
        self.ttl = ttl
        self._callers: dict[UUID, tuple[float, Caller]] = {}  # by credential id
        self._units: dict[UUID, UUID] = {}  # an organisation acts for the same unit for ever

    def known(self, token: str) -> Caller | None:
        """The caller, if remembered: never touches the store (safe on the event loop)."""
        expires, known = self._callers.get(credential_of(token), (0.0, None))
        return known if expires >= time.monotonic() else None

    def caller(self, token: str) -> Caller:
        """The caller a token names, from the store when not remembered; refuses a bad token."""
        return self.by_credential(credential_of(token))

    def by_credential(self, credential: UUID) -> Caller:
        """The caller whose credential this is, while it and its officer are active
        (a page session keeps the credential id, never the token)."""
        expires, known = self._callers.get(credential, (0.0, None))
        if known is not None and expires >= time.monotonic():
            return known
        officer = self.ledger.officer_of(credential)
        if officer.org_id not in self._units:
            self._units[officer.org_id] = self.ledger.load(Organisation, officer.org_id).unit_id
        known = Caller(officer, self._units[officer.org_id])
        self._callers[credential] = (time.monotonic() + self.ttl, known)
        return known

    def officer_named(self, token: str) -> UUID | None:
        """The officer a token was issued to, revoked or not (None for a token never issued)."""
        found = self.ledger.load(Credential, credential_of(token))
        return found.officer_id if found is not None else None

    def forget(self) -> None:
        self._callers.clear()


@dataclass(frozen=True)
class ReaderOfficer:
    """A prefecture's or province's reader (service/deployment.py), in a county it may read: it
    stands where the county's auditors stand (everything, masked), and no command accepts it
    (api/counties.py refuses every write before a route runs)."""

    id: UUID
    name: str
    org_id: UUID  # the county committee
    role: Role = Role.AUDITOR
    active: bool = True


def reader_caller(ledger: Ledger, reader: Any) -> Caller:
    county = ledger.load(County, county_id())
    committee = county.committee_id if county is not None else None
    if committee is None:
        raise RuntimeError("a county without its committee is not served")
    return Caller(ReaderOfficer(reader.id, reader.name, committee), committee)  # type: ignore[arg-type]


def credential_of(token: str) -> UUID:
    """The id of the credential a token would be (whether or not it was issued)."""
    return credential_id(token_hash(token))
