"""Every refusal the ledger can give, as one small exception tree.

    LedgerError            names its rule: code, Chinese term, message, field
    ├── InvalidInput       a field's value breaks a format rule        (HTTP 422)
    ├── RuleBroken         a domain rule refuses the command           (HTTP 422)
    ├── NotAuthenticated   no known, active actor                      (HTTP 401)
    ├── NotPermitted       the actor's role or jurisdiction forbids it (HTTP 403)
    ├── NotFound           unknown member, certificate, organisation   (HTTP 404)
    ├── Conflict           stale expected version or concurrent write  (HTTP 409)
    └── Throttled          too many failed attempts lately             (HTTP 429)

The HTTP codes are applied in `api/`; the domain only raises.
"""

from __future__ import annotations

__all__ = [
    "Conflict", "InvalidInput", "LedgerError", "NotAuthenticated", "NotFound",
    "NotPermitted", "RuleBroken", "Throttled",
]


class LedgerError(Exception):
    """A refused command or query. Nothing was stored."""

    def __init__(self, code: str, term: str, message: str, field: str | None = None):
        super().__init__(f"{term}：{message}")
        self.code = code
        self.term = term
        self.message = message
        self.field = field

    @property
    def text(self) -> str:
        """The sentence shown to people, with the rule's Chinese term."""
        return f"{self.term}：{self.message}"


class InvalidInput(LedgerError):
    """A field's value breaks a format rule (ID number, phone, month...)."""


class RuleBroken(LedgerError):
    """A rule of the domain refuses the command in the member's current state."""


class NotAuthenticated(LedgerError):
    """The actor is unknown, revoked, or its token is not valid."""


class NotPermitted(LedgerError):
    """The actor's role or jurisdiction does not cover the command."""


class NotFound(LedgerError):
    """The member, certificate, organisation, officer or event does not exist."""


class Conflict(LedgerError):
    """The aggregate changed since it was read, or the same thing was recorded twice."""


class Unavailable(LedgerError):
    """The views (of a read replica, or the primary's) have not reached the position asked for
    within the bound: ask again after `retry_after` seconds. A command answered so was stored."""

    retry_after: int = 1
    position: int | None = None


class Throttled(LedgerError):
    """Too many failed attempts lately: refused until `retry_after` seconds have passed."""

    retry_after: int = 60
