"""Care requests (帮扶申请) and hotline calls as the views answer them: a request
becomes overdue by the passing of days alone, under the policy in force on the
day asked; past days read the same from a snapshot; corrections and voids rewrite
the rows. On both stores."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.commands import ChangePolicy, CorrectEvent, LogHotlineCall, RequestCare, VoidEvent
from domain.ledger import Ledger
from projections.history import History
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty
from tests.support.members import enrol

TAKEN = date(2025, 4, 1)


def take(ledger: Ledger, county: SmallCounty, member: UUID) -> tuple[UUID, int]:
    outcome = ledger.execute(county.s1_officer, RequestCare(kind="jobs", org_id=county.s1, member_id=member,
                                                            summary="返乡后想找县内工作", effective_on=TAKEN))
    assert outcome.subject_id is not None
    return outcome.subject_id, outcome.positions[0]


def overdue(queries: object, day: date, org: UUID | None = None) -> list[str]:
    return [f["detail"] for f in queries.flags(day, org, kind="care_overdue")]  # type: ignore[attr-defined]


def test_an_open_request_is_flagged_from_the_day_after_its_overdue_day_without_any_event(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    take(ledger, county, enrol(ledger, county))
    views = projected.sync()
    assert overdue(views, date(2025, 5, 1)) == []  # 30 days: not yet
    assert overdue(views, date(2025, 5, 2), county.t1) == [
        "长赤镇流动党员服务站2025-04-01受理就业信息申请（党员1：返乡后想找县内工作），已31天未办结"]
    assert overdue(views, date(2025, 5, 2), county.t2) == []
    history = History(views)  # a past day, from a snapshot: the same answer
    assert overdue(history.at(as_of=date(2025, 5, 1)), date(2025, 5, 1)) == []
    assert len(overdue(history.at(as_of=date(2025, 5, 2)), date(2025, 5, 2))) == 1


def test_the_overdue_day_follows_the_policy_in_force_on_the_day_asked(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    take(ledger, county, enrol(ledger, county))
    ledger.execute(county.admin, ChangePolicy(changes={"care_overdue_days": 60}, effective_on=date(2025, 4, 20)))
    views = projected.sync()
    assert overdue(views, date(2025, 5, 2)) == []
    assert overdue(views, date(2025, 5, 31)) == []
    assert len(overdue(views, date(2025, 6, 1))) == 1  # 61 days
    [row] = views.care_requests(day=date(2025, 6, 1)).rows
    assert (row["status"], row["days_open"], row["overdue"], row["township_name"]) == (
        "open", 61, True, "中共长赤镇委员会")


def test_corrections_and_voids_rewrite_the_rows(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    care, position = take(ledger, county, enrol(ledger, county))
    call = ledger.execute(county.admin, LogHotlineCall(org_id=county.centre, kind="other", topic="咨询",
                                                       outcome="解答", effective_on=TAKEN)).positions[0]
    ledger.execute(county.admin, CorrectEvent(position=position, changes={"kind": "skills"}, reason="类别选错"))
    views = projected.sync()
    assert views.care_request(care)["kind_label"] == "技能培训"
    assert views.hotline_calls().total == 1
    ledger.execute(county.admin, VoidEvent(position=position, reason="误录"))
    ledger.execute(county.admin, VoidEvent(position=call, reason="误录"))
    views = projected.sync()
    assert views.care_requests().total == 0 and views.hotline_calls().total == 0
    assert overdue(views, date(2025, 6, 1)) == []
