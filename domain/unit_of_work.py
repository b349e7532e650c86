"""UnitOfWork: the aggregates one command (or one batch of commands) reads
and changes, saved together in one transaction.

It also resolves the actor, the acting organisation and the effective date
of each command, and turns a collision in the store into the domain's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from datetime import date, datetime
from typing import Any, Protocol, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Repository
from eventsourcing.persistence import IntegrityError, Recording

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerEvent
from domain.blanks import BlankStock
from domain.certificate import Certificate
from domain.clock import local_date
from domain.commands import Command
from domain.county import County
from domain.errors import LedgerError
from domain.fields import check_not_future
from domain.ids import blank_stock_id, certificate_id, county_id
from domain.inflow_member import InflowMember
from domain.jurisdiction import Jurisdiction
from domain.letters import LetterNumber
from domain.member import Member
from domain.officer import Officer
from domain.organisation import Organisation
from domain.rules import Rule

__all__ = ["LedgerPort", "UnitOfWork"]

A = TypeVar("A", bound=LedgerAggregate)
# A new aggregate whose id is derived from a natural key collides with an
# existing one when the same key is used twice: say which rule that breaks.
_COLLISIONS: dict[type[LedgerAggregate], Rule] = {
    County: rules.INITIALISED, Member: rules.MEMBER_REGISTERED, Certificate: rules.NUMBER_USED,
    InflowMember: rules.INFLOW_REGISTERED, LetterNumber: rules.LETTER_NUMBER_USED,
}


class LedgerPort(Protocol):
    """What a unit of work and the handlers need of the ledger (`domain.ledger.Ledger`)."""

    repository: Repository
    identity_key: bytes
    parents: dict[UUID, UUID | None]

    def follow_log(self) -> None: ...  # the aggregate cache made current (domain.cached_log)

    def stamp(self) -> datetime: ...  # the time a command is recorded at (never before the log's head)

    def save(self, *aggregates: Any, **kwargs: Any) -> Sequence[Recording]: ...

    def event_at(self, position: int) -> LedgerEvent: ...


class UnitOfWork:
    def __init__(self, ledger: LedgerPort, parent: UnitOfWork | None = None):
        self.ledger = ledger
        self.parent = parent  # a group's unit of work, whose unsaved changes this one sees
        self._aggregates: dict[UUID, LedgerAggregate] = {}
        self._created: set[UUID] = set()
        self._marked: dict[UUID, int] = {}  # version of each aggregate met since mark(), before changes
        self.jurisdiction = Jurisdiction(self.org, ledger.parents)
        self.officer: Officer | None = None
        self.now: datetime = ledger.stamp()
        self.token: str | None = None  # a new token, shown once
        self.revealed: dict[str, str] | None = None  # personal data asked for, shown once
        self.via = ""  # provenance stamped on every event: "import" for a legacy sheet
        # The command at hand is one an inflow-area organisation may record (set by `domain.handlers.run`).
        self.field_command = False

    # The actor and the time of each command.

    def begin(self, actor: str | UUID) -> Officer:
        """Starts a command by `actor` (an officer id): it must be appointed and active."""
        self.now = self.ledger.stamp()
        try:
            officer = self.find(Officer, UUID(str(actor)))
        except ValueError:
            officer = None
        if officer is None or not officer.active:
            raise rules.UNKNOWN_ACTOR.refuse()
        self.officer = officer
        return officer

    @property
    def actor(self) -> Officer:
        """The officer `begin()` named."""
        if self.officer is None:
            raise RuntimeError("begin() names the actor first")
        return self.officer

    @property
    def today(self) -> date:
        return local_date(self.now)

    def day(self, command: Command) -> date:
        """The command's effective date: given, or today; never in the future."""
        return check_not_future(command.effective_on or self.today, self.today)

    def ctx(self, day: date, acting_org: UUID | None) -> Ctx:
        return Ctx(str(self.actor.id), acting_org, day, self.now, self.via)

    def for_member(self, member_id: UUID, command: Command,
                   expected_version: int | None = None) -> tuple[Member, Ctx]:
        """A member, and the context of a command recorded for them on its
        date by the actor, who must have the member in its jurisdiction."""
        member = self.member(member_id, expected_version)
        day = self.day(command)
        return member, self.ctx(day, self.jurisdiction.for_member(self.actor, member, day, self.field_command))

    # Aggregates.

    def find(self, cls: type[A], id: UUID) -> A | None:
        aggregate = self._aggregates.get(id)
        if aggregate is None:
            aggregate = self.parent.copy_of(id) if self.parent is not None else None
            if aggregate is None:
                try:
                    aggregate = self.ledger.repository.get(id)
                except AggregateNotFoundError:
                    return None
            self._aggregates[id] = aggregate
        self._marked.setdefault(id, aggregate.version)
        if not isinstance(aggregate, cls) or aggregate.is_void:
            return None
        return aggregate

    def taken(self, id: UUID) -> bool:
        """True when an aggregate of any kind has this id, a voided one too (its events keep it)."""
        self.find(LedgerAggregate, id)
        return id in self._aggregates

    def get(self, cls: type[A], id: UUID, missing: Rule, expected_version: int | None = None,
            **values: object) -> A:
        aggregate = self.find(cls, id)
        if aggregate is None:
            raise missing.refuse(**values)
        if expected_version is not None and aggregate.version != expected_version:
            raise rules.STALE.refuse(field="expected_version", actual=aggregate.version,
                                     expected=expected_version)
        return aggregate

    def add(self, aggregate: LedgerAggregate) -> None:
        self._aggregates[aggregate.id] = aggregate
        self._created.add(aggregate.id)
        self._marked.setdefault(aggregate.id, 0)

    # Commands run one after another and saved together (see domain.command_batch).

    def mark(self) -> None:
        """Starts a step: `new_events()` and the shown-once values count from here."""
        self._marked = {}
        self.token = None
        self.revealed = None

    def copy_of(self, id: UUID) -> LedgerAggregate | None:
        """A copy of an aggregate this unit holds, unsaved changes included."""
        aggregate = self._aggregates.get(id)
        return deepcopy(aggregate) if aggregate is not None else None

    def adopt(self, child: UnitOfWork) -> None:
        """Takes over what a command run in `child` changed."""
        self._aggregates.update(child._aggregates)
        self._created |= child._created

    def new_events(self) -> frozenset[tuple[UUID, int]]:
        """(aggregate, version) of every event added since `mark()` (or since the unit began)."""
        return frozenset((id, version) for id, start in self._marked.items()
                         for version in range(start + 1, self._aggregates[id].version + 1))

    def org(self, org_id: UUID) -> Organisation:
        return self.get(Organisation, org_id, rules.ORG_NOT_FOUND, org=org_id)

    def member(self, member_id: UUID, expected_version: int | None = None) -> Member:
        return self.get(Member, member_id, rules.MEMBER_NOT_FOUND, expected_version)

    def certificate(self, number: str, expected_version: int | None = None) -> Certificate:
        return self.get(Certificate, certificate_id(number), rules.CERT_NOT_FOUND,
                        expected_version, number=number)

    def county(self) -> County:
        return self.get(County, county_id(), rules.UNKNOWN_ACTOR)  # no county, no officers

    def stock(self, year: int) -> BlankStock | None:
        return self.find(BlankStock, blank_stock_id(year))

    def version_of(self, id: UUID | None) -> int | None:
        aggregate = self._aggregates.get(id) if id else None
        return aggregate.version if aggregate else None

    # Saving.

    def save(self, **save_kwargs: object) -> dict[tuple[UUID, int], int]:
        """Saves every pending event in one transaction; the position of each."""
        try:
            recordings = self.ledger.save(*self._aggregates.values(), **save_kwargs)
        except IntegrityError:
            raise self._collision() from None
        return {(r.domain_event.originator_id, r.domain_event.originator_version): r.notification.id
                for r in recordings}

    def _collision(self) -> LedgerError:
        for id in self._created:
            aggregate = self._aggregates[id]
            rule = _COLLISIONS.get(type(aggregate))
            if rule is not None and id in self.ledger.repository:
                number = getattr(aggregate, "number", "") or getattr(aggregate, "letter_number", "")
                return rule.refuse(number=number)
        return rules.WRITE_CONFLICT.refuse()
