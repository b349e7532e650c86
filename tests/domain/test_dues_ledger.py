"""The dues ledger's rules (党费): the money received is recorded and judged, not
refused, when it is more or less than the table or paid back further than the
limit; approvals (少交/免交) by the home branch's officers; what is still refused."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain import rules
from domain.commands import ApproveDuesReduction, CorrectEvent, RecordDues, VoidEvent
from domain.ledger import Ledger
from domain.member_dues import DuesLine
from domain.vocab import DuesKind
from tests.support.county import SmallCounty
from tests.support.helpers import assert_refused
from tests.support.members import away, enrol, member

WAGE = 4500  # fen a month at 4500 yuan after tax: 1%


def dues(member_id: UUID, months: tuple[str, ...], amount: int, on: date = date(2024, 6, 10),
         basis: str = "wage", income: int | None = 450000) -> RecordDues:
    return RecordDues(member_id=member_id, months=months, amount_fen=amount, collector="home", basis=basis,
                      income_fen=income, effective_on=on)


def approve(member_id: UUID, start: str, monthly: int, until: str | None = None,
            on: date = date(2024, 5, 20)) -> ApproveDuesReduction:
    return ApproveDuesReduction(member_id=member_id, approved_by="中共长赤镇委员会", from_month=start,
                                until_month=until, monthly_fen=monthly, reason="家庭困难", effective_on=on)


def lines(ledger: Ledger, member_id: UUID) -> list[DuesLine]:
    return member(ledger, member_id).dues_lines()


def test_more_than_the_table_is_recorded_as_voluntary_extra(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, dues(member_id, ("2024-05", "2024-06"), 2 * WAGE + 10000))
    [line] = lines(ledger, member_id)
    assert (line.kind, line.extra_fen, line.table_fen, line.short_fen) == (DuesKind.EXTRA, 10000, 2 * WAGE, 0)
    assert member(ledger, member_id).paid_through == "2024-06"


def test_less_than_the_table_is_recorded_short_until_an_approval_covers_it(ledger: Ledger,
                                                                          county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, dues(member_id, ("2024-06",), 2000))
    assert (lines(ledger, member_id)[0].kind, lines(ledger, member_id)[0].short_fen) == (DuesKind.SHORT, WAGE - 2000)
    ledger.execute(county.b1_officer, approve(member_id, "2024-06", 2000, on=date(2024, 7, 1)))  # approved later
    assert (lines(ledger, member_id)[0].kind, lines(ledger, member_id)[0].due_fen) == (DuesKind.REDUCED, 2000)


def test_nothing_is_paid_only_for_months_approved_exempt(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-05", "2024-06"), 0), rules.DUES_ZERO,
                   text="免交党费：实交金额为0元的，所交月份须经批准免交：2024-05、2024-06未经批准免交",
                   field="amount_fen")
    ledger.execute(county.b1_officer, approve(member_id, "2024-06", 0, until="2024-12"))
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-05", "2024-06"), 0), rules.DUES_ZERO,
                   text="免交党费：实交金额为0元的，所交月份须经批准免交：2024-05未经批准免交")
    ledger.execute(county.b1_officer, dues(member_id, ("2024-06",), 0))
    assert lines(ledger, member_id)[0].kind == DuesKind.EXEMPT
    assert member(ledger, member_id).paid_through == "2024-06"  # 免交 months count as settled


def test_back_pay_beyond_the_limit_is_recorded_and_marked_late(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, dues(member_id, ("2023-11", "2023-12", "2024-03", "2024-06"), 4 * WAGE))
    [line] = lines(ledger, member_id)
    assert line.kind == DuesKind.STANDARD
    assert line.back_months == ("2023-11", "2023-12", "2024-03")  # before the three months paid in
    assert line.late_months == ("2023-11",)  # beyond back_pay_months (6)


def test_nonsense_is_still_refused(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, dues(member_id, ("2024-06",), WAGE))
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-06",), WAGE), rules.DUES_PAID)
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-09",), WAGE), rules.DUES_PREPAY)
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-13",), WAGE), rules.MONTH)
    assert_refused(ledger, county.b1_officer, dues(member_id, (), WAGE), rules.DUES_MONTHS)
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2010-06",), WAGE), rules.DUES_BEFORE_JOINED,
                   text="交纳党费：所交月份不能早于入党时间所在月份（2010-07）")
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-05",), 100_000_001), rules.RANGE,
                   field="amount_fen")
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-05",), -1), rules.RANGE, field="amount_fen")
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-05",), WAGE, income=None), rules.RANGE,
                   field="income_fen")
    enrolled = enrol(ledger, county, 2)
    assert_refused(ledger, county.b1_officer, dues(enrolled, ("2024-06",), WAGE), rules.NOT_AWAY_ON)


@pytest.mark.parametrize(("change", "rule", "field"), [
    ({"from_month": "2024-6"}, rules.MONTH, "from_month"),
    ({"until_month": "2024-04"}, rules.DUES_REDUCTION_ORDER, "until_month"),
    ({"from_month": "2009-01"}, rules.DUES_BEFORE_JOINED, "from_month"),
    ({"monthly_fen": -5}, rules.RANGE, "monthly_fen"),
    ({"approved_by": ""}, rules.REQUIRED, "approved_by"),
    ({"reason": " "}, rules.REQUIRED, "reason"),
])
def test_an_approval_names_who_from_when_and_how_much(ledger: Ledger, county: SmallCounty, change: dict[str, object],
                                                       rule: rules.Rule, field: str) -> None:
    member_id = away(ledger, county)
    command = approve(member_id, "2024-05", 1000)
    assert_refused(ledger, county.b1_officer, ApproveDuesReduction(**{**vars(command), **change}), rule, field=field)


def test_approvals_are_for_officers_of_the_home_subtree(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.io_officer, approve(member_id, "2024-05", 1000), rules.ROLE)
    assert_refused(ledger, county.t2_officer, approve(member_id, "2024-05", 1000), rules.JURISDICTION)
    ledger.execute(county.t1_officer, approve(member_id, "2024-05", 1000))
    assert member(ledger, member_id).dues_reductions[0].approved_by == "中共长赤镇委员会"


def test_the_latest_approval_covering_a_month_decides_and_an_open_one_can_be_ended(ledger: Ledger,
                                                                                  county: SmallCounty) -> None:
    member_id = away(ledger, county)
    opened = ledger.execute(county.b1_officer, approve(member_id, "2024-03", 1000))
    ledger.execute(county.b1_officer, approve(member_id, "2024-05", 0, until="2024-05"))
    ledger.execute(county.b1_officer, dues(member_id, ("2024-04", "2024-05", "2024-06"), 2000))
    assert (lines(ledger, member_id)[0].kind, lines(ledger, member_id)[0].due_fen) == (DuesKind.REDUCED, 2000)
    position = opened.positions[0]
    ledger.execute(county.b1_officer, CorrectEvent(position=position, changes={
        "until_month": "2024-04"}, reason="已恢复正常交纳"))
    assert (lines(ledger, member_id)[0].kind, lines(ledger, member_id)[0].short_fen) == (DuesKind.SHORT, WAGE - 1000)
    ledger.execute(county.b1_officer, VoidEvent(position=position, reason="批准有误"))
    assert lines(ledger, member_id)[0].due_fen == 2 * WAGE
