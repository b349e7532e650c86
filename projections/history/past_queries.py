"""The read side for a cut of the log and a day: every query of `Queries`,
answered from a snapshot instead of the live generation. The cut is a log
position; the policy is the one the county had recorded by then."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.county import County
from domain.ids import county_id
from domain.policy import Policy
from projections.history.snapshot import Snapshot
from projections.queries import Queries
from projections.queries.register import Page
from projections.store import Tx

__all__ = ["Cut", "PastQueries"]


@dataclass(frozen=True)
class Cut:
    """Where an answer was cut: the last log position it includes, the day its
    facts are taken on, and the moment the ledger was asked as of (if any)."""

    position: int
    as_of: date
    as_known_on: datetime | None = None

    def out(self) -> dict[str, Any]:
        return {"position": self.position, "as_of": self.as_of.isoformat(),
                "as_known_on": self.as_known_on.isoformat() if self.as_known_on else None}


class PastQueries(Queries):
    def __init__(self, live: Queries, cut: Cut, states: dict[UUID, Any]):
        super().__init__(live.ledger, live.store, live.generations)
        self.live, self.cut = live, cut
        self.states = states  # each aggregate as the cut holds it, on the cut's day
        self.snapshot = Snapshot(states)
        county = states.get(county_id())
        self.county: County | None = county if isinstance(county, County) else None

    def named(self, cut: Cut) -> PastQueries:
        """The same snapshot (and remembered answers), named by another moment with the same cut."""
        other = copy(self)
        other.cut = cut
        return other

    def today(self) -> date:
        return self.cut.as_of

    def policy_on(self, day: date) -> Policy:
        if self.county is None:  # nothing recorded yet by then
            return self.live.policy_on(day)
        return self.county.policy_on(day)

    @contextmanager
    def reader(self) -> Iterator[Tx]:
        with self.snapshot.transaction() as tx:
            yield tx

    def position(self) -> tuple[int | None, int]:
        return None, self.cut.position

    def audit(self, **filters: Any) -> Page:  # type: ignore[override]
        """The audit trail up to the cut and its day (it lives in the live views:
        positions do not change), without corrections recorded after the cut."""
        found = self.live.audit(through=self.cut.position, effective_by=self.cut.as_of, **filters)
        for row in found.rows:
            for key in ("corrected_by", "voided_by"):
                if (row.get(key) or 0) > self.cut.position:
                    row[key] = None
        return found

    def aggregate(self, cls: type[Any], id: UUID) -> Any:
        """As the cut holds it, on the cut's day (facts recorded later, or effective later, left out)."""
        found = self.states.get(id)
        return found if isinstance(found, cls) else None
