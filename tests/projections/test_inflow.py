"""The 流入党员台账 view and `inflow_members` in the statistics: counted apart from
the county's own figures, for a subtree and a day, today and in the past. On
both stores."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.commands import RecordInflowLeaving, VoidEvent
from domain.ledger import Ledger
from projections.history import History
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty
from tests.support.helpers import head
from tests.support.inflow import ARRIVED, inflow_command
from tests.support.members import away
from tests.support.stores import Clock

OWN = ("members", "away", "holding", "holding_rate", "eligible", "missing", "reported_in", "lost_contact")


def test_inflow_members_are_counted_apart_and_the_countys_own_figures_do_not_change(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    away(ledger, county)
    before = projected.sync().statistics()
    ledger.execute(county.admin, inflow_command(county.b1, 1))
    ledger.execute(county.admin, inflow_command(county.t2, 2))
    gone = ledger.execute(county.admin, inflow_command(county.committee, 3)).subject_id
    ledger.execute(county.admin, RecordInflowLeaving(inflow_member_id=gone, reason="返回原籍",
                                                     effective_on=date(2025, 3, 1)))
    views = projected.sync()
    stats = views.statistics()
    assert {k: stats[k] for k in OWN} == {k: before[k] for k in OWN}
    assert stats["inflow_members"] == 2
    assert {t["township_id"]: t["inflow_members"] for t in stats["by_township"]} == {str(county.t1): 1}
    assert [views.statistics(org)["inflow_members"] for org in (county.b1, county.t2, county.s1, county.mb)] == \
        [1, 1, 1, 0]
    assert views.statistics(day=date(2025, 2, 28))["inflow_members"] == 3  # the live view, for another day
    assert views.statistics(day=ARRIVED.replace(day=9))["inflow_members"] == 0


def test_the_inflow_register_filters_masks_and_follows_corrections(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    first = ledger.execute(county.admin, inflow_command(county.b1, 1)).subject_id
    ledger.execute(county.admin, inflow_command(county.b2, 2, home_county="汉中市南郑区", name="张秀英"))
    ledger.execute(county.admin, RecordInflowLeaving(inflow_member_id=first, reason="返回原籍"))
    views = projected.sync()
    page = views.inflow_members()
    assert page.total == 2 and [r["name"] for r in page.rows] == ["张秀英", "流入党员1"]
    row = views.inflow_member(first)  # type: ignore[arg-type]
    assert (row["id_tail"], row["phone_masked"], row["status"], row["org_name"], row["township_name"]) == \
        ("**************" + inflow_command(county.b1, 1).id_number[-4:], "139****0001", "left",
         "长赤镇红旗村党支部", "中共长赤镇委员会")
    assert [views.inflow_members(**f).total for f in ({"status": "present"}, {"home_county": "汉中市南郑区"},
                                                       {"name": "秀"}, {"org_id": county.t1})] == [1, 1, 1, 1]
    ledger.execute(county.admin, VoidEvent(position=head(ledger), reason="误记"))
    assert projected.sync().inflow_member(first)["status"] == "present"  # type: ignore[arg-type]


def test_a_past_days_statistics_count_the_inflow_members_present_then(
        ledger: Ledger, county: SmallCounty, projected: Projected, clock: Clock) -> None:
    subject = ledger.execute(county.admin, inflow_command(county.b1, 1)).subject_id
    clock.at = datetime(2025, 8, 1, 4, 0, tzinfo=UTC)
    ledger.execute(county.admin, RecordInflowLeaving(inflow_member_id=subject, reason="工程结束",
                                                     effective_on=date(2025, 7, 1)))
    history = History(projected.sync())
    assert projected.views.statistics()["inflow_members"] == 0
    assert history.at(as_of=date(2025, 6, 30)).statistics()["inflow_members"] == 1
    assert history.at(as_of=date(2025, 1, 9)).statistics()["inflow_members"] == 0
    reported = datetime(2025, 6, 30, 18, 0, tzinfo=UTC)  # before the leaving was recorded
    assert history.at(as_known_on=reported, as_of=date(2025, 7, 15)).statistics(
        county.t1)["inflow_members"] == 1
