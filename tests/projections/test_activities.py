"""Activity records (活动记录) as the views answer them: per organisation and quarter
with their attendees, voids and corrections followed, and the flag
`no_quarterly_activity` across a quarter's end. On both stores."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.commands import CorrectEvent, EstablishOrganisation, RecordActivity, RecordOrgActivity, VoidEvent
from domain.ledger import Ledger
from projections.history import History
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty
from tests.support.inflow import inflow_command
from tests.support.members import away, enrol

T1 = "中共长赤镇委员会"


def held(ledger: Ledger, actor: UUID, org: UUID, day: date, *members: UUID, inflow: tuple[UUID, ...] = (),
         kind: str = "quarterly_theme") -> tuple[UUID, list[int]]:
    outcome = ledger.execute(actor, RecordOrgActivity(org_id=org, kind=kind, topic=f"{day}主题活动", place="便民服务中心",
                                                      organiser="李书记", member_ids=members, inflow_member_ids=inflow,
                                                      effective_on=day))
    assert outcome.subject_id is not None
    return outcome.subject_id, list(outcome.positions)


def flagged(views: object, day: date, org_id: UUID | None = None) -> dict[str, dict]:
    return {f["name"]: f for f in views.flags(day, org_id, kind="no_quarterly_activity")}  # type: ignore[attr-defined]


def test_the_list_shows_each_activity_with_its_attendees_and_follows_voids_and_corrections(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    home, gone = enrol(ledger, county, 1), away(ledger, county, 2)
    inflow = ledger.execute(county.t1_officer, inflow_command(county.b1, 1)).subject_id
    assert inflow is not None
    first, positions = held(ledger, county.s1_officer, county.s1, date(2025, 4, 2), home, gone, inflow=(inflow,))
    second, _ = held(ledger, county.b1_officer, county.b1, date(2025, 3, 20), home, kind="life_meeting")
    views = projected.sync()
    page = views.activities(org_id=county.t1)
    assert [r["activity_id"] for r in page.rows] == [str(first), str(second)] and page.total == 2  # latest first
    row = page.rows[0]
    assert (row["org_name"], row["township_name"], row["kind_label"], row["quarter"]) == (
        "长赤镇流动党员服务站", T1, "季度主题活动", "2025Q2")
    assert (row["members"], row["inflow_members"], row["attendee_names"]) == (2, 1, "党员1、党员2、流入党员1（流入）")
    assert views.activities(org_id=county.t2).total == 0
    assert [r["activity_id"] for r in views.activities(quarter="2025Q1").rows] == [str(second)]
    assert views.activities(kind="life_meeting").total == 1
    detail = views.activity(first)
    assert [(a["name"], a["id_tail"][-4:]) for a in detail["attendees"]][0][0] == "党员1"
    # One person voided alone, then a correction, then the whole activity.
    alone = next(a["position"] for a in detail["attendees"] if a["attendee_id"] == str(gone))
    ledger.execute(county.s1_officer, VoidEvent(position=alone, reason="名单有误"))
    ledger.execute(county.s1_officer, CorrectEvent(position=row["position"], changes={"place": "红旗村"}, reason="笔误"))
    views = projected.sync()
    assert (views.activity(first)["attendee_count"], views.activity(first)["place"]) == (2, "红旗村")
    ledger.execute(county.admin, VoidEvent(position=row["position"], reason="重复登记"))
    assert row["position"] in positions
    views = projected.sync()
    assert [r["activity_id"] for r in views.activities().rows] == [str(second)]
    assert views.register(org_id=county.t1).rows[0]["last_activity_on"] == "2025-03-20"


def test_a_station_point_or_mobile_branch_without_an_activity_in_the_last_complete_quarter_is_flagged(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member = enrol(ledger, county, 1)
    assert flagged(projected.sync(), date(2025, 6, 1)) == {}  # no activity recorded in the county yet: not judged
    held(ledger, county.s1_officer, county.s1, date(2025, 3, 31), member)  # the last day of 2025Q1
    held(ledger, county.s1_officer, county.p1, date(2025, 4, 1), member)  # the first day of 2025Q2
    new_point = ledger.execute(county.admin, EstablishOrganisation(
        kind="point", name="光明村流动党员服务点", parent_id=county.s1, effective_on=date(2025, 1, 2))).subject_id
    views = projected.sync()
    # On 2025-06-01 the last complete quarter is 2025Q1: the station held one, the new point was not yet open all of it.
    on_june = flagged(views, date(2025, 6, 1))
    assert set(on_june) == {"红旗村流动党员服务点", "成都市南江流动党员党支部"}
    point = on_june["红旗村流动党员服务点"]
    assert (point["member_id"], point["township_name"], point["label"]) == (None, T1, "2025年第1季度未组织活动（服务站、点季度活动制度）")
    assert "最近一次活动：无记录" in point["detail"]
    # On 2025-07-01 it is 2025Q2: the point held one, the station and the new point did not.
    assert set(flagged(views, date(2025, 7, 1))) == {"长赤镇流动党员服务站", "光明村流动党员服务点", "成都市南江流动党员党支部"}
    assert set(flagged(views, date(2025, 6, 1), county.t1)) == {"红旗村流动党员服务点"}
    assert flagged(views, date(2025, 6, 1), county.t2) == {}
    assert new_point is not None
    # As of a past day, from the activities' states on that day (a snapshot holds no activity tables).
    past = flagged(History(views).at(as_of=date(2025, 4, 15)), date(2025, 4, 15))
    assert set(past) == {"红旗村流动党员服务点", "成都市南江流动党员党支部"}
    assert flagged(History(views).at(as_of=date(2025, 3, 30)), date(2025, 3, 30)) == {}  # 2024Q4: before the first


def test_attendance_recorded_alone_at_a_station_counts_as_the_station_having_met(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    gone = away(ledger, county, 1)
    alone = ledger.execute(county.t1_officer, RecordActivity(member_id=gone, kind="quarterly", title="季度活动",
                                                             org_id=county.s1, effective_on=date(2025, 3, 10)))
    held(ledger, county.s1_officer, county.p1, date(2025, 3, 12), gone)
    views = projected.sync()
    on_day = date(2025, 4, 15)  # 2025Q1 judged
    assert set(flagged(views, on_day, county.t1)) == set()
    assert set(flagged(History(views).at(as_of=on_day), on_day, county.t1)) == set()  # from the states too
    ledger.execute(county.t1_officer, VoidEvent(position=alone.positions[0], reason="误登"))
    assert set(flagged(projected.sync(), on_day, county.t1)) == {"长赤镇流动党员服务站"}
