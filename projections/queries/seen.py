"""What the reads of one request saw: the live generation and how far its views
had got. The answer's cut names that position, and what is remembered per
position (the county's policy, organisations) is looked up by it instead of
reading the position again.

Only inside `Seen.request()` (the API opens one per request, so each request
has its own): elsewhere, in tests, the CLI and background work, nothing is
kept and every question reads the position afresh."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["Position", "Seen"]

Position = tuple[int | None, int]  # (live generation, position of its register)

_SEEN: ContextVar[list[Position] | None] = ContextVar("liudong_seen", default=None)


class Seen:
    @staticmethod
    @contextmanager
    def request() -> Iterator[None]:
        token = _SEEN.set([])
        try:
            yield
        finally:
            _SEEN.reset(token)

    @staticmethod
    def note(position: Position) -> None:
        seen = _SEEN.get()
        if seen is not None:
            seen[:] = [position]

    @staticmethod
    def last() -> Position | None:
        """The position this request's last read saw; None outside a request or before its first read."""
        seen = _SEEN.get()
        return seen[0] if seen else None
