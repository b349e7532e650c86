"""Transfer letters (组织关系介绍信): what a letter's checks need beyond the
member, namely its receiver and its number.

LetterNumber holds a letter's number (介绍信编号), taken once in the county.
The aggregate id comes from the number, as a certificate's does, so the store
itself refuses a second use of one number, even by two officers at the same
moment. A number stays taken when its letter is voided: the stub (存根) of a
spoilt letter keeps its number. The letter itself is a member's event
(`TransferLetterIssued`); this only holds the number.

A number the officer does not give reads `{county code}-{YYYYMMDD}-{NNN}`,
the day of issue and the next serial of that day, e.g. 511922-20250315-001.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import singledispatchmethod
from uuid import UUID, uuid5

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.fields import check_text
from domain.ids import NAMESPACE
from domain.organisation import Organisation
from domain.vocab import OrgKind

__all__ = ["LetterNumber", "NumberTaken", "check_letter_number", "first_free_number", "letter_number_id",
           "receiver_name"]

LIMIT = 30


def letter_number_id(letter_number: str) -> UUID:
    return uuid5(NAMESPACE, f"letter:{letter_number}")


def check_letter_number(value: str | None, required: bool = True) -> str:
    """A number as given; "" only where a letter from before numbering is meant."""
    return check_text("letter_number", "介绍信编号", value, LIMIT, required)


def first_free_number(county_code: str, day: date, taken: Callable[[str], bool]) -> str:
    """The generated number of a letter issued on `day`: the serial after the day's last
    one. Serials are given in order, so the taken ones are found by doubling, then
    halving (a few look-ups for a day's hundred letters); the one returned is never taken."""
    def numbered(serial: int) -> str:
        return f"{county_code}-{day:%Y%m%d}-{serial:03d}"

    low, high = 0, 1  # `low` is 0 or taken; `high` is tried, and kept only when free
    while taken(numbered(high)):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if taken(numbered(middle)) else (low, middle)
    return numbered(high)


def receiver_name(to_org: Organisation | None, to_org_name: str | None, branch_id: UUID | None) -> str:
    """The receiver a letter names: an open branch of the county other than the member's
    own (its name), or an organisation outside the county named in full; never both."""
    if (to_org is None) == (not (to_org_name or "").strip()):
        raise rules.LETTER_RECEIVER.refuse(field="to_org_id")
    if to_org is None:
        return check_text("to_org_name", "接收组织", to_org_name, 60)
    if to_org.kind != OrgKind.BRANCH:
        raise rules.LETTER_RECEIVER_KIND.refuse(field="to_org_id", name=to_org.name, kind=to_org.kind.label)
    to_org.check_open()
    if to_org.id == branch_id:
        raise rules.LETTER_RECEIVER_OWN.refuse(field="to_org_id", name=to_org.name)
    return to_org.name


class NumberTaken(LedgerCreated):
    """介绍信编号登记: the number is used by this member's letter."""

    TOPIC = "liudong.letter.NumberTaken"
    class_version = 1
    label = "介绍信编号登记"
    letter_number: str
    member_id: UUID


class LetterNumber(LedgerAggregate):
    TOPIC = "liudong.letter"

    def __init__(self) -> None:
        self.letter_number = ""
        self.member_id: UUID | None = None

    @classmethod
    def take(cls, ctx: Ctx, letter_number: str, member_id: UUID) -> LetterNumber:
        return cls._start(NumberTaken, ctx, letter_number_id(letter_number), letter_number=letter_number,
                          member_id=member_id)

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _taken(self, e: NumberTaken) -> None:
        self.letter_number, self.member_id = e.letter_number, e.member_id
