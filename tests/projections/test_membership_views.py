"""What the views show of items 7 and 8: the liaison in the register and the
`no_liaison` flag; a stopped member out of every figure and flagged
`removal_due` from midnight two years on, until contact; a restored member
counted again; old `MembershipEnded(stopped)` events named as such. On both stores."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.commands import (
    AssignLiaison, DecideRestoration, RecordContact, RecordRestorationRequest, ResolveRestoration,
)
from domain.ledger import Ledger
from domain.member_events import MembershipEnded
from projections.audit import describe
from tests.domain.test_versions import event
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty
from tests.support.members import away, enrol
from tests.support.stops import stopped
from tests.support.stores import NOW, Clock

TODAY = date(2025, 6, 1)


def test_the_register_shows_each_liaison_and_flags_members_away_without_one(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)  # left 2024-03-01
    enrol(ledger, county, 2)  # at home: needs no liaison
    views = projected.sync()
    [flag] = views.flags(TODAY, kind="no_liaison")
    assert (flag["member_id"], flag["label"], flag["detail"], flag["township_name"]) == \
        (str(member_id), "未落实专人负责：外出党员未指定联系人", "2024-03-01外出，未指定联系人", "中共长赤镇委员会")
    ledger.execute(county.b1_officer, AssignLiaison(member_id=member_id, name="李秀兰", org_id=county.p1))
    views = projected.sync()
    assert views.flags(TODAY, kind="no_liaison") == []
    row = views.member(member_id)
    assert (row["liaison"], row["liaison_org_name"]) == ("李秀兰", "红旗村流动党员服务点")
    assert views.register(status="away_any").rows[0]["liaison"] == "李秀兰"


def test_a_stopped_member_counts_nowhere_and_is_due_for_removal_from_midnight_two_years_on(
        ledger: Ledger, county: SmallCounty, projected: Projected, clock: Clock) -> None:
    member_id = stopped(ledger, county)  # stopped on 2022-08-15
    away(ledger, county, 2)
    views = projected.sync()
    stats = views.statistics(day=TODAY)
    assert (stats["members"], stats["away"], stats["lost_contact"]) == (1, 1, 0)
    assert views.member(member_id)["status"] == "ended" and views.member(member_id)["ended"] == "stopped"
    clock.at = datetime(2024, 8, 14, 15, 59, tzinfo=UTC)  # 23:59 in Shanghai, the day before two years are up
    assert views.flags(views.today(), kind="removal_due") == []
    clock.at += timedelta(minutes=2)  # midnight passes, nothing is recorded
    [flag] = views.flags(views.today(), kind="removal_due")
    assert (flag["member_id"], flag["label"], flag["detail"], flag["township_name"]) == (
        str(member_id), "停止党籍满24个月仍未取得联系（可提请按自行脱党除名）",
        "2022-08-15停止党籍，至2024-08-15满24个月，其后未取得联系", "中共长赤镇委员会")
    assert [f["kind"] for f in views.flags(views.today()) if f["member_id"] == str(member_id)] == ["removal_due"]
    clock.at = NOW
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="reached",
                                                    initiated_by="member", effective_on=date(2024, 9, 1)))
    assert projected.sync().flags(TODAY, kind="removal_due") == [], "reached since the stop"


def test_a_restored_member_counts_again_as_the_state_says(ledger: Ledger, county: SmallCounty,
                                                           projected: Projected) -> None:
    member_id = stopped(ledger, county)
    ledger.execute(county.b1_officer, RecordRestorationRequest(member_id=member_id, statement="申请恢复党籍",
                                                               effective_on=date(2023, 3, 1)))
    ledger.execute(county.b1_officer, ResolveRestoration(member_id=member_id, restore=True,
                                                         effective_on=date(2023, 3, 20)))
    views = projected.sync()
    assert views.statistics(day=TODAY)["members"] == 0, "waiting for approval changes no figure"
    ledger.execute(county.t1_approver, DecideRestoration(member_id=member_id, effective_on=date(2023, 4, 1)))
    views = projected.sync()
    stats = views.statistics(day=TODAY)
    assert (stats["members"], stats["away"], stats["lost_contact"]) == (1, 1, 1)
    assert (views.member(member_id)["status"], views.member(member_id)["ended"]) == ("lost_contact", None)
    history = [e["summary"] for e in views.history(member_id)][-5:]
    assert history[0].startswith("提请停止党籍：引用失联记录：位置")
    assert history[1:] == ["审批停止党籍：同意", "恢复党籍申请", "支部大会讨论恢复党籍：决定恢复党籍", "审批恢复党籍：同意"]


def test_an_old_end_of_membership_as_stopped_reads_as_a_stop_whose_approval_was_not_recorded() -> None:
    old = event(MembershipEnded, reason="stopped", note="")
    assert describe(old) == "不再在册：停止党籍（旧记录：直接登记，审批未记录）"
    assert describe(event(MembershipEnded, reason="died", note="")) == "不再在册：去世"
