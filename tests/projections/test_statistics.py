"""Statistics (持证率) and the flags people act on: each flag appears when its
situation arises and disappears when it is resolved. On both stores."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from uuid import UUID

from domain.commands import (
    ChangePolicy, CheckCertificate, DecideProbation, EstablishOrganisation, IssueTransferLetter, RecordActivity, RecordContact, RecordDues,
    RecordReportIn, RecordReview, RecordTransferReceipt,
)
from domain.ledger import Ledger
from tests.support.county import SmallCounty, id_number, member_command
from tests.projections.conftest import Projected
from tests.support.certificates import holder
from tests.support.members import away, departure, enrol
from tests.support.stores import Clock

TODAY = date(2025, 6, 1)


def flagged(projected: Projected, kind: str, as_of: date = TODAY) -> list[str | None]:
    return [f["name"] or f["detail"] for f in projected.sync().flags(as_of) if f["kind"] == kind]


def settled(ledger: Ledger, county: SmallCounty, member_id: UUID) -> None:
    """Dues, activity and review up to date, so that only the flag under test shows."""
    ledger.execute(county.b1_officer, RecordDues(member_id=member_id, months=("2025-05", "2025-06"),
                                                 amount_fen=9000, collector="home", basis="wage",
                                                 income_fen=450000, effective_on=date(2025, 5, 30)))
    ledger.execute(county.b1_officer, RecordActivity(member_id=member_id, kind="quarterly", title="季度活动",
                                                     effective_on=date(2025, 5, 30)))
    ledger.execute(county.b1_officer, RecordReview(member_id=member_id, year=2024, grade="qualified",
                                                   effective_on=date(2025, 1, 10)))


def test_statistics_of_the_county_and_of_a_township(ledger: Ledger, county: SmallCounty,
                                                    projected: Projected) -> None:
    holder(ledger, county, 1)
    away(ledger, county, 2)
    enrol(ledger, county, 3)
    fourth = ledger.execute(county.admin, member_command(county.b2, 4)).subject_id
    ledger.execute(county.admin, departure(fourth))  # type: ignore[arg-type]
    stats = projected.sync().statistics()
    assert (stats["members"], stats["away"], stats["holding"], stats["holding_rate"]) == (4, 3, 1, 33.3)
    assert [{k: r[k] for k in ("province", "city", "members")} for r in stats["by_destination"]] == [
        {"province": "四川省", "city": "成都市", "members": 3}]
    assert stats["by_industry"] == [{"industry": "construction", "members": 3}]
    assert {r["township_name"]: (r["members"], r["away"], r["holding"]) for r in stats["by_township"]} == {
        "中共长赤镇委员会": (3, 2, 1), "中共赤溪镇委员会": (1, 1, 0)}
    township = projected.views.statistics(county.t1)
    assert (township["members"], township["away"], township["holding_rate"]) == (3, 2, 50.0)


def test_lost_contact_for_six_months(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="lost",
                                                    lost_reason="job_change", effective_on=date(2024, 10, 1)))
    assert flagged(projected, "lost_contact", date(2024, 8, 31)) == []
    assert flagged(projected, "lost_contact") == ["党员1"]
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="visit", outcome="reached",
                                                    effective_on=date(2025, 5, 20)))
    assert flagged(projected, "lost_contact") == []


def test_dues_unpaid_for_six_months(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)
    assert flagged(projected, "dues_unpaid", date(2024, 8, 31)) == []
    assert flagged(projected, "dues_unpaid") == ["党员1"]
    ledger.execute(county.b1_officer, RecordDues(
        member_id=member_id, months=tuple(f"2024-{m:02d}" for m in (12,)) + tuple(f"2025-{m:02d}" for m in range(1, 7)),
        amount_fen=7 * 4500, collector="home", basis="wage", income_fen=450000, effective_on=date(2025, 6, 1)))
    assert flagged(projected, "dues_unpaid") == []


def test_no_organisational_life_for_six_months(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)
    assert flagged(projected, "no_activity") == ["党员1"]
    ledger.execute(county.b1_officer, RecordActivity(member_id=member_id, kind="night_school", title="流动党员夜校",
                                                     effective_on=date(2025, 5, 1)))
    assert flagged(projected, "no_activity") == []


def test_no_review_for_last_year(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)
    assert flagged(projected, "no_review") == ["党员1"]  # June: the 2024 review was due by the end of March
    ledger.execute(county.b1_officer, RecordReview(member_id=member_id, year=2024, grade="excellent",
                                                   effective_on=date(2025, 1, 10)))
    assert flagged(projected, "no_review") == []


def test_probation_due(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = enrol(ledger, county, 3, standing="probationary", joined=date(2024, 5, 1),
                         registered=date(2024, 5, 2))
    assert flagged(projected, "probation_due", date(2025, 3, 1)) == []
    assert flagged(projected, "probation_due") == ["党员3"]
    ledger.execute(county.b1_officer, DecideProbation(member_id=member_id, outcome="on_time"))
    assert flagged(projected, "probation_due") == []


def test_a_receipt_is_overdue_once_the_letter_is_no_longer_valid(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, IssueTransferLetter(member_id=member_id, to_org_name="某街道工委",
                                                          letter_number="南组转〔2025〕3号", effective_on=date(2025, 3, 1)))
    assert flagged(projected, "receipt_overdue", date(2025, 4, 15)) == [], "not at 30 days: the letter is valid 90"
    assert flagged(projected, "receipt_overdue", date(2025, 5, 30)) == [], "its last valid day"
    [flag] = [f for f in projected.sync().flags(date(2025, 5, 31)) if f["kind"] == "receipt_overdue"]
    assert (flag["name"], flag["label"]) == ("党员1", "组织关系介绍信已过有效期，未收到回执")
    assert flag["detail"] == "2025-03-01开具介绍信（编号南组转〔2025〕3号），转往某街道工委，有效期90天至2025-05-30，至今未收到回执"
    ledger.execute(county.b1_officer, RecordTransferReceipt(member_id=member_id, letter_number="南组转〔2025〕3号"))
    assert flagged(projected, "receipt_overdue") == []


def test_three_full_members_at_a_place_without_a_branch(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    for seq in range(1, 4):
        member_id = enrol(ledger, county, seq)
        ledger.execute(county.b1_officer, replace(departure(member_id), province="陕西省", city="西安市",
                                                  employer="西安某矿业公司"))
        settled(ledger, county, member_id)
    flags = {f["kind"]: f for f in projected.sync().flags(TODAY) if f["kind"] != "report_in_overdue"}
    assert flags["no_branch_at_destination"]["label"] == "流入地有3名正式党员未在当地党组织报到，且未建立流动党员党支部"
    assert flags["no_branch_at_destination"]["detail"] == "陕西省西安市：党员1、党员2、党员3"
    assert "no_branch_at_employer" not in flags, "employers are flagged from the enterprise register"
    ledger.execute(county.admin, EstablishOrganisation(kind="mobile_branch", name="西安市南江流动党员党支部",
                                                       parent_id=county.committee, province="陕西省", city="西安市"))
    assert {f["kind"] for f in projected.sync().flags(TODAY)} == {"report_in_overdue", "no_liaison"}


def test_flags_are_scoped_to_a_subtree(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    away(ledger, county)
    ledger.execute(county.b1_officer, RecordReportIn(
        member_id=ledger.member_id_for(id_number(date(1985, 3, 4), 1)), org_id=county.mb))
    views = projected.sync()
    assert {f["kind"] for f in views.flags(TODAY, county.t1)} == {"dues_unpaid", "no_activity", "no_review",
                                                                  "no_liaison"}
    assert views.flags(TODAY, county.t2) == []
    assert len(views.flags(TODAY, county.mb)) == 4


def test_a_certificate_stops_counting_when_its_check_lapses_and_counts_again_after_a_late_check(
        ledger: Ledger, county: SmallCounty, projected: Projected, clock: Clock) -> None:
    member_id, number = holder(ledger, county)  # issued 2025-03-01: check due 2026-03-01, grace 30 days

    def held_on(day: date) -> tuple[int, int]:
        stats = projected.sync().statistics(day=day)
        return stats["holding"], stats["lapsed"]

    assert held_on(date(2026, 3, 31)) == (1, 0)  # the last day of the grace
    assert held_on(date(2026, 4, 1)) == (0, 1)  # lapsed at midnight, with no event
    clock.at = datetime(2026, 4, 10, 4, 0, tzinfo=UTC)
    assert projected.sync().member(member_id)["certificate_standing"] == "lapsed"
    assert projected.views.certificate(number)["standing"] == "lapsed"
    ledger.execute(county.b1_officer, CheckCertificate(number=number, year=2026, effective_on=date(2026, 4, 10)))
    assert held_on(date(2026, 4, 10)) == (1, 0)  # a late check: current again, due 2027-04-10
    assert projected.views.member(member_id)["certificate_check_due"] == "2027-04-10"


def test_with_the_switch_off_a_lapsed_certificate_still_counts_as_held(
        ledger: Ledger, county: SmallCounty, projected: Projected, clock: Clock) -> None:
    holder(ledger, county)
    clock.at = datetime(2026, 4, 10, 4, 0, tzinfo=UTC)
    ledger.execute(county.admin, ChangePolicy(changes={"holding_requires_current_check": False},
                                              effective_on=date(2026, 4, 1)))
    stats = projected.sync().statistics(day=date(2026, 4, 2))
    assert (stats["holding"], stats["lapsed"], stats["holding_rate"]) == (1, 1, 100.0)
    assert projected.views.statistics(day=date(2026, 3, 31))["lapsed"] == 0  # before the change: current anyway
