"""Branches beyond townships: under a department committee (部门党委) or directly
under the county committee, each with its 基层党委 for jurisdiction and for
certificates (rule tests, on the in-memory store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

import pytest

from domain import rules
from domain.certificate import Certificate
from domain.commands import (
    AllocateBlanks, ApproveRequest, AppointOfficer, EstablishOrganisation, IssueCertificate, RecordDeparture,
    RequestCertificate,
)
from domain.ids import certificate_id
from domain.ledger import Ledger
from tests.support.county import SmallCounty, member_command
from tests.support.helpers import assert_refused

ON = date(2025, 3, 1)


@dataclass(frozen=True)
class Beyond:
    dept: UUID  # 县直机关工委
    talent: UUID  # 人才交流中心党支部, under it
    retired: UUID  # 离退休党员党支部, directly under the county committee
    dept_officers: tuple[UUID, UUID]
    county_officers: tuple[UUID, UUID]  # officers (not admins) of the county committee


@pytest.fixture
def beyond(ledger: Ledger, county: SmallCounty) -> Beyond:
    def org(kind: str, name: str, parent: UUID) -> UUID:
        found = ledger.execute(county.admin, EstablishOrganisation(kind=kind, name=name, parent_id=parent)).subject_id
        assert found is not None
        return found

    def officer(name: str, org_id: UUID) -> UUID:
        found = ledger.execute(county.admin, AppointOfficer(name=name, org_id=org_id, role="officer")).subject_id
        assert found is not None
        return found

    dept = org("department_committee", "中共南江县直属机关工作委员会", county.committee)
    found = Beyond(dept, org("branch", "南江县人才交流中心党支部", dept),
                   org("branch", "南江县离退休党员党支部", county.committee),
                   (officer("工委干事", dept), officer("工委副书记", dept)),
                   (officer("组织科干事", county.committee), officer("组织科科长", county.committee)))
    for holder, first in ((dept, 201), (county.committee, 301)):
        ledger.execute(county.admin, AllocateBlanks(org_id=holder, year=2025, first=first, last=first + 9))
    return found


def away_from(ledger: Ledger, officer: UUID, branch: UUID, seq: int) -> UUID:
    member = ledger.execute(officer, member_command(branch, seq)).subject_id
    assert member is not None
    ledger.execute(officer, RecordDeparture(member_id=member, reason="外出就业", province="四川省", city="成都市",
                                            industry="services", expected_months=24, contact_phone="13900005555",
                                            effective_on=date(2024, 3, 1)))
    return member


def issued(ledger: Ledger, asker: UUID, approver: UUID, member: UUID, serial: int) -> Certificate:
    request = ledger.execute(asker, RequestCertificate(member_id=member, justification="外出就业",
                                                       effective_on=ON)).subject_id
    ledger.execute(approver, ApproveRequest(request_id=request, effective_on=ON))  # type: ignore[arg-type]
    ledger.execute(asker, IssueCertificate(request_id=request, number=f"511922-2025-{serial:05d}",  # type: ignore[arg-type]
                                           effective_on=ON))
    found = ledger.load(Certificate, certificate_id(f"511922-2025-{serial:05d}"))
    assert found is not None
    return found  # type: ignore[no-any-return]


def test_a_department_committee_is_the_basic_committee_of_its_branches(
        ledger: Ledger, county: SmallCounty, beyond: Beyond) -> None:
    member = away_from(ledger, beyond.dept_officers[0], beyond.talent, 51)
    assert_refused(ledger, county.t1_officer, member_command(beyond.talent, 52), rules.JURISDICTION)
    assert_refused(ledger, county.t1_officer, RequestCertificate(member_id=member, justification="就业"),
                   rules.JURISDICTION)
    cert = issued(ledger, *beyond.dept_officers, member, 201)
    assert (cert.org_id, cert.member_id) == (beyond.dept, member)


def test_the_county_committee_is_the_basic_committee_of_a_branch_directly_under_it(
        ledger: Ledger, county: SmallCounty, beyond: Beyond) -> None:
    member = away_from(ledger, beyond.county_officers[0], beyond.retired, 53)
    assert_refused(ledger, beyond.dept_officers[0], RequestCertificate(member_id=member, justification="随子女"),
                   rules.JURISDICTION)
    request = ledger.execute(beyond.county_officers[0], RequestCertificate(
        member_id=member, justification="随子女外出", effective_on=ON)).subject_id
    ledger.execute(beyond.county_officers[1], ApproveRequest(request_id=request, effective_on=ON))  # type: ignore[arg-type]
    assert_refused(ledger, beyond.county_officers[0], IssueCertificate(
        request_id=request, number="511922-2025-00201", effective_on=ON), rules.BLANK_NOT_ALLOCATED,  # type: ignore[arg-type]
        text="活动证编号：编号511922-2025-00201未分配给中共南江县委员会")
    ledger.execute(beyond.county_officers[0], IssueCertificate(request_id=request, number="511922-2025-00301",  # type: ignore[arg-type]
                                                               effective_on=ON))
    assert ledger.load(Certificate, certificate_id("511922-2025-00301")).org_id == county.committee


def test_blanks_go_to_basic_committees_only(ledger: Ledger, county: SmallCounty, beyond: Beyond) -> None:
    allocate = AllocateBlanks(org_id=beyond.talent, year=2025, first=401, last=410)
    assert_refused(ledger, county.admin, allocate, rules.BLANK_TARGET,
                   text="空白证分配：空白活动证只能分配给基层党委（乡镇党委、部门党委（党工委），或直属党支部的县委）")
    assert_refused(ledger, county.admin, AllocateBlanks(org_id=county.centre, year=2025, first=401, last=410),
                   rules.BLANK_TARGET)
