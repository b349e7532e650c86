"""A member's departure reported ahead (外出前报告), cancelled and reported
again, and a short return home (临时返乡) and back: every kind of their
events, for the county's life (`tests.support.life`)."""

from __future__ import annotations

from datetime import date

from domain.commands import (
    RecordOrgActivity,
    CancelPlannedDeparture, PlanDeparture, RecordGoingBack, RecordReturn, RecordTemporaryReturn,
)
from domain.ledger import Ledger
from tests.support.county import SmallCounty, member_command

__all__ = ["trip_life"]


def trip_life(ledger: Ledger, c: SmallCounty) -> None:
    run = ledger.execute
    m = run(c.t2_officer, member_command(c.b2, 41)).subject_id
    assert m is not None

    def plan(reported: date, planned: date) -> PlanDeparture:
        return PlanDeparture(member_id=m, reason="外出务工", province="陕西省", city="西安市", industry="construction",
                             expected_months=10, contact_phone="13900004141", planned_on=planned,
                             effective_on=reported)

    run(c.t2_officer, plan(date(2024, 6, 1), date(2024, 6, 20)))
    run(c.t2_officer, CancelPlannedDeparture(member_id=m, reason="家中有事", effective_on=date(2024, 6, 10)))
    run(c.t2_officer, plan(date(2024, 7, 1), date(2024, 7, 15)))
    run(c.t2_officer, RecordTemporaryReturn(member_id=m, expected_back_on=date(2025, 2, 20), reason="春节回家",
                                            effective_on=date(2025, 1, 20)))
    run(c.t2_officer, RecordGoingBack(member_id=m, effective_on=date(2025, 2, 18)))
    run(c.t2_officer, RecordReturn(member_id=m, effective_on=date(2025, 3, 10)))  # home: no flag in others' pages
    # An activity of the branch the member attends at home (活动记录); in NOW's quarter, so that no
    # complete quarter after the county's first activity lacks one (no no_quarterly_activity flag).
    run(c.t2_officer, RecordOrgActivity(org_id=c.b2, kind="quarterly_theme", topic="三服务主题活动", place="村活动室",
                                        organiser="李书记", member_ids=(m,), effective_on=date(2025, 5, 20)))
