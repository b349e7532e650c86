"""Posts to the staff pages must come from the service's own pages: a foreign
Origin (or, without one, a foreign Referer) is refused with 403, the login
form included (login CSRF), and nothing changes."""

from __future__ import annotations

import re
from uuid import uuid4

from fastapi.testclient import TestClient

from tests.api.conftest import Api

COOKIE = "liudong_session"
EVIL = "https://evil.example"


def visitor(api: Api) -> TestClient:
    return TestClient(api.client.app, follow_redirects=False)


def test_a_login_posted_from_another_site_is_refused_and_sets_no_cookie(api: Api) -> None:
    answer = visitor(api).post("/ui/login", data={"token": api.tokens["admin"]}, headers={"Origin": EVIL})
    assert answer.status_code == 403
    assert COOKIE not in answer.cookies
    assert "其他网站" in answer.text


def test_an_origin_naming_another_host_or_port_is_foreign(api: Api) -> None:
    for origin in ("null", "http://testserver:8080", "http://testserver.evil.example", "http://evil.example/testserver"):
        answer = visitor(api).post("/ui/login", data={"token": api.tokens["admin"]}, headers={"Origin": origin})
        assert answer.status_code == 403, origin
    for origin in ("http://testserver", "https://TestServer"):  # the scheme is not compared: a TLS proxy in front
        answer = visitor(api).post("/ui/login", data={"token": api.tokens["admin"]}, headers={"Origin": origin})
        assert answer.status_code == 303, origin


def test_without_an_origin_the_referer_decides(api: Api) -> None:
    foreign = visitor(api).post("/ui/login", data={"token": api.tokens["admin"]}, headers={"Referer": f"{EVIL}/x"})
    assert foreign.status_code == 403
    own = visitor(api).post("/ui/login", data={"token": api.tokens["admin"]},
                            headers={"Referer": "http://testserver/ui/login"})
    assert own.status_code == 303


def test_a_form_post_or_logout_from_another_site_changes_nothing(api: Api) -> None:
    browser = visitor(api)
    assert browser.post("/ui/login", data={"token": api.tokens["t2_officer"]}).status_code == 303
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', browser.get("/ui/register").text)
    assert found
    head = api.service.ledger.recorder.max_notification_id()
    form = {"csrf": found.group(1), "member_id": str(uuid4()), "method": "phone", "outcome": "reached"}
    assert browser.post("/ui/forms/contact", data=form, headers={"Origin": EVIL}).status_code == 403
    assert browser.post("/ui/logout", data={"csrf": found.group(1)}, headers={"Origin": EVIL}).status_code == 403
    assert api.service.ledger.recorder.max_notification_id() == head
    assert browser.get("/ui/register").status_code == 200, "still logged in"
