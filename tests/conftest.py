"""Fixtures shared by every layer: the two stores, a clock, a small county."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from domain.ledger import Ledger
from service.bootstrap import open_ledger
from service.settings import Settings, store_env
from tests.county import SmallCounty, build_small_county
from tests.postgres import find_postgres, fresh_schema

TEST_KEY = bytes.fromhex("5f" * 32)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# CI runs the same examples every time (a failure there is reproducible);
# local runs explore new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if IN_CI else "dev")


class Clock:
    """A clock the tests move by hand."""

    def __init__(self, at: datetime):
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@dataclass
class Store:
    kind: str
    settings: Settings
    ledgers: list[Ledger] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return store_env(self.settings)

    def ledger(self, clock: Clock | None = None) -> Ledger:
        ledger = open_ledger(self.env, TEST_KEY, clock or Clock(NOW))
        self.ledgers.append(ledger)
        return ledger

    def close(self) -> None:
        for ledger in self.ledgers:
            ledger.close()


NOW = datetime(2025, 6, 1, 4, 0, tzinfo=UTC)  # 2025-06-01 12:00 in Shanghai


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url, source = find_postgres()
    if url is None:
        message = f"PostgreSQL 不可用（{source}）"
        if IN_CI:
            pytest.fail(message + "：CI 中 PostgreSQL 测试不能跳过", pytrace=False)
        pytest.skip(message)
    return url


def pytest_report_header(config: pytest.Config) -> str:
    url, source = find_postgres()
    return f"PostgreSQL for tests: {source}" + ("" if url else " (unavailable)")


def _store(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    if kind == "sqlite":
        store = Store("sqlite", Settings(db=tmp_path / "ledger.db", database_url=None, lock_timeout=5,
                                         secret_key=TEST_KEY.hex()))
        yield store
        store.close()
        return
    url = request.getfixturevalue("postgres_url")
    with fresh_schema(url) as schema:
        store = Store("postgres", Settings(db=tmp_path / "unused.db", database_url=url,
                                           pg_schema=schema, lock_timeout=5, secret_key=TEST_KEY.hex()))
        yield store
        store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    yield from _store(request.param, tmp_path, request)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def ledger(store: Store, clock: Clock) -> Ledger:
    return store.ledger(clock)


@pytest.fixture
def county(ledger: Ledger) -> SmallCounty:
    return build_small_county(ledger)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Says how many PostgreSQL-backed tests ran, so a silent skip cannot hide."""
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    for outcome in counts:
        for report in terminalreporter.stats.get(outcome, []):
            if "postgres" in getattr(report, "keywords", {}) and report.when in ("call", "setup"):
                counts[outcome] += 1
    terminalreporter.write_line(
        "PostgreSQL-backed tests: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
