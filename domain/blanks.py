"""BlankStock: the county's blank certificate forms of one year, numbered by
the county organisation department and allocated in ranges to 基层党委 (township
committees, department committees, and the county committee for the branches
directly under it).

Numbers read `{county code}-{year}-{serial:05d}`, e.g. 511922-2025-00001.
"""

from __future__ import annotations

import re
from functools import singledispatchmethod
from typing import NamedTuple
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.ids import blank_stock_id
from domain.organisation import BASIC_COMMITTEES, Organisation

__all__ = ["BlankStock", "BlanksAllocated", "CertificateNumber", "parse_number"]

_NUMBER = re.compile(r"^(\d{6})-(\d{4})-(\d{5})$")


class CertificateNumber(NamedTuple):
    county_code: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.county_code}-{self.year:04d}-{self.serial:05d}"


def parse_number(value: str, field: str = "number") -> CertificateNumber:
    match = _NUMBER.match((value or "").strip())
    if not match or int(match[3]) == 0:
        raise rules.CERT_NUMBER.refuse(field=field, value=value)
    return CertificateNumber(match[1], int(match[2]), int(match[3]))


class StockOpened(LedgerCreated):
    """空白证登记: the year's stock, opened by its first allocation."""

    TOPIC = "liudong.blanks.Opened"
    class_version = 1
    label = "空白证登记"
    year: int


class BlanksAllocated(LedgerEvent):
    """空白证分配"""

    TOPIC = "liudong.blanks.Allocated"
    class_version = 1
    label = "空白证分配"
    org_id: UUID
    first: int
    last: int


class BlankStock(LedgerAggregate):
    TOPIC = "liudong.blanks"

    def __init__(self) -> None:
        self.year = 0
        self.ranges: list[tuple[int, int, UUID]] = []

    @classmethod
    def open(cls, ctx: Ctx, year: int) -> BlankStock:
        return cls._start(StockOpened, ctx, blank_stock_id(year), year=year)

    def allocate(self, ctx: Ctx, org: Organisation, first: int, last: int) -> None:
        if org.kind not in BASIC_COMMITTEES:  # a township, a department committee, or the county committee
            raise rules.BLANK_TARGET.refuse(field="org_id")
        org.check_open()
        if not (1 <= first <= last <= 99999):
            raise rules.BLANK_RANGE.refuse(field="first")
        if any(first <= hi and lo <= last for lo, hi, _ in self.ranges):
            raise rules.BLANK_OVERLAP.refuse(field="first", year=self.year, first=first, last=last)
        self._record(BlanksAllocated, ctx, org_id=org.id, first=first, last=last)

    def holder(self, serial: int) -> UUID | None:
        """The 基层党委 a blank was allocated to, if any."""
        return next((org for lo, hi, org in self.ranges if lo <= serial <= hi), None)

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _opened(self, e: StockOpened) -> None:
        self.year = e.year

    @when.register
    def _allocated(self, e: BlanksAllocated) -> None:
        self.ranges = [*self.ranges, (e.first, e.last, e.org_id)]
