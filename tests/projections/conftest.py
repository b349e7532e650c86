"""Fixtures for the views: a runner and the read side on the test's store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from domain.ledger import Ledger
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from tests.support.stores import Store


@dataclass
class Projected:
    runner: Runner
    views: Queries

    def sync(self) -> Queries:
        """Applies every stored event to the live views, then reads them."""
        self.runner.catch_up(self.runner.generations.ensure_live())
        return self.views


@pytest.fixture
def projected(store: Store, ledger: Ledger) -> Iterator[Projected]:
    view_store = ViewStore(store.env)
    runner = Runner(ledger, view_store, batch_size=50)
    yield Projected(runner, Queries(ledger, view_store, runner.generations))
    view_store.close()
