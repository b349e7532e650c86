"""Inflow members (流入党员): registration, what is recorded for them, every
refusal and who may act (rule tests, on the in-memory store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest

from domain import rules
from domain.commands import (
    CollectInflowDues, CorrectEvent, RecordInflowActivity, RecordInflowContact, RecordInflowLeaving,
    RecordInflowLegacySummary, SendInflowOpinion, VoidEvent,
)
from domain.ids import member_id
from domain.inflow_member import InflowMember, inflow_member_id
from domain.ledger import Ledger
from tests.support.county import SmallCounty, member_command
from tests.support.helpers import assert_refused, head
from tests.support.inflow import ARRIVED, inflow_command, inflow_id_number
from tests.support.stores import TEST_KEY


def register(ledger: Ledger, county: SmallCounty, seq: int = 1, **changes: object) -> UUID:
    subject = ledger.execute(county.b1_officer, inflow_command(county.b1, seq, **changes)).subject_id
    assert subject is not None
    return subject


def loaded(ledger: Ledger, subject: UUID) -> InflowMember:
    found = ledger.load(InflowMember, subject)
    assert found is not None
    return found


# Registration.

def test_an_inflow_member_is_registered_apart_from_the_countys_members(ledger: Ledger, county: SmallCounty) -> None:
    subject = register(ledger, county)
    member = loaded(ledger, subject)
    number = inflow_id_number(1)
    assert subject == inflow_member_id(number, TEST_KEY) != member_id(number, TEST_KEY)
    assert (member.org_id, member.arrived_on, member.left, member.home_county) == (county.b1, ARRIVED, None, "成都市锦江区")
    first = member.facts[0]
    assert (first.TOPIC, first.actor_org, first.actor) == ("liudong.inflow_member.Registered", county.b1,
                                                           str(county.b1_officer))


@pytest.mark.parametrize(("changes", "rule", "field"), [
    ({"id_number": "51010419900506001X"}, rules.ID_CHECKSUM, "id_number"),
    ({"birth_date": date(1990, 5, 7)}, rules.ID_BIRTH, "id_number"),
    ({"phone": "12345"}, rules.PHONE, "phone"),
    ({"standing": "正式"}, rules.CHOICE, "standing"),
    ({"home_county": " "}, rules.REQUIRED, "home_county"),
    ({"workplace": ""}, rules.REQUIRED, "workplace"),
    ({"effective_on": date(2025, 6, 2)}, rules.FUTURE_DATE, "effective_on"),
])
def test_registration_refuses_bad_fields(ledger: Ledger, county: SmallCounty, changes: dict,
                                         rule: rules.Rule, field: str) -> None:
    assert_refused(ledger, county.admin, inflow_command(county.b1, **changes), rule, field=field)


def test_any_open_party_organisation_of_the_county_takes_them_in_but_no_service_unit_or_destination(
        ledger: Ledger, county: SmallCounty) -> None:
    for seq, org in enumerate((county.committee, county.t2, county.b2), start=1):
        assert ledger.execute(county.admin, inflow_command(org, seq)).subject_id
    for org, kind in ((county.s1, "流动党员服务站"), (county.mb, "流动党员党支部"), (county.io, "流入地党组织")):
        assert_refused(ledger, county.admin, inflow_command(org, 9), rules.INFLOW_ORG, field="org_id",
                       text=f"接收党组织：流入党员应由本县党组织（县委、乡镇党委、党支部等）接收，不能由{kind}接收")


def test_an_id_number_is_registered_once_and_never_for_a_member_of_the_county(
        ledger: Ledger, county: SmallCounty) -> None:
    register(ledger, county)
    assert_refused(ledger, county.admin, inflow_command(county.b2, name="重名"), rules.INFLOW_REGISTERED,
                   field="id_number")
    own = member_command(county.b1, 5)
    ledger.execute(county.t1_officer, own)
    assert_refused(ledger, county.admin, inflow_command(county.b1, 5, id_number=own.id_number,
                                                        birth_date=own.birth_date),
                   rules.INFLOW_OWN_MEMBER, field="id_number")


# Who may act.

def test_officers_act_inside_their_subtree_and_inflow_officers_only_at_their_own_organisation(
        ledger: Ledger, county: SmallCounty) -> None:
    subject = ledger.execute(county.s1_officer, inflow_command(county.b1)).subject_id  # a station acts for 长赤镇
    assert loaded(ledger, subject).facts[0].actor_org == county.t1  # type: ignore[arg-type]
    assert_refused(ledger, county.t2_officer, inflow_command(county.b1, 2), rules.JURISDICTION)
    assert_refused(ledger, county.io_officer, inflow_command(county.b1, 3), rules.JURISDICTION)
    assert_refused(ledger, county.auditor, inflow_command(county.b1, 4), rules.READ_ONLY)
    contact = RecordInflowContact(inflow_member_id=subject, method="phone", outcome="reached")
    assert_refused(ledger, county.t2_officer, contact, rules.JURISDICTION)
    by_number = RecordInflowContact(id_number=inflow_id_number(1), method="phone", outcome="reached")
    assert_refused(ledger, county.t2_officer, by_number, rules.INFLOW_NOT_FOUND, field="id_number")  # says nothing more
    assert_refused(ledger, county.b1_officer, RecordInflowLegacySummary(inflow_member_id=subject, note="旧台账"),
                   rules.ROLE)


# What is recorded after the arrival.

def test_contacts_activities_dues_opinions_and_leaving_are_kept(ledger: Ledger, county: SmallCounty) -> None:
    subject = register(ledger, county)
    officer = county.b1_officer
    ledger.execute(officer, RecordInflowContact(inflow_member_id=subject, method="visit", outcome="reached",
                                                initiated_by="member", effective_on=date(2025, 3, 2)))
    ledger.execute(officer, RecordInflowActivity(id_number=inflow_id_number(1), kind="quarterly",
                                                 title="“三服务”季度主题活动", effective_on=date(2025, 3, 28)))
    ledger.execute(officer, CollectInflowDues(inflow_member_id=subject, months=("2025-02", "2025-01"),
                                              amount_fen=4000, effective_on=date(2025, 2, 20)))
    ledger.execute(officer, SendInflowOpinion(inflow_member_id=subject, year=2024, grade="qualified",
                                              opinion="遵守纪律，积极参加组织生活", effective_on=date(2025, 4, 1)))
    ledger.execute(officer, RecordInflowLeaving(inflow_member_id=subject, reason="工程结束", destination="陕西省西安市",
                                                effective_on=date(2025, 5, 1)))
    member = loaded(ledger, subject)
    assert (member.last_contact_on, member.last_activity_on, member.paid_through, member.dues_fen) == \
        (date(2025, 3, 2), date(2025, 3, 28), "2025-02", 4000)
    assert member.latest_opinion() == (2024, "qualified")
    assert (member.left.effective_on, member.left.destination) == (date(2025, 5, 1), "陕西省西安市")  # type: ignore[union-attr]
    assert member.as_of(date(2025, 4, 30)).left is None  # type: ignore[union-attr]


def test_what_an_inflow_member_is_named_by(ledger: Ledger, county: SmallCounty) -> None:
    subject = register(ledger, county)
    neither = RecordInflowContact(method="phone", outcome="reached")
    assert_refused(ledger, county.admin, neither, rules.REQUIRED, field="inflow_member_id")
    other = RecordInflowContact(inflow_member_id=subject, id_number=inflow_id_number(2), method="phone",
                                outcome="reached")
    assert_refused(ledger, county.admin, other, rules.INFLOW_NOT_FOUND, field="id_number")
    unknown = RecordInflowContact(inflow_member_id=inflow_member_id(inflow_id_number(3), TEST_KEY),
                                  method="phone", outcome="reached")
    assert_refused(ledger, county.admin, unknown, rules.INFLOW_NOT_FOUND, field="inflow_member_id")


@pytest.mark.parametrize(("command", "rule", "field"), [
    (RecordInflowContact(method="phone", outcome="reached", effective_on=date(2025, 1, 9)),
     rules.INFLOW_BEFORE_ARRIVAL, "effective_on"),
    (RecordInflowContact(method="phone", outcome="lost"), rules.LOST_REASON, "lost_reason"),
    (RecordInflowContact(method="fax", outcome="reached"), rules.CHOICE, "method"),
    (RecordInflowActivity(kind="quarterly", title=""), rules.REQUIRED, "title"),
    (CollectInflowDues(months=(), amount_fen=100), rules.DUES_MONTHS, "months"),
    (CollectInflowDues(months=("2025-3",), amount_fen=100), rules.MONTH, "months"),
    (CollectInflowDues(months=("2025-03",), amount_fen=0), rules.RANGE, "amount_fen"),
    (CollectInflowDues(months=("2025-01", "2025-03"), amount_fen=300), rules.DUES_PAID, "months"),
    (SendInflowOpinion(year=2026, opinion="良好"), rules.REVIEW_YEAR, "year"),
    (SendInflowOpinion(year=2024, opinion="再评"), rules.INFLOW_OPINION_SENT, "year"),
    (SendInflowOpinion(year=2025, opinion="良好", grade="good"), rules.CHOICE, "grade"),
    (RecordInflowLeaving(reason=" "), rules.REQUIRED, "reason"),
])
def test_records_refuse_what_breaks_a_rule(ledger: Ledger, county: SmallCounty, command: object,
                                           rule: rules.Rule, field: str) -> None:
    subject = register(ledger, county)
    ledger.execute(county.admin, CollectInflowDues(inflow_member_id=subject, months=("2025-01",), amount_fen=100))
    ledger.execute(county.admin, SendInflowOpinion(inflow_member_id=subject, year=2024, opinion="良好"))
    assert_refused(ledger, county.admin, replace(command, inflow_member_id=subject), rule, field=field)  # type: ignore[type-var]


def test_nothing_is_recorded_after_leaving_but_corrections(ledger: Ledger, county: SmallCounty) -> None:
    subject = register(ledger, county)
    ledger.execute(county.admin, RecordInflowLeaving(inflow_member_id=subject, reason="返回原籍",
                                                     effective_on=date(2025, 5, 1)))
    left_at = head(ledger)
    contact = RecordInflowContact(inflow_member_id=subject, method="phone", outcome="reached",
                                  effective_on=date(2025, 4, 1))
    assert_refused(ledger, county.b1_officer, contact, rules.INFLOW_LEFT,
                   text="流入党员离开：该流入党员已于2025-05-01离开，不能再记录（已有记录可更正或作废）")
    ledger.execute(county.admin, CorrectEvent(position=left_at, changes={"destination": "成都市"}, reason="补记去向"))
    assert loaded(ledger, subject).left.destination == "成都市"  # type: ignore[union-attr]
    ledger.execute(county.admin, VoidEvent(position=left_at, reason="误记离开"))
    ledger.execute(county.b1_officer, contact)
    assert loaded(ledger, subject).last_contact_on == date(2025, 4, 1)


def test_an_old_registers_summary_is_kept_as_written_and_live_records_win_a_tie(
        ledger: Ledger, county: SmallCounty) -> None:
    subject = register(ledger, county)
    ledger.execute(county.admin, RecordInflowLegacySummary(
        inflow_member_id=subject, paid_through="2025-03", last_contact_on=date(2025, 2, 1), opinion_year=2024,
        opinion_grade="excellent", note="旧台账导入"))
    ledger.execute(county.admin, SendInflowOpinion(inflow_member_id=subject, year=2024, opinion="合格",
                                                   grade="qualified"))
    member = loaded(ledger, subject)
    assert (member.paid_through, member.last_contact_on, member.latest_opinion()) == \
        ("2025-03", date(2025, 2, 1), (2024, "qualified"))
    future = RecordInflowLegacySummary(inflow_member_id=subject, last_contact_on=date(2025, 6, 2))
    assert_refused(ledger, county.admin, future, rules.FUTURE_DATE, field="last_contact_on")


def test_who_records_for_an_inflow_member_corrects_and_voids_it_and_no_officer_outside(
        ledger: Ledger, county: SmallCounty) -> None:
    subject = register(ledger, county)
    ledger.execute(county.b1_officer, RecordInflowContact(inflow_member_id=subject, method="phone",
                                                          outcome="reached", effective_on=date(2025, 4, 1)))
    contact_at = head(ledger)
    fix = CorrectEvent(position=contact_at, changes={"method": "visit"}, reason="实为走访")
    assert_refused(ledger, county.t2_officer, fix, rules.JURISDICTION)
    ledger.execute(county.b1_officer, fix)
    ledger.execute(county.t1_officer, VoidEvent(position=contact_at, reason="误记"))
    assert loaded(ledger, subject).last_contact_on is None


def test_a_present_inflow_member_is_not_registered_as_the_countys_member_until_gone(
        ledger: Ledger, county: SmallCounty) -> None:
    subject = register(ledger, county)
    joining = replace(member_command(county.b1, 1, birth=loaded(ledger, subject).birth_date),  # type: ignore[arg-type]
                      id_number=inflow_id_number(1), effective_on=date(2025, 5, 1))
    assert_refused(ledger, county.t1_officer, joining, rules.MEMBER_IS_INFLOW)
    ledger.execute(county.b1_officer, RecordInflowLeaving(inflow_member_id=subject, reason="组织关系转入本县",
                                                          effective_on=date(2025, 5, 1)))
    ledger.execute(county.t1_officer, joining)
