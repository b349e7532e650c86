"""Care requests (帮扶申请) and hotline calls (服务热线) through the real app, end to
end: a station takes a request, records a service, the request is flagged once
overdue and closed; a call is logged at the service centre. Refusals name their
status, field and rule, and store nothing. On both stores."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.api.test_commands import MEMBER, created, refused
from tests.support.staff_pages import page_of


def test_a_care_request_is_taken_served_flagged_and_closed_and_a_hotline_call_logged(api: Api) -> None:
    c = api.county
    member = created(api.post("admin", "/members", {**MEMBER, "branch_id": str(c.b1)}))["subject_id"]
    ask = {"kind": "legal", "org_id": str(c.s1), "member_id": member, "summary": "务工被拖欠工资",
           "effective_on": "2025-04-01"}
    care = created(api.post("s1_officer", "/care-requests", ask))["subject_id"]
    refused(api, lambda: api.post("s1_officer", "/care-requests", {**ask, "kind": "loan"}), 422, "input.choice", "kind")
    refused(api, lambda: api.post("s1_officer", "/care-requests", {**ask, "summary": "长" * 201}),
            422, "input.too_long", "summary")
    refused(api, lambda: api.post("t2_officer", "/care-requests", {**ask, "org_id": str(c.b2)}),
            403, "actor.jurisdiction")  # a member outside 赤溪镇's jurisdiction
    refused(api, lambda: api.post("io_officer", "/care-requests", {**ask, "org_id": str(c.mb)}),
            403, "actor.jurisdiction")  # an inflow officer of another organisation
    created(api.post("s1_officer", f"/care-requests/{care}/services", {"content": "联系县法律援助中心",
                                                                       "effective_on": "2025-04-03"}))

    # Open 61 days on 2025-06-01 (policy: 30): flagged for 长赤镇, not for 赤溪镇.
    [flag] = api.get("t1_officer", "/flags", kind="care_overdue").json()
    assert (flag["name"], flag["township_name"]) == ("张明", "中共长赤镇委员会")
    assert flag["detail"] == "长赤镇流动党员服务站2025-04-01受理法律维权申请（张明：务工被拖欠工资），已61天未办结"
    assert api.get("t2_officer", "/flags", kind="care_overdue").json() == []
    assert api.get("t1_officer", "/flags", kind="care_overdue", as_of="2025-05-01").json() == []
    assert "已61天未办结" in page_of(api, "t1_officer", "/ui/flags?kind=care_overdue")

    listed = api.get("s1_officer", "/care-requests", org_id=str(c.s1), status="open").json()
    assert [(r["name"], r["kind_label"], r["services"], r["days_open"], r["overdue"]) for r in listed["rows"]] == [
        ("张明", "法律维权", 1, 61, True)]
    assert api.get("t2_officer", "/care-requests").json()["total"] == 0
    refused(api, lambda: api.get("t2_officer", f"/care-requests/{care}"), 403, "actor.jurisdiction")
    refused(api, lambda: api.get("t2_officer", "/care-requests", org_id=str(c.s1)), 403, "actor.jurisdiction")

    close = {"outcome": "resolved", "note": "已追回工资", "effective_on": "2025-05-20"}
    created(api.post("t1_officer", f"/care-requests/{care}/close", close))
    refused(api, lambda: api.post("t1_officer", f"/care-requests/{care}/close", close), 422, "care.closed")
    refused(api, lambda: api.post("s1_officer", f"/care-requests/{care}/services", {"content": "回访"}),
            422, "care.closed")
    detail = api.get("t1_officer", f"/care-requests/{care}").json()
    assert (detail["status"], detail["outcome_label"], detail["days_open"]) == ("closed", "已解决", 49)
    assert [s["content"] for s in detail["service_list"]] == ["联系县法律援助中心"]
    assert api.get("t1_officer", "/flags", kind="care_overdue").json() == []
    assert api.get("t1_officer", "/care-requests", status="open").json()["total"] == 0
    before = api.get("admin", f"/care-requests/{care}", as_of="2025-05-01").json()  # open then, 30 days
    assert (before["status"], before["days_open"], before["overdue"]) == ("open", 30, False)

    call = {"org_id": str(c.centre), "kind": "policy", "topic": "咨询外出期间如何交纳党费", "outcome": "当场解答"}
    created(api.post("admin", "/hotline-calls", call))
    refused(api, lambda: api.post("admin", "/hotline-calls", {**call, "topic": "来电人电话13912345678"}),
            422, "care.personal_number", "topic")
    refused(api, lambda: api.post("admin", "/hotline-calls", {**call, "org_id": str(c.b1)}), 422, "hotline.place", "org_id")
    refused(api, lambda: api.post("io_officer", "/hotline-calls", call), 403, "actor.role")
    [logged] = api.get("auditor", "/hotline-calls").json()["rows"]
    assert (logged["org_name"], logged["topic"], logged["name"], logged["handler_name"]) == (
        "南江县流动党员服务中心", "咨询外出期间如何交纳党费", None, "王明")
    by_org = api.get("admin", "/care-requests/by-org").json()
    assert [(o["org_name"], o["open"], o["closed"], o["calls"]) for o in by_org] == [
        ("南江县流动党员服务中心", 0, 0, 1), ("长赤镇流动党员服务站", 0, 1, 0)]
    html = page_of(api, "t1_officer", "/ui/care?status=closed")  # the page says what the API says
    assert "长赤镇流动党员服务站" in html and "务工被拖欠工资" in html and "已解决" in html
    assert "南江县流动党员服务中心" not in html  # the centre's calls lie outside 长赤镇's jurisdiction
