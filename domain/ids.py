"""Aggregate ids derived from natural keys, so that the store itself refuses
a second county, a second member with one ID number, or a second use of one
certificate number (they collide on (originator_id, version=1)).

Member ids come from a keyed hash of the ID number: without the county's key
nobody can recover or test an ID number from an id.
"""

from __future__ import annotations

import hashlib
import hmac
from uuid import UUID, uuid5

__all__ = [
    "blank_stock_id", "certificate_id", "county_id", "credential_id", "member_id",
]

NAMESPACE = UUID("6b1f3c0e-5a7d-4f55-9d1e-3a1f2b8c9d40")
_COUNTY = uuid5(NAMESPACE, "county")  # asked for by nearly every command: made once


def county_id() -> UUID:
    return _COUNTY


def member_id(id_number: str, key: bytes) -> UUID:
    digest = hmac.new(key, id_number.encode("ascii"), hashlib.sha256).hexdigest()
    return uuid5(NAMESPACE, f"member:{digest}")


def certificate_id(number: str) -> UUID:
    return uuid5(NAMESPACE, f"certificate:{number}")


def blank_stock_id(year: int) -> UUID:
    return uuid5(NAMESPACE, f"blanks:{year}")


def credential_id(token_hash: str) -> UUID:
    return uuid5(NAMESPACE, f"credential:{token_hash}")
