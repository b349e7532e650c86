"""Items 7 and 8 end to end through the real app: a liaison named and shown,
contacts saying who made them; a membership stopped, then restored, each step
by its own officer, with the refusals' codes. On both stores."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.api.test_commands import AWAY, created, member, refused


def test_a_liaison_is_named_shown_on_the_member_page_and_clears_the_flag(api: Api) -> None:
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    api.sync()
    assert [f["member_id"] for f in api.get("t1_officer", "/flags", kind="no_liaison").json()] == [m]
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/liaison", {"name": "王五", "org_id": str(api.county.b1)}),
            422, "liaison.place", "org_id")
    created(api.post("b1_officer", f"/members/{m}/liaison", {"name": "李秀兰", "org_id": str(api.county.p1)}))
    created(api.post("b1_officer", f"/members/{m}/contacts", {"method": "visit", "outcome": "reached",
                                                              "made_by": "李秀兰"}))
    created(api.post("b1_officer", f"/members/{m}/contacts", {"method": "phone", "outcome": "reached"}))
    page = api.get("t1_officer", f"/members/{m}").json()
    assert (page["liaison"], page["liaison_org_name"]) == ("李秀兰", "红旗村流动党员服务点")
    assert api.get("t1_officer", "/flags", kind="no_liaison").json() == []
    summaries = [e["summary"] for e in api.get("t1_officer", f"/members/{m}/history").json()["events"]][-2:]
    assert summaries == ["联系：组织找党员，走访，已联系上，经办人李秀兰", "联系：组织找党员，电话，已联系上，经办人红旗村支书"]


def test_a_membership_is_stopped_and_restored_each_step_by_its_own_officer(api: Api) -> None:
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", {**AWAY, "effective_on": "2024-03-01"}))
    lost = created(api.post("b1_officer", f"/members/{m}/contacts", {
        "method": "phone", "outcome": "lost", "lost_reason": "moved", "effective_on": "2024-05-01"}))["positions"][0]
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/end", {"reason": "stopped"}), 422,
            "membership.by_decision", "reason")
    created(api.post("b1_officer", f"/members/{m}/stop-proposals", {"lost_contacts": [lost], "note": "多方查找无果",
                                                                    "effective_on": "2024-10-01"}))
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/stop-decisions", {}), 422, "membership.approval_level")
    created(api.post("t1_approver", f"/members/{m}/stop-decisions", {"approved": True, "effective_on": "2024-10-20"}))
    api.sync()
    assert api.get("t1_officer", "/statistics").json()["members"] == 0
    row: dict[str, Any] = api.get("t1_officer", f"/members/{m}").json()
    assert (row["status"], row["ended"]) == ("ended", "stopped")
    created(api.post("b1_officer", f"/members/{m}/restoration-requests", {"statement": "申请恢复党籍",
                                                                          "effective_on": "2025-01-02"}))
    created(api.post("t1_officer", f"/members/{m}/restoration-resolutions", {"restore": True,
                                                                             "effective_on": "2025-01-10"}))
    refused(api, lambda: api.post("t1_officer", f"/members/{m}/restoration-decisions", {}), 422,
            "membership.self_approval")
    created(api.post("t1_approver", f"/members/{m}/restoration-decisions", {"effective_on": "2025-01-20"}))
    api.sync()
    row = api.get("t1_officer", f"/members/{m}").json()
    assert (row["status"], row["ended"]) == ("lost_contact", None)
    assert api.get("t1_officer", "/statistics").json()["members"] == 1
