"""Reviews and probation through the real app: the inflow organisation's opinion and
assessments, the home branch's grade and decisions, what the branch reads back
(`GET /members/{id}/reviews`), and the refusals. On both stores."""

from __future__ import annotations

from datetime import date

from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER, created, refused
from tests.support.county import id_number
from tests.support.staff_pages import page_of

PROBATIONER = {**MEMBER, "name": "李红", "gender": "female", "id_number": id_number(date(1985, 3, 4), 2),
               "joined_on": "2023-07-01", "standing": "probationary", "effective_on": "2023-07-02"}


def test_a_probationer_away_is_assessed_reviewed_and_decided_on_by_video(api: Api) -> None:
    c = api.county
    m = created(api.post("t1_officer", "/members", {**PROBATIONER, "branch_id": str(c.b1)}))["subject_id"]
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    created(api.post("mb_officer", "/report-ins", {"org_id": str(c.mb), "id_number": PROBATIONER["id_number"],
                                                  "effective_on": "2024-03-10"}))
    # The organisation reported in to: an assessment and a review opinion; another one may not.
    created(api.post("mb_officer", f"/members/{m}/probation-assessments",
                     {"period": "2024年第二季度", "opinion": "积极参加支部活动", "effective_on": "2024-06-20"}))
    opinion = {"year": 2024, "opinion": "表现良好", "suggested_grade": "excellent", "effective_on": "2024-12-20"}
    refused(api, lambda: api.post("io_officer", f"/members/{m}/review-opinions", opinion), 403, "actor.inflow_scope")
    created(api.post("mb_officer", f"/members/{m}/review-opinions", opinion))
    refused(api, lambda: api.post("mb_officer", f"/members/{m}/review-opinions", opinion), 422, "review.opinion_done")
    # The home branch decides: early or by an unallowed means refused; by video while away accepted.
    decide = {"outcome": "on_time", "attendance": "video", "effective_on": "2024-07-05"}
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/probation", {**decide, "effective_on": "2024-06-30"}),
            422, "probation.not_due", "effective_on")
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/probation", {**decide, "attendance": "phone"}),
            422, "probation.attendance", "attendance")
    refused(api, lambda: api.post("mb_officer", f"/members/{m}/probation", decide), 403, "actor.role")
    created(api.post("b1_officer", f"/members/{m}/probation", decide))
    created(api.post("b1_officer", f"/members/{m}/reviews", {"year": 2024, "grade": "excellent",
                                                            "effective_on": "2025-01-10"}))
    api.sync()
    body = api.get("b1_officer", f"/members/{m}/reviews").json()
    assert body["standing"] == "full"
    [year] = body["years"]
    assert (year["year"], year["grade_label"], year["branch_name"]) == (2024, "优秀", "长赤镇红旗村党支部")
    assert [(o["org_name"], o["suggested_grade_label"]) for o in year["opinions"]] == [("成都市南江流动党员党支部", "优秀")]
    assert [(a["period"], a["org_name"]) for a in year["assessments"]] == [("2024年第二季度", "成都市南江流动党员党支部")]
    assert [(d["outcome_label"], d["attendance_label"]) for d in body["decisions"]] == [("按期转正", "视频参会")]
    assert api.get("mb_officer", f"/members/{m}/reviews").status_code == 200  # reported in there
    assert api.get("t2_officer", f"/members/{m}/reviews").json()["detail"]["code"] == "actor.jurisdiction"
    shown = page_of(api, "b1_officer", f"/ui/members/{m}/reviews")  # the page says what the API says
    assert "评议与考察" in shown and "成都市南江流动党员党支部：表现良好（建议：优秀）" in shown
    assert "2024-07-05：按期转正，视频参会" in shown


def test_probation_is_cancelled_before_it_is_due_with_its_reason(api: Api) -> None:
    c = api.county
    m = created(api.post("t1_officer", "/members", {**PROBATIONER, "branch_id": str(c.b1)}))["subject_id"]
    cancel = {"outcome": "cancelled", "attendance": "absent", "effective_on": "2024-02-01"}
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/probation", cancel), 422, "probation.cancel_reason",
            "reason")
    created(api.post("b1_officer", f"/members/{m}/probation", {**cancel, "reason": "不履行党员义务，经教育不改"}))
    api.sync()
    assert api.get("b1_officer", f"/members/{m}").json()["ended"] == "probation_cancelled"
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/probation-assessments", {"opinion": "无"}),
            422, "probation.assessment_not_probationary")


def test_a_member_at_home_is_reviewed(api: Api) -> None:
    m = created(api.post("t1_officer", "/members", {**MEMBER, "branch_id": str(api.county.b1)}))["subject_id"]
    created(api.post("b1_officer", f"/members/{m}/reviews", {"year": 2024, "grade": "qualified",
                                                            "effective_on": "2025-01-10"}))
    api.sync()
    assert [y["grade"] for y in api.get("b1_officer", f"/members/{m}/reviews").json()["years"]] == ["qualified"]
    assert api.get("b1_officer", "/members/00000000-0000-0000-0000-000000000000/reviews").status_code == 404
