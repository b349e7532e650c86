"""Random command sequences (the core's state machine), with the views
updated incrementally in random batch sizes and by restarted runners: the
incremental views equal views rebuilt from scratch, which equal a plain fold
of the same events. On both stores."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import rule, run_state_machine_as_test

from projections.runner import Runner
from projections.store import ViewStore
from service.settings import store_env
from tests.support.fold import fold_views
from tests.support.machine import LedgerMachine

COMPARED = {name: list(rows[0]) for name, rows in {
    "register": [dict.fromkeys(["member_id", "version", "name", "status", "since", "branch_id", "township_id",
                                "departed_on", "city", "reported_in_org", "returned_on", "certificate_number",
                                "valid_certificates", "paid_through", "last_contact_on", "last_contact_by", "last_activity_on",
                                "lost_on", "review_year", "ended", "liaison"])],
    "certificates": [dict.fromkeys(["number", "member_id", "state", "issued_by", "approver_id", "checked_years",
                                    "replaced_by", "version"])],
    "audit": [dict.fromkeys(["position", "topic", "subject_id", "actor", "corrected_by", "voided_by"])],
}.items()}
ORDER = {"register": "member_id", "certificates": "number", "audit": "position"}


class ProjectionMachine(LedgerMachine):
    def __init__(self) -> None:
        super().__init__()
        self.view_store = ViewStore(store_env(self.settings))
        self.stack.callback(self.view_store.close)
        self.runner = Runner(self.ledger, self.view_store, batch_size=7)
        self.live = self.runner.generations.ensure_live()

    @rule(size=st.integers(1, 40), steps=st.integers(1, 3))
    def project_some(self, size: int, steps: int) -> None:
        """Incremental: a few batches of a random size, at a random moment."""
        self.runner.batch_size = size
        for _ in range(steps):
            self.runner.step(self.live)

    @rule()
    def restart_runner(self) -> None:
        """A new runner resumes from the tracking positions in the store."""
        self.runner = Runner(self.ledger, self.view_store, batch_size=self.runner.batch_size)

    def rows(self, generation: int, table: str) -> list[dict[str, Any]]:
        tables = self.runner.generations.tables(generation)
        columns = ", ".join(COMPARED[table])
        with self.view_store.read(tables) as tx:
            return tx.all(f"SELECT {columns} FROM {{{table}}} ORDER BY {ORDER[table]}")

    @rule()
    def compare(self) -> None:
        self.runner.catch_up(self.live)
        incremental = {t: self.rows(self.live, t) for t in COMPARED}
        rebuilt_generation = self.runner.rebuild(grace=0)
        rebuilt = {t: self.rows(rebuilt_generation, t) for t in COMPARED}
        self.live = rebuilt_generation
        folded = {t: [{c: r[c] for c in COMPARED[t]} for r in rows] for t, rows in fold_views(self.ledger).items()}
        for table in COMPARED:
            assert incremental[table] == rebuilt[table], table
            assert rebuilt[table] == folded[table], table

    def teardown(self) -> None:
        try:
            self.compare()
        finally:
            super().teardown()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_incremental_views_equal_rebuilt_views_equal_a_plain_fold(kind: str, request: pytest.FixtureRequest) -> None:
    machine = type(f"{kind.title()}ProjectionMachine", (ProjectionMachine,), {"store_kind": kind})
    if kind == "postgres":
        machine.postgres_url = request.getfixturevalue("postgres_url")
    run_state_machine_as_test(machine, settings=settings(
        max_examples=8 if kind == "postgres" else 15, stateful_step_count=40, deadline=None,
        derandomize=True, suppress_health_check=[HealthCheck.too_slow]))
