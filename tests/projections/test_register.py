"""The register view (台账) and members' histories, on both stores."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.commands import (
    CorrectEvent, MoveToBranch, RecordContact, RecordDues, RecordReportIn, RecordReturn, VoidEvent,
)
from domain.errors import NotFound
from domain.ledger import Ledger
from tests.support.county import SmallCounty, id_number, member_command
from tests.support.helpers import head
from tests.projections.conftest import Projected
from tests.support.certificates import holder
from tests.support.members import away, enrol


def test_a_member_row_has_the_register_columns_with_personal_data_masked(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id, number = holder(ledger, county)
    row = projected.sync().member(member_id)
    assert row["name"] == "党员1" and row["gender"] == "male" and row["birth_month"] == "1985-03"
    assert row["id_tail"] == "*" * 14 + id_number(date(1985, 3, 4), 1)[-4:]
    assert row["phone_masked"] == "138****0001"
    assert (row["status"], row["since"]) == ("away", "2024-03-01")
    assert (row["province"], row["city"], row["industry"]) == ("四川省", "成都市", "construction")
    assert row["branch_name"] == "长赤镇红旗村党支部" and row["township_name"] == "中共长赤镇委员会"
    assert (row["certificate_number"], row["certificate_issued_on"]) == (number, "2025-03-01")
    assert row["certificate_issuer"] == "红旗村支书"
    assert "13900001111" not in str(row) and row["contact_phone_masked"] == "139****1111"


def test_status_follows_the_movements(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)
    views = projected.sync()
    assert views.member(member_id)["status"] == "away"
    ledger.execute(county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.mb,
                                                     effective_on=date(2024, 3, 9)))
    assert projected.sync().member(member_id)["reported_in_name"] == "成都市南江流动党员党支部"
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="visit", outcome="lost",
                                                    lost_reason="moved", effective_on=date(2024, 9, 1)))
    assert projected.sync().member(member_id)["status"] == "lost_contact"
    ledger.execute(county.b1_officer, RecordReturn(member_id=member_id, effective_on=date(2025, 1, 2)))
    row = projected.sync().member(member_id)
    assert (row["status"], row["since"]) == ("returned", "2025-01-02")


def test_filters_sorting_and_pages(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    for seq in range(1, 6):
        away(ledger, county, seq)
    ledger.execute(county.admin, member_command(county.b2, 9, name="赵九"))
    ledger.execute(county.admin, MoveToBranch(member_id=ledger.member_id_for(id_number(date(1985, 3, 4), 5)),
                                              branch_id=county.b1b))
    views = projected.sync()
    assert views.register().total == 6
    assert views.register(org_id=county.t1).total == 5
    assert views.register(org_id=county.s1).total == 5  # a station covers its township
    assert views.register(org_id=county.b1b).total == 1
    assert views.register(org_id=county.t2, status="at_home").rows[0]["name"] == "赵九"
    assert views.register(status="away_any").total == 5
    assert views.register(name="九").total == 1
    first = views.register(sort="name", size=2, page=1)
    second = views.register(sort="name", size=2, page=2)
    assert first.total == 6 and len(first.rows) == 2
    names = [r["name"] for r in first.rows + second.rows]
    assert names == sorted(names) and len(set(names)) == 4
    assert views.register(sort="name", descending=True).rows[0]["name"] == max(r["name"] for r in views.register().rows)
    assert views.register(province="四川省", industry="construction").total == 5
    with pytest.raises(NotFound):
        views.register(org_id=uuid4())


def test_reported_in_members_are_the_inflow_organisations_scope(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)
    away(ledger, county, 2)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 1)))
    rows = projected.sync().register(org_id=county.mb).rows
    assert [r["member_id"] for r in rows] == [str(member_id)]


def test_corrections_and_voids_show_in_the_row(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)
    departed = head(ledger)
    ledger.execute(county.b1_officer, RecordDues(member_id=member_id, months=("2024-05",), amount_fen=4500,
                                                 collector="home", basis="wage", income_fen=450000,
                                                 effective_on=date(2024, 5, 20)))
    assert projected.sync().member(member_id)["paid_through"] == "2024-05"
    ledger.execute(county.b1_officer, CorrectEvent(position=departed, changes={"city": "西安市", "province": "陕西省"},
                                                   reason="写错"))
    ledger.execute(county.b1_officer, VoidEvent(position=departed + 1, reason="重复"))
    row = projected.sync().member(member_id)
    assert (row["province"], row["city"], row["paid_through"]) == ("陕西省", "西安市", None)
    history = projected.views.history(member_id)
    assert [h["topic"].split(".")[-1] for h in history] == ["Registered", "Departed", "DuesPaid", "Corrected",
                                                            "Voided"]
    assert history[1]["corrected_by"] == departed + 2 and history[2]["voided_by"] == departed + 3
    assert history[1]["actor_name"] == "红旗村支书" and history[1]["actor_org_name"] == "长赤镇红旗村党支部"


def test_a_voided_registration_leaves_the_register(ledger: Ledger, county: SmallCounty,
                                                   projected: Projected) -> None:
    member_id = enrol(ledger, county)
    assert projected.sync().register().total == 1
    ledger.execute(county.admin, VoidEvent(position=head(ledger), reason="登记错人"))
    assert projected.sync().register().total == 0
    with pytest.raises(NotFound):
        projected.views.member(member_id)


def test_the_state_as_of_any_date(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id, number = holder(ledger, county)  # registered 2020-02-01, away 2024-03-01, certificate 2025-03-01
    ledger.execute(county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.mb,
                                                     effective_on=date(2024, 4, 1)))
    ledger.execute(county.b1_officer, RecordReturn(member_id=member_id, hand_back_certificate=number,
                                                   effective_on=date(2025, 5, 1)))
    views = projected.sync()
    with pytest.raises(NotFound):
        views.as_of(member_id, date(2020, 1, 31))  # before registration
    assert views.as_of(member_id, date(2020, 2, 1))["status"] == "at_home"  # on the registration date
    between = views.as_of(member_id, date(2024, 3, 20))
    assert (between["status"], between["city"], between["reported_in_org"]) == ("away", "成都市", None)
    reported = views.as_of(member_id, date(2024, 4, 1))
    assert (reported["status"], reported["reported_in_org"], reported["certificates"]) == \
        ("reported_in", str(county.mb), [])
    assert views.as_of(member_id, date(2025, 3, 1))["certificates"] == [number]
    assert views.as_of(member_id, date(2025, 6, 1))["status"] == "returned"
    assert views.as_of(member_id, date(2025, 6, 1))["certificates"] == []


def test_history_includes_the_members_certificate_events(ledger: Ledger, county: SmallCounty,
                                                         projected: Projected) -> None:
    member_id, number = holder(ledger, county)
    kinds = [row["kind"] for row in projected.sync().history(member_id)]
    assert kinds.count("certificate") == 1 and kinds.count("certificate_request") == 3
