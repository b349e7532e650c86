"""Key rotation: a new key encrypts new events, old keys stay readable until
`rekey` rewrites old events; seals survive all of it. Gaps in positions
(rolled-back inserts) do not break the chain."""

from __future__ import annotations

import base64
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent
from pydantic import SecretStr

from domain.ledger import Ledger
from integrity.rekey import rekey
from integrity.verify import verify
from service.bootstrap import open_ledger
from service.settings import store_env
from tests.support.stores import Store, TEST_KEY
from tests.support.county import build_small_county, member_command
from tests.support.helpers import head
from tests.support.raw import raw

OLD, NEW = (base64.b64encode(bytes([n]) * 32).decode() for n in (1, 2))


def ledger_with(store: Store, key: str, old: str | None = None) -> Ledger:
    settings = store.settings.model_copy(update={"cipher_key": SecretStr(key),
                                                 "old_cipher_keys": SecretStr(old) if old else None})
    ledger = open_ledger(store_env(settings), TEST_KEY)
    store.ledgers.append(ledger)
    return ledger


def test_rotating_the_key_keeps_every_event_readable_and_every_seal_valid(store: Store) -> None:
    first = ledger_with(store, OLD)
    county = build_small_county(first)
    under_old = head(first)
    second = ledger_with(store, NEW, OLD)
    member = second.execute(county.t1_officer, member_command(county.b1, 3)).subject_id
    report = verify(second.recorder, second.recorder.sealer.leaves)
    assert report.ok and report.head is not None
    digest = report.head

    only_new = ledger_with(store, NEW)
    unreadable = verify(only_new.recorder, only_new.recorder.sealer.leaves)
    assert unreadable.problem is not None and unreadable.problem.kind == "undecryptable"
    assert unreadable.problem.position == 1, "without the old key the oldest event is the first it cannot open"

    assert rekey(second.recorder) == under_old
    assert rekey(second.recorder) == 0, "a second run has nothing left to rewrite"
    after = ledger_with(store, NEW)
    assert verify(after.recorder, after.recorder.sealer.leaves, digest).digest_held is True
    assert after.repository.get(member).version >= 1  # type: ignore[arg-type]
    with raw(store) as db:
        assert all(after.mapper.cipher.is_current(db.state(p))  # type: ignore[union-attr]
                   for p in range(1, head(after) + 1))


def test_a_rolled_back_insert_leaves_a_gap_that_does_not_break_the_chain(store: Store, ledger: Ledger) -> None:
    build_small_county(ledger)
    taken = ledger.recorder.select_notifications(1, 1)[0]
    cipher = ledger.mapper.cipher
    assert cipher is not None
    state = cipher.encrypt(ledger.mapper.transcoder.encode({"note": "试验"}))
    fresh = StoredEvent(uuid4(), 1, "test.Happened", state)
    clash = StoredEvent(taken.originator_id, taken.originator_version, "test.Happened", state)
    with pytest.raises(IntegrityError):
        ledger.recorder.insert_events([fresh, clash])
    before = head(ledger)
    positions = ledger.recorder.insert_events([StoredEvent(uuid4(), 1, "test.Happened", state)])
    assert positions
    if store.kind == "postgres":
        assert positions[0] > before + 1, "PostgreSQL spent sequence values on the rolled-back insert"
    assert verify(ledger.recorder, ledger.recorder.sealer.leaves).ok
