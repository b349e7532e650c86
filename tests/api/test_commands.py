"""Every POST endpoint through the real app, with the error cases: 401 without
a valid token, 403 outside a role or jurisdiction, 404 for unknown things,
409 for stale versions, 422 naming the field and the rule; nothing stored on
any error. On both stores."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from domain.credential import token_hash
from domain.ids import credential_id
from tests.api.conftest import Api
from tests.support.county import id_number

MEMBER = {"name": "张明", "gender": "male", "birth_date": "1985-03-04", "ethnicity": "汉族",
          "id_number": id_number(date(1985, 3, 4), 1), "phone": "13800001234", "joined_on": "2010-07-01",
          "standing": "full", "category": "rural", "effective_on": "2020-02-01"}
AWAY = {"reason": "外出务工", "province": "四川省", "city": "成都市", "industry": "construction",
        "expected_months": 12, "contact_phone": "13900001111", "effective_on": "2024-03-01"}


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.json()
    body: dict[str, Any] = response.json()
    return body


def head(api: Api) -> int:
    return api.service.ledger.recorder.max_notification_id() or 0


def refused(api: Api, send: Callable[[], Any], status: int, code: str, field: str | None = None) -> dict[str, Any]:
    """Sends a request that must be refused: its status, code and field, and nothing stored."""
    before = head(api)
    response = send()
    assert response.status_code == status, response.json()
    detail: dict[str, Any] = response.json()["detail"]
    assert detail["code"] == code and detail["message"].startswith(detail["rule"] + "：")
    if field is not None:
        assert detail["field"] == field
    assert head(api) == before
    return detail


def member(api: Api) -> str:
    return created(api.post("t1_officer", "/members", {**MEMBER, "branch_id": str(api.county.b1)}))["subject_id"]


def test_a_whole_story_through_every_kind_of_endpoint(api: Api) -> None:
    c = api.county
    m = member(api)
    departed = created(api.post("b1_officer", f"/members/{m}/departures", AWAY))["positions"][0]
    created(api.post("mb_officer", "/report-ins", {"org_id": str(c.mb), "id_number": MEMBER["id_number"],
                                                  "effective_on": "2024-03-10"}))
    created(api.post("mb_officer", f"/members/{m}/contacts", {"method": "phone", "outcome": "reached"}))
    created(api.post("mb_officer", f"/members/{m}/contact-details", {"address": "成都市武侯区"}))
    created(api.post("mb_officer", f"/members/{m}/activities", {"kind": "quarterly", "title": "季度活动"}))
    paid = created(api.post("mb_officer", f"/members/{m}/dues", {
        "months": ["2025-05", "2025-06"], "amount_fen": 9000, "collector": "inflow", "basis": "wage",
        "income_fen": 450000}))["positions"][0]
    created(api.post("b1_officer", f"/members/{m}/reviews", {"year": 2024, "grade": "qualified"}))
    request = created(api.post("t1_officer", "/certificate-requests", {"member_id": m, "justification": "务工"}))
    created(api.post("t1_approver", f"/certificate-requests/{request['subject_id']}/approve", {"note": "同意"}))
    created(api.post("b1_officer", "/certificates", {"request_id": request["subject_id"],
                                                     "number": "511922-2025-00001"}))
    created(api.post("b1_officer", "/certificates/511922-2025-00001/checks", {"year": 2025}))
    created(api.post("b1_officer", "/certificates/511922-2025-00001/loss", {"note": "遗失"}))
    created(api.post("b1_officer", "/certificates/511922-2025-00001/replacement",
                     {"new_number": "511922-2025-00002", "approver_id": str(c.t1_approver)}))
    created(api.post("t1_officer", "/blanks/511922-2025-00003/void", {"reason": "填错"}))
    created(api.post("b1_officer", f"/members/{m}/returns", {"hand_back_certificate": "511922-2025-00002"}))
    created(api.post("t1_officer", f"/members/{m}/branch", {"branch_id": str(c.b1b)}))
    created(api.post("t1_officer", f"/events/{departed}/corrections", {"changes": {"employer": "成都某公司"},
                                                                      "reason": "补全单位名称"}))
    created(api.post("t1_officer", f"/events/{paid}/void", {"reason": "重复录入"}))
    created(api.post("t1_officer", f"/members/{m}/transfer-letters", {"to_org_name": "某街道工委"}))
    number = api.get("admin", f"/members/{m}").json()["letter_number"]
    created(api.post("t1_officer", f"/members/{m}/transfer-receipts", {"letter_number": number}))
    assert api.get("admin", f"/members/{m}").json()["status"] == "ended"

    second = created(api.post("t1_officer", "/members", {**MEMBER, "id_number": id_number(date(1985, 3, 4), 2),
                                                         "branch_id": str(c.b1)}))["subject_id"]
    looked = created(api.post("b1_officer", f"/members/{second}/reveal", {"fields": ["phone"], "reason": "核实"}))
    assert looked["revealed"] == {"phone": "13800001234"}
    created(api.post("admin", "/legacy/summaries", {"member_id": second, "paid_through": "2023-12"}))
    created(api.post("admin", "/legacy/certificates", {"member_id": second, "number": "旧证-1",
                                                       "still_valid": False}))
    created(api.post("b1_officer", f"/members/{second}/end", {"reason": "died"}))

    org = created(api.post("admin", "/organisations", {"kind": "branch", "name": "新村党支部",
                                                       "parent_id": str(c.t2)}))["subject_id"]
    created(api.post("admin", f"/organisations/{org}/close", {"reason": "撤并"}))
    created(api.post("admin", f"/organisations/{c.mb}/handover", {"to_org_id": str(c.io)}))
    officer = created(api.post("admin", "/officers", {"name": "新干事", "org_id": str(c.t2), "role": "officer"}))
    token = created(api.post("admin", f"/officers/{officer['subject_id']}/tokens"))
    assert token["token"] and len(token["token"]) >= 43
    created(api.post("admin", f"/tokens/{token['subject_id']}/revoke", {"reason": "遗失"}))
    created(api.post("admin", f"/officers/{officer['subject_id']}/revoke", {"reason": "调离"}))
    created(api.post("admin", "/policy", {"changes": {"back_pay_months": 3}}))
    created(api.post("admin", "/blanks", {"org_id": str(c.t2), "year": 2026, "first": 1, "last": 9}))


def test_a_certificate_handed_back_on_its_own(api: Api) -> None:
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    request = created(api.post("t1_officer", "/certificate-requests", {"member_id": m, "justification": "务工"}))
    created(api.post("t1_approver", f"/certificate-requests/{request['subject_id']}/approve", {}))
    created(api.post("b1_officer", "/certificates", {"request_id": request["subject_id"],
                                                     "number": "511922-2025-00004"}))
    created(api.post("b1_officer", "/certificates/511922-2025-00004/hand-back", {"reason": "transferred"}))
    assert api.get("auditor", "/certificates/511922-2025-00004").json()["state"] == "handed_back"


def test_every_post_route_is_documented_and_refuses_a_caller_without_a_token(api: Api) -> None:
    from api.routes.commands import ROUTES
    paths = api.client.get("/openapi.json").json()["paths"]
    values = {"position": "1", "number": "511922-2025-00001"}  # every other path parameter is an id
    for route in ROUTES:
        assert paths[route.path]["post"]["summary"] == route.command.label
        path = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), str(uuid4())), route.path)
        detail = refused(api, lambda: api.client.post(path, json={}), 401, "actor.token")  # noqa: B023
        assert detail["message"] == "身份认证：令牌无效或已被吊销", route.path


def test_a_declined_request_is_in_the_audit_trail_and_cannot_be_used(api: Api) -> None:
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    request = created(api.post("t1_officer", "/certificate-requests", {"member_id": m, "justification": "务工"}))
    created(api.post("t1_approver", f"/certificate-requests/{request['subject_id']}/decline", {"reason": "未报到"}))
    declined = api.get("auditor", "/audit", topic="liudong.certificate_request.Declined").json()["rows"]
    assert [(row["actor"], row["subject_id"]) for row in declined] == [(str(api.county.t1_approver),
                                                                         request["subject_id"])]
    refused(api, lambda: api.post("b1_officer", "/certificates", {"request_id": request["subject_id"],
                                                                   "number": "511922-2025-00001"}),
            422, "certificate.request_declined", "request_id")


def test_a_probationary_member_decided_on_time_is_a_full_member(api: Api) -> None:
    m = created(api.post("t1_officer", "/members", {**MEMBER, "standing": "probationary", "joined_on": "2024-01-01",
                                                    "effective_on": "2024-01-02", "branch_id": str(api.county.b1)}))
    assert api.get("auditor", f"/members/{m['subject_id']}").json()["standing"] == "probationary"
    created(api.post("b1_officer", f"/members/{m['subject_id']}/probation", {"outcome": "on_time"}))
    assert api.get("auditor", f"/members/{m['subject_id']}").json()["standing"] == "full"


def test_without_a_valid_token_it_is_401(api: Api) -> None:
    refused(api, lambda: api.post(None, "/members", {**MEMBER, "branch_id": str(api.county.b1)}), 401, "actor.token")
    response = api.client.post("/members", json=MEMBER, headers={"Authorization": "Bearer nonsense"})
    refused(api, lambda: response, 401, "actor.token")
    assert response.headers["WWW-Authenticate"] == "Bearer"
    refused(api, lambda: api.client.get("/register"), 401, "actor.token")


def test_a_revoked_token_or_officer_is_refused_at_once_although_callers_are_cached(api: Api) -> None:
    assert api.get("t2_officer", "/register").status_code == 200  # now remembered for a few seconds
    assert api.get("s1_officer", "/register").status_code == 200
    token_id = credential_id(token_hash(api.tokens["t2_officer"]))
    created(api.post("admin", f"/tokens/{token_id}/revoke", {"reason": "遗失"}))
    refused(api, lambda: api.get("t2_officer", "/register"), 401, "actor.token")
    created(api.post("admin", f"/officers/{api.county.s1_officer}/revoke", {"reason": "调离"}))
    refused(api, lambda: api.get("s1_officer", "/register"), 401, "actor.unknown")


def test_outside_a_role_or_jurisdiction_it_is_403(api: Api) -> None:
    body = {**MEMBER, "branch_id": str(api.county.b1)}
    refused(api, lambda: api.post("t2_officer", "/members", body), 403, "actor.jurisdiction")
    refused(api, lambda: api.post("auditor", "/members", body), 403, "actor.read_only")
    refused(api, lambda: api.post("t1_officer", "/policy", {"changes": {"back_pay_months": 3}}), 403, "actor.role")


def test_unknown_things_are_404(api: Api) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    refused(api, lambda: api.post("admin", f"/members/{unknown}/departures", AWAY), 404, "member.not_found")
    refused(api, lambda: api.post("admin", "/certificates/511922-2025-00009/checks", {"year": 2025}), 404,
            "certificate.not_found")
    refused(api, lambda: api.post("admin", "/organisations", {"kind": "branch", "name": "某支部", "parent_id": unknown}),
            404, "org.not_found")
    refused(api, lambda: api.post("admin", "/events/99999/void", {"reason": "x"}), 404, "correction.position")
    assert api.get("admin", f"/members/{unknown}").status_code == 404
    assert api.get("admin", "/certificates/511922-2025-00009").status_code == 404


def test_a_stale_expected_version_is_409(api: Api) -> None:
    m = member(api)
    detail = refused(api, lambda: api.post("b1_officer", f"/members/{m}/departures", {**AWAY, "expected_version": 5}),
                     409, "version.stale", "expected_version")
    assert detail["message"] == "并发修改：该记录已被他人修改（当前版本1，提交时版本5）"
    assert created(api.post("b1_officer", f"/members/{m}/departures", {**AWAY, "expected_version": 1}))["version"] == 2


@pytest.mark.parametrize(("body", "field", "code", "message"), [
    ({"id_number": "51192219850304001X"}, "id_number", "input.id_number_checksum", "身份证号：身份证号校验码不正确，请核对"),
    ({"phone": "123"}, "phone", "input.phone", None),
    ({"gender": "m"}, "gender", "input.choice", None),
    ({"birth_date": "1985-13-01"}, "birth_date", "input.format", "字段格式：出生日期（birth_date）应为日期（YYYY-MM-DD）"),
    ({"name": None}, "name", "input.format", None),
    ({"branch_id": "not-an-id"}, "branch_id", "input.format", "字段格式：所在支部（branch_id）应为编号（UUID）"),
    ({"actor": "someone"}, "actor", "input.format", "字段格式：actor不是可识别的字段"),
])
def test_bad_input_is_422_naming_the_field_and_the_rule(api: Api, body: dict[str, Any], field: str, code: str,
                                                        message: str | None) -> None:
    request = {**MEMBER, "branch_id": str(api.county.b1), **body}
    detail = refused(api, lambda: api.post("t1_officer", "/members", request), 422, code, field)
    if message:
        assert detail["message"] == message


def test_a_broken_rule_is_422_with_its_chinese_term(api: Api) -> None:
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    detail = refused(api, lambda: api.post("b1_officer", f"/members/{m}/departures", AWAY), 422, "member.already_away")
    assert detail["rule"] == "外出登记"
