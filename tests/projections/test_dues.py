"""The dues ledger (党费台账) as the views answer it: one row per payment judged
against the table and the approvals, kept right under later approvals, corrections
and voids; the totals; the subtree; the two flags and how long they stay. On both stores."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain import rules
from domain.commands import ApproveDuesReduction, CorrectEvent, RecordDues, RecordReportIn, VoidEvent
from domain.errors import LedgerError
from domain.ledger import Ledger
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty, id_number
from tests.support.members import away

WAGE = 4500  # fen a month at 4500 yuan


def pay(ledger: Ledger, actor: UUID, member_id: UUID, months: tuple[str, ...], amount: int, on: date,
        collector: str = "home") -> int:
    done = ledger.execute(actor, RecordDues(member_id=member_id, months=months, amount_fen=amount, collector=collector,
                                            basis="wage", income_fen=450000, effective_on=on))
    return done.positions[0]


def kinds(projected: Projected, **filters: object) -> list[tuple[str, str]]:
    found = projected.sync().dues(**filters)  # type: ignore[arg-type]
    return [(row["months"][0], row["kind"]) for row in found["rows"]]


def test_each_payment_is_a_row_with_its_kind_and_the_totals_add_up(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    a, b = away(ledger, county, 1), away(ledger, county, 2)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 2),
                                                     effective_on=date(2024, 3, 20)))
    pay(ledger, county.b1_officer, a, ("2024-04", "2024-05", "2024-06"), 3 * WAGE + 5000, date(2024, 6, 10))  # extra
    pay(ledger, county.b1_officer, a, ("2024-07",), 1000, date(2024, 7, 10))  # short
    pay(ledger, county.mb_officer, b, ("2023-06", "2024-04"), 2 * WAGE, date(2024, 4, 15), "inflow")  # late back-pay
    found = projected.sync().dues()
    assert [(r["months"], r["kind"], r["back_pay"]) for r in found["rows"]] == [
        (["2024-07"], "short", False), (["2024-04", "2024-05", "2024-06"], "extra", False),
        (["2023-06", "2024-04"], "standard", True)]  # newest first
    assert found["totals"] | {"by_kind": None} == {
        "payments": 3, "received_fen": 5 * WAGE + 6000, "table_fen": 6 * WAGE, "table_unknown": 0,
        "extra_fen": 5000, "short_fen": WAGE - 1000, "by_kind": None, "back_pay": 1, "late_back_pay": 1}
    assert found["rows"][2]["late_months"] == ["2023-06"] and found["rows"][2]["collector_org_name"]
    # Filters: kind, months, the subtree (home, or where it was collected), another township.
    assert kinds(projected, kind="late_back_pay") == [("2023-06", "standard")]
    assert kinds(projected, kind="extra") == [("2024-04", "extra")]
    assert kinds(projected, from_month="2024-07") == [("2024-07", "short")]
    assert kinds(projected, until_month="2023-12") == [("2023-06", "standard")]
    assert kinds(projected, org_id=county.mb) == [("2023-06", "standard")]
    assert len(kinds(projected, org_id=county.t1)) == 3 and kinds(projected, org_id=county.t2) == []
    with pytest.raises(LedgerError) as bad:
        projected.views.dues(kind="late")
    assert bad.value.code == rules.CHOICE.code and bad.value.field == "kind"


def test_an_approval_a_correction_and_a_void_judge_the_rows_again(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    a = away(ledger, county)
    pay(ledger, county.b1_officer, a, ("2025-04", "2025-05"), 2000, date(2025, 5, 10))
    assert [f["kind"] for f in projected.sync().flags(date(2025, 6, 1))
            if f["kind"].startswith("dues_below")] == ["dues_below_table"]
    approval = ledger.execute(county.b1_officer, ApproveDuesReduction(
        member_id=a, approved_by="中共长赤镇委员会", from_month="2025-04", monthly_fen=1000, reason="大病住院",
        effective_on=date(2025, 5, 20))).positions[0]
    assert kinds(projected) == [("2025-04", "reduced")]
    assert not [f for f in projected.views.flags(date(2025, 6, 1)) if f["kind"] == "dues_below_table"]
    ledger.execute(county.b1_officer, CorrectEvent(position=approval, changes={"until_month": "2025-04"},
                                                   reason="五月起恢复"))
    assert kinds(projected) == [("2025-04", "short")]
    mine = projected.views.member_dues(a)
    assert mine["reductions"][0]["until_month"] == "2025-04" and mine["payments"][0]["short_fen"] == WAGE - 1000
    paid = projected.views.dues()["rows"][0]
    ledger.execute(county.b1_officer, VoidEvent(position=paid["position"],
                                                reason="金额登记有误"))
    assert kinds(projected) == [] and projected.views.member_dues(a)["reductions"]


def test_flags_name_the_payment_for_the_policys_months(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    a = away(ledger, county)
    pay(ledger, county.b1_officer, a, ("2024-08",), 1000, date(2024, 8, 10))
    pay(ledger, county.b1_officer, a, ("2024-01", "2024-09"), 2 * WAGE, date(2024, 9, 10))
    flags = {f["kind"]: f for f in projected.sync().flags(date(2025, 6, 1)) if f["kind"].startswith("dues_")}
    assert flags["dues_below_table"]["detail"] == \
        "2024-08-10交纳2024-08党费10.00元，按标准应交45.00元（在职（按税后月工资）），少交35.00元"
    assert flags["dues_late_back_pay"]["label"] == "补交党费超过6个月（一般不超过6个月）"
    assert flags["dues_late_back_pay"]["member_id"] == str(a) and flags["dues_late_back_pay"]["township_name"]
    later = {f["kind"] for f in projected.views.flags(date(2025, 8, 11))}
    assert "dues_below_table" not in later and "dues_late_back_pay" in later  # 12 months from the payment
    assert projected.views.flags(date(2025, 6, 1), org_id=county.t2) == []


def test_a_month_range_keeps_payments_with_a_month_in_it_and_counts_them_whole(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    a = away(ledger, county)
    pay(ledger, county.b1_officer, a, ("2024-06", "2025-05"), 2 * WAGE, date(2025, 5, 10))  # a gap between them
    assert projected.sync().dues(from_month="2024-08", until_month="2024-12")["totals"]["received_fen"] == 0
    for start, until in (("2024-06", "2024-06"), ("2025-01", "2025-05"), ("2024-01", None), (None, "2024-06")):
        found = projected.views.dues(from_month=start, until_month=until)
        assert (found["total"], found["totals"]["received_fen"]) == (1, 2 * WAGE), (start, until)


def test_an_inflow_organisation_reads_what_it_collected_and_no_reasons(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    a = away(ledger, county)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 1),
                                                     effective_on=date(2024, 3, 20)))
    pay(ledger, county.b1_officer, a, ("2024-03",), WAGE, date(2024, 3, 10))  # the home branch collected it
    pay(ledger, county.mb_officer, a, ("2024-04",), WAGE, date(2024, 4, 10), "inflow")
    ledger.execute(county.b1_officer, ApproveDuesReduction(
        member_id=a, approved_by="中共长赤镇委员会", from_month="2024-05", monthly_fen=0, reason="患病住院",
        effective_on=date(2024, 4, 20)))
    seen = projected.sync().member_dues(a, collected_by=county.mb)
    assert [p["months"] for p in seen["payments"]] == [["2024-04"]] and seen["totals"]["received_fen"] == WAGE
    [approval] = seen["reductions"]
    assert (approval["reason"], approval["approved_by"], approval["exempt"]) == (None, None, True)
    assert kinds(projected, org_id=county.mb, collected_by=county.mb) == [("2024-04", "standard")]
    assert len(kinds(projected, org_id=county.mb)) == 2  # an officer above it sees the member's all
    assert projected.views.member_dues(a)["reductions"][0]["reason"] == "患病住院"
