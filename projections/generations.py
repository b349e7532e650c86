"""Generations of the view tables: `register_g3`, `audit_g3`...

Exactly one generation is live (queries read it). A rebuild fills a new
generation (state `building`) while the live one keeps answering, then swaps
them in one transaction; the old generation is dropped a little later, once
queries that began on it have finished. Each generation records the layout of
its tables (a fingerprint): code that changes a view's columns finds the live
generation `outdated` and rebuilds before serving.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime

from projections.store import Tx, ViewStore
from projections.view import View

__all__ = ["Generations"]

REGISTRY = "liudong_generations"
LAYOUTS = "liudong_generation_layouts"  # apart from the registry, which stores made before it lack


class Generations:
    def __init__(self, store: ViewStore, views: Sequence[View], create: bool = True):
        self.store = store
        self.views = views
        self._tables: dict[int, dict[str, str]] = {}
        self._tracking = getattr(store.tracking, "tracking_table_name", "tracking")
        self.layout = hashlib.sha256(repr(sorted((v.name, sorted(v.tables.items())) for v in views)).encode()).hexdigest()
        if not create:  # a read replica's: the primary made them
            return
        with store.transaction() as tx:
            tx.execute(f"CREATE TABLE IF NOT EXISTS {REGISTRY} (generation INTEGER PRIMARY KEY, "
                       "state TEXT NOT NULL, created_at TEXT NOT NULL, live_at TEXT)")
            tx.execute(f"CREATE TABLE IF NOT EXISTS {LAYOUTS} (generation INTEGER PRIMARY KEY, layout TEXT NOT NULL)")

    def tables(self, generation: int) -> dict[str, str]:
        """Logical table names mapped to this generation's tables (a copy: callers may change it)."""
        if generation not in self._tables:
            self._tables[generation] = {t: self.store.qualified(f"{t}_g{generation}")
                                        for view in self.views for t in view.tables}
        return dict(self._tables[generation])

    def live_and_applied(self, tx: Tx) -> tuple[int | None, int]:
        """The live generation and how far its register has got (this changes when anything does),
        in one statement: every read names both (PostgreSQL: one round trip, not two)."""
        tracking, registry = self.store.qualified(self._tracking), self.store.qualified(REGISTRY)
        row = tx.one(f"SELECT l.g AS g, (SELECT MAX(notification_id) FROM {tracking} WHERE application_name "
                     f"= 'register@g' || CAST(l.g AS TEXT)) AS n FROM (SELECT MAX(generation) AS g FROM {registry} "
                     "WHERE state = 'live') l")
        assert row is not None  # an aggregate answers one row, with NULL when there is no live generation
        return row["g"], row["n"] or 0

    def tracking_name(self, view: View, generation: int) -> str:
        return f"{view.name}@g{generation}"

    def live(self, tx: Tx | None = None) -> int | None:
        return self._one("live", tx)

    def building(self) -> int | None:
        return self._one("building")

    def _one(self, state: str, tx: Tx | None = None) -> int | None:
        sql = f"SELECT MAX(generation) AS g FROM {REGISTRY} WHERE state = ?"
        if tx is not None:
            return tx.value(sql, [state])
        with self.store.read() as reader:
            return reader.value(sql, [state])

    def ensure_live(self) -> int:
        """The live generation, creating the first one (empty) if there is none."""
        live = self.live()
        if live is not None:
            return live
        with self.store.transaction() as tx:
            self._lock(tx)
            live = tx.value(f"SELECT MAX(generation) AS g FROM {REGISTRY} WHERE state = 'live'")
            if live is None:
                live = self._create(tx, "live")
        return live

    def outdated(self, generation: int) -> bool:
        """True if `generation`'s tables were made for other views than this code's
        (or before layouts were recorded): it must be rebuilt before it is read."""
        with self.store.read() as tx:
            layout = tx.value(f"SELECT layout FROM {LAYOUTS} WHERE generation = ?", [generation])
        return layout != self.layout

    def start_building(self) -> int:
        """The generation a rebuild fills: an unfinished one of this layout, or a new one."""
        with self.store.transaction() as tx:
            self._lock(tx)
            building = tx.value(f"SELECT MAX(r.generation) AS g FROM {REGISTRY} r JOIN {LAYOUTS} l "
                                "ON l.generation = r.generation WHERE r.state = 'building' AND l.layout = ?",
                                [self.layout])
            return building if building is not None else self._create(tx, "building")

    def _lock(self, tx: Tx) -> None:
        """Serialises changes of the registry (SQLite writers already are)."""
        if self.store.is_postgres:
            tx.execute(f"LOCK TABLE {REGISTRY} IN EXCLUSIVE MODE")

    def _create(self, tx: Tx, state: str) -> int:
        generation = (tx.value(f"SELECT MAX(generation) AS g FROM {REGISTRY}") or 0) + 1
        now = datetime.now(UTC).isoformat()
        tx.execute(f"INSERT INTO {REGISTRY} VALUES (?, ?, ?, ?)",
                   [generation, state, now, now if state == "live" else None])
        tx.execute(f"INSERT INTO {LAYOUTS} VALUES (?, ?)", [generation, self.layout])
        for view in self.views:
            for table, columns in view.tables.items():
                tx.execute(f"CREATE TABLE {table}_g{generation} ({columns})")
            for number, (table, columns) in enumerate(view.lookups):
                tx.execute(f"CREATE INDEX {table}_g{generation}_l{number} ON {table}_g{generation} ({columns})")
        if state == "live":
            self._index(tx, generation)
        return generation

    def _index(self, tx: Tx, generation: int) -> None:
        for view in self.views:
            for table, columns in view.indexes:  # named by their columns: an index added later is made at start
                digest = hashlib.sha256(columns.encode()).hexdigest()[:10]
                tx.execute(f"CREATE INDEX IF NOT EXISTS {table}_g{generation}_x{digest} "
                           f"ON {table}_g{generation} ({columns})")

    def index(self, generation: int) -> None:
        """Indexes a generation's tables: a rebuild fills them first (faster), then indexes
        and gathers the planner's statistics (without them, SQLite counted a county's
        register by reading every row)."""
        with self.store.transaction() as tx:
            self._index(tx, generation)
            self._analyse(tx, generation)

    def prepare(self, generation: int) -> None:
        """At start: the live generation gets the indexes this code declares that it lacks,
        and statistics when it grew by following the log and has none, or its register has
        grown tenfold since (SQLite; PostgreSQL's autovacuum keeps its own)."""
        with self.store.transaction() as tx:
            self._index(tx, generation)
        if self.store.is_postgres:
            return
        register = f"register_g{generation}"
        with self.store.transaction() as tx:
            known = tx.value("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'") and \
                tx.value("SELECT stat FROM sqlite_stat1 WHERE tbl = ? LIMIT 1", [register])
            rows = tx.value(f"SELECT COUNT(*) FROM {register}")
            if not known or rows > 10 * int(str(known).split()[0]):
                self._analyse(tx, generation)

    def _analyse(self, tx: Tx, generation: int) -> None:
        if not self.store.is_postgres:
            # Every row, not a sample: sampled statistics (1,000 rows an index) led the planner to scan
            # a county-wide index for a township's page (4.2 ms instead of 0.19); all views: ~80 ms.
            tx.execute("PRAGMA analysis_limit = 0")
        for table in self.tables(generation).values():
            tx.execute(f"ANALYZE {table}")

    def swap(self, generation: int) -> int | None:
        """Makes `generation` live in one transaction; returns the one it replaced."""
        with self.store.transaction() as tx:
            self._lock(tx)
            old = self.live(tx)
            tx.execute(f"UPDATE {REGISTRY} SET state = 'retired' WHERE state = 'live'")
            tx.execute(f"UPDATE {REGISTRY} SET state = 'live', live_at = ? WHERE generation = ?",
                       [datetime.now(UTC).isoformat(), generation])
        return old

    def drop(self, generation: int) -> None:
        with self.store.transaction() as tx:
            for table in self.tables(generation).values():
                tx.execute(f"DROP TABLE IF EXISTS {table}")
            tx.execute(f"UPDATE {REGISTRY} SET state = 'dropped' WHERE generation = ?", [generation])
