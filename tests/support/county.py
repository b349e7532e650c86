"""A small county for tests: two townships, three branches, the service
network, a mobile-member branch in Chengdu, an inflow organisation in
Shanghai, an officer for each place and blank certificates for 2025.
Ids are fixed, so the same county is the same log on every store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid5

from domain.commands import AllocateBlanks, AppointOfficer, EstablishOrganisation, RegisterMember
from domain.county import County
from domain.fields import id_check_digit
from domain.ids import county_id
from domain.ledger import Ledger

__all__ = ["SmallCounty", "build_small_county", "id_number", "member_command"]

NS = UUID("0f6c2f37-63f4-4f8e-9d0b-5f1e7f1d3a01")
SETUP = date(2020, 1, 2)


def fixed(name: str) -> UUID:
    return uuid5(NS, name)


def id_number(birth: date, seq: int, region: str = "511922") -> str:
    first17 = f"{region}{birth:%Y%m%d}{seq % 1000:03d}"
    return first17 + id_check_digit(first17)


@dataclass(frozen=True)
class SmallCounty:
    committee: UUID
    admin: UUID
    t1: UUID
    t2: UUID
    b1: UUID
    b1b: UUID
    b2: UUID
    centre: UUID
    s1: UUID
    p1: UUID
    mb: UUID
    io: UUID
    auditor: UUID
    t1_officer: UUID
    t1_approver: UUID
    b1_officer: UUID
    t2_officer: UUID
    s1_officer: UUID
    mb_officer: UUID
    io_officer: UUID


def build_small_county(ledger: Ledger, code: str = "511922", name: str = "南江县") -> SmallCounty:
    admin = ledger.initialise(code, name, "王明", effective_on=date(2020, 1, 1)).subject_id
    assert admin is not None
    committee = ledger.load(County, county_id()).committee_id
    batch = ledger.batch(isolated=False)  # one transaction: every test starts from this county

    def org(name: str, kind: str, parent: UUID | None, **extra: object) -> UUID:
        batch.run(admin, EstablishOrganisation(org_id=fixed(name), kind=kind, name=name, parent_id=parent,
                                               effective_on=SETUP, **extra))  # type: ignore[arg-type]
        return fixed(name)

    def officer(name: str, org_id: UUID, role: str = "officer") -> UUID:
        batch.run(admin, AppointOfficer(officer_id=fixed(name), name=name, org_id=org_id, role=role,
                                        effective_on=SETUP))
        return fixed(name)

    t1 = org("中共长赤镇委员会", "township_committee", committee)
    t2 = org("中共赤溪镇委员会", "township_committee", committee)
    b1 = org("长赤镇红旗村党支部", "branch", t1)
    b1b = org("长赤镇光明村党支部", "branch", t1)
    b2 = org("赤溪镇新民村党支部", "branch", t2)
    centre = org("南江县流动党员服务中心", "service_centre", committee)
    s1 = org("长赤镇流动党员服务站", "station", centre, acts_for_id=t1)
    p1 = org("红旗村流动党员服务点", "point", s1)
    mb = org("成都市南江流动党员党支部", "mobile_branch", committee, province="四川省", city="成都市")
    io = org("上海市松江区某街道党工委", "inflow_org", None, province="上海市", city="上海市")
    county = SmallCounty(
        committee=committee, admin=admin, t1=t1, t2=t2, b1=b1, b1b=b1b, b2=b2, centre=centre,
        s1=s1, p1=p1, mb=mb, io=io,
        auditor=officer("纪检员", committee, "auditor"),
        t1_officer=officer("长赤镇干事", t1), t1_approver=officer("长赤镇副书记", t1),
        b1_officer=officer("红旗村支书", b1), t2_officer=officer("赤溪镇干事", t2),
        s1_officer=officer("服务站站长", s1),
        mb_officer=officer("成都支部书记", mb, "inflow_officer"),
        io_officer=officer("上海街道干事", io, "inflow_officer"),
    )
    batch.run(admin, AllocateBlanks(org_id=t1, year=2025, first=1, last=50, effective_on=SETUP))
    batch.run(admin, AllocateBlanks(org_id=t2, year=2025, first=51, last=100, effective_on=SETUP))
    batch.save()
    return county


def member_command(branch: UUID, seq: int, *, standing: str = "full",
                   birth: date = date(1985, 3, 4), joined: date = date(2010, 7, 1),
                   registered: date = date(2020, 2, 1), name: str = "") -> RegisterMember:
    return RegisterMember(
        name=name or f"党员{seq}", gender="male" if seq % 2 else "female", birth_date=birth,
        ethnicity="汉族", id_number=id_number(birth, seq), phone=f"138{seq:08d}",
        joined_on=joined, standing=standing, category="rural", branch_id=branch,
        effective_on=registered)
