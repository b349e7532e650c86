"""The dues ledger's rules (党费): the money received is recorded and judged, not
refused, when it is more or less than the table or paid back further than the
limit; approvals (少交/免交) by the home branch's officers; what is still refused."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain import rules
from domain.commands import (
    ApproveDuesReduction, CorrectEvent, RecordDues, RecordLegacySummary, RecordReportIn, VoidEvent,
)
from domain.ledger import Ledger
from domain.member_dues import DuesLine
from domain.vocab import DuesKind
from tests.support.county import SmallCounty, id_number
from tests.support.helpers import assert_refused
from tests.support.members import away, enrol, member

WAGE = 4500  # fen a month at 4500 yuan after tax: 1%


def dues(member_id: UUID, months: tuple[str, ...], amount: int, on: date = date(2024, 6, 10),
         basis: str = "wage", income: int | None = 450000, collector: str = "home") -> RecordDues:
    return RecordDues(member_id=member_id, months=months, amount_fen=amount, collector=collector, basis=basis,
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
    ({"reason": "病历号139 1234 5678"}, rules.CARE_NUMBER, "reason"),  # hardship stays, numbers stay out
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


def test_the_late_back_pay_example_of_the_figures(ledger: Ledger, county: SmallCounty) -> None:
    """docs/figures.md: with 6, a payment in June 2025 for November 2024 is late, for December 2024 not."""
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, dues(member_id, ("2024-11", "2024-12"), 2 * WAGE, on=date(2025, 6, 1)))
    assert lines(ledger, member_id)[0].late_months == ("2024-11",)


def test_who_records_a_payment_decides_who_collected_it(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    inflow = dues(member_id, ("2024-03",), WAGE, on=date(2024, 3, 10), collector="inflow")
    assert_refused(ledger, county.b1_officer, inflow, rules.DUES_NOT_REPORTED, field="collector",
                   text="收缴单位：该党员2024-03-10未向流入地党组织报到，收缴单位不能为流入地党组织")
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 1),
                                                     effective_on=date(2024, 3, 20)))
    assert_refused(ledger, county.b1_officer, inflow, rules.DUES_NOT_REPORTED)  # not reported in on that day
    assert_refused(ledger, county.mb_officer, dues(member_id, ("2024-04",), WAGE, on=date(2024, 4, 10)),
                   rules.DUES_INFLOW_COLLECTS, field="collector")
    ledger.execute(county.mb_officer, dues(member_id, ("2024-04",), WAGE, on=date(2024, 4, 10), collector="inflow"))
    ledger.execute(county.b1_officer, dues(member_id, ("2024-05",), WAGE, on=date(2024, 5, 10)))  # the home branch's
    ledger.execute(county.b1_officer, dues(member_id, ("2024-06",), WAGE, collector="inflow"))  # passed on by the inflow
    assert [(p.collector, p.collector_org_id) for p in member(ledger, member_id).dues_payments] == [
        ("inflow", county.mb), ("home", county.b1), ("inflow", county.mb)]


def test_months_the_old_register_says_are_paid_are_not_paid_again(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.admin, RecordLegacySummary(member_id=member_id, paid_through="2024-05",
                                                     effective_on=date(2024, 3, 5)))
    assert_refused(ledger, county.b1_officer, dues(member_id, ("2024-04", "2024-05", "2024-06"), 3 * WAGE),
                   rules.DUES_PAID_LEGACY, field="months",
                   text="交纳党费：原党员台账记载党费已交至2024-05，2024-04、2024-05不能再次交纳")
    ledger.execute(county.b1_officer, dues(member_id, ("2024-06",), WAGE))
    assert member(ledger, member_id).paid_through == "2024-06"
