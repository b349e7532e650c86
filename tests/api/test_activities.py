"""Activity records (活动记录) through the real app, end to end: a station records a
quarter's activity with a member at home, one away and an inflow member; the list,
one activity, the spreadsheet and the flag follow; every refusal names its field
and rule and stores nothing. On both stores."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from uuid import uuid4

from openpyxl import load_workbook

from domain.activity import MAX_ATTENDEES
from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER, created, refused
from tests.support.county import id_number
from tests.support.inflow import inflow_command
from tests.support.staff_pages import page_of


def member(api: Api, seq: int, branch: str, who: str = "admin") -> str:
    numbers = {"id_number": id_number(date(1985, 3, 4), seq), "phone": f"1380000{seq:04d}"}
    return str(created(api.post(who, "/members", {**MEMBER, **numbers, "name": f"党员{seq}",
                                                   "branch_id": branch}))["subject_id"])


def test_a_station_records_an_activity_and_its_attendees_see_it_as_their_own(api: Api) -> None:
    c = api.county
    home, gone, other = member(api, 1, str(c.b1)), member(api, 2, str(c.b1)), member(api, 3, str(c.b2))
    created(api.post("b1_officer", f"/members/{gone}/departures", AWAY))
    inflow = api.service.ledger.execute(c.t1_officer, inflow_command(c.b1, 1)).subject_id
    body = {"org_id": str(c.s1), "kind": "three_services", "topic": "三服务：就业信息发布", "place": "长赤镇便民服务中心",
            "organiser": "张站长", "member_ids": [home, gone], "inflow_member_ids": [str(inflow)],
            "effective_on": "2025-04-02"}
    activity = created(api.post("s1_officer", "/activities", body, **{"Idempotency-Key": "act-1"}))["subject_id"]
    assert api.post("s1_officer", "/activities", body, **{"Idempotency-Key": "act-1"}).status_code == 200  # once

    # Refusals: each names its field and rule, nothing is stored.
    refused(api, lambda: api.post("s1_officer", "/activities", {**body, "member_ids": [home, str(uuid4())]}),
            404, "activity.attendee_not_found", "member_ids.1")
    refused(api, lambda: api.post("s1_officer", "/activities", {**body, "member_ids": [home, other]}),
            404, "activity.attendee_not_found", "member_ids.1")  # 赤溪镇's: outside the station's reach
    refused(api, lambda: api.post("admin", "/activities", {**body, "org_id": str(c.t1)}), 422, "activity.org", "org_id")
    refused(api, lambda: api.post("admin", "/activities", {**body, "effective_on": "2025-06-02"}),
            422, "input.future_date", "effective_on")
    refused(api, lambda: api.post("admin", "/activities", {**body, "member_ids": [home, gone, home]}),
            422, "activity.duplicate", "member_ids.2")
    many = [str(uuid4()) for _ in range(MAX_ATTENDEES)]
    refused(api, lambda: api.post("admin", "/activities", {**body, "member_ids": [home, *many]}),
            422, "activity.too_many", "member_ids")
    refused(api, lambda: api.post("mb_officer", "/activities", {**body, "org_id": str(c.s1)}),
            403, "actor.jurisdiction")
    refused(api, lambda: api.post("io_officer", "/activities", {**body, "org_id": str(c.mb)}),
            403, "actor.jurisdiction")  # an inflow officer of another organisation
    refused(api, lambda: api.post("auditor", "/activities", body), 403, "actor.read_only")

    # The list, one activity, the register and the flag read it.
    listed = api.get("t1_officer", "/activities", quarter="2025Q2").json()
    [row] = listed["rows"]
    assert (row["activity_id"], row["kind_label"], row["attendee_count"], row["attendee_names"]) == (
        activity, "三服务", 3, "党员1、党员2、流入党员1（流入）")
    assert api.get("t2_officer", "/activities").json()["total"] == 0
    refused(api, lambda: api.get("admin", "/activities", quarter="2025-2"), 422, "activity.quarter", "quarter")
    detail = api.get("s1_officer", f"/activities/{activity}").json()
    assert [(a["name"], a["id_tail"]) for a in detail["attendees"]][0] == ("党员1", "**************" + id_number(
        date(1985, 3, 4), 1)[-4:])
    refused(api, lambda: api.get("t2_officer", f"/activities/{activity}"), 404, "activity.not_found")  # as none
    refused(api, lambda: api.get("admin", f"/activities/{uuid4()}"), 404, "activity.not_found")
    history = api.get("t1_officer", f"/members/{home}/history").json()
    assert history["member"]["status"] == "at_home"
    assert history["events"][-1]["summary"] == "参加组织生活：三服务：三服务：就业信息发布（活动记录）"
    flags = api.get("t1_officer", "/flags", kind="no_quarterly_activity", as_of="2025-07-01").json()
    assert [(f["name"], f["member_id"]) for f in flags] == [("红旗村流动党员服务点", None)]  # the station held one in 2025Q2

    sheet = api.client.get("/activities.xlsx", params={"quarter": "2025Q2"}, headers=api.headers("t1_officer"))
    assert sheet.status_code == 200
    rows = list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("活动日期", "季度", "组织活动的组织") and rows[1][6] == "三服务：就业信息发布"
    assert "流入党员1（流入）" in rows[1][11]

    # The pages show the same list and the attendees.
    listing = page_of(api, "t1_officer", "/ui/activities?quarter=2025Q2")
    assert "三服务：就业信息发布" in listing and "共 1 次活动" in listing
    one = page_of(api, "t1_officer", f"/ui/activities/{activity}")
    assert "党员2" in one and "流入党员1" in one


def test_names_only_those_the_caller_may_read_and_a_station_filters_its_own(api: Api) -> None:
    c = api.county
    ours, theirs = member(api, 1, str(c.b1)), member(api, 2, str(c.b2))
    guest = api.service.ledger.execute(c.t2_officer, inflow_command(c.b2, 1)).subject_id  # taken in by 赤溪镇
    body = {"org_id": str(c.s1), "kind": "quarterly_theme", "topic": "季度主题活动", "place": "长赤镇便民服务中心",
            "organiser": "张站长", "member_ids": [ours, theirs], "inflow_member_ids": [str(guest)],
            "effective_on": "2025-04-02"}
    activity = created(api.post("admin", "/activities", body))["subject_id"]
    at_branch = created(api.post("b1_officer", "/activities", {**body, "org_id": str(c.b1), "member_ids": [ours],
                                                                "inflow_member_ids": []}))["subject_id"]

    [row] = api.get("t1_officer", "/activities", org_id=str(c.s1)).json()["rows"]  # the station, not the township
    assert (row["activity_id"], row["attendee_count"], row["others"]) == (activity, 3, 2)
    assert row["attendee_names"] == "党员1；另有2名其他组织的党员"
    assert {r["activity_id"] for r in api.get("t1_officer", "/activities").json()["rows"]} == {activity, at_branch}
    assert api.get("s1_officer", "/activities", org_id=str(c.s1)).json()["total"] == 1  # the station's own officer
    assert api.get("admin", "/activities", org_id=str(c.s1)).json()["rows"][0]["attendee_names"] == \
        "党员1、党员2、流入党员1（流入）"
    detail = api.get("t1_officer", f"/activities/{activity}").json()
    assert ([a["name"] for a in detail["attendees"]], detail["others"]) == (["党员1"], 2)
    refused(api, lambda: api.get("t2_officer", f"/activities/{activity}"), 404, "activity.not_found")
    sheet = api.client.get("/activities.xlsx", params={"org_id": str(c.s1)}, headers=api.headers("t1_officer"))
    rows = list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][11] == "党员1；另有2名其他组织的党员"
    page = page_of(api, "t1_officer", f"/ui/activities/{activity}")
    assert "党员1" in page and "党员2" not in page and "另有2名其他组织的党员" in page
    for quarter in ("0000Q1", "9999Q4", "1948Q4"):  # a year out of range: refused, never a 500
        refused(api, lambda q=quarter: api.get("admin", "/activities", quarter=q), 422, "activity.quarter", "quarter")
    assert api.get("admin", "/activities", quarter="9998Q4").json()["total"] == 0
    # The flag lets the station stand for its township; other lists accept the station too.
    flags = api.get("t1_officer", "/flags", kind="no_quarterly_activity", org_id=str(c.s1), as_of="2025-07-01")
    assert [f["name"] for f in flags.json()] == ["红旗村流动党员服务点"]
    for path in ("/flags", "/register", "/inflow-members", "/care-requests"):
        assert api.get("s1_officer", path, org_id=str(c.s1)).status_code == 200, path
