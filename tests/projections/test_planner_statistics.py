"""After a rebuild, SQLite's planner has statistics of every row, not of a
sample: sampled statistics (1,000 rows an index) made it scan the county's
(ended, status) index for one township's page (docs/benchmarks.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from projections.runner import Runner
from projections.store import ViewStore
from tests.support.bulk import populate
from tests.support.county import build_small_county
from tests.support.stores import NOW, Clock, open_store


def test_a_rebuild_leaves_statistics_of_every_row(tmp_path: Path) -> None:
    with open_store("sqlite", tmp_path) as store:
        ledger = store.ledger(Clock(NOW))
        populate(ledger, build_small_county(ledger), 150)  # ~1,500 events: more audit rows than a sample
        generation = Runner(ledger, ViewStore(store.env)).rebuild(grace=0)
        with sqlite3.connect(store.settings.db) as db:
            rows = db.execute(f"SELECT COUNT(*) FROM audit_g{generation}").fetchone()[0]
            stats = {stat.split()[0] for (stat,) in db.execute(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = ?", [f"audit_g{generation}"])}
    assert rows > 1000
    assert stats == {str(rows)}  # each of the table's indexes counted every row
