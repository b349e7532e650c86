"""Periods in a member's history: a time away (外出, until 返回) and a transfer
letter (介绍信) until its receipt (回执). Frozen values: copies of a member
share them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

__all__ = ["Absence", "Letter"]


@dataclass(frozen=True)
class Absence:
    """One time away: from departure (外出) until return (返回)."""

    departed_on: date
    reason: str
    province: str
    city: str
    address: str
    industry: str
    employer: str
    expected_months: int
    contact_phone: str
    reported_in_org: UUID | None = None
    reported_in_on: date | None = None
    inflow_contact: str = ""
    returned_on: date | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> Absence:
        return self  # frozen: copies of a member share it

    def covers(self, day: date) -> bool:
        return self.departed_on <= day and (self.returned_on is None or day <= self.returned_on)


@dataclass(frozen=True)
class Letter:
    """An organisation-relationship transfer letter (介绍信) and its receipt (回执)."""

    issued_on: date
    to_org_name: str
    validity_days: int
    received_on: date | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> Letter:
        return self  # frozen: copies of a member share it

    def open_on(self, day: date) -> bool:
        return self.received_on is None and day <= self.issued_on + timedelta(self.validity_days)
