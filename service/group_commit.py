"""Group commit: commands from many request threads, saved together.

One thread takes the commands that arrive within a couple of milliseconds,
answers those whose idempotency key was used before (one query for the
group: the first answer, or the refusal of a key reused), runs the others
in an isolated `CommandBatch` (each on the state its predecessors left; a
refused command leaves no trace and fails alone), and saves all the
accepted ones in one transaction with their idempotency records. If that
save collides with another process (a stale aggregate, an idempotency key
taken meanwhile, events stamped before the log's head), the group is run
and saved again one command at a time, stamped afresh, so only the command
at fault fails; a command the store still refuses for its stamp fails as a
conflict. Any exception while running or saving one command (a refusal, or
a bug) fails that command alone.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from uuid import UUID

from domain import rules
from domain.clock import RecordedOutOfOrder
from domain.command_batch import CommandBatch, EventKey, Outcome, Step
from domain.commands import Command
from domain.ledger import Ledger
from service.idempotency import IdempotencyRecord, IdempotencyRecords
from service.metrics import GROUP_SIZES

__all__ = ["GroupCommit"]


@dataclass
class _Item:
    actor: str | UUID
    command: Command
    idempotency: IdempotencyRecord | None
    answer: Future[Outcome] = field(default_factory=Future)

    def record_for(self, step: Step) -> list[IdempotencyRecord]:
        """The idempotency record to save beside the step's events, if the caller sent a key."""
        return [self.idempotency.completed(step)] if self.idempotency else []


class GroupCommit:
    def __init__(self, ledger: Ledger, records: IdempotencyRecords | None = None, window: float = 0.002,
                 largest: int = 100, metrics: bool = True):
        self.ledger = ledger
        self.metrics = metrics  # each saved group's size observed (service/metrics.py)
        self.records = records
        self.window = window
        self.largest = largest
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="liudong-group-commit", daemon=True)
        self._thread.start()

    def execute(self, actor: str | UUID, command: Command,
                idempotency: IdempotencyRecord | None = None) -> Outcome:
        """Runs a command (from any thread) and returns once it is saved, or raises its refusal."""
        item = _Item(actor, command, idempotency)
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

    def _answered(self, group: list[_Item]) -> list[_Item]:
        """Answers the retries (a key used before) of the group; the commands left to run."""
        keyed = [item.idempotency for item in group if item.idempotency]
        if not keyed or self.records is None:
            return group
        found = self.records.find_many(keyed)
        left = []
        for item in group:
            answer = found.get((item.idempotency.officer_id, item.idempotency.key)) if item.idempotency else None
            if answer is None:
                left.append(item)
            elif isinstance(answer, Exception):
                item.answer.set_exception(answer)
            else:
                item.answer.set_result(answer)
        return left

    def _commit(self, group: list[_Item]) -> None:
        group = self._answered(group)
        if not group:
            return
        batch = self.ledger.batch()
        accepted: list[tuple[_Item, Step]] = []
        for item in group:
            try:
                accepted.append((item, batch.run(item.actor, item.command)))
            except Exception as error:  # a refusal (4xx) or a bug (500): this command's alone
                item.answer.set_exception(error)
        if not accepted:
            return
        try:
            positions = self._save(batch, [r for item, step in accepted for r in item.record_for(step)])
        except Exception:  # a collision with another writer, or one command's events the store refuses
            self._one_by_one([item for item, _ in accepted])
            return
        if self.metrics:
            GROUP_SIZES.observe(len(accepted))
        for item, step in accepted:
            item.answer.set_result(step.outcome(positions))

    def _save(self, batch: CommandBatch, records: list[IdempotencyRecord]) -> dict[EventKey, int]:
        return batch.save(idempotency=records)

    def _one_by_one(self, items: list[_Item]) -> None:
        for item in items:
            try:
                item.answer.set_result(self._alone(item))
            except Exception as error:
                item.answer.set_exception(error)

    def _alone(self, item: _Item) -> Outcome:
        """One command run and saved by itself: the retry of a group that failed."""
        batch = self.ledger.batch()
        step = batch.run(item.actor, item.command)
        try:
            return step.outcome(batch.save(idempotency=item.record_for(step)))
        except RecordedOutOfOrder:  # a later stamp recorded by another process again: give up
            raise rules.WRITE_CONFLICT.refuse() from None
