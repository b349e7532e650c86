"""Ledger: the county's event-sourced application. One log holds every event
of the county in one total order; one method runs any command.

Persistence comes from the environment mapping it is given (SQLite file or
PostgreSQL); the domain never reads `os.environ` itself.

Every command is stamped (`recorded_at`) no earlier than the newest event the
ledger knows, and its events are stored in stamp order, so that `recorded_at`
never decreases along the log; the store refuses what would break that.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent, Repository
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Recording, Transcoding
from eventsourcing.utils import Environment

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerEvent
from domain.clock import Clock, RecordedOutOfOrder, local_date, system_clock
from domain.cached_log import CachedLog, FollowingRepository
from domain.command_batch import CommandBatch, Outcome
from domain.commands import Command
from domain.county import County
from domain.credential import Credential, new_token, token_hash
from domain.fields import check_id_number
from domain.ids import county_id, credential_id, member_id
from domain.officer import Officer
from domain.organisation import Organisation
from domain.unit_of_work import UnitOfWork
from domain.vocab import OrgKind, Role

__all__ = ["Ledger", "SYSTEM_INIT"]

SYSTEM_INIT = "system:init"


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class Ledger(Application[UUID]):
    name = "Liudong"
    # The whole county fits (29k aggregates in the demo, ~10 kB each): a command's
    # member is rarely read twice within a smaller LRU's turn, so each was replayed.
    env = {"AGGREGATE_CACHE_MAXSIZE": "40000"}

    def __init__(self, env: dict[str, str] | None = None, *, identity_key: bytes,
                 clock: Clock = system_clock):
        self.identity_key = identity_key
        self.clock = clock
        self.env_mapping = dict(env or {})  # what it was built with, for related connections
        self.parents: dict[UUID, UUID | None] = {}  # the parents that never change (not a mobile branch's)
        self._newest: datetime | None = None  # the latest stamp recorded or handed out
        self._newest_known = False  # False until the store's head has been read
        self._stamping = threading.Lock()
        super().__init__(env)
        self.cached_log = CachedLog(self.recorder, self.repository)  # type: ignore[arg-type]

    def construct_repository(self) -> Repository[UUID]:
        """The library's repository, its cache kept current by `follow_log` (domain.cached_log)."""
        made = super().construct_repository()
        maxsize = self.env.get(self.AGGREGATE_CACHE_MAXSIZE)
        return FollowingRepository(made.event_store, snapshot_store=made.snapshot_store,
                                   cache_maxsize=int(maxsize) if maxsize else None,
                                   deepcopy_from_cache=made.deepcopy_from_cache)

    def follow_log(self) -> None:
        """Makes the aggregate cache show every event stored so far (one query when
        no other process wrote): before a group of commands, and before a read."""
        self.cached_log.follow()

    def construct_env(self, name: str, env: dict[str, str] | None = None) -> Environment:
        """Only the mapping it is given: the domain does not read os.environ."""
        return Environment(name, {**type(self).env, **(env or {})})

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # Commands.

    def execute(self, actor: str | UUID, command: Command) -> Outcome:
        """Runs one command as `actor` (an officer id); stores all or nothing. If the
        store refuses its stamp (another process recorded a later one meanwhile),
        the command runs once more, stamped afresh; then it fails as a conflict."""
        for last_try in (False, True):
            batch = self.batch(isolated=False)
            step = batch.run(actor, command)
            try:
                return step.outcome(batch.save())
            except RecordedOutOfOrder:
                if last_try:
                    raise rules.WRITE_CONFLICT.refuse() from None
        raise AssertionError("unreachable")

    def batch(self, *, via: str = "", isolated: bool = True) -> CommandBatch:
        """Commands run one after another and saved together (`domain.command_batch`).
        `via` marks every event's provenance ("import")."""
        return CommandBatch(self, via=via, isolated=isolated)

    def initialise(self, county_code: str, county_name: str, admin_name: str,
                   effective_on: date | None = None) -> Outcome:
        """Records the county, its committee and first county admin (actor
        `system:init`); returns the admin's token. Refused the second time."""
        self.follow_log()
        if county_id() in self.repository:
            raise rules.INITIALISED.refuse()
        now = self.stamp()
        committee_id = uuid4()
        ctx = Ctx(SYSTEM_INIT, committee_id, effective_on or local_date(now), now)
        committee = Organisation.establish(ctx, committee_id, OrgKind.COUNTY_COMMITTEE,
                                           f"中共{county_name.strip()}委员会", None)
        county = County.found(ctx, county_code, county_name, committee.id)
        admin = Officer.appoint(ctx, uuid4(), admin_name, Role.COUNTY_ADMIN, committee)
        token = new_token()
        credential = Credential.issue(ctx, admin.id, token)
        uow = UnitOfWork(self)
        for aggregate in (county, committee, admin, credential):
            uow.add(aggregate)
        return Outcome(tuple(sorted(uow.save().values())), admin.id, admin.version, token)

    # Time: the stamp of each command, and the order of the log.

    def stamp(self) -> datetime:
        """The time a command is recorded at: the clock, but never earlier than the
        newest event this ledger knows (a clock stepped back by NTP, or a slower
        clock in another process, must not make `recorded_at` decrease)."""
        with self._stamping:
            if not self._newest_known:
                head = self.recorder.max_notification_id()
                self._newest = self.event_at(head).recorded_at if head else None
                self._newest_known = True
            now = self.clock()
            if self._newest is not None and now < self._newest:
                now = self._newest
            self._newest = now
            return now

    def _saw(self, recorded_at: datetime) -> None:
        with self._stamping:
            if self._newest is None or recorded_at > self._newest:
                self._newest = recorded_at

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """As the library's `save`, less its runtime protocol checks of each object (slow
        on Python 3.11: a seventh of the demo's load, whose saves hold hundreds)."""
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        changed: list[LedgerAggregate] = []
        for obj in objs:
            if isinstance(obj, LedgerAggregate):
                if events := obj.collect_events():
                    processing_event.events.extend(events)
                    changed.append(obj)
            else:
                processing_event.collect_events(obj)
        processing_event.saved_kwargs.update(kwargs)
        repository: FollowingRepository = self.repository  # type: ignore[assignment]
        epoch = repository.epoch
        try:
            recordings = self._record(processing_event)
        except IntegrityError:  # one of them is not the stored one: read them afresh next time
            repository.forget(a.id for a in changed)
            raise
        for aggregate in changed:  # what was saved is current (a stale one would have collided)
            repository.keep(aggregate.id, aggregate, epoch)
        self.cached_log.saved([r.notification.id for r in recordings])
        self._notify(recordings)
        return recordings

    def _record(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        """Stores a save's events in the order their commands were stamped (the
        library collects them aggregate by aggregate); learns the head's stamp
        from a refusal, so that the writer's next try is stamped after it."""
        processing_event.events.sort(key=lambda event: event.timestamp)  # stable: a command's order kept
        try:
            recordings = super()._record(processing_event)
        except RecordedOutOfOrder as refused:
            self._saw(refused.head)
            raise
        if processing_event.events:
            self._saw(processing_event.events[-1].timestamp)
        return recordings

    # Reads the commands need, and that the API and tests use.

    def authenticate(self, token: str) -> Officer:
        """The active officer a bearer token belongs to."""
        return self.officer_of(credential_id(token_hash(token)))

    def officer_of(self, credential: UUID) -> Officer:
        """The active officer whose credential this is, while the credential is not revoked."""
        found = self.load(Credential, credential)
        if found is None or found.revoked:
            raise rules.BAD_TOKEN.refuse()
        officer = self.load(Officer, found.officer_id)  # type: ignore[arg-type]
        if officer is None or not officer.active:
            raise rules.UNKNOWN_ACTOR.refuse()
        return officer

    def load(self, cls: type[Any], id: UUID) -> Any:
        """The aggregate with this id, or None (also when it was voided)."""
        self.follow_log()
        try:
            aggregate = self.repository.get(id)
        except AggregateNotFoundError:
            return None
        return aggregate if isinstance(aggregate, cls) and not aggregate.is_void else None

    def member_id_for(self, id_number: str) -> UUID:
        return member_id(check_id_number(id_number), self.identity_key)

    def event_at(self, position: int) -> LedgerEvent:
        """The event stored at a position of the county's log."""
        found = self.recorder.select_notifications(start=position, limit=1)
        if not found or found[0].id != position:
            raise rules.EVENT_NOT_FOUND.refuse(field="position", position=position)
        event = self.mapper.to_domain_event(found[0])
        assert isinstance(event, LedgerEvent)
        return event

    def aggregate_ids(self) -> list[UUID]:
        """Every aggregate that has an event (reads the whole log; for tests and tools)."""
        seen: dict[UUID, None] = {}
        start = 1
        while batch := self.recorder.select_notifications(start=start, limit=1000):
            for notification in batch:
                seen.setdefault(notification.originator_id, None)  # type: ignore[arg-type]
            start = batch[-1].id + 1
        return list(seen)

