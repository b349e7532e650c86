"""Ledger: the county's event-sourced application. One log holds every event
of the county in one total order; one method runs any command.

Persistence comes from the environment mapping it is given (SQLite file or
PostgreSQL); the domain never reads `os.environ` itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import JSONTranscoder, Transcoding
from eventsourcing.utils import Environment

from domain import rules
from domain.base import Ctx, LedgerEvent
from domain.clock import Clock, local_date, system_clock
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
    env = {"AGGREGATE_CACHE_MAXSIZE": "2000"}

    def __init__(self, env: dict[str, str] | None = None, *, identity_key: bytes,
                 clock: Clock = system_clock):
        self.identity_key = identity_key
        self.clock = clock
        self.env_mapping = dict(env or {})  # what it was built with, for related connections
        self.parents: dict[UUID, UUID | None] = {}  # organisation tree; parents never change
        super().__init__(env)

    def construct_env(self, name: str, env: dict[str, str] | None = None) -> Environment:
        """Only the mapping it is given: the domain does not read os.environ."""
        return Environment(name, {**type(self).env, **(env or {})})

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # Commands.

    def execute(self, actor: str | UUID, command: Command) -> Outcome:
        """Runs one command as `actor` (an officer id); stores all or nothing."""
        batch = self.batch(isolated=False)
        step = batch.run(actor, command)
        return step.outcome(batch.save())

    def batch(self, *, via: str = "", isolated: bool = True) -> CommandBatch:
        """Commands run one after another and saved together (`domain.command_batch`).
        `via` marks every event's provenance ("import")."""
        return CommandBatch(self, via=via, isolated=isolated)

    def initialise(self, county_code: str, county_name: str, admin_name: str,
                   effective_on: date | None = None) -> Outcome:
        """Records the county, its committee and first county admin (actor
        `system:init`); returns the admin's token. Refused the second time."""
        if county_id() in self.repository:
            raise rules.INITIALISED.refuse()
        now = self.clock()
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

