"""Answers about the past in both senses: `as_of` (corrections applied) and
`as_known_on` (the log's prefix recorded by then, later corrections not
applied), each naming its cut. On both stores."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import rule, run_state_machine_as_test

from domain.clock import RecordedOutOfOrder
from domain.commands import CorrectEvent, RecordReturn
from domain.ledger import Ledger
from projections.history import Cut, History, PastQueries
from projections.history.log_fold import LogFold, position_known_on
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.settings import store_env
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty, member_command
from tests.support.fold import fold_register_on
from tests.support.helpers import head
from tests.support.machine import LedgerMachine
from tests.support.members import away
from tests.support.stores import NOW, Clock, Store

PAST_COLUMNS = ("member_id", "name", "status", "since", "branch_id", "township_id", "departed_on", "city",
                "reported_in_org", "returned_on", "certificate_number", "valid_certificates", "paid_through",
                "last_contact_on", "last_activity_on", "lost_on", "review_year", "ended")
AWAY = ("away", "reported_in", "lost_contact")


def by_city(projected: Projected, history: History, **asked: object) -> dict[str, int]:
    projected.sync()
    stats = history.at(**asked).statistics()  # type: ignore[arg-type]
    return {r["city"]: r["members"] for r in stats["by_destination"]}


def test_a_correction_recorded_later_changes_as_of_but_not_as_known_on(
        ledger: Ledger, county: SmallCounty, projected: Projected, clock: Clock) -> None:
    member_id = away(ledger, county)  # left for 成都市 on 2024-03-01, recorded 2025-06-01
    departed_at = head(ledger)
    history = History(projected.sync())
    clock.at = datetime(2025, 9, 1, 4, 0, tzinfo=UTC)  # three months later, the departure is corrected
    ledger.execute(county.b1_officer, CorrectEvent(position=departed_at, changes={"city": "绵阳市"},
                                                   reason="流向地登记有误"))
    reported = datetime(2025, 6, 30, 18, 0, tzinfo=UTC)  # what the county reported at the end of June
    assert by_city(projected, history, as_known_on=reported) == {"成都市": 1}
    assert by_city(projected, history, as_of=date(2025, 6, 30)) == {"绵阳市": 1}
    first, later = history.at(as_known_on=reported), history.at(as_known_on=reported + timedelta(hours=1))
    assert first.cut.position == later.cut.position == departed_at  # type: ignore[attr-defined]
    assert first.snapshot is later.snapshot  # type: ignore[attr-defined]  # one cut, one snapshot
    assert later.cut.as_known_on == reported + timedelta(hours=1)  # type: ignore[attr-defined]  # each named by its moment
    assert projected.views.member(member_id)["city"] == "绵阳市"


def test_as_of_a_past_day_is_what_was_true_then(ledger: Ledger, county: SmallCounty, projected: Projected,
                                                clock: Clock) -> None:
    member_id = away(ledger, county)
    clock.at = datetime(2025, 8, 1, 4, 0, tzinfo=UTC)
    ledger.execute(county.b1_officer, RecordReturn(member_id=member_id, report="按时交纳党费",
                                                   effective_on=date(2025, 7, 20)))
    history = History(projected.sync())
    assert projected.views.statistics()["away"] == 0
    assert history.at(as_of=date(2025, 7, 19)).statistics()["away"] == 1  # recorded late, true back then
    assert history.at(as_of=date(2025, 7, 20)).statistics()["away"] == 0
    past = history.at(as_of=date(2024, 2, 29))  # the day before the departure
    assert past.register(org_id=None).rows[0]["status"] == "at_home"
    assert history.at(as_of=date(2020, 1, 31)).register().total == 0  # before registration (2020-02-01)


def test_the_cut_of_a_moment_is_the_last_position_recorded_by_then(
        ledger: Ledger, county: SmallCounty, clock: Clock) -> None:
    stamps = []
    for seq in range(1, 4):
        away(ledger, county, seq)
        stamps.append((head(ledger), clock.at))
        clock.at += timedelta(days=1)
    for position, at in stamps:
        assert position_known_on(ledger, at) == position
        assert position_known_on(ledger, at + timedelta(hours=23)) == position
    assert position_known_on(ledger, datetime(2000, 1, 1, tzinfo=UTC)) == 0


class PastMachine(LedgerMachine):
    """Random histories; at random moments, the register for a random cut and
    day equals a plain fold of that prefix of the log, taken as of that day."""

    def __init__(self) -> None:
        super().__init__()
        self.view_store = ViewStore(store_env(self.settings))
        self.stack.callback(self.view_store.close)
        runner = Runner(self.ledger, self.view_store, batch_size=50)
        self.history = History(Queries(self.ledger, self.view_store, runner.generations, runner))
        self.runner = runner

    @rule(fraction=st.floats(0, 1), days_back=st.integers(0, 900))
    def ask_the_past(self, fraction: float, days_back: int) -> None:
        self.runner.catch_up(self.runner.generations.ensure_live())
        position = round(head(self.ledger) * fraction)
        day = self.clock.at.date() - timedelta(days=days_back)
        past = PastQueries(self.history.live, Cut(position, day), LogFold(self.ledger, position).on(day))
        rows = past.register(include_ended=True, sort="name", size=500).rows
        shown = sorted(({c: r[c] for c in PAST_COLUMNS} for r in rows), key=lambda r: r["member_id"])
        assert shown == [{c: r[c] for c in PAST_COLUMNS} for r in fold_register_on(self.ledger, position, day)]
        stats = past.statistics()
        assert stats["away"] == sum(r["status"] in AWAY for r in shown if r["ended"] is None)


def test_the_register_of_any_cut_and_day_equals_a_plain_fold() -> None:
    run_state_machine_as_test(PastMachine, settings=settings(
        max_examples=10, stateful_step_count=30, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.too_slow]))


def test_the_cut_of_a_moment_is_found_across_positions_an_insert_rolled_back_left_empty(
        store: Store, ledger: Ledger, county: SmallCounty, clock: Clock) -> None:
    first = head(ledger)
    behind = store.ledger(Clock(NOW - timedelta(hours=1)))
    behind.stamp()  # reads the head now; the next writes go after it
    clock.at = NOW + timedelta(days=1)
    away(ledger, county, 1)
    second = head(ledger)
    batch = behind.batch()
    batch.run(county.t1_officer, member_command(county.b1, 2))
    with pytest.raises(RecordedOutOfOrder):
        batch.save()  # refused inside the insert: on PostgreSQL its positions stay unused
    clock.at = NOW + timedelta(days=2)
    away(ledger, county, 3)
    last = head(ledger)
    for moment, expected in ((NOW, first), (NOW + timedelta(days=1, hours=1), second), (clock.at, last)):
        assert position_known_on(ledger, moment) == expected
    gaps = [n.id for n in ledger.recorder.select_notifications(second + 1, 10)][0] - second - 1
    assert gaps >= 0  # PostgreSQL: > 0, the refused insert's numbers; SQLite reuses them
