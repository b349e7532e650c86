"""Every GET endpoint through the real app, read-your-writes, and personal
data masked in every response. On both stores."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER, created, member


def story(api: Api) -> str:
    """A member away in Chengdu, reported in, holding certificate 511922-2025-00001."""
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    created(api.post("mb_officer", "/report-ins", {"org_id": str(api.county.mb), "id_number": MEMBER["id_number"],
                                                  "effective_on": "2024-04-01"}))
    request = created(api.post("t1_officer", "/certificate-requests", {"member_id": m, "justification": "务工"}))
    created(api.post("t1_approver", f"/certificate-requests/{request['subject_id']}/approve", {}))
    created(api.post("b1_officer", "/certificates", {"request_id": request["subject_id"],
                                                     "number": "511922-2025-00001", "effective_on": "2025-03-01"}))
    return m


def test_a_query_right_after_a_command_sees_its_effect(api: Api) -> None:
    m = member(api)
    response = api.post("b1_officer", f"/members/{m}/departures", AWAY)
    assert int(response.headers["X-Liudong-Position"]) == response.json()["positions"][-1]
    assert api.get("t1_officer", f"/members/{m}").json()["status"] == "away"


def test_the_register_with_filters_and_pages(api: Api) -> None:
    m = story(api)
    page = api.get("admin", "/register", status="reported_in", province="四川省", size=10).json()
    assert (page["total"], page["page"], page["size"]) == (1, 1, 10)
    row = page["rows"][0]
    assert (row["member_id"], row["branch_name"], row["reported_in_name"]) == \
        (m, "长赤镇红旗村党支部", "成都市南江流动党员党支部")
    assert (row["certificate_number"], row["certificate_issuer"]) == ("511922-2025-00001", "红旗村支书")
    assert api.get("admin", "/register", name="不存在").json()["total"] == 0
    bad = api.get("admin", "/register", sort="id_number")
    assert bad.status_code == 422 and bad.json()["detail"]["field"] == "sort"


def test_a_members_history_and_state_as_of_a_date(api: Api) -> None:
    m = story(api)
    now = api.get("t1_officer", f"/members/{m}/history").json()
    assert now["member"]["status"] == "reported_in" and now["as_of"] is None
    assert [e["summary"].split("：")[0] for e in now["events"]][:3] == ["党员登记", "外出登记", "报到"]
    asked = api.get("t1_officer", f"/members/{m}/history", as_of="2024-03-20")
    history = asked.json()
    assert history["member"]["status"] == "away"  # the row as it stood that day; later events left out
    assert [e["summary"].split("：")[0] for e in history["events"]] == ["党员登记", "外出登记"]
    assert asked.headers["X-As-Of"] == "2024-03-20" and int(asked.headers["X-Log-Position"]) > 0
    assert history["events"][1]["actor_name"] == "红旗村支书"
    assert (history["as_of"]["status"], history["as_of"]["certificates"]) == ("away", [])
    later = api.get("t1_officer", f"/members/{m}/history", as_of="2025-04-01").json()["as_of"]
    assert (later["status"], later["certificates"]) == ("reported_in", ["511922-2025-00001"])
    before = api.get("t1_officer", f"/members/{m}/history", as_of="2019-12-31")
    assert before.status_code == 404


def test_who_issued_certificate_n(api: Api) -> None:
    story(api)
    cert = api.get("auditor", "/certificates/511922-2025-00001").json()
    assert (cert["issuer_name"], cert["approver_name"], cert["requester_name"], cert["member_name"]) == \
        ("红旗村支书", "长赤镇副书记", "长赤镇干事", "张明")
    assert [e["actor_name"] for e in cert["events"]] == ["红旗村支书"] * 3
    mine = api.get("b1_officer", f"/officers/{api.county.b1_officer}/certificates").json()
    assert [c["number"] for c in mine["issued"]] == ["511922-2025-00001"]
    by_auditor = api.get("auditor", f"/officers/{api.county.t1_approver}/certificates").json()
    assert [c["number"] for c in by_auditor["approved"]] == ["511922-2025-00001"]


def test_the_audit_trail_statistics_flags_and_anomalies(api: Api) -> None:
    story(api)
    trail = api.get("auditor", "/audit", actor=str(api.county.b1_officer)).json()
    assert {e["summary"].split("：")[0] for e in trail["rows"]} == {"外出登记", "据此发证", "持有活动证", "发放活动证"}
    assert api.get("auditor", "/audit", since="2025-06-01T05:00:00+00:00").json()["total"] == 0
    stats = api.get("auditor", "/statistics").json()
    assert (stats["members"], stats["away"], stats["holding"], stats["holding_rate"]) == (1, 1, 1, 100.0)
    flags = {f["kind"] for f in api.get("t1_officer", "/flags").json()}
    assert flags == {"dues_unpaid", "no_activity", "no_review", "no_liaison"}
    assert api.get("auditor", "/anomalies", as_of="2026-05-01").json()[0]["kind"] == "check_overdue"
    assert api.get("auditor", "/anomalies").json() == []
    assert len(api.get("b1_officer", "/organisations").json()) == 11
    assert api.get("mb_officer", "/me").json()["role"] == "inflow_officer"
    health = api.client.get("/health").json()
    assert health["status"] == "ok" and health["events"] > 0


def test_no_response_carries_a_full_id_number_or_phone(api: Api) -> None:
    m = story(api)
    responses = [api.get("admin", path).text for path in (
        "/register", f"/members/{m}", f"/members/{m}/history", "/certificates/511922-2025-00001", "/audit",
        "/statistics", "/flags", "/anomalies")]
    for text in responses:
        for secret in (MEMBER["id_number"], MEMBER["phone"], AWAY["contact_phone"]):
            assert secret not in text
    assert "*" * 14 + MEMBER["id_number"][-4:] in responses[1]


def test_the_api_documentation_is_served_in_chinese(api: Api) -> None:
    schema = api.client.get("/openapi.json").json()
    assert schema["paths"]["/members/{member_id}/departures"]["post"]["summary"] == "外出登记"
    body = schema["components"]["schemas"]["RecordDepartureIn"]
    assert body["properties"]["expected_months"]["description"] == "预计外出月数"
    assert body["examples"][0]["city"] == "成都市"
    assert api.client.get("/docs").status_code == 200


def test_as_known_on_a_day_alone_means_the_end_of_that_day(api: Api) -> None:
    story(api)
    answer = api.get("admin", "/statistics", as_known_on="2024-03-20")
    assert answer.status_code == 200
    assert answer.headers["X-As-Known-On"] == "2024-03-20T23:59:59.999999+08:00"
    assert answer.headers["X-As-Of"] == "2024-03-20" and answer.json()["as_of"] == "2024-03-20"
    moment = api.get("admin", "/statistics", as_known_on="2024-03-20T08:00:00")  # no zone: Beijing time
    assert moment.headers["X-As-Known-On"] == "2024-03-20T08:00:00+08:00"
    assert api.get("admin", "/statistics", as_known_on="2200-01-01").json()["detail"]["field"] == "as_known_on"
