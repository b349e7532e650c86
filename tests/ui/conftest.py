"""A real server on 127.0.0.1 with a small county, and Debian's Chromium
driven by Playwright. Any request that would leave 127.0.0.1, and anything
the pages' Content-Security-Policy blocks, fails the test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from uuid import UUID

import pytest

from api.app import create_app
from domain.commands import IssueToken, RecordDeparture, RegisterMember
from service.settings import Settings
from tests.api.conftest import api  # noqa: F401 (a fixture for tests here)
from tests.support.stores import Clock, IN_CI, NOW, TEST_KEY
from tests.support.county import SmallCounty, id_number
from tests.support.life import live_a_life
from tests.support.network import served

SCREENSHOTS = Path(__file__).parents[2] / "build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@dataclass
class Site:
    url: str
    county: SmallCounty
    tokens: dict[str, str]
    away: UUID  # a member of 长赤镇红旗村 who left on 2024-03-01
    at_home: UUID  # a member of 赤溪镇新民村
    outside: list[str] = field(default_factory=list)  # requests that tried to leave 127.0.0.1



@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    settings = Settings(db=tmp_path_factory.mktemp("ui") / "ledger.db", database_url=None,
                        secret_key=TEST_KEY.hex())
    clock = Clock(NOW)
    app = create_app(settings, clock)
    with served(app) as port:
        yield _filled(app, port)


def _filled(app: Any, port: int) -> Site:
    """The small county, two members of the pages' stories, and a token per role."""
    service = app.state.service
    ledger = service.ledger
    county = live_a_life(ledger)
    away = ledger.execute(county.t1_officer, RegisterMember(
        name="张外出", gender="male", birth_date=date(1988, 5, 6), ethnicity="汉族",
        id_number=id_number(date(1988, 5, 6), 301), phone="13812345678", joined_on=date(2012, 7, 1),
        standing="full", category="rural", branch_id=county.b1, effective_on=date(2021, 1, 5))).subject_id
    ledger.execute(county.t1_officer, RecordDeparture(
        member_id=away, reason="外出务工", province="广东省", city="深圳市", industry="manufacturing",
        expected_months=24, contact_phone="13812345678", effective_on=date(2024, 3, 1)))
    at_home = ledger.execute(county.t2_officer, RegisterMember(
        name="李在家", gender="female", birth_date=date(1990, 2, 3), ethnicity="汉族",
        id_number=id_number(date(1990, 2, 3), 302), phone="13887654321", joined_on=date(2015, 7, 1),
        standing="full", category="rural", branch_id=county.b2, effective_on=date(2021, 1, 5))).subject_id
    tokens = {who: ledger.execute(county.admin, IssueToken(officer_id=getattr(county, who))).token
              for who in ("admin", "t1_officer", "t1_approver", "t2_officer", "auditor")}
    assert service.queries.wait_for(ledger.recorder.max_notification_id(), timeout=10)
    return Site(f"http://127.0.0.1:{port}", county, tokens, away, at_home)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if shutil.which("chromium") is None:
        message = "缺少 Debian 的 chromium（make test 会用 .ci/debian-tools 安装）"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, site: Site) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()

    def guard(route: Any) -> None:
        if urlparse(route.request.url).hostname not in ("127.0.0.1",):
            site.outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    blocked: list[str] = []  # what the Content-Security-Policy refused (Chromium says so on the console)
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert site.outside == [], f"requests left 127.0.0.1: {site.outside}"
    assert blocked == [], f"the page's policy blocked: {blocked}"


def login(page: Any, site: Site, who: str) -> None:
    page.goto(f"{site.url}/ui/login")
    page.get_by_label("令牌").fill(site.tokens[who])
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/ui/register")


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SCREENSHOTS.exists():
        terminalreporter.write_line(f"Screenshots of the pages: {SCREENSHOTS}")
