"""The small county with what a handover (移交) needs: a department committee
with an officer, a mobile branch in Xi'an under 赤溪镇 with its own inflow
officer, and a member of 长赤镇红旗村 away in Xi'an, reported in to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.commands import AppointOfficer, EstablishOrganisation, RecordContact, RecordDeparture, RecordReportIn
from domain.ledger import Ledger
from tests.support.county import SETUP, SmallCounty, fixed, id_number
from tests.support.members import enrol

__all__ = ["DEPARTED", "Handover", "contact", "prepare"]

DEPARTED = date(2024, 3, 1)


@dataclass(frozen=True)
class Handover:
    county: SmallCounty
    dept: UUID  # 县直机关工委, a department committee
    dept_officer: UUID
    xa: UUID  # 西安市南江流动党员党支部, under 赤溪镇 (t2)
    xa_officer: UUID  # its inflow officer
    member: UUID  # of 长赤镇红旗村 (b1), reported in to xa


def prepare(ledger: Ledger, county: SmallCounty) -> Handover:
    run = ledger.execute
    dept = fixed("中共南江县直属机关工作委员会")
    run(county.admin, EstablishOrganisation(org_id=dept, kind="department_committee", name="中共南江县直属机关工作委员会",
                                            parent_id=county.committee, effective_on=SETUP))
    xa = fixed("西安市南江流动党员党支部")
    run(county.admin, EstablishOrganisation(org_id=xa, kind="mobile_branch", name="西安市南江流动党员党支部",
                                            parent_id=county.t2, province="陕西省", city="西安市",
                                            effective_on=SETUP))
    dept_officer = run(county.admin, AppointOfficer(name="机关工委干事", org_id=dept, role="officer",
                                                    effective_on=SETUP)).subject_id
    xa_officer = run(county.admin, AppointOfficer(name="西安支部书记", org_id=xa, role="inflow_officer",
                                                  effective_on=SETUP)).subject_id
    member = enrol(ledger, county, 41)
    run(county.b1_officer, RecordDeparture(member_id=member, reason="外出务工", province="陕西省", city="西安市",
                                           industry="construction", expected_months=12,
                                           contact_phone="13900004141", effective_on=DEPARTED))
    run(xa_officer, RecordReportIn(org_id=xa, id_number=id_number(date(1985, 3, 4), 41),
                                   effective_on=date(2024, 3, 20)))
    assert dept_officer is not None and xa_officer is not None
    return Handover(county, dept, dept_officer, xa, xa_officer, member)


def contact(member: UUID, on: date = date(2025, 5, 20)) -> RecordContact:
    return RecordContact(member_id=member, method="phone", outcome="reached", effective_on=on)
