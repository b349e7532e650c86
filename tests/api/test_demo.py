"""The demo county: loaded through the same rules as live commands, in the
order it was recorded, with the report's totals and its stories (口袋党员,
应发未发 by reason, facts recorded late, corrections months after), as the
queries see them; deterministic from its seed. On both stores (scaled down);
the full-size county once, on SQLite."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

from demo import load_demo
from demo.loader import _Clock, run_steps
from demo.member_plan import DatedCommand
from demo.stories import FULL_SIZE, LAPSED, POCKET, UNISSUED, Totals
from domain.base import Corrected
from domain.clock import local_date
from domain.commands import RecordDeparture
from domain.errors import LedgerError
from domain.ledger import Ledger
from domain.member_events import ReportedIn, Returned
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.settings import Settings
from tests.support.log import events_in_order, recorded_times
from tests.support.stores import Store

END = date(2026, 11, 24)
REASONS = {"never": "never_requested", "requested": "requested", "approved": "approved", "lost": "lost"}


@contextmanager
def queries(store: Store, ledger: Ledger) -> Iterator[Queries]:
    view_store = ViewStore(store.env)
    runner = Runner(ledger, view_store)
    runner.rebuild(grace=0)
    try:
        yield Queries(ledger, view_store, runner.generations)
    finally:
        view_store.close()


def expected_reasons(totals: Totals) -> Counter[str]:
    """应发未发 by reason: the lapsed (年审逾期) and the stories that stopped short."""
    return Counter({"check_overdue": totals.lapsed, **{REASONS[stop]: n for stop, n in totals.unissued if n}})


def test_a_scaled_county_has_the_reports_proportions_and_its_stories(store: Store, ledger: Ledger) -> None:
    county = load_demo(ledger, end=END, scale=0.02)
    totals = Totals.scaled(0.02)
    with queries(store, ledger) as asked:
        stats = asked.statistics(day=END)  # the day the demo ends
        pocket = asked.flags(END, kind="pocket_member")
        missing = asked.missing_rows(day=END)
        away = [row for status in ("away", "reported_in", "lost_contact")
                for row in asked.register(status=status, size=1000).rows]
        dues = asked.dues(size=1)["totals"]  # 党费台账 (demo.dues)
        flagged = {f["kind"] for f in asked.flags(END)} & {"dues_below_table", "dues_late_back_pay"}
    assert (stats["members"], stats["away"], stats["holding"], stats["lapsed"]) == \
        (totals.members, totals.away, totals.holding, totals.lapsed)
    assert (stats["eligible"], stats["eligible_holding"], stats["missing"]) == \
        (totals.holding + totals.missing, totals.holding, totals.missing)
    assert len(pocket) == totals.pocket > 0
    assert Counter(row["reason"] for row in missing) == expected_reasons(totals)
    # Through the register: holders never reported in, and long-away members without a certificate.
    pocket_ids = {flag["member_id"] for flag in pocket}
    assert {row["member_id"] for row in away if row["certificate_number"] and not row["reported_in_org"]} >= pocket_ids
    unissued = [row for row in away if not row["certificate_number"] and row["expected_months"] >= 6]
    assert len(unissued) == sum(n for _, n in totals.unissued) > 0
    assert county.start == date(2021, 11, 24) and county.events == ledger.recorder.max_notification_id()
    # 党费台账: 自愿多交, 少交, approved 少交/免交 and 补交 beyond six months, flagged within a year.
    assert all(dues["by_kind"][kind] > 0 for kind in ("standard", "extra", "short")), dues
    assert dues["by_kind"]["reduced"] + dues["by_kind"]["exempt"] > 0 and dues["late_back_pay"] > 0, dues
    assert flagged == {"dues_below_table", "dues_late_back_pay"}
    # Reviews and probation (demo.reviews): opinions from where members reported in, assessments, 优秀 over 1/3.
    topics = Counter(n.topic for n in ledger.recorder.select_notifications(1, 1_000_000))
    assert topics["liudong.member.ReviewOpinionRecorded"] > 0 and topics["liudong.member.ProbationAssessed"] > 0
    with queries(store, ledger) as asked:
        assert asked.flags(END, kind="excellent_share")
    # 帮扶服务 (demo.care): a year of requests, most closed, some open and overdue; the centre's hotline.
    with queries(store, ledger) as asked:
        care = Counter((r["status"], r["overdue"]) for r in asked.care_requests(day=END, size=500).rows)
        calls = asked.hotline_calls(day=END, size=1).total
        overdue = asked.flags(END, kind="care_overdue")
    assert care[("closed", False)] > care[("open", False)] + care[("open", True)] and care[("open", True)] > 0, care
    assert len(overdue) == care[("open", True)] and calls > 0
    # 活动记录 (demo.activities): a year of station, point and mobile branch activities, some quarters missed.
    with queries(store, ledger) as asked:
        rows = asked.activities(size=500).rows
        quarterly = asked.flags(END, kind="no_quarterly_activity")
    assert {"quarterly_theme", "three_services", "night_school"} <= {r["kind"] for r in rows} and len(rows) > 100
    assert any(r["inflow_members"] for r in rows) and quarterly
    assert ledger.authenticate(county.auditor_token).role == "auditor"


def test_the_county_is_recorded_in_time_order_with_late_facts_and_corrections(store: Store, ledger: Ledger) -> None:
    load_demo(ledger, end=END, scale=0.02)
    log = events_in_order(ledger)
    times = [event.recorded_at for _, event in log]
    assert all(a <= b for a, b in zip(times, times[1:], strict=False))
    assert all(event.effective_on <= local_date(event.recorded_at) for _, event in log)
    late = [event for _, event in log if isinstance(event, (ReportedIn, Returned))
            and local_date(event.recorded_at) - event.effective_on >= timedelta(days=14)]
    assert late  # recorded weeks after the day
    recorded_on = {position: event.recorded_at for position, event in log}
    corrections = [event for _, event in log if isinstance(event, Corrected)]
    assert len(corrections) >= Totals.scaled(0.02).corrected
    assert all(c.recorded_at - recorded_on[c.target_position] >= timedelta(days=60) for c in corrections)


def test_the_same_seed_gives_the_same_county(store: Store, ledger: Ledger, tmp_path: Path) -> None:
    load_demo(ledger, end=END, scale=0.005)
    first = [(n.topic, n.originator_version) for n in ledger.recorder.select_notifications(1, 100_000)]
    other = Ledger({"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": f"{tmp_path}/other.db"},
                   identity_key=ledger.identity_key)
    load_demo(other, end=END, scale=0.005)
    assert [(n.topic, n.originator_version) for n in other.recorder.select_notifications(1, 100_000)] == first
    assert recorded_times(other) == recorded_times(ledger)
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
                            effective_on=END + timedelta(days=1))  # after the day the ledger has reached
    with pytest.raises(LedgerError) as live:
        ledger.execute(officer, leave)
    with pytest.raises(LedgerError) as loaded:
        run_steps(ledger, _Clock(), [DatedCommand(END, officer, leave)])
    assert (loaded.value.code, loaded.value.text) == (live.value.code, live.value.text)
    assert ledger.recorder.max_notification_id() == before


@pytest.mark.slow
def test_the_full_demo_county_shows_exactly_the_reports_totals(tmp_path: Path) -> None:
    ledger = Ledger({"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": f"{tmp_path}/full.db"},
                    identity_key=bytes(32))
    load_demo(ledger, end=END)
    store = Store("sqlite", Settings(db=Path(f"{tmp_path}/full.db"), database_url=None))
    totals = Totals.scaled(1.0)
    with queries(store, ledger) as asked:
        stats = asked.statistics(day=END)
        pocket = asked.flags(END, kind="pocket_member")
        missing = asked.missing_rows(day=END)
    assert (stats["members"], stats["away"], stats["holding"]) == FULL_SIZE
    assert stats["holding_rate"] == 94.3 and stats["lapsed"] == LAPSED
    assert len(pocket) == POCKET
    assert stats["missing"] == LAPSED + sum(UNISSUED.values())
    assert Counter(row["reason"] for row in missing) == expected_reasons(totals)
    ledger.close()
