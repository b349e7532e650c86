"""Fixtures shared by every layer: the two stores, a clock, a small county.

Rule tests (tests/domain/) replace `ledger` with one on the library's
in-memory store; everything else runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from domain.ledger import Ledger
from tests.support.county import SmallCounty, build_small_county
from tests.support.postgres import find_postgres
from tests.support.stores import IN_CI, NOW, Clock, Store, open_store

# CI runs the same examples every time (a failure there is reproducible);
# local runs explore new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if IN_CI else "dev")


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


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    with open_store(request.param, tmp_path, url) as opened:
        yield opened


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
