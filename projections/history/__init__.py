"""Answers about the past, in both senses: `as_of=D`, what is now known to
have been true on day D (corrections applied), and `as_known_on=T`, what the
ledger showed at time T (the log's prefix recorded by T, later corrections
not applied). docs/projections.md says how it works and what it costs."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime, time
from threading import Lock
from typing import Any

from domain.clock import SHANGHAI, local_date
from projections.history.log_fold import LogFold, position_known_on
from projections.history.past_queries import Cut, PastQueries
from projections.queries import Queries

__all__ = ["Cut", "History", "PastQueries", "cut_of"]

KEPT = 4  # snapshots remembered (each about as large as the live register)


class History:
    """Past answers for one process: the fold at the newest position, kept and
    extended, and the last few snapshots, keyed by their cut (position and day)."""

    def __init__(self, live: Queries):
        self.live = live
        self.fold: LogFold | None = None
        self.snapshots: OrderedDict[tuple[int, date], PastQueries] = OrderedDict()
        self.lock = Lock()

    def cut(self, as_of: date | None, as_known_on: datetime | date | None) -> Cut:
        """The cut an answer about (as_of, as_known_on) is taken at."""
        ledger = self.live.ledger
        if as_known_on is None:
            return Cut(ledger.recorder.max_notification_id() or 0, as_of or self.live.today())
        if not isinstance(as_known_on, datetime):  # a day alone: as the ledger stood at that day's end
            as_known_on = datetime.combine(as_known_on, time.max, SHANGHAI)
        elif as_known_on.tzinfo is None:
            as_known_on = as_known_on.replace(tzinfo=SHANGHAI)
        return Cut(position_known_on(ledger, as_known_on), as_of or local_date(as_known_on), as_known_on)

    def at(self, as_of: date | None = None, as_known_on: datetime | date | None = None) -> Queries:
        """Queries answering for the cut; the live views when the question is about today or later."""
        if as_known_on is None and (as_of is None or as_of >= self.live.today()):
            return self.live  # nothing recorded is effective after today; the log's head is not read
        cut = self.cut(as_of, as_known_on)
        key = (cut.position, cut.as_of)  # moments with the same cut share one snapshot
        with self.lock:
            found = self.snapshots.get(key)
            if found is None:
                found = PastQueries(self.live, cut, self._fold(cut.position).on(cut.as_of))
                self.snapshots[key] = found
                while len(self.snapshots) > KEPT:
                    self.snapshots.popitem(last=False)
            self.snapshots.move_to_end(key)
        return found if found.cut == cut else found.named(cut)

    def _fold(self, position: int) -> LogFold:
        if self.fold is not None and self.fold.position <= position:
            self.fold.extend(position)
            return self.fold
        fold = LogFold(self.live.ledger, position)
        if self.fold is None or fold.position > self.fold.position:
            self.fold = fold  # keep the newest: most questions are about the log as it is
        return fold


def cut_of(queries: Queries) -> dict[str, Any]:
    """The cut of an answer from these queries (the live views': their position, today)."""
    if isinstance(queries, PastQueries):
        return queries.cut.out()
    return {"position": queries.seen()[1], "as_of": queries.today().isoformat(), "as_known_on": None}
