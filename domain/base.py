"""What every aggregate and event of the ledger shares.

Every event records who did it (`actor`), for which organisation
(`actor_org`), when it was stored (`timestamp`, UTC, set by the service) and
the calendar date on which it happened (`effective_on`, Asia/Shanghai).

Every recorded event can later be corrected or voided by an event that cites
it; nothing is edited in place. An aggregate keeps its effective facts (the
events, as corrected) and refolds them after a correction, refusing one that
would leave its history inconsistent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import KW_ONLY, dataclass, replace
from functools import cache, singledispatchmethod
from datetime import date, datetime
from typing import Any, ClassVar, Self
from uuid import UUID

from eventsourcing.domain import AggregateCreated, AggregateEvent, BaseAggregate
from eventsourcing.utils import register_topic

from domain import rules
from domain.errors import LedgerError

__all__ = ["Ctx", "Corrected", "LedgerAggregate", "LedgerCreated", "LedgerEvent", "Voided"]

Coercer = Callable[[Any, str], Any]
_LIBRARY_ATTRIBUTES = frozenset({"_id", "_version", "_created_on", "_modified_on",
                                 "_pending_events"})


@dataclass(frozen=True)
class Ctx:
    """Who records a command, for which organisation, and when."""

    actor: str
    actor_org: UUID | None
    effective_on: date
    now: datetime
    via: str = ""  # "import" when a legacy register sheet brings it in


class LedgerEvent(AggregateEvent):
    """Base of every stored event. Subclasses pin their stored name in TOPIC.

    Each also declares `class_version`, the version of its stored form (1
    until it first changes). A class at version n > 1 has static methods
    `upcast_v1_v2` ... `upcast_v{n-1}_vn`, each bringing an older stored
    state (a dict, decrypted) one version up in place; the library runs them
    when it reads an event (docs/events.md, "Changing an event"). Version 1
    is never written into the stored state, so older events keep their bytes.
    """

    TOPIC: ClassVar[str] = ""
    class_version: ClassVar[int] = 1
    # Fields an upcast renamed: old name -> new name (None: dropped). A `Corrected`
    # recorded before the rename cites the old name and is read through this table.
    renamed: ClassVar[dict[str, str | None]] = {}
    label: ClassVar[str] = ""
    # Fields a later `Corrected` may change, each with the check its new value passes.
    correctable: ClassVar[dict[str, Coercer]] = {}
    voidable: ClassVar[bool] = False

    actor: str
    actor_org: UUID | None
    effective_on: date
    _: KW_ONLY
    # How it came in when not by a live command: "import" (from a legacy register sheet).
    via: str = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("TOPIC"):
            register_topic(cls.TOPIC, cls)

    @property
    def recorded_at(self) -> datetime:
        return self.timestamp

    @classmethod
    def current_names(cls, changes: dict[str, Any]) -> dict[str, Any]:
        """A correction's changes under the field names this version uses."""
        current = {}
        for name, value in changes.items():
            new: str | None = name
            for _ in cls.renamed:  # a chain of renames is never longer than the table
                if new not in cls.renamed:
                    break
                new = cls.renamed[new]
            if new is not None:
                current[new] = value
        return current

    def __deepcopy__(self, memo: dict[int, Any]) -> LedgerEvent:
        """Events are never changed: a copied aggregate shares them (copies are cheap)."""
        return self

    def apply(self, aggregate: LedgerAggregate) -> None:
        aggregate._take(self)


class LedgerCreated(LedgerEvent, AggregateCreated):
    """Base of the events that bring an aggregate into being."""


class Corrected(LedgerEvent):
    """更正: replaces some fields of an earlier event of the same aggregate."""

    TOPIC = "liudong.Corrected"
    class_version = 1
    label = "更正"
    target_position: int
    target_version: int
    changes: dict[str, Any]
    reason: str

    def apply(self, aggregate: LedgerAggregate) -> None:
        facts = dict(aggregate._facts)
        target = facts[self.target_version]
        facts[self.target_version] = replace(target, **type(target).current_names(self.changes))
        aggregate._refold(facts)


class Voided(LedgerEvent):
    """作废: removes an earlier event of the same aggregate from its state."""

    TOPIC = "liudong.Voided"
    class_version = 1
    label = "作废"
    target_position: int
    target_version: int
    reason: str

    def apply(self, aggregate: LedgerAggregate) -> None:
        facts = dict(aggregate._facts)
        del facts[self.target_version]
        aggregate._refold(facts)


class LedgerAggregate(BaseAggregate[UUID]):
    """Base of the ledger's aggregates: facts, corrections, history as of a date."""

    def __base_init__(self, originator_id: Any, originator_version: int,
                      timestamp: datetime) -> None:
        super().__base_init__(originator_id, originator_version, timestamp)
        self._facts: dict[int, LedgerEvent] = {}

    @classmethod
    def _start(cls, event_class: type[LedgerCreated], ctx: Ctx, id: UUID, **fields: Any) -> Self:
        if ctx.via:
            fields["via"] = ctx.via
        return cls._create(event_class, id=id, timestamp=ctx.now, actor=ctx.actor,
                           actor_org=ctx.actor_org, effective_on=ctx.effective_on, **fields)

    def _record(self, event_class: type[LedgerEvent], ctx: Ctx, **fields: Any) -> None:
        if ctx.via:
            fields["via"] = ctx.via
        self.trigger_event(event_class, timestamp=ctx.now, actor=ctx.actor,
                           actor_org=ctx.actor_org, effective_on=ctx.effective_on, **fields)

    def when(self, event: LedgerEvent) -> None:
        """Evolves the state by one fact. Subclasses make this a
        `singledispatchmethod` with one handler per event class."""
        raise TypeError(f"{type(self).__name__} cannot apply {type(event).__name__}")

    def _take(self, event: LedgerEvent) -> None:
        _handler(type(self), type(event))(self, event)  # handlers check transitions before they change anything
        self._facts[event.originator_version] = event

    @property
    def facts(self) -> list[LedgerEvent]:
        """The effective events, as corrected, in the order they were recorded."""
        return [self._facts[v] for v in sorted(self._facts)]

    @property
    def is_void(self) -> bool:
        """True when even the event that created it has been voided."""
        return not self._facts

    def as_of(self, day: date) -> Self | None:
        """The state from the facts that happened on or before `day`, or None."""
        facts = [f for f in self.facts if f.effective_on <= day]
        if not facts or not isinstance(facts[0], LedgerCreated):
            return None
        return self._folded(facts)

    # Corrections and voids.

    def correct(self, ctx: Ctx, position: int, version: int, changes: dict[str, Any],
                reason: str) -> None:
        target = self._fact(position, version)
        checked: dict[str, Any] = {}
        for name, value in changes.items():
            coerce = target.correctable.get(name)
            if coerce is None:
                raise rules.NOT_CORRECTABLE.refuse(
                    field=f"changes.{name}", event=target.label, name=name,
                    allowed="、".join(target.correctable) or "无")
            new = coerce(value, f"changes.{name}")
            if new != getattr(target, name):
                checked[name] = new
        if not checked:
            raise rules.NO_CHANGES.refuse(field="changes")
        self._record(Corrected, ctx, target_position=position, target_version=version,
                     changes=checked, reason=reason)

    def void(self, ctx: Ctx, position: int, version: int, reason: str) -> None:
        target = self._fact(position, version)
        if not target.voidable or (isinstance(target, LedgerCreated) and len(self._facts) > 1):
            raise rules.NOT_VOIDABLE.refuse(event=target.label)
        self._record(Voided, ctx, target_position=position, target_version=version,
                     reason=reason)

    def _fact(self, position: int, version: int) -> LedgerEvent:
        if version not in self._facts:
            raise rules.ALREADY_VOIDED.refuse(field="position", position=position)
        return self._facts[version]

    def _refold(self, facts: dict[int, LedgerEvent]) -> None:
        shadow = self._folded(facts[v] for v in sorted(facts))
        for name, value in vars(shadow).items():
            if name not in _LIBRARY_ATTRIBUTES:
                setattr(self, name, value)

    def _folded(self, facts: Iterable[LedgerEvent]) -> Self:
        shadow = object.__new__(type(self))
        shadow.__dict__.update(self.__dict__)
        shadow._facts = {}
        shadow.__init__()
        try:
            for fact in facts:
                shadow._take(fact)
        except LedgerError as error:
            raise rules.INCONSISTENT.refuse(reason=error.text) from None
        return shadow


@cache
def _handler(aggregate: type, event: type) -> Callable[[Any, Any], None]:
    """`aggregate.when`'s handler for `event`, looked up once: on Python 3.11 each
    access to a `singledispatchmethod` builds a new bound wrapper (measured: a
    tenth of folding the demo county's log)."""
    when = next(k.__dict__["when"] for k in aggregate.__mro__ if "when" in k.__dict__)
    if isinstance(when, singledispatchmethod):
        return when.dispatcher.dispatch(event)  # type: ignore[no-any-return]
    return when  # type: ignore[no-any-return]
