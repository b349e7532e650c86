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
    """One time away: from departure (外出; a departure reported ahead starts on its
    planned day) until return (返回)."""

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
    home_since: date | None = None  # home for a while (临时返乡), still away, until going back
    planned: bool = False  # reported before the day of leaving (外出前报告): not away before `departed_on`
    expected_back_on: date | None = None  # the day the member expects to go back

    def __deepcopy__(self, memo: dict[int, Any]) -> Absence:
        return self  # frozen: copies of a member share it

    def covers(self, day: date) -> bool:
        return self.departed_on <= day and (self.returned_on is None or day <= self.returned_on)


@dataclass(frozen=True)
class Letter:
    """An organisation-relationship transfer letter (介绍信) and its receipt (回执):
    what its stub (存根) keeps. Valid through `valid_until`: the day of issue is
    not counted (民法典第二百零一条), so a letter of 90 days issued on 1 March is
    valid through 30 May."""

    issued_on: date
    to_org_name: str  # as printed; for a branch of the county, its name on the day of issue
    validity_days: int
    received_on: date | None = None
    number: str = ""  # "" for a letter issued before letters were numbered
    to_org_id: UUID | None = None  # the receiving branch, when it is in the county
    from_branch_id: UUID | None = None  # the member's branch on the day of issue
    dues_paid_through: str | None = None
    issued_by: str = ""  # the officer who issued it
    issued_for: UUID | None = None  # the organisation the officer acted for

    def __deepcopy__(self, memo: dict[int, Any]) -> Letter:
        return self  # frozen: copies of a member share it

    @property
    def valid_until(self) -> date:
        return self.issued_on + timedelta(self.validity_days)

    def open_on(self, day: date) -> bool:
        return self.received_on is None and day <= self.valid_until

    def overdue_on(self, day: date) -> bool:
        """Its validity has passed with no receipt (回执逾期)."""
        return self.received_on is None and day > self.valid_until
