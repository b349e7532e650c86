"""Care requests (帮扶申请) and hotline calls (服务热线) in the replay fixture: every
kind of their events happens once (`live_a_life`)."""

from __future__ import annotations

from datetime import date

from domain.commands import CloseCareRequest, LogHotlineCall, RecordCareService, RequestCare
from domain.ledger import Ledger
from tests.support.county import SmallCounty, fixed, member_command

__all__ = ["care_life"]


def care_life(ledger: Ledger, c: SmallCounty) -> None:
    """长赤镇's station takes a member's request, serves it and closes it; the service
    centre logs a call from an unknown caller."""
    run = ledger.execute
    member = run(c.t1_officer, member_command(c.b1, 51)).subject_id
    care = run(c.s1_officer, RequestCare(care_request_id=fixed("帮扶申请"), kind="legal", org_id=c.s1, member_id=member,
                                         summary="务工被拖欠工资", effective_on=date(2025, 2, 3))).subject_id
    assert care is not None
    run(c.s1_officer, RecordCareService(care_request_id=care, content="联系县法律援助中心", effective_on=date(2025, 2, 5)))
    run(c.s1_officer, CloseCareRequest(care_request_id=care, outcome="resolved", effective_on=date(2025, 3, 1)))
    run(c.admin, LogHotlineCall(call_id=fixed("热线来电"), org_id=c.centre, kind="policy", topic="咨询外出期间如何交纳党费",
                                outcome="当场解答", effective_on=date(2025, 3, 2)))
