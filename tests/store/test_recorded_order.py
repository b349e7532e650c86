"""recorded_at never decreases along the log: the ledger stamps no earlier than
the newest event it knows (a clock stepped back, a slower process), the store
refuses an event stamped before its head and stores nothing, and a writer so
refused tries once more, then fails as a conflict. On both stores."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from demo import load_demo
from domain import rules
from domain.clock import RecordedOutOfOrder, local_date
from domain.commands import IssueToken
from domain.errors import LedgerError
from domain.ledger import Ledger
from domain.member import Member
from integrity.tables import SealReader
from integrity.verify import verify
from service.bootstrap import open_ledger
from service.group_commit import GroupCommit
from sheets.importer import import_sheet
from tests.support.county import SmallCounty, member_command
from tests.support.legacy_sheet import HEADERS, good_row, write_sheet
from tests.support.log import events_in_order, recorded_times
from tests.support.members import departure, enrol
from tests.support.stores import NOW, TEST_KEY, Clock, Store


def non_decreasing(times: list[Any]) -> bool:
    return all(a <= b for a, b in zip(times, times[1:], strict=False))


def test_a_clock_that_steps_back_still_gives_a_non_decreasing_log(
        store: Store, ledger: Ledger, clock: Clock, county: SmallCounty) -> None:
    clock.at = NOW + timedelta(hours=1)
    first = enrol(ledger, county, 1)
    clock.at = NOW - timedelta(hours=2)  # NTP steps the clock back
    ledger.execute(county.b1_officer, departure(first))
    committer = GroupCommit(ledger)
    committer.execute(county.t1_officer, member_command(county.b1, 2))
    committer.close()
    slower = store.ledger(Clock(NOW - timedelta(days=1)))  # another process, its clock a day behind
    slower.execute(county.t1_officer, member_command(county.b1, 3))
    times = recorded_times(ledger)
    assert non_decreasing(times)
    assert times[-3:] == [NOW + timedelta(hours=1)] * 3  # stamped at the head, not before it
    assert verify(ledger.recorder, ledger.recorder.sealer.leaves).ok


def test_a_batchs_events_are_stored_in_the_order_their_commands_were_stamped(
        ledger: Ledger, clock: Clock, county: SmallCounty) -> None:
    batch = ledger.batch(isolated=False)
    first = batch.run(county.t1_officer, member_command(county.b1, 1)).subject_id
    clock.at = NOW + timedelta(minutes=1)
    second = batch.run(county.t1_officer, member_command(county.b1, 2)).subject_id
    clock.at = NOW + timedelta(minutes=2)
    assert first is not None and second is not None
    batch.run(county.b1_officer, departure(first))  # the first member's aggregate again, stamped last
    batch.save()
    mine = [(event.originator_id, type(event).__name__) for _, event in events_in_order(ledger)[-3:]]
    assert mine == [(first, "Registered"), (second, "Registered"), (first, "Departed")]
    assert non_decreasing(recorded_times(ledger))


def test_the_store_refuses_an_event_stamped_before_its_head_and_stores_nothing(
        store: Store, ledger: Ledger, clock: Clock, county: SmallCounty) -> None:
    behind = store.ledger(Clock(NOW - timedelta(hours=1)))
    assert behind.stamp() == NOW  # it reads the head once, then goes by what it knows
    clock.at = NOW + timedelta(minutes=10)
    enrol(ledger, county, 1)  # recorded by the process ahead, after `behind` read the head
    before = (ledger.recorder.max_notification_id(), SealReader(ledger.recorder).head())
    batch = behind.batch()
    late = batch.run(county.t1_officer, member_command(county.b1, 2)).subject_id
    with pytest.raises(RecordedOutOfOrder) as refused:
        batch.save()
    assert (refused.value.stamp, refused.value.head) == (NOW, NOW + timedelta(minutes=10))
    assert (ledger.recorder.max_notification_id(), SealReader(ledger.recorder).head()) == before
    assert late is not None and behind.load(Member, late) is None
    assert verify(ledger.recorder, ledger.recorder.sealer.leaves).ok
    batch.again().save()  # the same steps, stamped after the head it learned from the refusal
    assert behind.load(Member, late) is not None
    assert recorded_times(ledger)[-1] == NOW + timedelta(minutes=10)


class Jostled(Ledger):
    """A ledger whose next `jostles` saves each come just after another process
    (`other`, its clock a minute further ahead each time) recorded an event."""

    name = "Liudong"  # the same log (the library names a subclass's tables after it)
    other: Ledger
    jostles = 0

    def _record(self, processing_event: Any) -> Any:
        if self.jostles:
            self.jostles -= 1
            self.other.clock.at += timedelta(minutes=1)  # type: ignore[attr-defined]
            self.other.execute(self.admin, IssueToken(officer_id=self.admin))
        return super()._record(processing_event)


def jostled(store: Store, ledger: Ledger, county: SmallCounty, jostles: int) -> Jostled:
    opened = open_ledger(store.env, TEST_KEY, Clock(NOW), ledger_class=Jostled)
    store.ledgers.append(opened)
    opened.other, opened.admin, opened.jostles = ledger, county.admin, jostles  # type: ignore[attr-defined]
    opened.stamp()  # reads the head now, before the other process moves on
    return opened


@pytest.mark.parametrize("through", ["execute", "group commit"])
def test_a_writer_refused_for_its_stamp_tries_once_more_then_fails_as_a_conflict(
        store: Store, ledger: Ledger, county: SmallCounty, through: str) -> None:
    def run(writer: Ledger, seq: int) -> object:
        if through == "execute":
            return writer.execute(county.t1_officer, member_command(county.b1, seq))
        committer = GroupCommit(writer)
        try:
            return committer.execute(county.t1_officer, member_command(county.b1, seq))
        finally:
            committer.close()

    run(jostled(store, ledger, county, jostles=1), 1)  # refused once: saved on the retry
    assert ledger.load(Member, ledger.member_id_for(member_command(county.b1, 1).id_number)) is not None
    before = ledger.recorder.max_notification_id() or 0
    with pytest.raises(LedgerError) as refused:
        run(jostled(store, ledger, county, jostles=3), 2)  # refused on the retry too
    assert refused.value.code == rules.WRITE_CONFLICT.code
    assert ledger.load(Member, ledger.member_id_for(member_command(county.b1, 2).id_number)) is None
    stored = [type(event).__name__ for position, event in events_in_order(ledger) if position > before]
    assert "Registered" not in stored and stored  # only the other process's events
    assert non_decreasing(recorded_times(ledger))


def test_the_demo_county_is_recorded_in_time_order(ledger: Ledger) -> None:
    county = load_demo(ledger, end=date(2026, 11, 24), scale=0.005)
    times = recorded_times(ledger)
    assert non_decreasing(times)
    assert local_date(times[0]) == county.start and local_date(times[-1]) == county.end
    assert len({local_date(t) for t in times}) > 200  # recorded over the five years, day by day


def test_an_import_refused_for_its_stamp_is_saved_on_its_retry(
        store: Store, ledger: Ledger, county: SmallCounty, tmp_path: Any) -> None:
    sheet = write_sheet(tmp_path / "old.xlsx", [good_row(1), good_row(2)])
    importer = jostled(store, ledger, county, jostles=1)  # a live command is stored while it checks rows
    report = import_sheet(importer, county.admin, sheet.read_bytes(), "old.xlsx", dry_run=False)
    assert report.stored and report.refused == []
    assert ledger.load(Member, ledger.member_id_for(str(good_row(2)[HEADERS.index("公民身份号码")]))) is not None
    assert non_decreasing(recorded_times(ledger))
    again = write_sheet(tmp_path / "again.xlsx", [good_row(3)])
    with pytest.raises(LedgerError) as refused:  # refused on the retry too: a conflict, nothing stored
        import_sheet(jostled(store, ledger, county, jostles=3), county.admin, again.read_bytes(), "again.xlsx",
                     dry_run=False)
    assert refused.value.code == rules.WRITE_CONFLICT.code
