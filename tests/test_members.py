"""A member's movements: what is recorded, and every refusal, on both stores."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest

from domain import rules
from domain.commands import (
    ChangeContactDetails, DecideProbation, EndMembership, IssueTransferLetter, MoveToBranch, RecordActivity,
    RecordContact, RecordDeparture, RecordDues, RecordReportIn, RecordReturn, RecordReview, RecordTransferReceipt,
    RevealPersonalData,
)
from domain.ledger import Ledger
from domain.member import Member
from domain.vocab import MemberStatus
from tests.county import SmallCounty, id_number, member_command
from tests.helpers import assert_refused, head


def register(ledger: Ledger, county: SmallCounty, seq: int = 1, **kwargs: object) -> UUID:
    command = member_command(county.b1, seq, **kwargs)  # type: ignore[arg-type]
    member_id = ledger.execute(county.t1_officer, command).subject_id
    assert member_id is not None
    return member_id


def departure(member_id: UUID, on: date = date(2024, 3, 1), months: int = 10) -> RecordDeparture:
    return RecordDeparture(member_id=member_id, reason="外出务工", province="四川省", city="成都市",
                           industry="construction", expected_months=months,
                           contact_phone="13900001111", employer="成都某建筑公司", effective_on=on)


def away(ledger: Ledger, county: SmallCounty, seq: int = 1, **kwargs: object) -> UUID:
    member_id = register(ledger, county, seq, **kwargs)
    ledger.execute(county.b1_officer, departure(member_id))
    return member_id


def member(ledger: Ledger, member_id: UUID) -> Member:
    loaded = ledger.load(Member, member_id)
    assert loaded is not None
    return loaded


# Registration.

def test_registered_member_is_at_home_in_their_branch(ledger: Ledger, county: SmallCounty) -> None:
    member_id = register(ledger, county)
    registered = member(ledger, member_id)
    assert registered.status == MemberStatus.AT_HOME
    assert registered.branch_id == county.b1
    assert member_id == ledger.member_id_for(id_number(date(1985, 3, 4), 1))


def test_every_event_names_actor_acting_org_and_dates(ledger: Ledger, county: SmallCounty) -> None:
    member_id = register(ledger, county)
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
                   text="管辖范围：赤溪镇新民村党支部不在中共长赤镇委员会的管辖范围内")


def test_an_id_number_is_registered_once(ledger: Ledger, county: SmallCounty) -> None:
    register(ledger, county)
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
    member_id = register(ledger, county)
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
                   rules.MEMBER_NOT_FOUND)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=number))
    assert member(ledger, member_id).absence.reported_in_org == county.mb  # type: ignore[union-attr]


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
    member_id = register(ledger, county)
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
    member_id = register(ledger, county)
    assert_refused(ledger, county.t1_officer, MoveToBranch(member_id=member_id, branch_id=county.b1),
                   rules.SAME_BRANCH)
    assert_refused(ledger, county.t1_officer, MoveToBranch(member_id=member_id, branch_id=county.b2),
                   rules.JURISDICTION)
    ledger.execute(county.t1_officer, MoveToBranch(member_id=member_id, branch_id=county.b1b))
    assert member(ledger, member_id).branch_id == county.b1b


# Dues.

def dues(member_id: UUID, months: tuple[str, ...], amount: int = 4500, on: date = date(2024, 6, 10),
         income: int | None = 450000) -> RecordDues:
    return RecordDues(member_id=member_id, months=months, amount_fen=amount * len(months),
                      collector="home", basis="wage", income_fen=income, effective_on=on)


def test_dues_are_paid_once_a_month_within_the_back_pay_limit(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, dues(member_id, ("2024-05", "2024-06")))
    assert member(ledger, member_id).paid_through == "2024-06"
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-06",)), rules.DUES_PAID,
                   text="交纳党费：2024-06的党费已交纳，不能重复交纳")
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2023-11",)), rules.DUES_BACK_PAY,
                   text="补交党费：补交一般不超过6个月，2023-11已超出")
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-09",)), rules.DUES_PREPAY)
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-13",)), rules.MONTH)
    assert_refused(ledger, county.b1_officer, dues(member_id, ()), rules.DUES_MONTHS)


def test_dues_follow_the_table(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-06",), amount=3000), rules.DUES_AMOUNT,
                   text="党费标准：按在职（按税后月工资）标准每月应交45.00至45.00元，"
                        "1个月合计应为45.00至45.00元，实交30.00元")
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-06",), income=None), rules.RANGE,
                   field="income_fen")


def test_dues_are_recorded_while_away(ledger: Ledger, county: SmallCounty) -> None:
    member_id = register(ledger, county)
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-06",)), rules.NOT_AWAY_ON)


# Reviews, probation, transfers, the end of membership.

def test_one_review_a_year(ledger: Ledger, county: SmallCounty) -> None:
    member_id = register(ledger, county)
    review = RecordReview(member_id=member_id, year=2024, grade="qualified", effective_on=date(2025, 1, 5))
    ledger.execute(county.b1_officer, review)
    assert_refused(ledger, county.b1_officer, review, rules.REVIEW_DONE, text="民主评议：2024年度已评议")
    assert_refused(ledger, county.b1_officer, replace(review, year=2026), rules.REVIEW_YEAR)
    assert_refused(ledger, county.b1_officer, replace(review, year=2023, grade="good"), rules.CHOICE)


def probationer(ledger: Ledger, county: SmallCounty) -> UUID:
    return register(ledger, county, 3, standing="probationary", joined=date(2023, 7, 1),
                    registered=date(2023, 7, 2))


def test_probation_is_decided_for_probationary_members_once_due(ledger: Ledger, county: SmallCounty) -> None:
    full = register(ledger, county)
    assert_refused(ledger, county.b1_officer, DecideProbation(member_id=full, outcome="on_time"),
                   rules.NOT_PROBATIONARY)
    member_id = probationer(ledger, county)
    early = DecideProbation(member_id=member_id, outcome="on_time", effective_on=date(2024, 6, 30))
    assert_refused(ledger, county.b1_officer, early, rules.PROBATION_NOT_DUE,
                   text="预备党员转正：预备期至2024-07-01才满")
    ledger.execute(county.b1_officer, replace(early, effective_on=date(2024, 7, 1)))
    assert member(ledger, member_id).standing == "full"


def test_no_decision_in_absentia(ledger: Ledger, county: SmallCounty) -> None:
    member_id = probationer(ledger, county)
    ledger.execute(county.b1_officer, departure(member_id, date(2024, 5, 1)))
    assert_refused(ledger, county.b1_officer,
                   DecideProbation(member_id=member_id, outcome="on_time", effective_on=date(2024, 8, 1)),
                   rules.PROBATION_ABSENT,
                   text="预备党员转正：不得缺席转正：该党员外出中，须返回后由支部大会讨论")


def test_probation_is_extended_once_by_six_to_twelve_months(ledger: Ledger, county: SmallCounty) -> None:
    member_id = probationer(ledger, county)
    extend = DecideProbation(member_id=member_id, outcome="extended", extension_months=3,
                             effective_on=date(2024, 7, 2))
    assert_refused(ledger, county.b1_officer, extend, rules.EXTENSION_MONTHS)
    ledger.execute(county.b1_officer, replace(extend, extension_months=6))
    assert member(ledger, member_id).probation_due(12) == date(2025, 1, 1)
    assert_refused(ledger, county.b1_officer, replace(extend, extension_months=6, effective_on=date(2025, 1, 2)),
                   rules.EXTENSION_ONCE)
    ledger.execute(county.b1_officer, DecideProbation(member_id=member_id, outcome="cancelled",
                                                      effective_on=date(2025, 1, 2)))
    assert member(ledger, member_id).status == MemberStatus.ENDED


def test_a_transfer_receipt_follows_a_letter(ledger: Ledger, county: SmallCounty) -> None:
    member_id = register(ledger, county)
    assert_refused(ledger, county.b1_officer, RecordTransferReceipt(member_id=member_id), rules.NO_LETTER)
    letter = IssueTransferLetter(member_id=member_id, to_org_name="中共成都市武侯区某街道工委",
                                 effective_on=date(2024, 3, 1))
    assert_refused(ledger, county.b1_officer, replace(letter, validity_days=120), rules.RANGE)
    ledger.execute(county.b1_officer, letter)
    assert_refused(ledger, county.b1_officer, replace(letter, effective_on=date(2024, 4, 1)),
                   rules.LETTER_OPEN, text="组织关系转接：已于2024-03-01开具介绍信，尚在有效期内")
    ledger.execute(county.b1_officer, RecordTransferReceipt(member_id=member_id, effective_on=date(2024, 3, 20)))
    assert member(ledger, member_id).status == MemberStatus.ENDED
    assert_refused(ledger, county.b1_officer, departure(member_id, date(2024, 5, 1)), rules.MEMBER_ENDED,
                   text="在册：该党员已不在册（组织关系转出本县）")


def test_membership_ends_with_a_reason(ledger: Ledger, county: SmallCounty) -> None:
    member_id = register(ledger, county)
    assert_refused(ledger, county.b1_officer, EndMembership(member_id=member_id, reason="probation_cancelled"),
                   rules.CHOICE)
    ledger.execute(county.b1_officer, EndMembership(member_id=member_id, reason="died"))
    assert member(ledger, member_id).ended == "died"


def test_a_stale_expected_version_is_refused(ledger: Ledger, county: SmallCounty) -> None:
    member_id = register(ledger, county)
    command = replace(departure(member_id), expected_version=2)
    assert_refused(ledger, county.b1_officer, command, rules.STALE,
                   text="并发修改：该记录已被他人修改（当前版本1，提交时版本2）")
    outcome = ledger.execute(county.b1_officer, replace(command, expected_version=1))
    assert outcome.version == 2 and len(outcome.positions) == 1
    assert outcome.positions[0] == head(ledger)


def test_long_text_and_dates_out_of_order_are_refused(ledger: Ledger, county: SmallCounty) -> None:
    assert_refused(ledger, county.t1_officer, replace(member_command(county.b1, 1), name="长" * 31),
                   rules.TOO_LONG, text="字段长度：姓名最多30个字", field="name")
    assert_refused(ledger, county.t1_officer, replace(member_command(county.b1, 1), effective_on=date(2010, 6, 1)),
                   rules.DATE_ORDER, text="日期先后：登记日期不能早于入党时间（2010-07-01）")


def test_a_receipt_is_not_dated_before_its_letter(ledger: Ledger, county: SmallCounty) -> None:
    member_id = register(ledger, county)
    ledger.execute(county.b1_officer, IssueTransferLetter(member_id=member_id, to_org_name="某街道工委",
                                                          effective_on=date(2024, 3, 1)))
    assert_refused(ledger, county.b1_officer, RecordTransferReceipt(member_id=member_id, effective_on=date(2024, 2, 1)),
                   rules.RECEIPT_BEFORE_LETTER, text="组织关系转接：回执日期不能早于介绍信开具日期（2024-03-01）")


def test_personal_data_is_revealed_on_request_and_the_look_is_recorded(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = register(ledger, county)
    reveal = RevealPersonalData(member_id=member_id, fields=("id_number", "phone"), reason="办理转接手续")
    outcome = ledger.execute(county.b1_officer, reveal)
    assert outcome.revealed == {"id_number": id_number(date(1985, 3, 4), 1), "phone": "13800000001"}
    looked = ledger.event_at(outcome.positions[0])
    assert (looked.fields, looked.reason, looked.actor) == (["id_number", "phone"], "办理转接手续",  # type: ignore[attr-defined]
                                                           str(county.b1_officer))
    assert_refused(ledger, county.t2_officer, reveal, rules.JURISDICTION)
    assert_refused(ledger, county.auditor, reveal, rules.READ_ONLY)
    assert_refused(ledger, county.b1_officer, replace(reveal, fields=("address",)), rules.CHOICE)
    assert_refused(ledger, county.b1_officer, replace(reveal, reason=""), rules.REQUIRED)
