"""Activity records (活动记录): a station, point, branch or mobile branch records an
activity, and each attendee's own record (参加组织生活) is derived from it; voids,
corrections and every refusal (rule tests, on the in-memory store)."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date
from uuid import UUID, uuid4

import pytest

from domain import rules
from domain.activity import MAX_ATTENDEES, Activity
from domain.commands import (
    CloseOrganisation, CorrectEvent, EndMembership, RecordActivity, RecordInflowLeaving, RecordOrgActivity, RecordReportIn, VoidEvent,
)
from domain.inflow_events import InflowActivityAttended
from domain.inflow_member import InflowMember
from domain.ledger import Ledger
from domain.member_events import ActivityAttended
from tests.domain.test_versions import event, stored_state
from tests.support.county import SmallCounty, id_number, member_command
from tests.support.helpers import assert_refused
from tests.support.inflow import inflow_command
from tests.support.members import away, enrol, member

HELD = date(2025, 4, 2)


def activity(org: UUID, *members: UUID, inflow: tuple[UUID, ...] = (), **changes: object) -> RecordOrgActivity:
    command = RecordOrgActivity(org_id=org, kind="quarterly_theme", topic="服务群众 三服务主题活动", place="长赤镇便民中心",
                                organiser="张站长", member_ids=members, inflow_member_ids=inflow, effective_on=HELD)
    return replace(command, **changes)


def recorded(ledger: Ledger, actor: UUID, command: RecordOrgActivity) -> tuple[UUID, int]:
    """The activity's id and the position of its own event."""
    outcome = ledger.execute(actor, command)
    assert outcome.subject_id is not None
    own = [p for p in outcome.positions if ledger.event_at(p).originator_id == outcome.subject_id]
    return outcome.subject_id, own[0]


def inflow_member(ledger: Ledger, county: SmallCounty, seq: int = 1) -> UUID:
    found = ledger.execute(county.t1_officer, inflow_command(county.b1, seq)).subject_id
    assert found is not None
    return found


def attendance(ledger: Ledger, member_id: UUID) -> list[ActivityAttended]:
    return [f for f in member(ledger, member_id).facts if isinstance(f, ActivityAttended)]


def test_an_activity_gives_each_attendee_at_home_away_or_inflow_their_own_record(
        ledger: Ledger, county: SmallCounty) -> None:
    home, gone, inflow = enrol(ledger, county, 1), away(ledger, county, 2), inflow_member(ledger, county)
    activity_id, _ = recorded(ledger, county.s1_officer, activity(county.s1, home, gone, inflow=(inflow,)))
    state = ledger.load(Activity, activity_id)
    assert (state.org_id, state.kind, state.held_on, state.member_ids) == (county.s1, "quarterly_theme", HELD,
                                                                           (home, gone))
    for member_id in (home, gone):
        [fact] = attendance(ledger, member_id)
        assert (fact.activity_id, fact.org_id, fact.kind, fact.effective_on) == (activity_id, county.s1,
                                                                                  "quarterly_theme", HELD)
        assert member(ledger, member_id).last_activity_on == HELD
        assert fact.actor_org == county.t1  # the station acts for its township
    assert ledger.load(InflowMember, inflow).last_activity_on == HELD


def test_members_may_be_named_by_id_number_as_an_attendance_sheet_has_them(
        ledger: Ledger, county: SmallCounty) -> None:
    home = enrol(ledger, county, 1)
    activity_id, _ = recorded(ledger, county.t1_officer, replace(
        activity(county.p1), member_id_numbers=(id_number(date(1985, 3, 4), 1),)))
    assert ledger.load(Activity, activity_id).member_ids == (home,)  # the record keeps the id, never the number
    assert attendance(ledger, home)[0].activity_id == activity_id


def test_a_member_recorded_alone_must_still_be_away(ledger: Ledger, county: SmallCounty) -> None:
    home = enrol(ledger, county, 1)
    assert_refused(ledger, county.t1_officer, RecordActivity(member_id=home, kind="quarterly", title="季度活动"),
                   rules.NOT_AWAY_ON)


@pytest.mark.parametrize(("changes", "rule", "field"), [
    ({"org_id": "t1"}, rules.ACTIVITY_ORG, "org_id"),
    ({"org_id": "centre"}, rules.ACTIVITY_ORG, "org_id"),
    ({"kind": "quarterly"}, rules.CHOICE, "kind"),
    ({"topic": ""}, rules.REQUIRED, "topic"),
    ({"organiser": "某" * 31}, rules.TOO_LONG, "organiser"),
    ({"effective_on": date(2025, 6, 2)}, rules.FUTURE_DATE, "effective_on"),
    ({"effective_on": date(2019, 12, 31)}, rules.DATE_ORDER, "effective_on"),
    ({"member_ids": ()}, rules.ACTIVITY_NO_ATTENDEES, "member_ids"),
])
def test_an_activity_refuses_a_wrong_organisation_kind_or_field(
        ledger: Ledger, county: SmallCounty, changes: dict, rule: rules.Rule, field: str) -> None:
    home = enrol(ledger, county, 1)
    changes = {k: getattr(county, v) if k == "org_id" else v for k, v in changes.items()}
    assert_refused(ledger, county.admin, activity(county.s1, home, **changes), rule, field=field)


def test_the_attendee_list_is_checked_person_by_person(ledger: Ledger, county: SmallCounty) -> None:
    home, ended, inflow = enrol(ledger, county, 1), enrol(ledger, county, 2), inflow_member(ledger, county)
    ledger.execute(county.t1_officer, EndMembership(member_id=ended, reason="died"))
    ledger.execute(county.t1_officer, RecordInflowLeaving(inflow_member_id=inflow, reason="返回原籍",
                                                          effective_on=date(2025, 3, 1)))
    assert_refused(ledger, county.admin, activity(county.s1, home, home), rules.ACTIVITY_DUPLICATE,
                   text="参加人员：参加的本县党员第2项与第1项是同一人", field="member_ids.1")
    assert_refused(ledger, county.admin, activity(county.s1, *(uuid4() for _ in range(MAX_ATTENDEES + 1))),
                   rules.ACTIVITY_TOO_MANY, field="member_ids")
    assert_refused(ledger, county.admin, activity(county.s1, home, uuid4()), rules.ACTIVITY_ATTENDEE_NOT_FOUND,
                   field="member_ids.1")
    assert_refused(ledger, county.admin, activity(county.s1, home, inflow=(ended,)),
                   rules.ACTIVITY_ATTENDEE_NOT_FOUND, field="inflow_member_ids.0")  # a member is no inflow member
    by_number = replace(activity(county.s1, home), member_id_numbers=(id_number(date(1985, 3, 4), 1),))
    assert_refused(ledger, county.admin, by_number, rules.ACTIVITY_DUPLICATE, field="member_id_numbers.0",
                   text="参加人员：参加的本县党员（按身份证号）第1项与参加的本县党员第1项是同一人")
    assert_refused(ledger, county.admin, replace(by_number, member_id_numbers=("511922",)), rules.ID_NUMBER,
                   field="member_id_numbers.0")
    assert_refused(ledger, county.admin, activity(county.s1, home, ended), rules.ACTIVITY_ATTENDEE,
                   text="参加人员：参加的本县党员第2项（党员2）：该党员已不在册（去世）", field="member_ids.1")
    assert_refused(ledger, county.admin, activity(county.s1, home, inflow=(inflow,)), rules.ACTIVITY_ATTENDEE,
                   field="inflow_member_ids.0")
    assert_refused(ledger, county.admin, activity(county.s1, home, effective_on=date(2020, 1, 15)),
                   rules.ACTIVITY_ATTENDEE)  # before the member was registered


def test_officers_record_inside_their_subtree_and_name_only_people_they_reach(
        ledger: Ledger, county: SmallCounty) -> None:
    ours = enrol(ledger, county, 1)
    other = ledger.execute(county.t2_officer, member_command(county.b2, 7)).subject_id  # 赤溪镇's
    assert other is not None
    assert_refused(ledger, county.t2_officer, activity(county.s1, other), rules.JURISDICTION)
    assert_refused(ledger, county.s1_officer, activity(county.s1, ours, other), rules.ACTIVITY_ATTENDEE_NOT_FOUND,
                   field="member_ids.1")  # the same answer as for nobody
    recorded(ledger, county.b1_officer, activity(county.b1, ours, kind="life_meeting"))
    recorded(ledger, county.admin, activity(county.s1, ours, other))


def test_an_inflow_officer_records_for_its_own_organisation_and_the_members_reported_in_to_it(
        ledger: Ledger, county: SmallCounty) -> None:
    there, elsewhere = away(ledger, county, 1), away(ledger, county, 2)
    ledger.execute(county.b1_officer, RecordReportIn(member_id=there, org_id=county.mb, effective_on=date(2024, 3, 5)))
    activity_id, _ = recorded(ledger, county.mb_officer, activity(county.mb, there, kind="night_school"))
    assert attendance(ledger, there)[0].activity_id == activity_id
    assert_refused(ledger, county.mb_officer, activity(county.mb, elsewhere), rules.ACTIVITY_ATTENDEE_NOT_FOUND)
    assert_refused(ledger, county.mb_officer, activity(county.s1, there), rules.JURISDICTION)
    assert_refused(ledger, county.io_officer, activity(county.mb, there), rules.JURISDICTION)


def test_a_mobile_branch_lists_only_members_reported_in_to_it_on_the_day(ledger: Ledger, county: SmallCounty) -> None:
    home, gone, there = enrol(ledger, county, 1), away(ledger, county, 2), away(ledger, county, 3)
    ledger.execute(county.b1_officer, RecordReportIn(member_id=there, org_id=county.mb, effective_on=date(2025, 4, 5)))
    for who in (home, gone):  # at home, or away without reporting in there: not at the branch's meeting
        refused = assert_refused(ledger, county.admin, activity(county.mb, who), rules.ACTIVITY_ATTENDEE,
                                 field="member_ids.0")
        assert "活动当日未向成都市南江流动党员党支部报到" in refused.text
    assert_refused(ledger, county.admin, activity(county.mb, there), rules.ACTIVITY_ATTENDEE)  # reported in later
    recorded(ledger, county.admin, activity(county.mb, there, effective_on=date(2025, 4, 6)))


def test_an_organisation_closed_since_may_still_record_what_it_held_while_open(
        ledger: Ledger, county: SmallCounty) -> None:
    home = enrol(ledger, county, 1)
    ledger.execute(county.admin, CloseOrganisation(org_id=county.p1, reason="撤并", effective_on=date(2025, 5, 1)))
    recorded(ledger, county.admin, activity(county.p1, home))  # held on 2025-04-02, recorded after the closing
    assert_refused(ledger, county.admin, activity(county.p1, home, effective_on=date(2025, 5, 6)), rules.ORG_CLOSED)


def test_voiding_the_activity_voids_what_it_derived_and_an_attendance_may_go_alone(
        ledger: Ledger, county: SmallCounty) -> None:
    first, second, inflow = enrol(ledger, county, 1), away(ledger, county, 2), inflow_member(ledger, county)
    activity_id, position = recorded(ledger, county.s1_officer, activity(county.s1, first, second, inflow=(inflow,)))
    mistaken = ledger.execute(county.s1_officer, activity(county.s1, first, effective_on=date(2025, 5, 6)))
    alone = next(p for p in mistaken.positions if ledger.event_at(p).originator_id == first)
    ledger.execute(county.s1_officer, VoidEvent(position=alone, reason="名单有误"))  # one person, listed by mistake
    assert member(ledger, first).last_activity_on == HELD
    assert ledger.load(Activity, mistaken.subject_id) is not None  # the activity stays
    ledger.execute(county.t1_officer, VoidEvent(position=position, reason="重复登记"))
    assert ledger.load(Activity, activity_id) is None
    assert member(ledger, first).last_activity_on is None and member(ledger, second).last_activity_on is None
    assert ledger.load(InflowMember, inflow).last_activity_on is None
    assert_refused(ledger, county.t2_officer, VoidEvent(position=mistaken.positions[0], reason="误登"),
                   rules.JURISDICTION)


def test_the_topic_place_and_organiser_are_corrected_on_the_activity_never_on_a_derived_record(
        ledger: Ledger, county: SmallCounty) -> None:
    home, inflow = enrol(ledger, county, 1), inflow_member(ledger, county)
    activity_id, position = recorded(ledger, county.s1_officer, activity(county.s1, home, inflow=(inflow,)))
    ledger.execute(county.s1_officer, CorrectEvent(position=position, changes={"topic": "夜校：政策宣讲"},
                                                   reason="主题笔误"))
    assert ledger.load(Activity, activity_id).topic == "夜校：政策宣讲"
    # Each attendee's own record shows the corrected topic too (the member's history reads it).
    assert [f.title for f in attendance(ledger, home)] == ["夜校：政策宣讲"]
    assert [f.title for f in ledger.load(InflowMember, inflow).facts
            if isinstance(f, InflowActivityAttended)] == ["夜校：政策宣讲"]
    ledger.execute(county.s1_officer, CorrectEvent(position=position, changes={"place": "红旗村"}, reason="地点"))
    assert attendance(ledger, home)[0].title == "夜校：政策宣讲"  # a place corrected alone leaves the titles
    assert_refused(ledger, county.admin, CorrectEvent(position=position, changes={"effective_on": "2025-04-03"},
                                                      reason="日期"), rules.NOT_CORRECTABLE)
    derived = next(p for p in (position - 1, position + 1) if ledger.event_at(p).originator_id == home)
    assert_refused(ledger, county.admin, CorrectEvent(position=derived, changes={"title": "改"}, reason="改"),
                   rules.ATTENDANCE_FROM_ACTIVITY)


def test_an_attendance_stored_before_version_2_reads_as_recorded_alone(ledger: Ledger) -> None:
    fact = event(ActivityAttended, kind="quarterly", org_id=None, title="季度活动")
    state = stored_state(ledger, fact)
    assert state["class_version"] == 2 and state["activity_id"] is None
    del state["class_version"], state["activity_id"]  # what version 1 stored
    old = dataclasses.replace(ledger.mapper.to_stored_event(fact), state=ledger.mapper.transcoder.encode(state))
    assert ledger.mapper.to_domain_event(old) == fact
