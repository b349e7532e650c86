"""A member's dues, reviews, probation, transfer and the end of membership:
what is recorded, and every refusal (rule tests, on the in-memory store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID


from domain import rules
from domain.commands import (
    DecideProbation, EndMembership, IssueTransferLetter, RecordDues, RecordReview, RecordTransferReceipt,
    RevealPersonalData,
)
from domain.ledger import Ledger
from domain.vocab import MemberStatus
from tests.support.county import SmallCounty, id_number, member_command
from tests.support.helpers import assert_refused, head
from tests.support.members import away, departure, enrol, member


# Dues.

def dues(member_id: UUID, months: tuple[str, ...], amount: int = 4500, on: date = date(2024, 6, 10),
         income: int | None = 450000) -> RecordDues:
    return RecordDues(member_id=member_id, months=months, amount_fen=amount * len(months),
                      collector="home", basis="wage", income_fen=income, effective_on=on)


def test_dues_are_paid_once_a_month(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, dues(member_id, ("2024-05", "2024-06")))
    assert member(ledger, member_id).paid_through == "2024-06"
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-06",)), rules.DUES_PAID,
                   text="交纳党费：2024-06的党费已交纳，不能重复交纳")
    ledger.execute(county.b1_officer, dues(member_id, ("2023-11",)))  # 补交 beyond 6 months: recorded, flagged
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-09",)), rules.DUES_PREPAY)
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-13",)), rules.MONTH)
    assert_refused(ledger, county.b1_officer, dues(member_id, ()), rules.DUES_MONTHS)


def test_dues_are_judged_by_the_table(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, dues(member_id, ("2024-06",), amount=3000))  # 少交: recorded (tests/domain/test_dues_ledger.py)
    assert member(ledger, member_id).dues_lines()[0].table_fen == 4500
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-06",), income=None), rules.RANGE,
                   field="income_fen")


def test_dues_are_recorded_while_away(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-06",)), rules.NOT_AWAY_ON)


# Reviews, probation, transfers, the end of membership.

def test_one_review_a_year(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    review = RecordReview(member_id=member_id, year=2024, grade="qualified", effective_on=date(2025, 1, 5))
    ledger.execute(county.b1_officer, review)
    assert_refused(ledger, county.b1_officer, review, rules.REVIEW_DONE, text="民主评议：2024年度已评议")
    assert_refused(ledger, county.b1_officer, replace(review, year=2026), rules.REVIEW_YEAR)
    assert_refused(ledger, county.b1_officer, replace(review, year=2023, grade="good"), rules.CHOICE)


def probationer(ledger: Ledger, county: SmallCounty) -> UUID:
    return enrol(ledger, county, 3, standing="probationary", joined=date(2023, 7, 1),
                    registered=date(2023, 7, 2))


def test_probation_is_decided_for_probationary_members_once_due(ledger: Ledger, county: SmallCounty) -> None:
    full = enrol(ledger, county)
    assert_refused(ledger, county.b1_officer, DecideProbation(member_id=full, outcome="on_time"),
                   rules.NOT_PROBATIONARY)
    member_id = probationer(ledger, county)
    early = DecideProbation(member_id=member_id, outcome="on_time", effective_on=date(2024, 6, 30))
    assert_refused(ledger, county.b1_officer, early, rules.PROBATION_NOT_DUE,
                   text="预备党员转正：预备期至2024-07-01才满")
    ledger.execute(county.b1_officer, replace(early, effective_on=date(2024, 7, 1)))
    assert member(ledger, member_id).standing == "full"


def test_no_decision_in_absentia(ledger: Ledger, county: SmallCounty) -> None:
    """Not without the member, rather than not while away (tests/domain/test_reviews_probation.py)."""
    member_id = probationer(ledger, county)
    ledger.execute(county.b1_officer, departure(member_id, date(2024, 5, 1)))
    decide = DecideProbation(member_id=member_id, outcome="on_time", attendance="absent", effective_on=date(2024, 8, 1))
    assert_refused(ledger, county.b1_officer, decide, rules.PROBATION_ABSENT,
                   text="预备党员转正：不得缺席转正：转正、延长预备期须记录本人参加支部大会的方式"
                        "（in_person（本人到会）、video（视频参会））")
    ledger.execute(county.b1_officer, replace(decide, attendance="video"))
    assert member(ledger, member_id).standing == "full"


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
                                                      reason="延长期满仍不具备党员条件", effective_on=date(2025, 1, 2)))
    assert member(ledger, member_id).status == MemberStatus.ENDED


def test_a_transfer_receipt_follows_a_letter(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    receipt = RecordTransferReceipt(member_id=member_id, letter_number="511922-20240301-001",
                                    effective_on=date(2024, 3, 20))
    assert_refused(ledger, county.b1_officer, receipt, rules.NO_LETTER)
    letter = IssueTransferLetter(member_id=member_id, to_org_name="中共成都市武侯区某街道工委",
                                 effective_on=date(2024, 3, 1))
    assert_refused(ledger, county.b1_officer, replace(letter, validity_days=120), rules.RANGE)
    ledger.execute(county.b1_officer, letter)
    assert_refused(ledger, county.b1_officer, replace(letter, effective_on=date(2024, 4, 1)),
                   rules.LETTER_OPEN, text="组织关系转接：已于2024-03-01开具介绍信，尚在有效期内")
    ledger.execute(county.b1_officer, receipt)
    assert member(ledger, member_id).status == MemberStatus.ENDED
    assert_refused(ledger, county.b1_officer, departure(member_id, date(2024, 5, 1)), rules.MEMBER_ENDED,
                   text="在册：该党员已不在册（组织关系转出本县）")


def test_membership_ends_with_a_reason(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    for by_other_means in ("probation_cancelled", "handed_over"):
        assert_refused(ledger, county.b1_officer, EndMembership(member_id=member_id, reason=by_other_means),
                       rules.CHOICE)
    ledger.execute(county.b1_officer, EndMembership(member_id=member_id, reason="died"))
    assert member(ledger, member_id).ended == "died"


def test_a_stale_expected_version_is_refused(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
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
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, IssueTransferLetter(member_id=member_id, to_org_name="某街道工委",
                                                          effective_on=date(2024, 3, 1)))
    assert_refused(ledger, county.b1_officer, RecordTransferReceipt(
        member_id=member_id, letter_number="511922-20240301-001", effective_on=date(2024, 2, 1)),
                   rules.RECEIPT_BEFORE_LETTER, text="组织关系转接：回执日期不能早于介绍信开具日期（2024-03-01）")


def test_personal_data_is_revealed_on_request_and_the_look_is_recorded(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
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
