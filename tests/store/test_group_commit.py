"""Group commit: commands that arrive together are saved in one transaction,
each judged on the state the ones before it left; a refused command fails
alone. On both stores."""

from __future__ import annotations

import threading
from datetime import date

from domain import rules
from domain.command_batch import CommandBatch
from domain.commands import RecordContact
from domain.errors import LedgerError
from domain.ledger import Ledger
from domain.member import Member
from service.group_commit import GroupCommit
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
