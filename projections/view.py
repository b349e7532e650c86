"""What every view is: its tables, and how it applies a batch of events.

A view declares its tables by logical name; each generation gets physical
copies (`register_g3`), so a rebuild can fill new tables while queries read
the old ones. A view must accept every event (ignoring those it does not
need): its tracking position moves past them all.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from domain.base import LedgerEvent

if TYPE_CHECKING:
    from domain.ledger import Ledger
    from projections.store import Tx

__all__ = ["EventBatch", "View"]


@dataclass(frozen=True)
class EventBatch:
    """Events in log order, each with its position, and the ledger for lookups."""

    events: Sequence[tuple[int, LedgerEvent]]
    ledger: Ledger

    @property
    def last_position(self) -> int:
        return self.events[-1][0]


class View(ABC):
    name: ClassVar[str]
    # logical table name -> column definitions
    tables: ClassVar[dict[str, str]]
    # (logical table name, indexed columns) for queries: a rebuild adds them at the end
    indexes: ClassVar[Sequence[tuple[str, str]]] = ()
    # indexes the view itself looks things up by while applying events: always there
    lookups: ClassVar[Sequence[tuple[str, str]]] = ()

    @abstractmethod
    def apply(self, tx: Tx, batch: EventBatch) -> None:
        """Writes the batch's effect on this view's tables (inside `tx`)."""
