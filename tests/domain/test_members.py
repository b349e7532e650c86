"""A member's registration and movements: what is recorded, and every refusal
(rule tests, on the in-memory store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain import rules
from domain.commands import (
    ChangeContactDetails, MoveToBranch, RecordActivity, RecordContact, RecordReportIn, RecordReturn, RevealPersonalData,
)
from domain.ledger import Ledger
from domain.vocab import MemberStatus
from tests.support.county import SmallCounty, id_number, member_command
from tests.support.helpers import assert_refused
from tests.support.members import away, departure, enrol, member


# Registration.

def test_registered_member_is_at_home_in_their_branch(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    registered = member(ledger, member_id)
    assert registered.status == MemberStatus.AT_HOME
    assert registered.branch_id == county.b1
    assert member_id == ledger.member_id_for(id_number(date(1985, 3, 4), 1))


def test_every_event_names_actor_acting_org_and_dates(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    event = member(ledger, member_id).facts[0]
    assert event.actor == str(county.t1_officer)
    assert event.actor_org == county.t1
    assert event.effective_on == date(2020, 2, 1)
    assert event.recorded_at == ledger.clock()


def test_a_station_officer_acts_for_its_township(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.s1_officer, RecordContact(member_id=member_id, method="phone",
                                                    outcome="reached", effective_on=date(2024, 4, 1)))
    assert member(ledger, member_id).facts[-1].actor_org == county.t1
    other = ledger.execute(county.admin, member_command(county.b2, 7)).subject_id
    assert_refused(ledger, county.s1_officer, RecordContact(member_id=other, method="phone",  # type: ignore[arg-type]
                   outcome="reached"), rules.JURISDICTION,
                   text="管辖范围：所涉党员或组织不在中共长赤镇委员会的管辖范围内")


def test_an_id_number_is_registered_once(ledger: Ledger, county: SmallCounty) -> None:
    enrol(ledger, county)
    duplicate = replace(member_command(county.b1b, 1), name="重名")
    assert_refused(ledger, county.t1_officer, duplicate, rules.MEMBER_REGISTERED,
                   text="党员登记：该身份证号已登记")


@pytest.mark.parametrize(("changes", "rule", "field"), [
    ({"id_number": "51192219850304001X"}, rules.ID_CHECKSUM, "id_number"),
    ({"id_number": "5119221985030400"}, rules.ID_NUMBER, "id_number"),
    ({"birth_date": date(1985, 3, 5)}, rules.ID_BIRTH, "id_number"),
    ({"phone": "12345"}, rules.PHONE, "phone"),
    ({"gender": "m"}, rules.CHOICE, "gender"),
    ({"name": " "}, rules.REQUIRED, "name"),
    ({"joined_on": date(2000, 1, 1)}, rules.MEMBER_AGE, "joined_on"),
    ({"effective_on": date(2025, 6, 2)}, rules.FUTURE_DATE, "effective_on"),
    ({"standing": "probationary", "probation_start": date(2009, 1, 1)}, rules.MEMBER_PROBATION_START,
     "probation_start"),
])
def test_registration_refuses_bad_fields(ledger: Ledger, county: SmallCounty, changes: dict,
                                         rule: rules.Rule, field: str) -> None:
    command = replace(member_command(county.b1, 1), **changes)
    assert_refused(ledger, county.t1_officer, command, rule, field=field)


def test_members_are_registered_in_branches_only(ledger: Ledger, county: SmallCounty) -> None:
    command = replace(member_command(county.b1, 1), branch_id=county.t1)
    assert_refused(ledger, county.t1_officer, command, rules.MEMBER_BRANCH,
                   text="所在支部：党员应登记在党支部，不能登记在乡镇党委")


def test_who_may_register(ledger: Ledger, county: SmallCounty) -> None:
    command = member_command(county.b1, 1)
    assert_refused(ledger, county.t2_officer, command, rules.JURISDICTION)
    assert_refused(ledger, county.auditor, command, rules.READ_ONLY,
                   text="纪检巡察：纪检巡察人员只能查阅，不能记录")
    assert_refused(ledger, county.mb_officer, command, rules.ROLE,
                   text="职责权限：流入地党组织工作人员不能办理“党员登记”")
    assert_refused(ledger, "not-an-officer", command, rules.UNKNOWN_ACTOR)
    assert_refused(ledger, county.b1b, command, rules.UNKNOWN_ACTOR)  # an org id is no actor


# Leaving, reporting in, returning.

def test_departure_report_in_and_return(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert member(ledger, member_id).status == MemberStatus.AWAY
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 1),
                                                     inflow_contact="刘书记", effective_on=date(2024, 3, 10)))
    assert member(ledger, member_id).status == MemberStatus.REPORTED_IN
    ledger.execute(county.b1_officer, RecordReturn(member_id=member_id, report="在成都务工一年",
                                                   effective_on=date(2025, 2, 1)))
    returned = member(ledger, member_id)
    assert returned.status == MemberStatus.RETURNED
    assert returned.absences[0].returned_on == date(2025, 2, 1)


def test_a_member_cannot_depart_while_away(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, departure(member_id, date(2024, 5, 1)), rules.ALREADY_AWAY,
                   text="外出登记：该党员已在外出中，不能重复登记外出")


def test_changes_of_whereabouts_keep_their_order(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    late = RecordReturn(member_id=member_id, effective_on=date(2024, 2, 1))
    assert_refused(ledger, county.b1_officer, late, rules.LIFECYCLE_ORDER,
                   text="发生日期：发生日期不能早于该党员上一次状态变化（2024-03-01）")


def test_report_in_and_return_need_a_departure(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    assert_refused(ledger, county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.mb),
                   rules.REPORT_IN_AT_HOME, text="报到：该党员未登记外出，不能报到")
    assert_refused(ledger, county.b1_officer, RecordReturn(member_id=member_id), rules.RETURN_AT_HOME,
                   text="返回：该党员未外出，不能登记返回")


def test_a_member_reports_in_once_and_only_to_an_inflow_organisation(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.b1),
                   rules.REPORT_IN_ORG)
    ledger.execute(county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.io,
                                                     effective_on=date(2024, 3, 5)))
    assert_refused(ledger, county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.mb),
                   rules.ALREADY_REPORTED, text="报到：该党员已于2024-03-05报到，不能重复报到")


def test_inflow_officers_find_members_by_id_number_for_their_own_organisation(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.mb_officer, RecordReportIn(org_id=county.mb, member_id=member_id),
                   rules.REQUIRED, field="id_number")
    number = id_number(date(1985, 3, 4), 1)
    assert_refused(ledger, county.mb_officer, RecordReportIn(org_id=county.io, id_number=number),
                   rules.JURISDICTION)
    assert_refused(ledger, county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1990, 1, 1), 9)),
                   rules.REPORT_IN_NO_MATCH)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=number))
    assert member(ledger, member_id).absence.reported_in_org == county.mb  # type: ignore[union-attr]


def test_an_inflow_officers_lookup_answers_the_same_whatever_it_hides(ledger: Ledger, county: SmallCounty) -> None:
    at_home = enrol(ledger, county, 2)
    reported = away(ledger, county, 3)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 3)))
    to_chengdu = away(ledger, county, 4)  # 成都: not the area of the Shanghai organisation
    texts = {assert_refused(ledger, officer, RecordReportIn(org_id=org, id_number=number), rules.REPORT_IN_NO_MATCH,
                            field="id_number").text
             for officer, org, number in (
                 (county.mb_officer, county.mb, id_number(date(1990, 1, 1), 9)),  # nobody of the county
                 (county.mb_officer, county.mb, id_number(date(1985, 3, 4), 2)),  # at home
                 (county.mb_officer, county.mb, id_number(date(1985, 3, 4), 3)),  # reported in already
                 (county.io_officer, county.io, id_number(date(1985, 3, 4), 4)))}  # away elsewhere
    assert texts == {"报到：未找到流向本地、尚未报到的该身份证号党员；请核对身份证号，或请其所在支部登记报到"}
    assert member(ledger, to_chengdu).absence.reported_in_org is None  # type: ignore[union-attr]
    assert member(ledger, at_home).absence is None and member(ledger, reported).absence is not None


def test_inflow_officers_may_not_reveal_personal_data(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 1)))
    assert_refused(ledger, county.mb_officer, RevealPersonalData(member_id=member_id, fields=("phone",), reason="联系"),
                   rules.ROLE)


def test_inflow_officers_act_only_for_members_reported_in_to_them(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    contact = RecordContact(member_id=member_id, method="phone", outcome="reached")
    assert_refused(ledger, county.mb_officer, contact, rules.INFLOW_SCOPE)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 1)))
    ledger.execute(county.mb_officer, contact)
    assert_refused(ledger, county.io_officer, contact, rules.INFLOW_SCOPE)
    assert_refused(ledger, county.mb_officer, RecordReturn(member_id=member_id), rules.ROLE)


def test_contacts_are_recorded_while_away(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    contact = RecordContact(member_id=member_id, method="phone", outcome="reached",
                            effective_on=date(2024, 1, 1))
    assert_refused(ledger, county.b1_officer, contact, rules.NOT_AWAY_ON,
                   text="外出期间：该党员在2024-01-01不在外出期间，不能记录联系情况")


def test_lost_contact_needs_a_reason_and_ends_with_the_next_contact(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, RecordContact(member_id=member_id, method="visit", outcome="lost"),
                   rules.LOST_REASON, field="lost_reason")
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="visit", outcome="lost",
                                                    lost_reason="job_change", effective_on=date(2024, 6, 1)))
    assert member(ledger, member_id).status == MemberStatus.LOST_CONTACT
    ledger.execute(county.b1_officer, RecordActivity(member_id=member_id, kind="quarterly",
                                                     title="三服务季度活动", effective_on=date(2024, 9, 1)))
    assert member(ledger, member_id).status == MemberStatus.AWAY


def test_contact_recorded_late_lands_in_its_own_period(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, RecordReturn(member_id=member_id, effective_on=date(2024, 12, 1)))
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="letter", outcome="reached",
                                                    effective_on=date(2024, 7, 1)))
    assert member(ledger, member_id).last_contact_on == date(2024, 7, 1)


def test_contact_details_change_and_need_something_to_change(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, ChangeContactDetails(member_id=member_id), rules.DETAILS_EMPTY)
    ledger.execute(county.b1_officer, ChangeContactDetails(member_id=member_id, phone="13712345678",
                                                           address="成都市武侯区"))
    changed = member(ledger, member_id)
    assert (changed.phone, changed.absence.address) == ("13712345678", "成都市武侯区")  # type: ignore[union-attr]


def test_moving_branch_needs_both_branches_in_reach(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    assert_refused(ledger, county.t1_officer, MoveToBranch(member_id=member_id, branch_id=county.b1),
                   rules.SAME_BRANCH)
    assert_refused(ledger, county.t1_officer, MoveToBranch(member_id=member_id, branch_id=county.b2),
                   rules.JURISDICTION)
    ledger.execute(county.t1_officer, MoveToBranch(member_id=member_id, branch_id=county.b1b))
    assert member(ledger, member_id).branch_id == county.b1b
