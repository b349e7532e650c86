"""The register of non-public enterprises (非公有制企业) as the views answer it:
the report's figure (覆盖率) against a plain count of what was recorded, full
members judged by their standing on the day asked, and the flag for an
enterprise with 3 or more full members and no party organisation. On both stores."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from demo.enterprises import ENTERPRISES, plan_enterprises
from demo.setup import plan_directory
from domain.commands import (
    AddEnterpriseWorker, CloseEnterprise, CloseOrganisation, DecideProbation, EndMembership, LinkEnterpriseOrganisation,
    RecordInflowLeaving, RegisterEnterprise, RemoveEnterpriseWorker,
)
from domain.ledger import Ledger
from projections.history import History
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty
from tests.support.inflow import inflow_command
from tests.support.members import enrol

TODAY = date(2025, 6, 1)
JOINED = date(2025, 2, 1)
T1 = "中共长赤镇委员会"


def firm(ledger: Ledger, county: SmallCounty, name: str, keeper: UUID | None = None) -> UUID:
    found = ledger.execute(county.admin, RegisterEnterprise(name=name, org_id=keeper or county.t1,
                                                            effective_on=date(2025, 1, 2))).subject_id
    assert found is not None
    return found


def hire(ledger: Ledger, county: SmallCounty, enterprise: UUID, *, member: UUID | None = None,
         inflow: UUID | None = None, on: date = JOINED) -> None:
    ledger.execute(county.admin, AddEnterpriseWorker(enterprise_id=enterprise, member_id=member,
                                                     inflow_member_id=inflow, effective_on=on))


def members(ledger: Ledger, county: SmallCounty, first: int, count: int, **kwargs: object) -> list[UUID]:
    return [enrol(ledger, county, seq, **kwargs) for seq in range(first, first + count)]


def inflow(ledger: Ledger, county: SmallCounty, seq: int, standing: str = "full") -> UUID:
    found = ledger.execute(county.t1_officer, inflow_command(county.b1, seq, standing=standing)).subject_id
    assert found is not None
    return found


def test_the_figure_is_a_plain_count_of_what_was_recorded(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    # A: 3 full members and an organisation: required and covered.
    a = firm(ledger, county, "甲公司")
    at_a = members(ledger, county, 1, 3)
    for m in at_a:
        hire(ledger, county, a, member=m)
    ledger.execute(county.admin, LinkEnterpriseOrganisation(enterprise_id=a, org_id=county.b1b))
    # B: 2 full members, a probationer and an inflow member who is full: required, not covered.
    b = firm(ledger, county, "乙公司")
    for m in [*members(ledger, county, 4, 2), *members(ledger, county, 6, 1, standing="probationary",
                                                          joined=date(2024, 12, 1), registered=date(2024, 12, 2))]:
        hire(ledger, county, b, member=m)
    hire(ledger, county, b, inflow=inflow(ledger, county, 1))
    # C: 3 full members, of whom one died and one left: not required; organised by a name outside the tree.
    c = firm(ledger, county, "丙公司")
    died, gone, stays = members(ledger, county, 7, 3)
    for m in (died, gone, stays):
        hire(ledger, county, c, member=m)
    ledger.execute(county.t1_officer, EndMembership(member_id=died, reason="died", effective_on=date(2025, 3, 1)))
    ledger.execute(county.admin, RemoveEnterpriseWorker(enterprise_id=c, member_id=gone))
    ledger.execute(county.admin, LinkEnterpriseOrganisation(enterprise_id=c, org_name="长赤镇工业园联合党支部"))
    # D: closed, with a worker: not counted at all. Member 1 also works at B: counted once.
    d = firm(ledger, county, "丁公司")
    hire(ledger, county, d, member=members(ledger, county, 10, 1)[0])
    ledger.execute(county.admin, CloseEnterprise(enterprise_id=d, reason="歇业"))
    hire(ledger, county, b, member=at_a[0])
    views = projected.sync()
    summary = views.enterprise_summary(day=TODAY)
    # plain count: A, B, C open; members 1-3 (A), 4-6 + inflow + 1 again (B), stays (C) -> 8 people, 7 full
    assert summary == {"as_of": "2025-06-01", "enterprises": 3, "members": 8, "full_members": 7, "organised": 2,
                       "required": 2, "required_organised": 1, "unorganised": 1, "coverage": 50.0}
    listed = {e["name"]: (e["members"], e["full_members"], e["required"], e["organised"])
              for e in views.enterprises(day=TODAY).rows}
    assert listed == {"甲公司": (3, 3, True, True), "乙公司": (5, 4, True, False), "丙公司": (1, 1, False, True)}
    assert views.enterprises(day=TODAY, include_closed=True).total == 4


def test_an_enterprise_with_three_full_members_and_no_organisation_is_flagged(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    e = firm(ledger, county, "南江某建材有限公司")
    probationer = enrol(ledger, county, 3, standing="probationary", joined=date(2024, 5, 1),
                        registered=date(2024, 5, 2))
    for m in [*members(ledger, county, 1, 2), probationer]:
        hire(ledger, county, e, member=m)
    views = projected.sync()
    assert views.flags(TODAY, kind="no_branch_at_employer") == [], "two full members and a probationer"
    ledger.execute(county.t1_officer, DecideProbation(member_id=probationer, outcome="on_time",
                                                      effective_on=date(2025, 5, 5)))
    flag, = projected.sync().flags(TODAY, kind="no_branch_at_employer")
    assert flag["label"] == "非公有制企业有3名正式党员从业，未建立党组织"
    assert flag["detail"] == "南江某建材有限公司：党员1、党员2、党员3"
    assert (flag["township_id"], flag["township_name"], flag["member_id"]) == (str(county.t1), T1, None)
    assert [m["name"] for m in flag["members"]] == ["党员1", "党员2", "党员3"]
    assert views.flags(TODAY, county.t1, kind="no_branch_at_employer") == [flag]
    assert views.flags(TODAY, county.t2, kind="no_branch_at_employer") == []
    # On a day before the probationer became full, from the log: not yet flagged.
    history = History(views)
    assert history.at(as_of=date(2025, 5, 1)).flags(date(2025, 5, 1), kind="no_branch_at_employer") == []
    assert len(history.at(as_of=date(2025, 5, 20)).flags(date(2025, 5, 20), kind="no_branch_at_employer")) == 1
    ledger.execute(county.admin, LinkEnterpriseOrganisation(enterprise_id=e, org_id=county.b1b))
    assert projected.sync().flags(TODAY, kind="no_branch_at_employer") == []
    assert views.enterprise_summary(day=TODAY)["coverage"] == 100.0
    # Its organisation closed (撤销): the enterprise has none again.
    ledger.execute(county.admin, CloseOrganisation(org_id=county.b1b, reason="合并"))
    assert len(projected.sync().flags(TODAY, kind="no_branch_at_employer")) == 1
    assert views.enterprise_summary(day=TODAY)["coverage"] == 0.0


def test_inflow_members_count_until_they_leave_and_are_named_in_the_detail_only(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    e = firm(ledger, county, "南江某食品公司")
    hire(ledger, county, e, member=enrol(ledger, county, 1))
    newcomers = [inflow(ledger, county, seq) for seq in (1, 2)]
    for worker in newcomers:
        hire(ledger, county, e, inflow=worker)
    flag, = projected.sync().flags(TODAY, kind="no_branch_at_employer")
    assert flag["detail"] == "南江某食品公司：党员1、流入党员1（流入）、流入党员2（流入）"
    assert [m["name"] for m in flag["members"]] == ["党员1"]
    detail = projected.views.enterprise(e)
    assert {(w["worker_kind"], w["name"], w["full"]) for w in detail["workers"]} == {
        ("member", "党员1", True), ("inflow_member", "流入党员1", True), ("inflow_member", "流入党员2", True)}
    ledger.execute(county.t1_officer, RecordInflowLeaving(inflow_member_id=newcomers[0], reason="返回原籍"))
    assert projected.sync().flags(TODAY, kind="no_branch_at_employer") == []
    assert projected.views.enterprise_summary(day=TODAY)["members"] == 2


def test_no_enterprise_no_coverage(projected: Projected, county: SmallCounty) -> None:
    summary = projected.sync().enterprise_summary(day=TODAY)
    assert (summary["enterprises"], summary["required"], summary["coverage"]) == (0, 0, None)


def test_the_full_demo_plans_the_reports_16_enterprises_and_681_members() -> None:
    start, end = date(2021, 11, 24), date(2026, 11, 24)
    directory = plan_directory(uuid4(), uuid4(), start, end, blanks_per_year=400)
    steps = plan_enterprises(directory, start, end, 2021)
    workers = [s.command.id_number for s in steps if isinstance(s.command, AddEnterpriseWorker)]
    assert sum(isinstance(s.command, RegisterEnterprise) for s in steps) == len(ENTERPRISES) == 16
    assert len(workers) == len(set(workers)) == 681

