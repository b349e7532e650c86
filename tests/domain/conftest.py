"""Rule tests run once, on the library's in-memory store: they touch no SQL.
The store contracts (tests/store/ and the other folders) run on both stores."""

from __future__ import annotations

import pytest

from domain.ledger import Ledger
from tests.support.stores import Clock, in_memory_ledger


@pytest.fixture
def ledger(clock: Clock) -> Ledger:
    return in_memory_ledger(clock)
