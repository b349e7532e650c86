"""Time as the ledger sees it: UTC instants for `recorded_at`, calendar dates
in Asia/Shanghai for `effective_on`. The clock is passed in, never read from
the system inside the domain, so tests and the demo can fix it.

`recorded_at` never decreases along the log: the ledger stamps no earlier
than the newest event it knows, and the store refuses an event stamped
earlier than its head (`RecordedOutOfOrder`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

__all__ = ["Clock", "RecordedOutOfOrder", "SHANGHAI", "system_clock", "fixed_clock", "local_date"]

Clock = Callable[[], datetime]
# China has kept UTC+8 without daylight saving since 1991; no tz database needed.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


def system_clock() -> datetime:
    return datetime.now(UTC)


def fixed_clock(at: datetime) -> Clock:
    return lambda: at


def local_date(at: datetime) -> date:
    return at.astimezone(SHANGHAI).date()


class RecordedOutOfOrder(Exception):
    """The store refused events stamped earlier than the newest event it holds
    (another process with a later clock recorded meanwhile). Nothing was stored;
    the writer runs its commands once more, stamped afresh."""

    def __init__(self, stamp: datetime, head: datetime):
        super().__init__(f"an event stamped {stamp.isoformat()} comes after one stamped {head.isoformat()}")
        self.stamp = stamp
        self.head = head
