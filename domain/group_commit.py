"""Group commit: commands from many request threads, saved together.

One thread takes the commands that arrive within a couple of milliseconds,
runs each in order on the state its predecessors left (each in its own
child unit of work, so a refused command leaves no trace), and saves all the
accepted ones in one transaction. If that save collides with another process
(a stale aggregate, an idempotency key taken meanwhile), the group is saved
again one command at a time, so only the command at fault fails.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Protocol
from uuid import UUID

from domain import handlers
from domain.commands import Command
from domain.errors import Conflict, LedgerError
from domain.service import Ledger, Outcome
from domain.unit_of_work import UnitOfWork

__all__ = ["GroupCommit", "SaveNote"]


class SaveNote(Protocol):
    """Something saved with a command's events (an idempotency record, say),
    told the command's subject and events once its rules have passed."""

    def completed(self, subject_id: UUID | None, version: int | None,
                  events: frozenset[tuple[UUID, int]]) -> SaveNote: ...


@dataclass
class _Item:
    actor: str | UUID
    command: Command
    note: SaveNote | None
    answer: Future[Outcome] = field(default_factory=Future)


@dataclass
class _Accepted:
    item: _Item
    unit: UnitOfWork
    subject_id: UUID | None
    version: int | None
    note: SaveNote | None


class GroupCommit:
    def __init__(self, ledger: Ledger, window: float = 0.002, largest: int = 100):
        self.ledger = ledger
        self.window = window
        self.largest = largest
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="liudong-group-commit", daemon=True)
        self._thread.start()

    def execute(self, actor: str | UUID, command: Command, note: SaveNote | None = None) -> Outcome:
        """Runs a command (from any thread) and returns once it is saved, or raises its refusal."""
        item = _Item(actor, command, note)
        self._queue.put(item)
        return item.answer.result()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while (first := self._queue.get()) is not None:
            group = [first]
            while len(group) < self.largest:
                try:
                    following = self._queue.get(timeout=self.window)
                except queue.Empty:
                    break
                if following is None:
                    self._queue.put(None)
                    break
                group.append(following)
            try:
                self._commit(group)
            except BaseException as error:  # never leave a caller waiting
                for item in group:
                    if not item.answer.done():
                        item.answer.set_exception(error)

    def _commit(self, group: list[_Item]) -> None:
        shared = UnitOfWork(self.ledger)
        accepted = []
        for item in group:
            unit = UnitOfWork(self.ledger, parent=shared)
            try:
                unit.begin(item.actor)
                subject = handlers.run(unit, item.command)
            except LedgerError as refusal:
                item.answer.set_exception(refusal)
                continue
            shared.adopt(unit)
            version = unit.version_of(subject)
            note = item.note.completed(subject, version, unit.new_events()) if item.note else None
            accepted.append(_Accepted(item, unit, subject, version, note))
        if not accepted:
            return
        notes = [a.note for a in accepted if a.note is not None]
        try:
            positions = self._save(shared, notes)
        except Conflict:
            self._one_by_one(accepted)
            return
        for a in accepted:
            mine = tuple(sorted(positions[key] for key in a.unit.new_events()))
            a.item.answer.set_result(Outcome(mine, a.subject_id, a.version, a.unit.token, a.unit.revealed))

    def _save(self, shared: UnitOfWork, notes: list[SaveNote]) -> dict[tuple[UUID, int], int]:
        return shared.save(notes=notes)

    def _one_by_one(self, accepted: list[_Accepted]) -> None:
        for a in accepted:
            try:
                pending = self.ledger.prepare(a.item.actor, a.item.command)
                events = pending.uow.new_events()
                note = a.item.note.completed(pending.subject_id, pending.version, events) if a.item.note else None
                a.item.answer.set_result(pending.commit(notes=[note] if note else []))
            except LedgerError as refusal:
                a.item.answer.set_exception(refusal)


