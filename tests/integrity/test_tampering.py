"""Someone with database access edits, deletes, swaps or inserts event rows
behind the service's back: `verify` names the first event that no longer
matches its seal, on both stores."""

from __future__ import annotations

import json
import subprocess
import sys
from uuid import uuid4

import pytest

from domain.ledger import Ledger
from integrity.merkle import Frontier
from integrity.seals import GENESIS, Seal, seal_hash
from integrity.tables import SealReader
from integrity.verify import Digest, Report, verify
from tests.support.stores import Store
from tests.support.helpers import cli_env, head
from tests.support.raw import Raw, raw
from tests.support.life import live_a_life


def check(ledger: Ledger, digest: Digest | None = None) -> Report:
    return verify(ledger.recorder, ledger.recorder.sealer.leaves, digest)


@pytest.fixture
def lived(ledger: Ledger) -> Ledger:
    live_a_life(ledger)
    return ledger


def test_an_untouched_log_verifies_and_its_head_is_the_digest(lived: Ledger) -> None:
    report = check(lived)
    assert report.ok and report.problem is None
    assert report.checked == head(lived) > 50
    stored = SealReader(lived.recorder).head()
    assert stored is not None and report.head == Digest(stored.hash.hex(), stored.position)
    assert check(lived, report.head).digest_held is True


def test_an_edited_state_byte_is_named(lived: Ledger, store: Store) -> None:
    target = head(lived) // 2
    with raw(store) as db:
        state = bytearray(db.state(target))
        state[len(state) // 2] ^= 0x01
        db.set_state(target, bytes(state))
    report = check(lived)
    assert report.problem is not None
    assert (report.problem.position, report.problem.kind) == (target, "undecryptable")


def test_a_deleted_row_is_named(lived: Ledger, store: Store) -> None:
    target = head(lived) // 3
    with raw(store) as db:
        db.delete(target)
    report = check(lived)
    assert report.problem is not None
    assert (report.problem.position, report.problem.kind) == (target, "deleted")


def test_two_swapped_states_are_named_at_the_first(lived: Ledger, store: Store) -> None:
    first, second = 20, head(lived) - 5
    with raw(store) as db:
        a, b = db.state(first), db.state(second)
        db.set_state(first, b)
        db.set_state(second, a)
    report = check(lived)
    assert report.problem is not None
    assert (report.problem.position, report.problem.kind) == (first, "edited")


def test_a_row_inserted_without_a_seal_is_named(lived: Ledger, store: Store) -> None:
    with raw(store) as db:
        _, _, topic, state = db.event(10)
        position = db.insert(uuid4(), 1, topic, bytes(state))
    report = check(lived)
    assert report.problem is not None
    assert (report.problem.position, report.problem.kind) == (position, "unsealed")


def test_an_insider_with_the_key_who_reseals_everything_is_caught_by_an_earlier_digest(
        lived: Ledger, store: Store) -> None:
    before = check(lived).head
    assert before is not None
    target = 30
    cipher = lived.mapper.cipher
    assert cipher is not None
    with raw(store) as db:
        content = json.loads(cipher.decrypt(db.state(target)))
        content["recorded_at"] = {"_type_": "datetime_iso", "_data_": "2020-01-01T00:00:00+00:00"}
        db.set_state(target, cipher.encrypt(json.dumps(content).encode()))
        reseal(lived, db)
    assert check(lived).ok, "a full reseal is consistent in itself"
    report = check(lived, before)
    assert report.digest_held is False and not report.ok
    assert str(before.position) in report.digest_message


def test_the_cli_names_the_bad_position_and_fails(lived: Ledger, store: Store) -> None:
    target = head(lived) - 2
    with raw(store) as db:
        db.delete(target)
    done = subprocess.run([sys.executable, "-m", "cli.main", "verify"], env=cli_env(store), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert f"位置 {target}" in done.stderr and "已被删除" in done.stderr


def reseal(ledger: Ledger, db: Raw) -> None:
    """What an insider with the keys would do: recompute every seal from the events as they now are."""
    seals = SealReader(ledger.recorder).batch(0, 10**6)
    leaves = ledger.recorder.sealer.leaves
    frontier, prev, rows = Frontier(), GENESIS, []
    for seal in seals:
        originator_id, version, topic, state = db.event(seal.position)
        leaf = leaves.leaf(seal.position, originator_id, version, topic, bytes(state))
        frontier.append(leaf)
        root = frontier.root()
        new = Seal(seal.seq, seal.position, prev, leaf, root,
                   seal_hash(seal.seq, seal.position, prev, leaf, root, seal.sealed_at), seal.sealed_at)
        rows.append(new.row())
        prev = new.hash
    db.run("DELETE FROM liudong_seals")
    marks = ", ".join([db.mark] * 7)
    for row in rows:
        db.run(f"INSERT INTO liudong_seals VALUES ({marks})", row)
