"""Corrections (更正) and voids (作废): later events that cite a position;
the state shows the corrected facts, the log keeps both (rule tests, on the
in-memory store)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain import rules
from domain.base import Corrected
from domain.commands import CorrectEvent, RecordContact, RecordDues, RecordReportIn, VoidEvent
from domain.ledger import Ledger
from domain.member import Member
from domain.vocab import MemberStatus
from tests.support.county import SmallCounty, id_number
from tests.support.helpers import assert_refused, head
from tests.support.certificates import holder
from tests.support.members import away, enrol


def member(ledger: Ledger, member_id: UUID) -> Member:
    return ledger.load(Member, member_id)  # type: ignore[no-any-return]


def position_of(ledger: Ledger, member_id: UUID, label: str) -> int:
    for notification in ledger.recorder.select_notifications(1, 10_000):
        event = ledger.mapper.to_domain_event(notification)
        if event.originator_id == member_id and event.label == label:  # type: ignore[attr-defined]
            return notification.id
    raise LookupError(label)


def test_a_correction_changes_the_state_and_keeps_both_in_the_log(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    departed = position_of(ledger, member_id, "外出登记")
    outcome = ledger.execute(county.b1_officer, CorrectEvent(
        position=departed, changes={"city": "西安市", "province": "陕西省"}, reason="登记时写错流向"))
    corrected = member(ledger, member_id)
    assert (corrected.absence.province, corrected.absence.city) == ("陕西省", "西安市")  # type: ignore[union-attr]
    assert ledger.event_at(departed).city == "成都市"  # type: ignore[attr-defined]
    correction = ledger.event_at(outcome.positions[0])
    assert isinstance(correction, Corrected)
    assert (correction.target_position, correction.changes) == (departed, {"city": "西安市", "province": "陕西省"})


def test_only_declared_fields_are_corrected(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    departed = position_of(ledger, member_id, "外出登记")
    correct = CorrectEvent(position=departed, changes={"actor": "someone-else"}, reason="改")
    error = assert_refused(ledger, county.b1_officer, correct, rules.NOT_CORRECTABLE)
    assert "actor" in error.text and "employer" in error.text
    assert_refused(ledger, county.b1_officer, CorrectEvent(position=departed, changes={"city": "成都市"},
                                                           reason="无变化"), rules.NO_CHANGES)
    assert_refused(ledger, county.b1_officer, CorrectEvent(position=departed, changes={"contact_phone": "1"},
                                                           reason="改"), rules.PHONE,
                   field="changes.contact_phone")
    assert_refused(ledger, county.b1_officer, CorrectEvent(
        position=departed, changes={"effective_on": "2025-07-01"}, reason="改"), rules.FUTURE_DATE)


def test_a_correction_that_breaks_the_history_is_refused(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.mb,
                                                     effective_on=date(2024, 3, 10)))
    departed = position_of(ledger, member_id, "外出登记")
    assert_refused(ledger, county.b1_officer, CorrectEvent(
        position=departed, changes={"effective_on": "2024-04-01"}, reason="日期有误"), rules.INCONSISTENT,
        text="更正：更正或作废后记录前后矛盾：发生日期：发生日期不能早于该党员上一次状态变化（2024-04-01）")
    assert_refused(ledger, county.b1_officer, VoidEvent(position=departed, reason="误登"), rules.INCONSISTENT)


def test_a_voided_fact_leaves_the_state(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, RecordDues(member_id=member_id, months=("2024-05",), amount_fen=4500,
                                                 collector="home", basis="wage", income_fen=450000,
                                                 effective_on=date(2024, 5, 20)))
    paid = position_of(ledger, member_id, "交纳党费")
    ledger.execute(county.b1_officer, VoidEvent(position=paid, reason="重复录入"))
    assert member(ledger, member_id).paid_months == frozenset()
    assert_refused(ledger, county.b1_officer, VoidEvent(position=paid, reason="再作废"), rules.ALREADY_VOIDED,
                   text=f"作废：位置{paid}的记录已作废")


def test_a_contact_marked_lost_by_mistake_is_voided(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="lost",
                                                    lost_reason="moved", effective_on=date(2024, 6, 1)))
    assert member(ledger, member_id).status == MemberStatus.LOST_CONTACT
    ledger.execute(county.b1_officer, VoidEvent(position=head(ledger), reason="记错人"))
    assert member(ledger, member_id).status == MemberStatus.AWAY


def test_linked_facts_and_creations_with_history_are_not_voided(ledger: Ledger, county: SmallCounty) -> None:
    member_id, _ = holder(ledger, county)
    assert_refused(ledger, county.b1_officer, VoidEvent(position=position_of(ledger, member_id, "持有活动证"),
                                                        reason="误"), rules.NOT_VOIDABLE,
                   text="作废：“持有活动证”不能作废")
    assert_refused(ledger, county.b1_officer, VoidEvent(position=position_of(ledger, member_id, "党员登记"),
                                                        reason="误"), rules.NOT_VOIDABLE)


def test_a_registration_alone_is_voided_and_the_member_is_gone(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.t1_officer, VoidEvent(position=head(ledger), reason="登记错人"))
    assert ledger.load(Member, member_id) is None
    assert_refused(ledger, county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="reached"),
                   rules.MEMBER_NOT_FOUND)


def test_who_may_correct(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 1),
                                                     effective_on=date(2024, 3, 10)))
    departed = position_of(ledger, member_id, "外出登记")
    reported = position_of(ledger, member_id, "报到")
    fix = CorrectEvent(position=departed, changes={"employer": "另一家公司"}, reason="改")
    assert_refused(ledger, county.t2_officer, fix, rules.JURISDICTION)
    assert_refused(ledger, county.mb_officer, fix, rules.ROLE, text="职责权限：流入地党组织工作人员不能办理“更正他人记录”")
    assert_refused(ledger, county.auditor, fix, rules.READ_ONLY)
    ledger.execute(county.mb_officer, CorrectEvent(position=reported, changes={"inflow_contact": "刘书记"},
                                                   reason="补填联系人"))
    assert member(ledger, member_id).absence.inflow_contact == "刘书记"  # type: ignore[union-attr]
    assert_refused(ledger, county.t1_officer, CorrectEvent(position=1, changes={"name": "x"}, reason="改"),
                   rules.ROLE)
    assert_refused(ledger, county.admin, CorrectEvent(position=10_000, changes={"name": "x"}, reason="改"),
                   rules.EVENT_NOT_FOUND, text="更正：位置10000没有记录")


def test_the_state_as_of_a_date_uses_the_corrected_facts(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    departed = position_of(ledger, member_id, "外出登记")
    ledger.execute(county.b1_officer, CorrectEvent(position=departed, changes={"effective_on": "2024-02-01"},
                                                   reason="实际二月外出"))
    history = member(ledger, member_id)
    assert history.as_of(date(2024, 2, 15)).status == MemberStatus.AWAY  # type: ignore[union-attr]
    assert history.as_of(date(2024, 1, 31)).status == MemberStatus.AT_HOME  # type: ignore[union-attr]
    assert history.as_of(date(2020, 1, 1)) is None
