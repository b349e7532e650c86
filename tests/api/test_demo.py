"""The demo county: loaded through the same rules as live commands, with the
report's totals, deterministic from its seed. On both stores (scaled down);
the full-size county once, on SQLite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from demo import load_demo
from demo.loader import _Clock, run_steps
from demo.stories import FULL_SIZE, LAPSED, Totals
from domain.commands import RecordDeparture
from domain.errors import LedgerError
from domain.ledger import Ledger
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.settings import Settings
from tests.support.stores import Store

END = date(2026, 11, 24)


def statistics(store: Store, ledger: Ledger) -> dict[str, object]:
    view_store = ViewStore(store.env)
    runner = Runner(ledger, view_store)
    runner.rebuild(grace=0)
    stats = Queries(ledger, view_store, runner.generations).statistics(day=END)  # the day the demo ends
    view_store.close()
    return stats


def test_a_scaled_county_has_the_reports_proportions(store: Store, ledger: Ledger) -> None:
    county = load_demo(ledger, end=END, scale=0.02)
    totals = Totals.scaled(0.02)
    stats = statistics(store, ledger)
    assert (stats["members"], stats["away"], stats["holding"], stats["lapsed"]) == \
        (totals.members, totals.away, totals.holding, totals.lapsed)
    assert county.start == date(2021, 11, 24) and county.events == ledger.recorder.max_notification_id()
    assert ledger.authenticate(county.auditor_token).role == "auditor"


def test_the_same_seed_gives_the_same_county(store: Store, ledger: Ledger, tmp_path: Path) -> None:
    load_demo(ledger, end=END, scale=0.005)
    first = [(n.topic, n.originator_version) for n in ledger.recorder.select_notifications(1, 100_000)]
    other = Ledger({"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": f"{tmp_path}/other.db"},
                   identity_key=ledger.identity_key)
    load_demo(other, end=END, scale=0.005)
    assert [(n.topic, n.originator_version) for n in other.recorder.select_notifications(1, 100_000)] == first
    other.close()


def test_the_loader_refuses_what_a_live_command_refuses(store: Store, ledger: Ledger) -> None:
    load_demo(ledger, end=END, scale=0.005)
    log = ledger.recorder.select_notifications(1, 100_000)
    member = next(n.originator_id for n in log if n.topic == "liudong.member.Registered")
    officer = next(n.originator_id for n in log if n.topic == "liudong.officer.Appointed"
                   and ledger.mapper.to_domain_event(n).role == "officer")  # type: ignore[attr-defined]
    before = ledger.recorder.max_notification_id()
    leave = RecordDeparture(member_id=member, reason="务工", province="四川省", city="成都市",
                            industry="construction", expected_months=3, contact_phone="1390000",
                            effective_on=END)
    with pytest.raises(LedgerError) as live:
        ledger.execute(officer, leave)
    clock = _Clock()
    with pytest.raises(LedgerError) as loaded:
        run_steps(ledger, clock, [(END, officer, leave)])
    assert (loaded.value.code, loaded.value.text) == (live.value.code, live.value.text)
    assert ledger.recorder.max_notification_id() == before


@pytest.mark.slow
def test_the_full_demo_county_shows_exactly_the_reports_totals(tmp_path: Path) -> None:
    ledger = Ledger({"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": f"{tmp_path}/full.db"},
                    identity_key=bytes(32))
    load_demo(ledger, end=END)
    store = Store("sqlite", Settings(db=Path(f"{tmp_path}/full.db"), database_url=None))
    stats = statistics(store, ledger)
    assert (stats["members"], stats["away"], stats["holding"]) == FULL_SIZE
    assert stats["holding_rate"] == 94.3 and stats["lapsed"] == LAPSED
    ledger.close()
