"""Transfer letters (组织关系介绍信): the number, the receiver, the stub, and the
receipt (回执) that names the letter; every refusal (in-memory store)."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date, timedelta
from uuid import UUID

from domain import rules
from domain.commands import CloseOrganisation, IssueTransferLetter, RecordTransferReceipt, VoidEvent
from domain.ledger import Ledger
from domain.letters import first_free_number
from domain.member_events import TransferLetterIssued, TransferReceived
from domain.vocab import MemberStatus
from tests.domain.test_versions import event, stored_state
from tests.support.county import SmallCounty
from tests.support.helpers import assert_refused
from tests.support.members import away, enrol, member

ISSUED = date(2024, 3, 1)


def letter(member_id: object, **fields: object) -> IssueTransferLetter:
    return IssueTransferLetter(member_id=member_id, effective_on=ISSUED,  # type: ignore[arg-type]
                               **{"to_org_name": "中共成都市武侯区某街道工委", **fields})  # type: ignore[arg-type]


def receipt(member_id: object, number: str, on: date = date(2024, 3, 20)) -> RecordTransferReceipt:
    return RecordTransferReceipt(member_id=member_id, letter_number=number, effective_on=on)  # type: ignore[arg-type]


def test_a_letter_without_a_number_is_numbered_by_county_day_and_serial_and_its_stub_is_kept(
        ledger: Ledger, county: SmallCounty) -> None:
    first, second = enrol(ledger, county, 1), enrol(ledger, county, 2)
    ledger.execute(county.t1_officer, letter(first))
    ledger.execute(county.t1_officer, letter(second, to_org_name=None, to_org_id=county.b2))
    stub = member(ledger, first).letter
    assert stub is not None and stub.number == "511922-20240301-001"
    assert (stub.from_branch_id, stub.to_org_id, stub.to_org_name) == (county.b1, None, "中共成都市武侯区某街道工委")
    assert (stub.issued_by, stub.issued_for, stub.validity_days) == (str(county.t1_officer), county.t1, 90)
    assert stub.valid_until == date(2024, 5, 30)  # the day of issue is not counted
    other = member(ledger, second).letter
    assert other is not None and other.number == "511922-20240301-002"
    assert (other.to_org_id, other.to_org_name) == (county.b2, "赤溪镇新民村党支部")


def test_a_generated_number_takes_the_next_serial_of_the_day_and_never_a_taken_one() -> None:
    def after(*serials: int) -> str:
        taken = {f"511922-20240301-{s:03d}" for s in serials}
        found = first_free_number("511922", ISSUED, taken.__contains__)
        assert found not in taken
        return found

    assert after() == "511922-20240301-001"
    assert after(*range(1, 101)) == "511922-20240301-101"
    assert after(1, 2, 3, 7) == "511922-20240301-004"  # 7 typed by an officer


def test_a_number_is_used_once_in_the_county_even_when_its_letter_is_voided(
        ledger: Ledger, county: SmallCounty) -> None:
    first, second = enrol(ledger, county, 1), enrol(ledger, county, 2)
    position = ledger.execute(county.t1_officer, letter(first, letter_number="南组转〔2024〕1号")).positions[0]
    assert_refused(ledger, county.t1_officer, letter(second, letter_number=" 南组转〔2024〕1号 "),
                   rules.LETTER_NUMBER_USED, text="介绍信编号：介绍信编号南组转〔2024〕1号已使用（作废的介绍信也保留其编号）",
                   field="letter_number")
    ledger.execute(county.t1_officer, VoidEvent(position=position, reason="填写错误"))
    assert member(ledger, first).letter is None
    assert_refused(ledger, county.t1_officer, letter(first, letter_number="南组转〔2024〕1号"),
                   rules.LETTER_NUMBER_USED)
    assert_refused(ledger, county.t1_officer, letter(first, letter_number="号" * 31), rules.TOO_LONG)


def test_the_receiver_is_a_branch_of_the_county_or_a_name_outside_never_both(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.admin, CloseOrganisation(org_id=county.b1b, reason="撤并", effective_on=date(2024, 1, 1)))
    for command, rule in [
        (letter(member_id, to_org_id=county.b2), rules.LETTER_RECEIVER),
        (letter(member_id, to_org_name=" "), rules.LETTER_RECEIVER),
        (letter(member_id, to_org_name=None, to_org_id=county.p1), rules.LETTER_RECEIVER_KIND),
        (letter(member_id, to_org_name=None, to_org_id=county.b1), rules.LETTER_RECEIVER_OWN),
        (letter(member_id, to_org_name=None, to_org_id=county.b1b), rules.ORG_CLOSED),
        (letter(member_id, to_org_name=None, to_org_id=UUID(int=7)), rules.ORG_NOT_FOUND),
    ]:
        assert_refused(ledger, county.t1_officer, command, rule)
    assert_refused(ledger, county.t1_officer, letter(member_id, to_org_name=None, to_org_id=county.t2),
                   rules.LETTER_RECEIVER_KIND, text="接收组织：本县的接收组织应为党支部，中共赤溪镇委员会是乡镇党委")


def test_a_receipt_names_the_letter_and_ends_the_membership_when_the_receiver_is_outside(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    assert_refused(ledger, county.b1_officer, receipt(member_id, ""), rules.NO_LETTER)
    ledger.execute(county.t1_officer, letter(member_id, letter_number="南组转〔2024〕7号"))
    assert_refused(ledger, county.b1_officer, receipt(member_id, "南组转〔2024〕8号"), rules.RECEIPT_NUMBER,
                   text="组织关系介绍信回执：回执所注介绍信编号（南组转〔2024〕8号）与该党员的介绍信（南组转〔2024〕7号）不符")
    assert_refused(ledger, county.b1_officer, receipt(member_id, ""), rules.RECEIPT_NUMBER)
    assert_refused(ledger, county.b1_officer, receipt(member_id, "南组转〔2024〕7号", ISSUED - timedelta(days=1)),
                   rules.RECEIPT_BEFORE_LETTER)
    ledger.execute(county.b1_officer, receipt(member_id, "南组转〔2024〕7号"))
    assert (member(ledger, member_id).ended, member(ledger, member_id).ended_on) == ("transferred_out",
                                                                                    date(2024, 3, 20))


def test_a_receipt_from_a_branch_of_the_county_moves_the_member_there_who_stays_in_the_register(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.t1_officer, letter(member_id, to_org_name=None, to_org_id=county.b2))
    number = member(ledger, member_id).letter.number  # type: ignore[union-attr]
    outcome = ledger.execute(county.b1_officer, receipt(member_id, number, on=date(2024, 7, 1)))  # after 90 days
    assert len(outcome.positions) == 2, "the receipt, and the move to the receiving branch"
    moved = member(ledger, member_id)
    assert (moved.ended, moved.branch_id, moved.status) == (None, county.b2, MemberStatus.AWAY)
    assert moved.letter is not None and moved.letter.received_on == date(2024, 7, 1)
    again = receipt(member_id, number, on=date(2024, 7, 2))
    assert_refused(ledger, county.b1_officer, again, rules.JURISDICTION)  # 赤溪镇's member now
    assert_refused(ledger, county.t2_officer, again, rules.NO_LETTER)


def test_letters_and_receipts_stored_before_numbers_read_as_unnumbered(ledger: Ledger) -> None:
    issued = event(TransferLetterIssued, to_org_name="某街道工委", validity_days=90, dues_paid_through=None,
                   letter_number="X1", to_org_id=None)
    state = stored_state(ledger, issued)
    assert state["class_version"] == 2
    del state["class_version"], state["letter_number"], state["to_org_id"]  # what version 1 stored
    old = dataclasses.replace(ledger.mapper.to_stored_event(issued), state=ledger.mapper.transcoder.encode(state))
    read = ledger.mapper.to_domain_event(old)
    assert isinstance(read, TransferLetterIssued) and (read.letter_number, read.to_org_id) == ("", None)
    received = event(TransferReceived, letter_number="X1")
    state = stored_state(ledger, received)
    del state["class_version"], state["letter_number"]
    old = dataclasses.replace(ledger.mapper.to_stored_event(received), state=ledger.mapper.transcoder.encode(state))
    assert replace(ledger.mapper.to_domain_event(old), letter_number="X1") == received  # type: ignore[type-var]
