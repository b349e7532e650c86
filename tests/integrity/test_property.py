"""For random event logs, written in random transactions, and one random
tampering, verification fails exactly at the tampered position: never
before it, and never not at all."""

from __future__ import annotations

import tempfile
from pathlib import Path
from uuid import UUID, uuid5

from eventsourcing.persistence import StoredEvent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.ledger import Ledger
from integrity.verify import verify
from service.bootstrap import open_ledger
from service.settings import Settings, store_env
from tests.support.stores import Store, TEST_KEY
from tests.support.raw import raw

NS = UUID("3c1d2a9e-0b7f-4a55-8e1d-2f3a4b5c6d70")
text = st.text(alphabet="流动党员台账abc0123456789", max_size=8)
content = st.fixed_dictionaries({"note": text}, optional={
    "phone": st.sampled_from(["13900001111", "13800002222"]),
    "id_number": st.just("511922198503040014"), "amount_fen": st.integers(0, 10**6),
    "months": st.lists(text, max_size=3), "nested": st.fixed_dictionaries({"contact_phone": text})})
logs = st.lists(st.lists(st.tuples(st.integers(0, 4), content), min_size=1, max_size=6), min_size=2, max_size=8)
tamperings = st.sampled_from(["edit", "delete", "swap", "topic", "insert"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=logs, kind=tamperings, pick=st.randoms(use_true_random=False))
def test_verification_fails_at_the_tampered_position_and_never_before(log, kind, pick) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        store = Store("sqlite", Settings(db=Path(folder) / "ledger.db", database_url=None,
                                         secret_key=TEST_KEY.hex()))
        ledger = open_ledger(store_env(store.settings), TEST_KEY)
        try:
            positions = write(ledger, log)
            assert verify(ledger.recorder, ledger.recorder.sealer.leaves).ok
            expected = tamper(store, kind, positions, pick)
            report = verify(ledger.recorder, ledger.recorder.sealer.leaves)
            assert report.problem is not None, f"{kind} at {expected} went unnoticed"
            assert report.problem.position == expected, (kind, report.problem)
        finally:
            ledger.close()


def write(ledger: Ledger, log: list[list[tuple[int, dict[str, object]]]]) -> list[int]:
    versions: dict[int, int] = {}
    positions: list[int] = []
    serial = 0
    for batch in log:  # one transaction each
        stored = []
        for aggregate, body in batch:
            versions[aggregate] = versions.get(aggregate, 0) + 1
            serial += 1  # no two contents alike, so a swap always changes something
            state = ledger.mapper.transcoder.encode({**body, "serial": serial})
            assert ledger.mapper.cipher is not None
            stored.append(StoredEvent(uuid5(NS, str(aggregate)), versions[aggregate], "test.Happened",
                                      ledger.mapper.cipher.encrypt(state)))
        positions += ledger.recorder.insert_events(stored) or []
    return positions


def tamper(store: Store, kind: str, positions: list[int], pick) -> int:  # type: ignore[no-untyped-def]
    target = pick.choice(positions)
    with raw(store) as db:
        if kind == "edit":
            state = bytearray(db.state(target))
            state[pick.randrange(len(state))] ^= 1 << pick.randrange(8)
            db.set_state(target, bytes(state))
        elif kind == "delete":
            db.delete(target)
        elif kind == "swap":
            other = pick.choice([p for p in positions if p != target])
            a, b = db.state(target), db.state(other)
            db.set_state(target, b)
            db.set_state(other, a)
            return min(target, other)
        elif kind == "topic":
            db.run("UPDATE {events} SET topic = 'test.Other' WHERE {pos} = {m}", (target,))
        else:
            originator_id, _, topic, state = db.event(target)
            return db.insert(uuid5(NS, "intruder"), 1, topic, state)
    return target
