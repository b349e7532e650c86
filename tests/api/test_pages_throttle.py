"""Login throttling: wrong tokens are counted per client, per token and per
officer (when the token names one) in the store every process shares; past
the limit the login page answers 429 with Retry-After until the minute ends."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from api.app import create_app
from domain.commands import IssueToken, RevokeToken
from domain.credential import token_hash
from domain.ids import credential_id
from tests.api.conftest import Api
from tests.support.stores import Clock, Store


def visitor(api: Api, ip: str) -> TestClient:
    """A browser at address `ip` (own cookies) on the same running app."""
    return TestClient(api.client.app, follow_redirects=False, client=(ip, 50000))


def attempt(browser: TestClient, token: str) -> int:
    return browser.post("/ui/login", data={"token": token}).status_code


def fail_ten_times(browser: TestClient) -> None:
    for n in range(10):
        answer = browser.post("/ui/login", data={"token": f"wrong-{n}"})
        assert answer.status_code == 200 and "令牌无效" in answer.text


def test_a_client_is_refused_with_429_after_ten_wrong_tokens_the_real_one_too(api: Api) -> None:
    browser = visitor(api, "10.0.0.1")
    fail_ten_times(browser)
    answer = browser.post("/ui/login", data={"token": "wrong-10"})
    assert answer.status_code == 429
    assert 0 < int(answer.headers["Retry-After"]) <= 60
    assert "登录失败次数过多" in answer.text and "秒后再试" in answer.text
    assert attempt(browser, api.tokens["admin"]) == 429, "no more answers from this client this minute"


def test_other_clients_still_log_in_while_one_is_blocked(api: Api) -> None:
    fail_ten_times(visitor(api, "10.0.0.1"))
    assert attempt(visitor(api, "10.0.0.2"), api.tokens["admin"]) == 303


def test_the_block_ends_with_the_minute(api: Api, clock: Clock) -> None:
    browser = visitor(api, "10.0.0.1")
    fail_ten_times(browser)
    wait = int(browser.post("/ui/login", data={"token": api.tokens["admin"]}).headers["Retry-After"])
    clock.at += timedelta(seconds=wait)
    assert attempt(browser, api.tokens["admin"]) == 303


def test_one_wrong_token_is_refused_from_every_client_after_five_tries(api: Api) -> None:
    for n in range(5):
        assert attempt(visitor(api, f"10.0.1.{n}"), "the-same-wrong-token") == 200
    assert attempt(visitor(api, "10.0.1.9"), "the-same-wrong-token") == 429
    assert attempt(visitor(api, "10.0.1.9"), api.tokens["admin"]) == 303, "that client did nothing wrong"


def test_revoked_tokens_of_one_officer_lock_that_officer_out_until_the_minute_ends(api: Api, clock: Clock) -> None:
    officer = api.id("t1_officer")
    revoked = [api.service.ledger.execute(api.county.admin, IssueToken(officer_id=officer)).token for _ in range(2)]
    for token in revoked:
        api.service.record(api.county.admin, RevokeToken(credential_id=credential_id(token_hash(token)), reason="遗失"))
    for n in range(10):  # five tries of each revoked token, from ten addresses
        assert attempt(visitor(api, f"10.0.2.{n}"), revoked[n % 2]) == 200
    assert attempt(visitor(api, "10.0.2.99"), api.tokens["t1_officer"]) == 429
    assert attempt(visitor(api, "10.0.2.99"), api.tokens["t2_officer"]) == 303, "other officers are not affected"
    clock.at += timedelta(seconds=60)
    assert attempt(visitor(api, "10.0.2.99"), api.tokens["t1_officer"]) == 303


def test_failures_counted_by_one_process_block_the_client_in_another(api: Api, store: Store, clock: Clock) -> None:
    fail_ten_times(visitor(api, "10.0.0.1"))
    other = create_app(store.settings, clock, run_projections=False)
    with TestClient(other, follow_redirects=False, client=("10.0.0.1", 50000)) as browser:
        assert attempt(browser, api.tokens["admin"]) == 429
