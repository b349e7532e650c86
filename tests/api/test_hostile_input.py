"""Hostile or careless input at the API boundary (issue 13, part A): each
answer is a clear 4xx naming the field and the rule, nothing is stored, and
no other request is hurt. On both stores."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER, created, member, refused
from tests.api.test_pages_sessions import login, visitor
from tests.support.county import id_number

ASCII_ID = id_number(date(1985, 3, 4), 7)
FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def registration(api: Api, **changes: str) -> dict[str, str]:
    return {**MEMBER, "branch_id": str(api.county.b1), "id_number": ASCII_ID, **changes}


def post_raw(api: Api, who: str, path: str, text: str):  # type: ignore[no-untyped-def]
    """A JSON body sent as written (json.dumps keeps a lone surrogate as \\ud800)."""
    return api.client.post(path, content=text.encode(), headers=api.headers(who, **{"Content-Type": "application/json"}))


# A2: non-ASCII digits.

def test_fullwidth_digits_in_an_id_or_phone_number_are_read_as_ascii(api: Api) -> None:
    body = registration(api, id_number=ASCII_ID.translate(FULLWIDTH), phone="１３８００００１２３４")
    registered = created(api.post("t1_officer", "/members", body))
    assert registered["subject_id"] == str(api.service.ledger.member_id_for(ASCII_ID))
    assert api.get("t1_officer", f"/members/{registered['subject_id']}").json()["phone_masked"] == "138****1234"


def test_digits_of_other_scripts_in_an_id_number_are_refused(api: Api) -> None:
    arabic = ASCII_ID[:17].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + ASCII_ID[17]
    refused(api, lambda: api.post("t1_officer", "/members", registration(api, id_number=arabic)),
            422, "input.id_number", "id_number")


# A3: control characters and bad Unicode.

def test_a_name_with_a_control_character_is_refused_naming_the_field(api: Api) -> None:
    detail = refused(api, lambda: api.post("t1_officer", "/members", registration(api, name="张\u000b三")),
                     422, "input.format", "name")
    assert detail["message"] == "字段格式：姓名（name）含有不能保存的字符（控制字符或无效的 Unicode 字符）"


def test_a_lone_surrogate_in_a_json_body_is_refused_not_a_server_error(api: Api) -> None:
    text = json.dumps(registration(api)).replace('"name": "', '"name": "\\ud800', 1)
    refused(api, lambda: post_raw(api, "t1_officer", "/members", text), 422, "input.format", "name")


def test_line_breaks_only_in_free_text(api: Api) -> None:
    refused(api, lambda: api.post("t1_officer", "/members", registration(api, name="张\n三")),
            422, "input.control_character", "name")
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    created(api.post("b1_officer", f"/members/{m}/contacts", {"method": "phone", "outcome": "reached",
                                                               "note": "第一行\r\n第二行"}))
    history = api.get("auditor", f"/members/{m}/history").json()["events"]
    assert history[-1]["topic"] == "liudong.member.ContactRecorded"


# A4: numbers beyond what the store holds.

def test_out_of_range_pages_dates_and_positions_are_refused(api: Api) -> None:
    for who, path, params in (("t1_officer", "/register", {"page": 2**63 - 1}),
                              ("auditor", "/audit", {"page": 2**63 - 1}),
                              ("auditor", "/flags", {"as_of": "9999-12-31"}),
                              ("auditor", "/anomalies", {"as_of": "9999-12-31"}),
                              ("auditor", "/certificates/511922-2025-00001/proof", {"at": 2**64})):
        answer = api.get(who, path, **params)
        assert answer.status_code == 422, (path, answer.text)
        assert answer.json()["detail"]["field"] == next(iter(params))
    refused(api, lambda: api.post("admin", f"/events/{2**64}/void", {"reason": "测试"}), 422, "input.format", "position")
    for field in ("name", "province", "status"):  # PostgreSQL cannot compare text holding a NUL
        answer = api.get("t1_officer", "/register", **{field: "a\x00b"})
        assert answer.status_code == 422 and answer.json()["detail"]["field"] == field


# A9: a refusal tells nothing about what lies outside the caller's jurisdiction.

def test_a_refusal_does_not_name_the_hidden_members_branch(api: Api) -> None:
    hidden = created(api.post("t2_officer", "/members", registration(api, branch_id=str(api.county.b2))))
    answer = api.get("t1_officer", f"/members/{hidden['subject_id']}")
    assert answer.status_code == 403
    message = answer.json()["detail"]["message"]
    assert message == "管辖范围：所涉党员或组织不在中共长赤镇委员会的管辖范围内"
    assert "赤溪" not in answer.text and "新民" not in answer.text


def test_a_staff_page_filter_that_names_no_organisation_is_a_404_not_a_500(api: Api) -> None:
    browser = visitor(api)
    login(browser, api.tokens["t1_officer"])
    for path in ("/ui/register?township=not-a-uuid", "/ui/register.xlsx?township=zzz"):
        answer = browser.get(path)
        assert answer.status_code == 404, (path, answer.status_code)
        assert "找不到该组织" in answer.text
    assert browser.get("/ui/register?page=99999999999999999999").status_code == 422


# A6: the report-in is no oracle of ID numbers.

def test_failed_lookups_by_id_number_are_logged_and_limited_per_officer(api: Api) -> None:
    unknown = [id_number(date(1990, 1, 1), seq) for seq in range(1, 12)]
    for number in unknown[:10]:
        refused(api, lambda n=number: api.post("mb_officer", "/report-ins", {"org_id": str(api.county.mb),  # type: ignore[misc]
                                                                            "id_number": n}),
                404, "report_in.no_match", "id_number")
    answer = api.post("mb_officer", "/report-ins", {"org_id": str(api.county.mb), "id_number": unknown[10]})
    assert answer.status_code == 429 and answer.json()["detail"]["code"] == "actor.lookups_throttled"
    assert 0 < int(answer.headers["Retry-After"]) <= 3600
    logged = api.get("auditor", "/audit/failed-lookups", size=20).json()
    assert logged["total"] == 10 and {row["officer_id"] for row in logged["rows"]} == {str(api.county.mb_officer)}
    assert {row["member_key"] for row in logged["rows"]} == {str(api.service.ledger.member_id_for(n))
                                                             for n in unknown[:10]}
    assert all(n not in str(logged) for n in unknown)  # the log keeps no ID number
    assert api.get("mb_officer", "/audit/failed-lookups").status_code == 403


def test_a_report_in_by_id_number_answers_once_the_views_show_it(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    waited: list[float] = []
    wait_for = api.service.queries.wait_for
    monkeypatch.setattr(api.service.queries, "wait_for",
                        lambda position, timeout=5.0: waited.append(timeout) or wait_for(position, timeout))
    created(api.post("mb_officer", "/report-ins", {"org_id": str(api.county.mb), "id_number": MEMBER["id_number"]}))
    assert waited == [5.0]  # the look-up throttle's answer (0: not blocked) is not the views' timeout
    assert api.get("mb_officer", f"/members/{m}").json()["status"] == "reported_in"
