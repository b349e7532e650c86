"""Service: one running process of the ledger. The ledger, the views' store,
their runner, the read side, the group commit, the caller cache and the
look-up throttle, and `record`, the one path by which a request runs a command."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from domain.clock import local_date
from domain.county import County
from domain.ids import county_id
from domain.command_batch import Outcome
from domain import rules
from domain.commands import Command, RecordReportIn, RevokeOfficer, RevokeToken
from domain.errors import Conflict, LedgerError, Throttled, Unavailable
from domain.ledger import Ledger
from projections.history import History
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.callers import CallerCache
from service.group_commit import GroupCommit
from service.idempotency import IdempotencyRecord, IdempotencyRecords
from service.logs import command_line
from service.lookups import Lookups
from service.metrics import COMMANDS

__all__ = ["Service", "views_behind"]


@dataclass
class Service:
    ledger: Ledger
    store: ViewStore
    runner: Runner
    queries: Queries
    committer: GroupCommit
    callers: CallerCache
    lookups: Lookups
    # The primary's views, which commands wait for; `queries` reads a replica's when one is set.
    primary: Queries | None = None
    command_wait: float = 5.0  # seconds a command waits for the primary's views before its 503
    signing_seed: bytes | None = None  # the checkpoints' Ed25519 seed (service/checkpoints.py), if any
    history: History = field(init=False)  # answers about past days (projections/history)
    metrics: bool = True  # commands counted for /metrics (service/metrics.py)
    _code: str = field(default="", init=False, repr=False)

    def __post_init__(self) -> None:
        self.history = History(self.queries)
        if self.primary is None:
            self.primary = self.queries

    @property
    def reads_replica(self) -> bool:
        return self.primary is not self.queries

    @property
    def county_code(self) -> str:
        """The county's code, as metrics and logs name it ('' before it is initialised)."""
        if not self._code:
            county = self.ledger.load(County, county_id())
            self._code = county.code if county is not None else ""
        return self._code

    def record(self, actor: UUID, command: Command, idempotency: IdempotencyRecord | None = None,
               wait: float | None = None) -> Outcome:
        """Runs `command` as `actor` through the group commit, once per idempotency
        key (a retry gets the first answer, `replayed`), then waits up to `wait`
        seconds until the views show it (read-your-writes). Raises the refusal.
        Each run is counted and logged, by its type and outcome (never its fields)."""
        started, kind = time.perf_counter(), type(command).__name__
        try:
            outcome = self._record(actor, command, idempotency, wait)
        except LedgerError as refusal:
            recorded = isinstance(refusal, Unavailable) and getattr(refusal, "position", None) is not None
            self._counted(actor, kind, "behind" if recorded else "refused", started,
                          (refusal.position,) if recorded else (), refusal.code)  # type: ignore[attr-defined]
            raise
        except Exception:
            self._counted(actor, kind, "failed", started)
            raise
        self._counted(actor, kind, "replayed" if outcome.replayed else "recorded", started, outcome.positions)
        return outcome

    def _counted(self, actor: UUID, kind: str, outcome: str, started: float,
                 positions: tuple[int, ...] = (), code: str | None = None) -> None:
        if self.metrics:
            COMMANDS.labels(self.county_code, kind, outcome).inc()
        command_line(self.county_code, actor, kind, outcome, started, positions, code)

    def _record(self, actor: UUID, command: Command, idempotency: IdempotencyRecord | None,
                wait: float | None) -> Outcome:
        records = IdempotencyRecords(self.store)  # a key used before is answered by the group commit
        finding = isinstance(command, RecordReportIn) and bool(command.id_number)
        if finding and (blocked_for := self.lookups.wait(actor)):
            if idempotency and (first := records.find(idempotency)):
                return first
            raise _throttled(blocked_for)
        try:
            outcome = self.committer.execute(actor, command, idempotency)
        except Conflict:
            if idempotency and (first := records.find(idempotency)):  # a concurrent retry won the race
                return first
            raise
        except LedgerError as refusal:
            if finding and refusal.code == rules.REPORT_IN_NO_MATCH.code:
                self.lookups.failed(actor, command.org_id, self._member_key(command.id_number))  # type: ignore[union-attr]
            raise
        if outcome.replayed:
            return outcome
        if isinstance(command, RevokeOfficer | RevokeToken):
            self.callers.forget()
        assert self.primary is not None
        wait = self.command_wait if wait is None else wait
        if not self.primary.wait_for(outcome.last_position, timeout=wait):
            raise views_behind(outcome.last_position, wait, recorded=True)
        return outcome

    def _member_key(self, id_number: str | None) -> UUID | None:
        try:
            return self.ledger.member_id_for(id_number or "")
        except LedgerError:
            return None

    def today(self) -> date:
        """Today in Asia/Shanghai, by the service's clock."""
        return local_date(self.ledger.clock())

    def close(self) -> None:
        self.committer.close()
        self.store.close()
        if self.reads_replica:
            self.queries.store.close()
        self.ledger.close()


def views_behind(position: int | None, seconds: float, recorded: bool = False) -> Unavailable:
    """The 503 of a wait for the views that ran out (a command's: it was recorded all the same)."""
    refusal = rules.VIEWS_BEHIND.refuse(position=position, seconds=f"{seconds:g}",
                                        recorded="（已记录；用同一 Idempotency-Key 重试会返回本次结果）" if recorded else "")
    assert isinstance(refusal, Unavailable)
    refusal.position = position
    return refusal


def _throttled(seconds: int) -> Throttled:
    refusal = rules.LOOKUPS_THROTTLED.refuse(seconds=seconds)
    assert isinstance(refusal, Throttled)
    refusal.retry_after = seconds
    return refusal
