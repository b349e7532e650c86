"""Random command sequences from several officers against a small county:
after every step the rules hold, refusals store nothing, and replaying the
stored events gives exactly the aggregates that were saved. On both stores
(the machine itself: tests/support/machine.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.internal.cache import LRUCache
from hypothesis.internal.conjecture import providers
from hypothesis.internal.constants_ast import Constants
from hypothesis.stateful import run_state_machine_as_test

from tests.support.machine import OUTCOMES, LedgerMachine


@pytest.fixture
def same_draws_whatever_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hypothesis also draws the literals of every local module the session has
    loaded (and caches them process-wide), so a derandomized run changes with
    unrelated code and with which tests were collected. This machine draws
    without them: the same examples alone, in tests/store or in the whole suite."""
    monkeypatch.setattr(providers, "_get_local_constants", Constants)
    monkeypatch.setattr(providers, "CONSTANTS_CACHE", LRUCache(1024))


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
@pytest.mark.usefixtures("same_draws_whatever_is_loaded")
def test_random_commands_keep_the_rules_and_replay(kind: str, request: pytest.FixtureRequest) -> None:
    machine = type(f"{kind.title()}Machine", (LedgerMachine,), {"store_kind": kind})
    if kind == "postgres":
        machine.postgres_url = request.getfixturevalue("postgres_url")
    OUTCOMES.clear()
    run_state_machine_as_test(machine, settings=settings(
        max_examples=8 if kind == "postgres" else 30, stateful_step_count=40, deadline=None,
        derandomize=True, suppress_health_check=[HealthCheck.too_slow]))
    print(sorted(OUTCOMES.items()))
    # The shorter PostgreSQL run draws fewer commands of each kind: a return is stored in the longer one.
    for explored in ("RecordDeparture", "RecordReportIn", "RequestCertificate", "ApproveRequest",
                     "IssueCertificate", "RecordDues", *(["RecordReturn"] if kind == "sqlite" else [])):
        assert OUTCOMES[f"{explored}: stored"] > 0, explored
