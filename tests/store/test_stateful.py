"""Random command sequences from several officers against a small county:
after every step the rules hold, refusals store nothing, and replaying the
stored events gives exactly the aggregates that were saved. On both stores
(the machine itself: tests/support/machine.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.support.machine import OUTCOMES, LedgerMachine


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_random_commands_keep_the_rules_and_replay(kind: str, request: pytest.FixtureRequest) -> None:
    machine = type(f"{kind.title()}Machine", (LedgerMachine,), {"store_kind": kind})
    if kind == "postgres":
        machine.postgres_url = request.getfixturevalue("postgres_url")
    OUTCOMES.clear()
    run_state_machine_as_test(machine, settings=settings(
        max_examples=8 if kind == "postgres" else 30, stateful_step_count=40, deadline=None,
        derandomize=True, suppress_health_check=[HealthCheck.too_slow]))
    print(sorted(OUTCOMES.items()))
    for explored in ("RecordDeparture", "RecordReportIn", "RequestCertificate", "ApproveRequest",
                     "IssueCertificate", "RecordReturn", "RecordDues"):
        assert OUTCOMES[f"{explored}: stored"] > 0, explored
