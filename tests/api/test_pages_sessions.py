"""Sessions of the staff pages: the cookie holds a random session id (the
store keeps only its SHA-256), the form token is bound to the session, and a
session ends on the server at logout, on revocation and after 12 hours."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from uuid import uuid4

from fastapi.testclient import TestClient
from httpx import Response

from api.app import create_app
from domain.commands import RevokeOfficer, RevokeToken
from domain.credential import token_hash
from domain.ids import credential_id
from tests.api.conftest import Api
from tests.support.stores import Clock, Store

COOKIE = "liudong_session"


def visitor(api: Api) -> TestClient:
    """A browser of its own (own cookies) on the same running app."""
    return TestClient(api.client.app, follow_redirects=False)


def login(browser: TestClient, token: str) -> str:
    answer = browser.post("/ui/login", data={"token": token})
    assert answer.status_code == 303, answer.text
    return answer.cookies[COOKIE]


def csrf_of(browser: TestClient) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', browser.get("/ui/register").text)
    assert found, "a logged-in page carries the form token"
    return found.group(1)


def sent_to_login(answer: Response) -> bool:
    return answer.status_code == 303 and answer.headers["location"].endswith("/ui/login")


def sessions(api: Api) -> list[dict[str, object]]:
    with api.service.store.read() as tx:
        return tx.all("SELECT * FROM liudong_sessions")


def test_the_cookie_holds_a_random_session_id_and_the_store_only_its_hash(api: Api) -> None:
    token = api.tokens["t1_officer"]
    cookie = login(visitor(api), token)
    assert cookie != token and len(cookie) >= 43
    [row] = sessions(api)
    assert row["id_hash"] == hashlib.sha256(cookie.encode()).hexdigest()
    assert row["officer_id"] == str(api.id("t1_officer"))
    assert row["credential_id"] == str(credential_id(token_hash(token)))
    assert row["expires_at"] == row["created_at"] + 12 * 3600  # type: ignore[operator]


def test_logging_out_in_one_process_ends_the_session_in_every_process(api: Api, store: Store, clock: Clock) -> None:
    browser = visitor(api)
    cookie = login(browser, api.tokens["t1_officer"])
    with TestClient(create_app(store.settings, clock, run_projections=False), follow_redirects=False) as other:
        other.cookies.set(COOKIE, cookie)
        assert other.get("/ui/register").status_code == 200, "the other process knows the session"
        assert sent_to_login(browser.post("/ui/logout", data={"csrf": csrf_of(browser)}))
        assert sent_to_login(other.get("/ui/register")), "the cookie kept from before is worth nothing"
    replay = visitor(api)
    replay.cookies.set(COOKIE, cookie)
    assert sent_to_login(replay.get("/ui/register"))
    assert sessions(api) == []


def test_the_form_token_of_one_session_does_not_work_in_another(api: Api) -> None:
    first, second = visitor(api), visitor(api)
    login(first, api.tokens["t1_officer"])
    login(second, api.tokens["t1_officer"])
    foreign = csrf_of(first)
    assert foreign != csrf_of(second)
    answer = second.post("/ui/forms/contact", data={"csrf": foreign, "member_id": str(uuid4()), "method": "phone",
                                                    "outcome": "reached"})
    assert sent_to_login(answer), "a token from another session is no token"


def test_revoking_the_token_or_the_officer_ends_their_sessions(api: Api) -> None:
    by_token, by_officer, bystander = visitor(api), visitor(api), visitor(api)
    login(by_token, api.tokens["t1_officer"])
    login(by_officer, api.tokens["b1_officer"])
    login(bystander, api.tokens["t2_officer"])
    revoked = credential_id(token_hash(api.tokens["t1_officer"]))
    api.service.record(api.county.admin, RevokeToken(credential_id=revoked, reason="设备遗失"))
    api.service.record(api.county.admin, RevokeOfficer(officer_id=api.id("b1_officer"), reason="调离"))
    assert sent_to_login(by_token.get("/ui/register"))
    assert sent_to_login(by_officer.get("/ui/register"))
    assert bystander.get("/ui/register").status_code == 200


def test_a_session_lasts_twelve_hours(api: Api, clock: Clock) -> None:
    browser = visitor(api)
    login(browser, api.tokens["t1_officer"])
    clock.at += timedelta(hours=12, seconds=-1)
    assert browser.get("/ui/register").status_code == 200
    clock.at += timedelta(seconds=1)
    assert sent_to_login(browser.get("/ui/register"))


def test_expired_sessions_are_removed_when_someone_logs_in(api: Api, clock: Clock) -> None:
    login(visitor(api), api.tokens["t1_officer"])
    login(visitor(api), api.tokens["t2_officer"])
    clock.at += timedelta(hours=13)
    fresh = login(visitor(api), api.tokens["t1_officer"])
    assert [row["id_hash"] for row in sessions(api)] == [hashlib.sha256(fresh.encode()).hexdigest()]
