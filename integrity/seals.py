"""Seals: every stored event, in log order, is chained to the one before.

A seal holds its sequence number (0, 1, 2... with no gaps, unlike positions),
the event's position, the previous seal's hash, the event's leaf hash, the
root of the Merkle tree over all leaves so far (seq + 1 of them), the time
it was sealed, and its own hash over all of these.
The chain head's hash therefore commits to every leaf, and to a tree in which
one event's inclusion is proved by log2(n) hashes.

`Sealer.seal` runs inside the transaction that inserts the events, after the
store's write lock is taken, so seals are written in commit order and a row
inserted another way has none. There it also refuses (`RecordedOutOfOrder`,
nothing stored) an event stamped earlier than the one before it: the head's
stamp is kept with the frontier, and read from the head event when another
process sealed meanwhile.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple, Protocol

import orjson

from domain.clock import RecordedOutOfOrder
from integrity.leaves import Leaves, recorded_at
from integrity.merkle import Frontier

__all__ = ["GENESIS", "Head", "Seal", "SealTable", "Sealer", "seal_hash"]

GENESIS = bytes(32)


def seal_hash(seq: int, position: int, prev_hash: bytes, leaf: bytes, root: bytes, sealed_at: str) -> bytes:
    return hashlib.sha256(b"\x02" + seq.to_bytes(8, "big") + position.to_bytes(8, "big") + prev_hash + leaf
                          + root + sealed_at.encode()).digest()


@dataclass(frozen=True)
class Seal:
    seq: int
    position: int
    prev_hash: bytes
    leaf_hash: bytes
    root: bytes
    hash: bytes
    sealed_at: str

    def row(self) -> tuple[Any, ...]:
        return (self.seq, self.position, self.prev_hash, self.leaf_hash, self.root, self.hash, self.sealed_at)


class Head(NamedTuple):
    """The newest seal: its sequence number, hash and the position of its event."""

    seq: int
    hash: bytes
    position: int


class SealTable(Protocol):
    """The seal table as seen from inside the inserting transaction."""

    def last(self) -> Head | None: ...

    def state_at(self, position: int) -> bytes | None: ...  # the stored state of an event

    def hash_at(self, seq: int) -> bytes | None: ...

    def leaves_from(self, seq: int) -> list[bytes]: ...

    def insert(self, seals: Sequence[Seal]) -> None: ...


class Sealer:
    def __init__(self, leaves: Leaves):
        self.leaves = leaves
        self._frontier: Frontier | None = None  # after the last seal this process wrote or read
        self._frontier_head = GENESIS
        self._head_at: datetime | None = None  # recorded_at of that seal's event

    def seal(self, table: SealTable, stored_events: Sequence[Any], positions: Sequence[int]) -> None:
        last = table.last()
        frontier = self._frontier_for(table, last)
        head_at = self._recorded_at_head(table, last)
        prev, seq = (last.hash, last.seq + 1) if last else (GENESIS, 0)
        now = datetime.now(UTC).isoformat()
        seals = []
        for position, event in sorted(zip(positions, stored_events, strict=True), key=lambda pair: pair[0]):
            content = self.leaves.content(event.state)
            stamp = recorded_at(content)
            if stamp is not None and head_at is not None and stamp < head_at:
                raise RecordedOutOfOrder(stamp, head_at)  # rolls the whole insert back
            head_at = stamp or head_at
            leaf = self.leaves.leaf_of(position, event.originator_id, event.originator_version, event.topic,
                                       content)
            frontier.append(leaf)
            root = frontier.root()
            seal = Seal(seq, position, prev, leaf, root, seal_hash(seq, position, prev, leaf, root, now), now)
            seals.append(seal)
            prev, seq = seal.hash, seq + 1
        table.insert(seals)
        # If the transaction rolls back, the next seal finds this head missing and reloads.
        self._frontier, self._frontier_head, self._head_at = frontier, prev, head_at

    def _recorded_at_head(self, table: SealTable, last: Head | None) -> datetime | None:
        """recorded_at of the newest sealed event: kept from the last seal this process
        wrote (its hash commits to it), else read from that event."""
        if last is None:
            return None
        if last.hash == self._frontier_head and self._head_at is not None:
            return self._head_at
        state = table.state_at(last.position)
        return recorded_at(orjson.loads(self.leaves.plaintext(state))) if state is not None else None

    def _frontier_for(self, table: SealTable, last: Head | None) -> Frontier:
        if last is None:
            return Frontier()
        cached = self._frontier
        if cached is not None and cached.size == last.seq + 1 and self._frontier_head == last.hash:
            return cached.copy()
        if cached is not None and 0 < cached.size <= last.seq + 1 \
                and table.hash_at(cached.size - 1) == self._frontier_head:
            frontier = cached.copy()
            for leaf in table.leaves_from(cached.size):  # sealed meanwhile by another process
                frontier.append(leaf)
            return frontier
        return Frontier.of(table.leaves_from(0))
