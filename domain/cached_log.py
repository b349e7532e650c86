"""The aggregate cache, kept current by following the log.

The library's repository, with its cache fast-forwarded, reads the store once
for every aggregate a command loads (a query each for the actor, the member,
an organisation...). Here the ledger asks the store once, for a whole group
of commands, how far the log has got (`CachedLog.follow`): when only this
ledger wrote since it last looked, every cached aggregate is current; when
another process wrote, the aggregates it changed are dropped from the cache
and read afresh. A command that saves a stale aggregate still collides in the
store (versions are unique), as before.

Also: replaying events skips the library's runtime protocol check of each
event (slow on Python 3.11), and an aggregate asked for at the version the
cache holds (the views ask so for each event they apply) comes from the cache.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import suppress
from copy import deepcopy
from datetime import date, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.application import Cache, LRUCache, Repository

__all__ = ["CachedLog", "FollowingRepository", "fresh_copy", "replay"]


_VALUES = (str, int, float, bool, bytes, type(None), UUID, date, time, timedelta, Decimal, Enum)


def fresh_copy(obj: Any, memo: dict[int, Any] | None = None) -> Any:
    """What `copy.deepcopy` makes of an aggregate, in a fraction of its time: values that
    cannot change (strings, numbers, dates, UUIDs, enums; tuples and frozensets of them)
    are shared instead of rebuilt; everything else is copied as deepcopy would."""
    if isinstance(obj, _VALUES):
        return obj
    memo = {} if memo is None else memo
    if (done := memo.get(id(obj))) is not None:
        return done
    kind = type(obj)
    if kind is dict:
        made: Any = {}
        memo[id(obj)] = made
        made.update((fresh_copy(k, memo), fresh_copy(v, memo)) for k, v in obj.items())
    elif kind is list:
        made = []
        memo[id(obj)] = made
        made.extend(fresh_copy(v, memo) for v in obj)
    elif kind is tuple or kind is frozenset:
        items = [fresh_copy(v, memo) for v in obj]
        made = obj if all(a is b for a, b in zip(items, obj, strict=True)) else kind(items)
    elif kind is set:
        made = {fresh_copy(v, memo) for v in obj}
    elif hasattr(obj, "__deepcopy__") or not hasattr(obj, "__dict__") or hasattr(obj, "__slots__"):
        made = deepcopy(obj, memo)  # its own rule (events and frozen periods share themselves)
    else:
        made = object.__new__(kind)
        memo[id(obj)] = made
        made.__dict__.update((k, fresh_copy(v, memo)) for k, v in obj.__dict__.items())
        return made
    memo[id(obj)] = made
    return made


def replay(aggregate: Any, events: Iterable[Any]) -> Any:
    """The library's `project_aggregate`, less its `assert isinstance(event, Protocol)`."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


class FollowingRepository(Repository[UUID]):
    """A repository whose cache is kept current by `CachedLog`, not by a query per read."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **{**kwargs, "fastforward": False})
        self.epoch = 0  # counts evictions: a copy read from the store before one is not cached
        self._lock = threading.Lock()

    def get(self, aggregate_id: UUID, *, version: int | None = None, projector_func: Any = replay,
            fastforward_skipping: bool = False, deepcopy_from_cache: bool = True) -> Any:
        if self.cache is None or self.fastforward:
            return super().get(aggregate_id, version=version, projector_func=projector_func,
                               fastforward_skipping=fastforward_skipping, deepcopy_from_cache=deepcopy_from_cache)
        try:
            aggregate = self.cache.get(aggregate_id)
        except KeyError:
            if version is not None:
                return self._reconstruct_aggregate(aggregate_id, version, projector_func)
            epoch = self.epoch
            aggregate = self._reconstruct_aggregate(aggregate_id, None, projector_func)
            self.keep(aggregate_id, aggregate, epoch)
        else:
            if version is not None and aggregate.version != version:
                return self._reconstruct_aggregate(aggregate_id, version, projector_func)
        return fresh_copy(aggregate) if deepcopy_from_cache and self.deepcopy_from_cache else aggregate

    def keep(self, aggregate_id: UUID, aggregate: Any, epoch: int) -> None:
        """Caches an aggregate read (or saved) since `epoch`, unless something was evicted meanwhile."""
        with self._lock:
            if self.cache is not None and epoch == self.epoch:
                self.cache.put(aggregate_id, aggregate)

    def forget(self, ids: Iterable[UUID] | None = None) -> None:
        """Drops these aggregates (all, when None) from the cache."""
        with self._lock:
            self.epoch += 1
            if self.cache is None:
                return
            if ids is None:
                _empty(self.cache)
                return
            for aggregate_id in ids:
                with suppress(KeyError):  # not cached
                    self.cache.get(aggregate_id, evict=True)


def _empty(cache: Cache[Any, Any]) -> None:
    if isinstance(cache, LRUCache):
        with cache.lock:
            cache.cache.clear()
            cache.clear()  # the LRU's links (its own `clear` leaves the dict)
            cache.full = False
    else:
        cache.cache.clear()


class CachedLog:
    """How far this ledger's cache follows the log (a position), and the one query per
    group of commands that finds what another writer changed beyond it."""

    def __init__(self, recorder: Any, repository: FollowingRepository):
        self.recorder = recorder
        self.repository = repository
        self.position: int | None = None  # every event up to here is in the cached aggregates
        self._lock = threading.Lock()

    def follow(self) -> None:
        """Drops from the cache every aggregate changed by an event stored beyond `position`
        that this ledger did not save itself."""
        head = self.recorder.max_notification_id() or 0
        with self._lock:
            if self.position is None:  # nothing known yet: whatever is cached may be old
                self.repository.forget()
            elif head > self.position:
                changed: set[UUID] = set()
                start = self.position + 1
                while start <= head and (found := self.recorder.select_notifications(start, 500, stop=head)):
                    changed.update(UUID(str(n.originator_id)) for n in found)
                    start = found[-1].id + 1
                self.repository.forget(changed)
            self.position = max(head, self.position or 0)

    def saved(self, positions: list[int]) -> None:
        """This ledger stored events at `positions`: if nothing else was stored since
        the cache's position, the cache (which holds what was saved) follows them."""
        positions = sorted(positions)
        with self._lock:
            if self.position is not None and positions and positions == list(
                    range(self.position + 1, self.position + 1 + len(positions))):
                self.position = positions[-1]
