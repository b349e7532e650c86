"""The flags issue 14 adds or fixes: 口袋党员 and 逾期未报到 (which change at
midnight with no event), places lacking a branch where members did not report
in locally, the review (民主评议) flag that waits for its due month, and the
township every flag names. On both stores."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import rule, run_state_machine_as_test

from domain.commands import ChangePolicy, EstablishOrganisation, RecordContact, RecordReportIn, RecordReview
from domain.errors import InvalidInput
from domain.ledger import Ledger
from domain.member import Member
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.settings import store_env
from tests.projections.conftest import Projected
from tests.support.certificates import approved, holder, issue
from tests.support.county import SmallCounty, member_command
from tests.support.flag_fold import edges, unreported_flags
from tests.support.machine import LedgerMachine
from tests.support.members import away, departure, enrol
from tests.support.stores import NOW, Clock

TODAY = date(2025, 6, 1)
T1 = "中共长赤镇委员会"


def names(views: Queries, kind: str, day: date) -> list[str | None]:
    return sorted(f["name"] for f in views.flags(day, kind=kind))


def the(views: Queries, kind: str, day: date) -> dict[str, Any]:
    found = views.flags(day, kind=kind)
    assert len(found) == 1, found
    return found[0]


def test_a_holder_who_has_not_reported_in_becomes_a_pocket_member_at_midnight(
        ledger: Ledger, county: SmallCounty, projected: Projected, clock: Clock) -> None:
    member_id, number = holder(ledger, county)  # left 2024-03-01, certificate issued 2025-03-01
    views = projected.sync()
    clock.at = datetime(2025, 3, 31, 15, 59, tzinfo=UTC)  # 23:59 in Shanghai, the last day allowed
    assert names(views, "pocket_member", views.today()) == []
    clock.at += timedelta(minutes=2)  # midnight passes, nothing is recorded
    flag = the(views, "pocket_member", views.today())
    assert flag["label"] == "口袋党员：持有效活动证，外出、领证后超过30天未到流入地党组织报到"
    assert flag["detail"] == f"2024-03-01外出，2025-03-01领取活动证{number}，报到期限至2025-03-31，至今未到流入地党组织报到"
    assert (flag["member_id"], flag["township_id"], flag["township_name"]) == (str(member_id), str(county.t1), T1)
    assert names(views, "report_in_overdue", views.today()) == [], "holding: a pocket member, not merely overdue"
    clock.at = NOW
    ledger.execute(county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.mb))
    assert projected.sync().flags(TODAY, kind="pocket_member") == []


def test_a_lapsed_certificate_makes_a_pocket_member_overdue_instead(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    holder(ledger, county)  # check due 2026-03-01, held through the grace until 2026-03-31
    views = projected.sync()
    assert (names(views, "pocket_member", date(2026, 3, 31)), names(views, "report_in_overdue", date(2026, 3, 31))) \
        == (["党员1"], [])
    assert (names(views, "pocket_member", date(2026, 4, 1)), names(views, "report_in_overdue", date(2026, 4, 1))) \
        == ([], ["党员1"])
    assert the(views, "report_in_overdue", date(2026, 4, 1))["detail"].endswith("；活动证年审逾期")


def test_a_member_away_without_a_certificate_is_overdue_the_day_after_the_due_days(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)  # left 2024-03-01
    views = projected.sync()
    assert names(views, "report_in_overdue", date(2024, 3, 31)) == []
    flag = the(views, "report_in_overdue", date(2024, 4, 1))
    assert flag["label"] == "逾期未报到：外出超过30天未报到，且未持有效活动证"
    assert flag["detail"] == "2024-03-01外出，报到期限至2024-03-31，至今未报到；未持有效活动证"
    assert flag["township_name"] == T1
    ledger.execute(county.b1_officer, issue(approved(ledger, county, member_id)))  # issued 2025-03-01
    views = projected.sync()
    assert names(views, "report_in_overdue", TODAY) == []
    assert names(views, "pocket_member", date(2025, 3, 31)) == []  # 30 days from the issue, not the departure
    assert names(views, "pocket_member", TODAY) == ["党员1"]


def test_a_member_lost_after_reporting_in_is_not_overdue(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.mb,
                                                     effective_on=date(2024, 3, 20)))
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="lost",
                                                    lost_reason="moved", effective_on=date(2024, 10, 1)))
    views = projected.sync()
    assert views.member(member_id)["status"] == "lost_contact"
    assert names(views, "report_in_overdue", TODAY) == names(views, "pocket_member", TODAY) == []


def test_the_report_in_due_days_come_from_the_policy_on_the_day(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    away(ledger, county)
    ledger.execute(county.admin, ChangePolicy(changes={"report_in_due_days": 90}, effective_on=date(2024, 1, 1)))
    views = projected.sync()
    assert names(views, "report_in_overdue", date(2024, 5, 30)) == []
    assert the(views, "report_in_overdue", date(2024, 5, 31))["label"] == "逾期未报到：外出超过90天未报到，且未持有效活动证"


def to_shenzhen(ledger: Ledger, county: SmallCounty, seq: int, report_to: UUID | None = None,
                branch: str = "b1") -> UUID:
    """A full member who left for Shenzhen to work for one factory; maybe reported in."""
    if branch == "b1":
        member_id = enrol(ledger, county, seq)
    else:  # 赤溪镇新民村
        registered = ledger.execute(county.t2_officer, member_command(county.b2, seq)).subject_id
        assert registered is not None
        member_id = registered
    ledger.execute(county.admin, replace(departure(member_id), province="广东省", city="深圳市",
                                         employer="深圳某电子厂"))
    if report_to is not None:
        ledger.execute(county.admin, RecordReportIn(member_id=member_id, org_id=report_to))
    return member_id


def test_a_place_where_members_reported_in_locally_lacks_no_branch(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    street = ledger.execute(county.admin, EstablishOrganisation(
        kind="inflow_org", name="深圳市宝安区某街道党工委", parent_id=None, province="广东省", city="深圳市")).subject_id
    for seq in (1, 2, 3):
        to_shenzhen(ledger, county, seq, report_to=street)
    views = projected.sync()
    assert views.flags(TODAY, kind="no_branch_at_destination") == []
    assert views.flags(TODAY, kind="no_branch_at_employer") == []


def test_a_place_lacking_a_branch_names_the_members_not_reported_in_there(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    street = ledger.execute(county.admin, EstablishOrganisation(
        kind="inflow_org", name="深圳市宝安区某街道党工委", parent_id=None, province="广东省", city="深圳市")).subject_id
    to_shenzhen(ledger, county, 1, report_to=street)
    others = [to_shenzhen(ledger, county, 2), to_shenzhen(ledger, county, 3, report_to=county.mb),  # 成都: elsewhere
              to_shenzhen(ledger, county, 4)]
    views = projected.sync()
    place = the(views, "no_branch_at_destination", TODAY)
    assert place["label"] == "流入地有3名正式党员未在当地党组织报到，且未建立流动党员党支部"
    assert place["detail"] == "广东省深圳市：党员2、党员3、党员4"
    assert views.flags(TODAY, kind="no_branch_at_employer") == [], "an employer is flagged from the enterprise register"
    assert place["members"] == [
        {"member_id": str(m), "name": f"党员{seq}"} for seq, m in zip((2, 3, 4), others, strict=True)]
    assert (place["member_id"], place["township_id"], place["township_name"]) == (None, str(county.t1), T1)
    to_shenzhen(ledger, county, 5, branch="b2")  # from another township: the place's flag names none
    place = the(projected.sync(), "no_branch_at_destination", TODAY)
    assert (place["label"][:10], place["township_id"], place["township_name"]) == ("流入地有4名正式党员", None, None)


def test_the_review_of_a_year_is_flagged_only_once_it_is_due(
        ledger: Ledger, county: SmallCounty, projected: Projected, clock: Clock) -> None:
    reviewed = away(ledger, county, 1)
    away(ledger, county, 2)  # never reviewed
    ledger.execute(county.b1_officer, RecordReview(member_id=reviewed, year=2024, grade="qualified",
                                                   effective_on=date(2025, 1, 10)))
    views = projected.sync()
    # review_due_month 3: the 2025 review is due by 2026-03-31; before that, 2024's is asked about
    assert [(f["name"], f["label"]) for f in views.flags(date(2026, 2, 10), kind="no_review")] == [
        ("党员2", "未参加2024年度民主评议")]
    assert names(views, "no_review", date(2026, 3, 31)) == ["党员2"]
    assert sorted((f["name"], f["label"]) for f in views.flags(date(2026, 4, 1), kind="no_review")) == [
        ("党员1", "未参加2025年度民主评议"), ("党员2", "未参加2025年度民主评议")]
    clock.at = datetime(2026, 1, 5, 4, 0, tzinfo=UTC)
    ledger.execute(county.admin, ChangePolicy(changes={"review_due_month": 1}, effective_on=date(2026, 1, 5)))
    assert names(projected.sync(), "no_review", date(2026, 1, 31)) == ["党员2"]
    assert names(views, "no_review", date(2026, 2, 1)) == ["党员1", "党员2"]


def test_every_flag_of_a_member_names_the_township_and_one_kind_can_be_asked_for(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    away(ledger, county, 1)
    other = ledger.execute(county.t2_officer, member_command(county.b2, 2)).subject_id
    ledger.execute(county.t2_officer, departure(other))  # type: ignore[arg-type]
    views = projected.sync()
    found = views.flags(TODAY)
    assert {f["kind"] for f in found} == {"dues_unpaid", "no_activity", "no_review", "report_in_overdue", "no_liaison"}
    assert {(f["name"], f["township_name"]) for f in found} == {("党员1", T1), ("党员2", "中共赤溪镇委员会")}
    assert all(f["township_id"] == str(county.t1 if f["name"] == "党员1" else county.t2) for f in found)
    assert [f["kind"] for f in views.flags(TODAY, county.t2, kind="no_review")] == ["no_review"]
    with pytest.raises(InvalidInput, match="提示类别应为"):
        views.flags(TODAY, kind="pocket")


class FlagMachine(LedgerMachine):
    """Random histories (tests/support/machine.py), the flags read for a random day
    and for each day one starts or stops on (never before today: the views are
    today's), against a plain fold of the aggregates."""

    def __init__(self) -> None:
        super().__init__()
        view_store = ViewStore(store_env(self.settings))
        self.stack.callback(view_store.close)
        self.runner = Runner(self.ledger, view_store, batch_size=50)
        self.views = Queries(self.ledger, view_store, self.runner.generations)
        self.live = self.runner.generations.ensure_live()

    @rule(m=st.integers(0, 3), later=st.sampled_from([200, 45, 0, 90]))
    def certify(self, m: int, later: int) -> None:
        """Some days on, a certificate for a member away without one, through officers
        who may (the base machine's random ones are mostly refused)."""
        waiting = [i for i, member_id in enumerate(self.members) if (member := self.ledger.load(Member, member_id))
                   and member.absence is not None and not member.certificates]
        if waiting:
            self.clock.at += timedelta(days=later)
            seq = waiting[m % len(waiting)]
            people = ("t2_officer", "admin", "t2_officer") if seq % 3 == 2 else ("t1_officer", "t1_approver", "admin")
            self.obtain_certificate(seq, *people)
            self.compare(0)  # while the days from the issue are still ahead

    @rule(ahead=st.sampled_from([60, 31, 200, 30, 380, 0, 420]) | st.integers(31, 500))
    def compare(self, ahead: int) -> None:
        self.runner.catch_up(self.live)
        today = self.views.today()
        days = {today + timedelta(days=ahead)} | {d for d in edges(self.ledger, self.members) if d >= today}
        for day in days:  # a day ahead, and the days flags start or stop on from today on
            shown = {(f["kind"], f["member_id"]) for f in self.views.flags(day)
                     if f["kind"] in ("pocket_member", "report_in_overdue")}
            assert shown == unreported_flags(self.ledger, self.members, day), day

    def teardown(self) -> None:
        try:
            self.compare(31)
        finally:
            super().teardown()


def test_pocket_members_and_overdue_report_ins_equal_a_plain_fold_over_random_histories() -> None:
    run_state_machine_as_test(FlagMachine, settings=settings(
        max_examples=8, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]))
