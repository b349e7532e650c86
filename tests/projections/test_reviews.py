"""The share of 优秀 per branch and year (`excellent_share`): flagged when above the
policy, counted by the branch at the time of each review, moved by corrections and
voids, and the same for a past day. On both stores."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.commands import ChangePolicy, CorrectEvent, MoveToBranch, RecordReview, VoidEvent
from domain.ledger import Ledger
from projections.history import History
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty
from tests.support.helpers import head
from tests.support.members import enrol

DAY = date(2025, 5, 1)  # the reviews of 2024 are due (by the end of March)


def review(ledger: Ledger, county: SmallCounty, member_id: UUID, grade: str, year: int = 2024,
           on: date = date(2025, 1, 10), by: UUID | None = None) -> int:
    ledger.execute(by or county.b1_officer, RecordReview(member_id=member_id, year=year, grade=grade, effective_on=on))
    return head(ledger)


def branch_of_six(ledger: Ledger, county: SmallCounty, excellent: int) -> list[UUID]:
    """Six members of 红旗村 reviewed for 2024, the first `excellent` of them 优秀."""
    members = [enrol(ledger, county, seq) for seq in range(1, 7)]
    for k, member_id in enumerate(members):
        review(ledger, county, member_id, "excellent" if k < excellent else "qualified")
    return members


def test_a_third_is_allowed_and_more_is_flagged_naming_the_branch_and_counts(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    members = branch_of_six(ledger, county, 2)  # 2 of 6: exactly 1/3
    views = projected.sync()
    assert views.flags(DAY, kind="excellent_share") == []
    review(ledger, county, enrol(ledger, county, 7), "excellent")  # 3 of 7
    [flag] = projected.sync().flags(DAY, kind="excellent_share")
    assert flag["label"] == "2024年度民主评议评为优秀的比例超过1/3"
    assert flag["detail"] == "长赤镇红旗村党支部：优秀3人/评议7人，超过1/3"
    assert (flag["member_id"], flag["township_id"], flag["township_name"]) == (None, str(county.t1), "中共长赤镇委员会")
    assert {m["member_id"] for m in flag["members"]} == {str(members[0]), str(members[1]), str(member_id_of(flag, 7))}
    assert views.flags(DAY, county.t2, kind="excellent_share") == []  # another township's scope
    assert len(views.flags(DAY, county.b1, kind="excellent_share")) == 1
    assert views.flags(date(2025, 1, 9), kind="excellent_share") == []  # before the reviews were held


def member_id_of(flag: dict, seq: int) -> str:
    return next(m["member_id"] for m in flag["members"] if m["name"] == f"党员{seq}")


def test_a_corrected_grade_and_a_voided_review_move_the_share(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    branch_of_six(ledger, county, 2)
    third = review(ledger, county, enrol(ledger, county, 7), "excellent")
    assert len(projected.sync().flags(DAY, kind="excellent_share")) == 1
    ledger.execute(county.b1_officer, CorrectEvent(position=third, changes={"grade": "qualified"}, reason="录入错误"))
    assert projected.sync().flags(DAY, kind="excellent_share") == []  # 2 of 7
    ledger.execute(county.b1_officer, CorrectEvent(position=third, changes={"grade": "excellent"}, reason="核实"))
    assert len(projected.sync().flags(DAY, kind="excellent_share")) == 1
    ledger.execute(county.b1_officer, VoidEvent(position=third, reason="重复录入"))
    assert projected.sync().flags(DAY, kind="excellent_share") == []  # 2 of 6


def test_the_limit_is_the_policy_in_force_on_the_day(ledger: Ledger, county: SmallCounty,
                                                     projected: Projected) -> None:
    branch_of_six(ledger, county, 3)
    assert len(projected.sync().flags(DAY, kind="excellent_share")) == 1
    ledger.execute(county.admin, ChangePolicy(changes={"excellent_share_max": 500}, effective_on=date(2025, 4, 1)))
    assert projected.sync().flags(DAY, kind="excellent_share") == []  # 3 of 6 is not above 1/2


def test_the_branch_is_the_one_at_the_time_of_the_review(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    members = branch_of_six(ledger, county, 3)  # 3 of 6 in 红旗村
    ledger.execute(county.t1_officer, MoveToBranch(member_id=members[0], branch_id=county.b1b,
                                                   effective_on=date(2025, 2, 1)))
    [flag] = projected.sync().flags(DAY, kind="excellent_share")
    assert flag["detail"] == "长赤镇红旗村党支部：优秀3人/评议6人，超过1/3"  # the move came after the review
    review(ledger, county, members[0], "excellent", year=2025, on=date(2025, 4, 20), by=county.t1_officer)  # in 光明村 now: 1 of 1
    details = sorted(f["detail"] for f in projected.sync().flags(DAY, kind="excellent_share"))
    assert details == ["长赤镇光明村党支部：优秀1人/评议1人，超过1/3", "长赤镇红旗村党支部：优秀3人/评议6人，超过1/3"]


def test_a_past_day_counts_the_reviews_known_then(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    """A snapshot holds no review tables: the shares come from the members' states on the day."""
    branch_of_six(ledger, county, 3)
    history = History(projected.sync())

    def shares(day: date) -> list[tuple[str, int, int]]:
        past = history.at(as_of=day)
        with past.reader() as tx:
            found = past.excellent_shares(tx, day, county.t1, 2024, past.policy_on(day))
        return [(s["branch_name"], len(s["excellent"]), s["reviewed"]) for s in found]

    assert shares(DAY) == [("长赤镇红旗村党支部", 3, 6)]
    assert shares(date(2025, 1, 5)) == []
