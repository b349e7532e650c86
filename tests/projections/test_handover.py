"""The views after a handover (移交) and beyond townships: a branch's 基层党委 in
the register and the statistics, a mobile branch moved in the directory, the
members handed over outside the county ended in the register (live, rebuilt
after a correction, and as of a past day). On both stores."""

from __future__ import annotations

from datetime import date

from domain.commands import CorrectEvent, EstablishOrganisation, HandOverOrganisation
from domain.ledger import Ledger
from projections.history import History
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty, member_command
from tests.support.handover import prepare
from tests.support.helpers import head

ON = date(2025, 5, 1)


def test_a_branch_beyond_townships_counts_under_its_own_committee(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    dept = ledger.execute(county.admin, EstablishOrganisation(
        kind="department_committee", name="中共南江县直属机关工作委员会", parent_id=county.committee)).subject_id
    talent = ledger.execute(county.admin, EstablishOrganisation(
        kind="branch", name="南江县人才交流中心党支部", parent_id=dept)).subject_id
    retired = ledger.execute(county.admin, EstablishOrganisation(
        kind="branch", name="南江县离退休党员党支部", parent_id=county.committee)).subject_id
    first = ledger.execute(county.admin, member_command(talent, 61)).subject_id  # type: ignore[arg-type]
    ledger.execute(county.admin, member_command(retired, 62))  # type: ignore[arg-type]
    ledger.execute(county.admin, member_command(county.b1, 63))
    views = projected.sync()
    assert views.member(first)["township_name"] == "中共南江县直属机关工作委员会"  # type: ignore[arg-type]
    assert [r["name"] for r in views.register(org_id=dept).rows] == ["党员61"]  # type: ignore[arg-type]
    assert {t["township_name"]: t["members"] for t in views.statistics()["by_township"]} == {
        "中共南江县直属机关工作委员会": 1, "中共南江县委员会": 1, "中共长赤镇委员会": 1}


def test_a_mobile_branch_handed_over_inside_moves_in_the_directory_and_brings_its_members(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    h = prepare(ledger, county)
    views = projected.sync()
    assert views.register(org_id=county.t2).total == 1  # the parent of the branch the member reported in to
    ledger.execute(county.admin, HandOverOrganisation(org_id=h.xa, to_org_id=h.dept, effective_on=ON))
    views = projected.sync()
    org = next(o for o in views.organisations() if o["org_id"] == str(h.xa))
    assert (org["parent_id"], org["township_id"], org["status"], org["handed_to"]) == \
        (str(h.dept), str(h.dept), "open", str(h.dept))
    assert [r["member_id"] for r in views.register(org_id=h.dept).rows] == [str(h.member)]
    assert views.register(org_id=county.t2).total == 0
    assert views.member(h.member)["status"] == "reported_in"
    # Figures count a member under the home branch's 基层党委 only, so that theirs add up to the county's.
    assert (views.statistics(org_id=h.dept)["away"], views.statistics(org_id=county.t1)["away"]) == (0, 1)


def test_members_handed_over_outside_leave_the_register_naming_the_receiver(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    h = prepare(ledger, county)
    departed = next(p for p in range(head(ledger), 0, -1) if ledger.event_at(p).originator_id == h.member
                    and ledger.event_at(p).TOPIC == "liudong.member.Departed")
    counted = projected.sync().statistics()["members"]
    ledger.execute(county.admin, HandOverOrganisation(org_id=h.xa, to_org_id=county.io, effective_on=ON))
    views = projected.sync()
    row = views.member(h.member)
    assert (row["status"], row["ended"], row["ended_on"], row["since"], row["handed_to"]) == \
        ("ended", "handed_over", "2025-05-01", "2025-05-01", "上海市松江区某街道党工委")
    assert views.statistics()["members"] == counted - 1
    assert views.register(org_id=county.t1).total == 0
    assert views.register(org_id=county.io).total == 0
    assert next(o for o in views.organisations() if o["org_id"] == str(h.xa))["status"] == "handed_over"
    # A correction rebuilds the row from the member: still handed over.
    ledger.execute(county.admin, CorrectEvent(position=departed, changes={"employer": "西安某建筑公司"},
                                              reason="补全单位名称"))
    row = projected.sync().member(h.member)
    assert (row["employer"], row["ended"], row["handed_to"]) == ("西安某建筑公司", "handed_over", "上海市松江区某街道党工委")
    # As of a past day: not yet before the handover, handed over after it.
    history = History(projected.views)
    assert history.at(as_of=date(2025, 4, 30)).member(h.member)["status"] == "reported_in"
    past = history.at(as_of=date(2025, 5, 15)).member(h.member)
    assert (past["status"], past["ended"], past["handed_to"]) == ("ended", "handed_over", "上海市松江区某街道党工委")


def test_a_member_who_reported_in_within_the_same_batch_is_handed_over_too(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    h = prepare(ledger, county)  # nothing applied yet: report-in and handover reach the view together
    ledger.execute(county.admin, HandOverOrganisation(org_id=h.xa, to_org_id=county.io, effective_on=ON))
    assert projected.sync().member(h.member)["ended"] == "handed_over"
