"""Every command of the API has a form (over HTTP, no browser): the forms /ui
offers the county admin are the OpenAPI's command routes; every form answers
a bad value with the API's own message for it, 422, recording nothing; and a
form posted twice with the same Idempotency-Key records once."""

from __future__ import annotations

import html
import re
import typing
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from fastapi.testclient import TestClient

from api.web.forms import FORMS, FormSpec
from tests.api.conftest import Api
from tests.support.members import away

NUMBER = "511922-2025-00001"


def logged_in(api: Api, who: str) -> TestClient:
    browser = TestClient(api.client.app, follow_redirects=False)
    assert browser.post("/ui/login", data={"token": api.tokens[who]}).status_code == 303
    return browser


def form_of(browser: TestClient, path: str) -> dict[str, str]:
    """The hidden fields (form token, idempotency key, given ids) of the form page at `path`."""
    answer = browser.get(path)
    assert answer.status_code == 200, answer.text
    return {name: html.unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', answer.text)}


def command_routes(api: Api) -> set[str]:
    """POST routes of the OpenAPI answering CommandOut."""
    found = set()
    for path, methods in api.client.get("/openapi.json").json()["paths"].items():
        created = methods.get("post", {}).get("responses", {}).get("201", {})
        if created.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "").endswith(
                "/CommandOut"):
            found.add(path)
    return found


def test_the_forms_offered_to_the_county_admin_are_the_commands_of_the_openapi(api: Api) -> None:
    work = logged_in(api, "admin").get("/ui/work").text
    offered = set(re.findall(r'data-route="([^"]+)"', work))
    assert offered == command_routes(api)
    assert len(offered) >= 60


def _inner(annotation: Any) -> Any:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if typing.get_origin(annotation) in (typing.Union, type(int | None)) and len(args) == 1 \
        else annotation


def _bad(annotation: Any) -> tuple[Any, Any] | None:
    """A value of the wrong form for a field's type: (for the form, for the JSON body)."""
    inner = _inner(annotation)
    origin = typing.get_origin(inner)
    if origin in (tuple, list):
        item = typing.get_args(inner)[0]
        return ("abc", ["abc"]) if item is int else ("坏\x01", ["坏\x01"])
    if origin is dict or inner is dict:
        return "不是对象", "不是对象"
    if inner in (UUID, int, date, bool):
        return {UUID: "坏编号", int: "abc", date: "2025-02-30", bool: "也许"}[inner], \
            {UUID: "坏编号", int: "abc", date: "2025-02-30", bool: "也许"}[inner]
    if inner is str:
        return "坏\x01", "坏\x01"
    return None


def bad_request(spec: FormSpec) -> tuple[str, str, dict[str, str], dict[str, Any]]:
    """The field made bad, the API path, the form's values and the API's body."""
    path = {name: (NUMBER if name == "number" else "1" if name == "position" else str(uuid4()))
            for name in spec.path_names}
    for name in spec.path_names:
        if name != "number":
            bad = "abc" if name == "position" else "坏编号"
            return name, spec.route.path.format(**{**path, name: bad}), {**path, name: bad}, {}
    for name, info in spec.body.model_fields.items():
        if name in ("effective_on", "expected_version") or (bad := _bad(info.annotation)) is None:
            continue
        return name, spec.route.path.format(**path), {**path, name: bad[0]}, {name: bad[1]}
    raise AssertionError(f"no field to make bad in {spec.name}")


def test_every_form_answers_a_bad_value_with_the_apis_message_and_records_nothing(api: Api) -> None:
    browser = logged_in(api, "admin")
    before = api.service.ledger.recorder.max_notification_id()
    for spec in FORMS.values():
        field, path, values, body = bad_request(spec)
        answer = api.post("admin", path, body)
        assert answer.status_code == 422, (spec.name, answer.text)
        expected = answer.json()["detail"]["message"]
        assert field in expected, (spec.name, expected)
        hidden = form_of(browser, f"/ui/forms/{spec.name}")
        shown = browser.post(f"/ui/forms/{spec.name}", data={**hidden, **values})
        assert shown.status_code == 422, (spec.name, shown.text[:300])
        found = re.search(r'id="form-error">([^<]*)</p>', shown.text)
        assert found and html.unescape(found.group(1)) == expected, (spec.name, expected)
    assert api.service.ledger.recorder.max_notification_id() == before, "nothing recorded"


def test_a_form_posted_twice_with_the_same_key_records_once(api: Api) -> None:
    member = away(api.service.ledger, api.county)
    api.sync()
    browser = logged_in(api, "t1_officer")
    hidden = form_of(browser, f"/ui/forms/record-contact?member_id={member}")
    assert hidden["member_id"] == str(member) and len(hidden["idempotency_key"]) == 32
    values = {**hidden, "method": "phone", "outcome": "reached", "note": "双击"}
    first, second = (browser.post("/ui/forms/record-contact", data=values) for _ in range(2))
    assert first.status_code == second.status_code == 303, re.findall(r"id=\"form-error\">([^<]*)", first.text)
    assert first.headers["location"] == second.headers["location"]
    assert first.headers["location"].startswith(f"/ui/members/{member}?")
    contacts = [e for e in api.service.queries.history(member) if e["summary"].startswith("联系")]
    assert len(contacts) == 1, contacts
    again = form_of(browser, f"/ui/forms/record-contact?member_id={member}")
    assert again["idempotency_key"] != hidden["idempotency_key"], "each rendering its own key"
