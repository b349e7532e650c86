"""Members the rule tests and view tests share: registered, gone away."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.commands import RecordDeparture
from domain.ledger import Ledger
from domain.member import Member
from tests.support.county import SmallCounty, member_command

__all__ = ["away", "departure", "enrol", "member"]


def enrol(ledger: Ledger, county: SmallCounty, seq: int = 1, **kwargs: object) -> UUID:
    """Registers member `seq` of branch b1 (长赤镇红旗村), as 长赤镇's officer."""
    command = member_command(county.b1, seq, **kwargs)  # type: ignore[arg-type]
    member_id = ledger.execute(county.t1_officer, command).subject_id
    assert member_id is not None
    return member_id


def departure(member_id: UUID, on: date = date(2024, 3, 1), months: int = 10) -> RecordDeparture:
    return RecordDeparture(member_id=member_id, reason="外出务工", province="四川省", city="成都市",
                           industry="construction", expected_months=months,
                           contact_phone="13900001111", employer="成都某建筑公司", effective_on=on)


def away(ledger: Ledger, county: SmallCounty, seq: int = 1, **kwargs: object) -> UUID:
    """A registered member who left for Chengdu on 2024-03-01."""
    member_id = enrol(ledger, county, seq, **kwargs)
    ledger.execute(county.b1_officer, departure(member_id))
    return member_id


def member(ledger: Ledger, member_id: UUID) -> Member:
    loaded = ledger.load(Member, member_id)
    assert loaded is not None
    return loaded
