"""Inflow members (流入党员) the tests share: from Chengdu's 锦江区, taken in by
organisations of the small county."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from domain.commands import (
    CollectInflowDues, RecordInflowActivity, RecordInflowContact, RecordInflowLeaving, RecordInflowLegacySummary,
    RegisterInflowMember, SendInflowOpinion,
)
from domain.ledger import Ledger
from tests.support.county import SmallCounty, id_number

__all__ = ["ARRIVED", "BIRTH", "inflow_command", "inflow_id_number", "inflow_life", "inflow_stories"]

BIRTH = date(1990, 5, 6)
ARRIVED = date(2025, 1, 10)


def inflow_id_number(seq: int) -> str:
    return id_number(BIRTH, seq, region="510104")


def inflow_command(org_id: UUID, seq: int = 1, **changes: Any) -> RegisterInflowMember:
    command = RegisterInflowMember(
        name=f"流入党员{seq}", gender="male" if seq % 2 else "female", birth_date=BIRTH,
        id_number=inflow_id_number(seq), phone=f"139{seq:08d}", standing="full", home_county="成都市锦江区",
        home_org="中共成都市锦江区某社区委员会", home_org_code="51010401", home_certificate_number="510104-2024-00012",
        workplace="长赤镇工业园", employer="南江某建材公司", org_id=org_id, effective_on=ARRIVED)
    return replace(command, **changes)


def inflow_stories(ledger: Ledger, county: SmallCounty) -> list[UUID]:
    """Five inflow members of the small county with every kind of record: contacts,
    activities, dues, opinions (with and without a grade), one who left, one taken
    in by the county committee and one by a township committee."""
    places = (county.b1, county.b1b, county.t2, county.committee, county.b2)
    ids: list[UUID] = []
    for seq, org in enumerate(places, start=1):
        command = inflow_command(org, seq, employer="" if seq == 3 else "南江某建材公司",
                                 home_org_code="" if seq == 2 else "51010401")
        ids.append(ledger.execute(county.admin, command).subject_id)  # type: ignore[arg-type]
    first, second, third = ids[:3]
    for day in (date(2025, 2, 3), date(2025, 4, 5)):
        ledger.execute(county.admin, RecordInflowContact(inflow_member_id=first, method="phone", outcome="reached",
                                                         effective_on=day))
    ledger.execute(county.admin, RecordInflowActivity(inflow_member_id=first, kind="quarterly", title="三服务",
                                                      effective_on=date(2025, 3, 30)))
    ledger.execute(county.admin, CollectInflowDues(inflow_member_id=first, months=("2025-03", "2025-04"),
                                                   amount_fen=3000, effective_on=date(2025, 4, 5)))
    ledger.execute(county.admin, SendInflowOpinion(inflow_member_id=first, year=2024, grade="excellent",
                                                   opinion="表现突出", effective_on=date(2025, 1, 20)))
    ledger.execute(county.admin, SendInflowOpinion(inflow_member_id=second, year=2024, opinion="按时参加组织生活",
                                                   effective_on=date(2025, 2, 1)))
    ledger.execute(county.admin, RecordInflowLeaving(inflow_member_id=third, reason="工程结束",
                                                     destination="陕西省西安市", effective_on=date(2025, 5, 2)))
    return ids


def inflow_life(ledger: Ledger, county: SmallCounty) -> None:
    """Every kind of inflow member event at least once (for the replay tests)."""
    first = inflow_stories(ledger, county)[0]
    ledger.execute(county.admin, RecordInflowLegacySummary(inflow_member_id=first, paid_through="2024-12",
                                                           opinion_year=2023, opinion_grade="qualified",
                                                           note="旧台账记载"))
