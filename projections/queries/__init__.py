"""Reading the views: the register, histories, the audit trail, the
certificate register with its anomalies, statistics and flags.

Every query reads the live generation, chosen inside its own read
transaction, so a rebuild's swap never splits one answer between two
generations. Whatever depends on today (flags, overdue checks) is computed
here against an `as_of` date, never stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any
from uuid import UUID

from domain.clock import local_date
from domain.county import County
from domain.ids import county_id
from domain.ledger import Ledger
from domain.policy import Policy
from projections.generations import Generations
from projections.queries.activities import ActivityQueries
from projections.queries.audit import AuditQueries
from projections.queries.care import CareQueries
from projections.queries.certificates import CertificateQueries
from projections.queries.dues import DuesQueries
from projections.queries.enterprises import EnterpriseQueries
from projections.queries.flags import FlagQueries
from projections.queries.inflow import InflowQueries
from projections.queries.missing import MissingQueries
from projections.queries.register import RegisterQueries
from projections.queries.reviews import ReviewQueries
from projections.queries.seen import Position, Seen
from projections.queries.statistics import StatisticsQueries
from projections.runner import Runner, all_views
from projections.store import Tx, ViewStore

__all__ = ["Queries"]


class Queries(RegisterQueries, AuditQueries, CertificateQueries, StatisticsQueries, FlagQueries,
              MissingQueries, EnterpriseQueries, InflowQueries,
              # -- queries --
              CareQueries,
              DuesQueries,
              ReviewQueries,
              ActivityQueries,
              ):
    def __init__(self, ledger: Ledger, store: ViewStore, generations: Generations | None = None,
                 runner: Runner | None = None):
        self.ledger = ledger
        self.store = store
        self.generations = generations or Generations(store, all_views())
        self.runner = runner  # this process's runner, if it may apply events
        self._statistics: dict[Any, tuple[Any, dict[str, Any]]] = {}
        self._remembered: tuple[Position, dict[Any, Any]] = ((None, -1), {})

    def today(self) -> date:
        """Today in Asia/Shanghai, by the ledger's clock: what answers without a day are for."""
        return local_date(self.ledger.clock())

    def aggregate(self, cls: type[Any], id: UUID) -> Any:
        """An aggregate as the answer's cut holds it (here: now), or None."""
        return self.ledger.load(cls, id)

    def policy_on(self, day: date) -> Policy:
        """The county's policy in force on `day`."""
        return self.remembered("county", lambda: self.ledger.load(County, county_id())).policy_on(day)

    def remembered(self, key: Any, load: Callable[[], Any]) -> Any:
        """`load()`, kept while the views stay where they are: an aggregate loaded from the
        log when the views were at position P holds every event up to P, so it is never
        older than the views that answer beside it."""
        seen = self.seen()
        if self._remembered[0] != seen:
            self._remembered = (seen, {})
        values = self._remembered[1]
        if key not in values:
            if len(values) >= 10_000:
                values.clear()
            values[key] = load()
        return values[key]

    @contextmanager
    def reader(self) -> Iterator[Tx]:
        """A read transaction on the live generation; notes the position it sees."""
        with self.store.read(qualified=True) as tx:
            live, applied = self.generations.live_and_applied(tx)
            if live is None:
                raise LookupError("the views have not been built yet")
            tx.tables = self.generations.tables(live)
            Seen.note((live, applied))
            yield tx

    def position(self) -> Position:
        """The live generation and how far its register has got (changes when anything does)."""
        with self.store.read(qualified=True) as tx:
            seen = self.generations.live_and_applied(tx)
        Seen.note(seen)
        return seen

    def seen(self) -> Position:
        """The position this request's last read saw (read now outside a request, or before its first read)."""
        return Seen.last() or self.position()

    def caught_up(self, position: int | None) -> bool:
        """True when every view of the live generation has applied `position`."""
        if not position:
            return True
        live = self.generations.live()
        if live is None:
            return False
        return all(self.store.position(self.generations.tracking_name(v, live)) >= position
                   for v in self.generations.views)

    def wait_for(self, position: int | None, timeout: float = 5.0) -> bool:
        """Read-your-writes: waits until the views include `position`; told by
        this process's runner when it applies events, else by polling the store."""
        if self.runner is not None and self.runner.following is not None:
            self.runner.nudge()
            if self.runner.wait_applied(position or 0, timeout):
                return True
        deadline = time.monotonic() + timeout
        pause = 0.002
        while not self.caught_up(position):
            if time.monotonic() > deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        return True
