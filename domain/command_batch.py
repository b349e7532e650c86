"""CommandBatch: commands run one after another, each on the state the ones
before it left, and saved together in one transaction. It is the one place
that drives `handlers.run`: `Ledger.execute`, the demo loader, the sheet
importer and the service's group commit all come through here.

An *isolated* batch runs each step in a child unit of work: a refused step
leaves no trace and the batch goes on (the group commit, the importer). A
*shared* batch runs every step in one unit (a single command, the demo
loader): cheaper, and the first refusal spoils the whole batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain import handlers
from domain.commands import Command
from domain.errors import LedgerError
from domain.unit_of_work import LedgerPort, UnitOfWork

__all__ = ["CommandBatch", "EventKey", "Outcome", "Step"]

EventKey = tuple[UUID, int]  # (aggregate id, version): an event before it has a position


@dataclass(frozen=True)
class Outcome:
    """What a command stored: the positions of its events in the county's log,
    the aggregate it was about and that aggregate's new version."""

    positions: tuple[int, ...]
    subject_id: UUID | None
    version: int | None
    token: str | None = None
    revealed: dict[str, str] | None = None
    replayed: bool = False  # a retried request, answered with the first outcome (service.idempotency)

    @property
    def last_position(self) -> int | None:
        return self.positions[-1] if self.positions else None


@dataclass(frozen=True)
class Step:
    """What one step of a batch did, before the batch is saved."""

    subject_id: UUID | None
    version: int | None
    events: frozenset[EventKey]
    token: str | None = None  # a new token, shown once
    revealed: dict[str, str] | None = None  # personal data asked for, shown once

    def outcome(self, positions: dict[EventKey, int]) -> Outcome:
        """The step's outcome once the batch is saved at `positions`."""
        mine = tuple(sorted(positions[key] for key in self.events))
        return Outcome(mine, self.subject_id, self.version, self.token, self.revealed)


class CommandBatch:
    def __init__(self, ledger: LedgerPort, *, via: str = "", isolated: bool = True):
        ledger.follow_log()  # the cached aggregates show what other processes stored (one query)
        self._unit = UnitOfWork(ledger)
        self._unit.via = via  # provenance stamped on every event: "import" for a legacy sheet
        self._isolated = isolated
        self._spoiled = False
        self.refused: Command | None = None  # the command the last refusal (LedgerError) came from
        self.steps = 0
        self._accepted: list[tuple[str | UUID, tuple[Command, ...]]] = []  # to run again (`again`)

    def run(self, actor: str | UUID, *commands: Command) -> Step:
        """Runs `commands` by `actor` as one step: all of them, or (raising the
        refusal) none. Returns the last command's subject and what the step added."""
        if self._spoiled:
            raise RuntimeError("a shared batch cannot go on after a refusal")
        unit = UnitOfWork(self._unit.ledger, parent=self._unit) if self._isolated else self._unit
        unit.via = self._unit.via
        unit.mark()
        subject = None
        for command in commands:
            try:
                unit.begin(actor)
                subject = handlers.run(unit, command)
            except Exception as error:  # a refusal, or a bug: either way this step leaves no trace
                self.refused = command if isinstance(error, LedgerError) else None
                self._spoiled = not self._isolated
                raise
        if self._isolated:
            self._unit.adopt(unit)
        self.steps += 1
        self._accepted.append((actor, commands))
        return Step(subject, unit.version_of(subject), unit.new_events(), unit.token, unit.revealed)

    def again(self) -> CommandBatch:
        """A new batch with every accepted step run again, stamped afresh: what a writer
        does once when the store refused its stamp (`domain.clock.RecordedOutOfOrder`).
        A step refused this time raises its refusal."""
        batch = CommandBatch(self._unit.ledger, via=self._unit.via, isolated=self._isolated)
        for actor, commands in self._accepted:
            batch.run(actor, *commands)
        return batch

    def save(self, **recorder_kwargs: object) -> dict[EventKey, int]:
        """Saves every accepted step in one transaction; the position of each event.
        `recorder_kwargs` reach the event recorder (idempotency records)."""
        if self._spoiled:
            raise RuntimeError("a shared batch with a refused command cannot be saved")
        return self._unit.save(**recorder_kwargs)
