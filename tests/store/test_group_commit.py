"""Group commit: commands that arrive together are saved in one transaction,
each judged on the state the ones before it left; a refused command, a bug
in one command or one command's save fails alone. On both stores."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date

import pytest

from domain import rules
from domain.command_batch import CommandBatch
from domain.commands import Command, RecordContact
from domain.handlers import HANDLERS
from domain.jurisdiction import FIELD_ROLES
from domain.errors import LedgerError
from domain.ledger import Ledger
from domain.member import Member
from service.group_commit import GroupCommit
from service.idempotency import IdempotencyRecord
from tests.support.stores import Store
from tests.support.county import SmallCounty
from tests.support.members import away, departure, enrol


def test_a_group_is_judged_in_order_and_a_refusal_fails_alone(ledger: Ledger, county: SmallCounty) -> None:
    first, second = enrol(ledger, county, 1), enrol(ledger, county, 2)
    committer = GroupCommit(ledger, window=0.2)  # wide enough to gather all three
    results: dict[str, object] = {}

    def send(name: str, command: object) -> None:
        try:
            results[name] = committer.execute(county.b1_officer, command)  # type: ignore[arg-type]
        except LedgerError as error:
            results[name] = error

    threads = [threading.Thread(target=send, args=args) for args in (
        ("leave", departure(first)),
        ("leave again", departure(first, date(2024, 4, 1))),  # refused: the first one is ahead of it
        ("other", departure(second)))]
    for thread in threads:
        thread.start()
        thread.join(0.02)
    for thread in threads:
        thread.join()
    committer.close()
    assert isinstance(results["leave again"], LedgerError)
    assert results["leave again"].code == rules.ALREADY_AWAY.code  # type: ignore[union-attr]
    saved = [results["leave"], results["other"]]
    assert all(len(outcome.positions) == 1 for outcome in saved)  # type: ignore[attr-defined]
    assert ledger.load(Member, first).absence is not None and ledger.load(Member, second).absence is not None


def test_a_group_that_collides_with_another_writer_is_saved_one_by_one(
        ledger: Ledger, county: SmallCounty, store: Store) -> None:
    member_id = away(ledger, county)
    contact = RecordContact(member_id=member_id, method="phone", outcome="reached")
    other = store.ledger()  # another process, as far as the store knows

    class Interrupted(GroupCommit):
        def _save(self, batch: CommandBatch, records: list) -> dict:  # type: ignore[type-arg]
            other.execute(county.b1_officer, contact)  # lands between the group's rules and its save
            return super()._save(batch, records)

    committer = Interrupted(ledger)
    outcome = committer.execute(county.b1_officer, contact)
    committer.close()
    assert ledger.load(Member, member_id).version == outcome.version == 4  # judged again, after the other


@dataclass(frozen=True, kw_only=True)
class Broken(Command):
    """A command whose handler has a bug (the table of handlers is the seam)."""

    label = "出错的命令"


def _bug(uow: object, command: Broken) -> None:
    raise UnicodeEncodeError("ascii", "５", 0, 1, "a bug in one command")


def gathered(committer: GroupCommit, sends: dict[str, tuple[object, Command]]) -> dict[str, object]:
    """Sends commands from threads at once, so that they land in one group; what each got."""
    results: dict[str, object] = {}

    def send(name: str, actor: object, command: Command) -> None:
        try:
            results[name] = committer.execute(actor, command)  # type: ignore[arg-type]
        except Exception as error:
            results[name] = error

    threads = [threading.Thread(target=send, args=(name, *sent)) for name, sent in sends.items()]
    for thread in threads:
        thread.start()
        thread.join(0.02)
    for thread in threads:
        thread.join()
    return results


def test_a_bug_in_one_command_fails_only_that_command(ledger: Ledger, county: SmallCounty,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = away(ledger, county, 1), away(ledger, county, 2)
    monkeypatch.setitem(HANDLERS, Broken, (_bug, FIELD_ROLES))
    contact = RecordContact(member_id=first, method="phone", outcome="reached")
    committer = GroupCommit(ledger, window=0.2)
    results = gathered(committer, {"first": (county.b1_officer, contact), "broken": (county.b1_officer, Broken()),
                                   "second": (county.b1_officer, replace(contact, member_id=second))})
    committer.close()
    assert isinstance(results["broken"], UnicodeEncodeError)
    assert ledger.load(Member, first).last_contact_on and ledger.load(Member, second).last_contact_on
    assert all(len(results[name].positions) == 1 for name in ("first", "second"))  # type: ignore[attr-defined]


def test_a_save_the_store_refuses_for_one_command_fails_only_that_command(
        ledger: Ledger, county: SmallCounty, store: Store) -> None:
    first, second = away(ledger, county, 1), away(ledger, county, 2)
    contact = RecordContact(member_id=first, method="phone", outcome="reached")
    committer = GroupCommit(ledger, window=0.2)
    # PostgreSQL refuses a NUL in text: this record spoils the group's one transaction.
    spoiled = IdempotencyRecord(str(county.b1_officer), "key\x00", "hash")
    results: dict[str, object] = {}

    def send(name: str, command: Command, record: IdempotencyRecord | None) -> None:
        try:
            results[name] = committer.execute(county.b1_officer, command, record)
        except Exception as error:
            results[name] = error

    threads = [threading.Thread(target=send, args=args) for args in (
        ("first", contact, None), ("spoiled", replace(contact, member_id=second), spoiled),
        ("again", replace(contact, member_id=first, note="再次联系"), None))]
    for thread in threads:
        thread.start()
        thread.join(0.02)
    for thread in threads:
        thread.join()
    committer.close()
    assert len(results["first"].positions) == 1 and len(results["again"].positions) == 1  # type: ignore[union-attr]
    assert ledger.load(Member, first).version == 4  # its two contacts, once each: no partial commit repeated
    if store.kind == "postgres":
        assert isinstance(results["spoiled"], Exception)
        assert ledger.load(Member, second).version == 2  # nothing of the refused save is stored
