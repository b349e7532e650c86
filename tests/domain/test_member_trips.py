"""Planned departures (外出前报告) and short returns home (临时返乡): what is
recorded, and every refusal (rule tests, on the in-memory store). Today is
2025-06-01 (tests.support.stores.NOW)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest

from domain import rules
from domain.commands import (
    CancelPlannedDeparture, CorrectEvent, DecideProbation, PlanDeparture, RecordContact, RecordGoingBack,
    RecordReportIn, RecordReturn, RecordTemporaryReturn,
)
from domain.ledger import Ledger
from domain.vocab import MemberStatus
from tests.support.certificates import held, holder
from tests.support.county import SmallCounty
from tests.support.helpers import assert_refused, head
from tests.support.members import away, departure, enrol, member

TODAY = date(2025, 6, 1)
PLANNED = date(2025, 6, 20)


def planned(member_id: UUID, on: date = PLANNED, reported: date = TODAY) -> PlanDeparture:
    return PlanDeparture(**vars(departure(member_id, reported)), planned_on=on)


def home(member_id: UUID, on: date = date(2025, 1, 20), back: date = date(2025, 2, 20)) -> RecordTemporaryReturn:
    return RecordTemporaryReturn(member_id=member_id, expected_back_on=back, reason="春节回家", effective_on=on)


def plans(ledger: Ledger, county: SmallCounty) -> UUID:
    """A member at home who reported today that they leave for Chengdu on 2025-06-20."""
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, planned(member_id))
    return member_id


# Planned departures.

def test_a_departure_reported_ahead_is_away_from_its_planned_day(ledger: Ledger, county: SmallCounty) -> None:
    planner = member(ledger, plans(ledger, county))
    assert planner.facts[-1].effective_on == TODAY and planner.absences[-1].departed_on == PLANNED
    assert planner.status_on(date(2025, 6, 19)) == MemberStatus.PLANNED
    assert planner.absence_on(date(2025, 6, 19)) is None
    assert planner.status_on(PLANNED) == MemberStatus.AWAY and planner.absence_on(PLANNED) is not None


@pytest.mark.parametrize(("on", "rule", "text"), [
    (TODAY, rules.PLANNED_AFTER, "外出前报告：计划外出日期应晚于报告日期（2025-06-01）；已经外出的，请直接登记外出"),
    (date(2025, 8, 31), rules.PLANNED_TOO_FAR, "外出前报告：计划外出日期距报告日期不能超过90天"),
])
def test_the_planned_day_is_after_the_report_and_within_the_policys_days(
        ledger: Ledger, county: SmallCounty, on: date, rule: rules.Rule, text: str) -> None:
    member_id = enrol(ledger, county)
    assert_refused(ledger, county.b1_officer, planned(member_id, on), rule, text=text, field="planned_on")
    ledger.execute(county.b1_officer, planned(member_id, date(2025, 8, 30)))  # 90 days: allowed


def test_the_report_itself_is_never_dated_in_the_future(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    assert_refused(ledger, county.b1_officer, planned(member_id, date(2025, 6, 20), date(2025, 6, 2)),
                   rules.FUTURE_DATE, field="effective_on")


def test_nothing_of_a_time_away_is_recorded_before_its_planned_day(ledger: Ledger, county: SmallCounty) -> None:
    member_id = plans(ledger, county)
    assert_refused(ledger, county.b1_officer, departure(member_id, TODAY), rules.DEPARTURE_PLANNED,
                   text="外出前报告：该党员已报告计划于2025-06-20外出；计划有变的，请先取消计划外出")
    assert_refused(ledger, county.b1_officer, RecordReportIn(org_id=county.mb, member_id=member_id),
                   rules.NOT_YET_DEPARTED, text="外出前报告：该党员计划于2025-06-20外出，尚未外出，不能登记报到")
    assert_refused(ledger, county.b1_officer, RecordReturn(member_id=member_id), rules.NOT_YET_DEPARTED)
    assert_refused(ledger, county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="reached"),
                   rules.NOT_AWAY_ON)
    assert_refused(ledger, county.b1_officer, home(member_id, TODAY, date(2025, 7, 1)), rules.NOT_YET_DEPARTED)


def test_a_planned_departure_can_be_cancelled_before_its_day_and_planned_again(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = plans(ledger, county)
    ledger.execute(county.b1_officer, CancelPlannedDeparture(member_id=member_id, reason="家中有事，暂不外出"))
    cancelled = member(ledger, member_id)
    assert cancelled.status == MemberStatus.AT_HOME and cancelled.absences == ()
    assert_refused(ledger, county.b1_officer, CancelPlannedDeparture(member_id=member_id),
                   rules.NO_PLANNED_DEPARTURE, text="取消计划外出：该党员没有尚未开始的计划外出（已经外出的，请登记返回）")
    ledger.execute(county.b1_officer, planned(member_id, date(2025, 7, 1)))
    assert member(ledger, member_id).status_on(TODAY) == MemberStatus.PLANNED


def test_a_departure_under_way_is_not_cancelled(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, CancelPlannedDeparture(member_id=member_id),
                   rules.NO_PLANNED_DEPARTURE)


def test_a_correction_keeps_the_planned_day_after_the_report(ledger: Ledger, county: SmallCounty) -> None:
    plans(ledger, county)
    position = head(ledger)
    ledger.execute(county.b1_officer, CorrectEvent(position=position, changes={"planned_on": "2025-06-25"},
                                                   reason="推迟一周"))
    assert_refused(ledger, county.b1_officer, CorrectEvent(position=position, changes={"planned_on": "2025-05-25"},
                                                           reason="记错"), rules.INCONSISTENT)


# Short returns home.

def test_a_member_home_for_a_while_is_still_away_and_keeps_the_certificate(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id, number = holder(ledger, county)
    ledger.execute(county.b1_officer, RecordReportIn(org_id=county.mb, member_id=member_id,
                                                     effective_on=date(2024, 4, 1)))
    ledger.execute(county.mb_officer, home(member_id))  # the inflow organisation may record it
    at_home = member(ledger, member_id)
    assert at_home.status == MemberStatus.TEMPORARY_RETURN and held(ledger, member_id) == (number,)
    assert at_home.absence_on(date(2025, 2, 1)) is at_home.absence  # still away
    ledger.execute(county.b1_officer, RecordGoingBack(member_id=member_id, effective_on=date(2025, 2, 18)))
    assert member(ledger, member_id).status == MemberStatus.REPORTED_IN


def test_a_full_return_from_home_hands_the_certificate_back(ledger: Ledger, county: SmallCounty) -> None:
    member_id, number = holder(ledger, county)
    ledger.execute(county.b1_officer, home(member_id))
    assert_refused(ledger, county.b1_officer, RecordReturn(member_id=member_id, effective_on=date(2025, 2, 1)),
                   rules.CERT_NOT_RETURNED)
    ledger.execute(county.b1_officer, RecordReturn(member_id=member_id, hand_back_certificate=number,
                                                   effective_on=date(2025, 2, 1)))
    assert member(ledger, member_id).status == MemberStatus.RETURNED and held(ledger, member_id) == ()


def test_short_return_refusals(ledger: Ledger, county: SmallCounty) -> None:
    at_home = enrol(ledger, county, 2)
    assert_refused(ledger, county.b1_officer, home(at_home), rules.NOT_AWAY_ON)
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, home(member_id, back=date(2025, 1, 20)), rules.BACK_AFTER,
                   text="临时返乡：预计返回外出地日期应晚于返乡日期（2025-01-20）", field="expected_back_on")
    assert_refused(ledger, county.b1_officer, home(member_id, back=date(2025, 7, 20)), rules.BACK_TOO_FAR,
                   text="临时返乡：预计返回外出地日期距返乡日期不能超过180天", field="expected_back_on")
    assert_refused(ledger, county.b1_officer, RecordGoingBack(member_id=member_id), rules.NOT_HOME,
                   text="返回外出地：该党员未临时返乡，不能登记返回外出地")
    ledger.execute(county.b1_officer, home(member_id))
    assert_refused(ledger, county.b1_officer, home(member_id, date(2025, 1, 25)), rules.ALREADY_HOME,
                   text="临时返乡：该党员已于2025-01-20临时返乡，尚未返回外出地")
    assert_refused(ledger, county.b1_officer, RecordReportIn(org_id=county.mb, member_id=member_id),
                   rules.REPORT_IN_WHILE_HOME, text="报到：该党员自2025-01-20起临时返乡，返回外出地后方可报到")
    assert_refused(ledger, county.b1_officer, RecordGoingBack(member_id=member_id, effective_on=date(2025, 1, 10)),
                   rules.LIFECYCLE_ORDER)


def test_an_inflow_officer_records_short_returns_only_for_members_reported_in_to_it(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.mb_officer, home(member_id), rules.INFLOW_SCOPE)


def test_a_probationer_home_for_a_while_may_be_decided_on_by_the_branch(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county, standing="probationary", joined=date(2024, 1, 10), registered=date(2024, 1, 10))
    decide = DecideProbation(member_id=member_id, outcome="on_time", effective_on=date(2025, 1, 25))
    assert_refused(ledger, county.t1_officer, replace(decide, attendance="absent"), rules.PROBATION_ABSENT)
    ledger.execute(county.b1_officer, home(member_id))
    ledger.execute(county.t1_officer, decide)
    assert member(ledger, member_id).standing == "full"
