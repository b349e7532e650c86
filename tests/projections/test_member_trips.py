"""Planned departures and short returns in the figures: a departure reported
ahead counts from its planned day, and a short return becomes overdue, at
midnight with no event; a member home for a while counts as away. On both
stores."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.commands import PlanDeparture, RecordGoingBack, RecordReportIn, RecordTemporaryReturn
from domain.ledger import Ledger
from projections.history import History
from tests.projections.conftest import Projected
from tests.support.certificates import holder
from tests.support.county import SmallCounty
from tests.support.members import departure, enrol
from tests.support.stores import Clock

PLANNED = date(2025, 6, 20)


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


def test_a_departure_reported_ahead_counts_from_its_planned_day_with_no_event(
        ledger: Ledger, county: SmallCounty, projected: Projected, clock: Clock) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, PlanDeparture(**vars(departure(member_id, date(2025, 6, 1))), planned_on=PLANNED))
    views = projected.sync()
    assert views.member(member_id)["status"] == "planned" and views.member(member_id)["departed_on"] == "2025-06-20"
    assert [views.register(status=s).total for s in ("planned", "away", "away_any")] == [1, 0, 0]
    assert [views.statistics(day=d)["away"] for d in (date(2025, 6, 19), PLANNED)] == [0, 1]
    assert views.flags(date(2025, 6, 19)) == []
    clock.at = midnight(PLANNED)  # the day comes; nothing is recorded
    assert views.member(member_id)["status"] == "away"
    assert [views.register(status=s).total for s in ("planned", "away", "away_any")] == [0, 1, 1]
    assert "report_in_overdue" in {f["kind"] for f in views.flags(date(2025, 7, 21))}
    past = History(views).at(as_of=date(2025, 6, 10))
    assert past.register(status="planned").rows[0]["member_id"] == str(member_id)
    assert past.as_of(member_id, date(2025, 6, 10))["status"] == "planned"


def test_a_member_home_for_a_while_is_away_and_overdue_the_day_after_they_meant_to_go_back(
        ledger: Ledger, county: SmallCounty, projected: Projected, clock: Clock) -> None:
    member_id, _ = holder(ledger, county)  # left 2024-03-01, certificate issued 2025-03-01
    ledger.execute(county.b1_officer, RecordReportIn(org_id=county.mb, member_id=member_id,
                                                     effective_on=date(2024, 3, 20)))
    ledger.execute(county.b1_officer, RecordTemporaryReturn(
        member_id=member_id, expected_back_on=date(2025, 5, 31), reason="农忙", effective_on=date(2025, 5, 1)))
    views = projected.sync()
    row = views.member(member_id)
    assert (row["status"], row["since"], row["expected_back_on"]) == ("temporary_return", "2025-05-01", "2025-05-31")
    stats = views.statistics(day=date(2025, 5, 31))
    assert (stats["away"], stats["holding"], stats["reported_in"]) == (1, 1, 1)
    assert views.register(status="away_any").total == 1
    assert views.flags(date(2025, 5, 31), kind="temporary_return_overdue") == []
    overdue = views.flags(date(2025, 6, 1), kind="temporary_return_overdue")
    assert [(f["member_id"], f["detail"]) for f in overdue] == [
        (str(member_id), "2025-05-01临时返乡，预计2025-05-31返回外出地，已逾期1天")]
    clock.at = midnight(date(2025, 6, 2))
    ledger.execute(county.mb_officer, RecordGoingBack(member_id=member_id))
    views = projected.sync()
    assert views.member(member_id)["status"] == "reported_in"
    assert views.flags(date(2025, 6, 2), kind="temporary_return_overdue") == []
