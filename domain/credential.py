"""Credential: a bearer token of an officer, kept only as its SHA-256 hash.
The aggregate id is derived from that hash, so a token finds its officer.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.ids import credential_id

__all__ = ["Credential", "TokenIssued", "TokenRevoked", "new_token", "token_hash"]


def new_token() -> str:
    """A random 256-bit token, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenIssued(LedgerCreated):
    """签发令牌"""

    TOPIC = "liudong.credential.Issued"
    class_version = 1
    label = "签发令牌"
    officer_id: UUID
    token_hash: str


class TokenRevoked(LedgerEvent):
    """吊销令牌"""

    TOPIC = "liudong.credential.Revoked"
    class_version = 1
    label = "吊销令牌"
    reason: str


class Credential(LedgerAggregate):
    TOPIC = "liudong.credential"

    def __init__(self) -> None:
        self.officer_id: UUID | None = None
        self.revoked = False

    @classmethod
    def issue(cls, ctx: Ctx, officer_id: UUID, token: str) -> Credential:
        digest = token_hash(token)
        return cls._start(TokenIssued, ctx, credential_id(digest), officer_id=officer_id,
                          token_hash=digest)

    def revoke(self, ctx: Ctx, reason: str) -> None:
        if self.revoked:
            raise rules.TOKEN_REVOKED.refuse()
        self._record(TokenRevoked, ctx, reason=reason)

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _issued(self, e: TokenIssued) -> None:
        self.officer_id = e.officer_id

    @when.register
    def _revoked(self, e: TokenRevoked) -> None:
        self.revoked = True
