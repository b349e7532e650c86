"""The demo county's organisations, officers and blank certificates: the
commands that set them up, with ids derived from names (deterministic).

Beyond its townships the county has branches by category of member: three
under the county organs' working committee (县直机关工委, a department
committee) and one directly under the county committee, each 基层党委 with its
officers and blanks; and the 背哥协会 branch of the county town, a mobile branch
later handed over to the town's committee (`demo.handover`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid5

from demo.names import DESTINATIONS, TOWNSHIPS, VILLAGES
from domain.commands import AllocateBlanks, AppointOfficer, Command, EstablishOrganisation

__all__ = ["COUNTY_TOWN_BRANCH", "Directory", "NS", "SPECIAL_BRANCHES", "demo_id", "plan_directory"]

NS = UUID("2f6f2f9e-3c55-4c1b-9a76-6a0c1b5b1e10")


def demo_id(name: str) -> UUID:
    return uuid5(NS, name)


# Branches beyond townships, by the category of member they take in: (name, under the county committee?)
SPECIAL_BRANCHES = {
    "graduate": ("南江县人才交流中心党支部", False),  # graduates whose relations the talent centre hosts
    "laid_off": ("南江县下岗职工党支部", False),
    "retired": ("南江县离退休党员党支部", False),
    "entrepreneur": ("南江县个体工商户党支部", True),
}
DEPARTMENT = "中共南江县直属机关工作委员会"
# A mobile branch in the county town for rural members working there (a destination in the county).
COUNTY_TOWN_BRANCH = ("四川省", "巴中市", 3, "南江县城背哥协会党支部")


@dataclass
class Township:
    """A 基层党委: a township committee, or the department committee or the county
    committee for the branches beyond townships."""

    id: UUID
    name: str
    officers: tuple[UUID, UUID]  # who requests, who approves
    branches: list[tuple[UUID, UUID]] = field(default_factory=list)  # (branch, its secretary)
    blanks: dict[int, list[int]] = field(default_factory=dict)  # year -> serials not yet used


@dataclass
class Directory:
    committee: UUID
    admin: UUID
    auditor: UUID
    townships: list[Township]
    destinations: list[tuple[str, str, int, UUID, UUID]]  # province, city, share, inflow org, its officer
    commands: list[tuple[UUID, Command]]
    by_category: dict[str, tuple[Township, UUID, UUID]] = field(default_factory=dict)  # 基层党委, branch, secretary


def plan_directory(committee: UUID, admin: UUID, start: date, end: date, blanks_per_year: int) -> Directory:
    """Every organisation, officer and blank of the demo county, as commands."""
    commands: list[tuple[UUID, Command]] = []

    def org(name: str, kind: str, parent: UUID | None, **extra: object) -> UUID:
        org_id = demo_id(name)
        commands.append((admin, EstablishOrganisation(org_id=org_id, kind=kind, name=name, parent_id=parent,
                                                      effective_on=start, **extra)))  # type: ignore[arg-type]
        return org_id

    def officer(name: str, org_id: UUID, role: str = "officer") -> UUID:
        officer_id = demo_id(f"officer:{name}")
        commands.append((admin, AppointOfficer(officer_id=officer_id, name=name, org_id=org_id, role=role,
                                               effective_on=start)))
        return officer_id

    def blanks(holder: Township, number: int) -> None:
        for year in range(start.year, end.year + 1):
            first = number * blanks_per_year + 1
            commands.append((admin, AllocateBlanks(org_id=holder.id, year=year, first=first,
                                                   last=first + blanks_per_year - 1, effective_on=start)))
            holder.blanks[year] = list(range(first, first + blanks_per_year))

    auditor = officer("县纪委巡察组陈明", committee, "auditor")
    centre = org("南江县流动党员服务中心", "service_centre", committee)
    townships = []
    for number, town in enumerate(TOWNSHIPS):
        township_id = org(f"中共南江县{town}委员会", "township_committee", committee)
        township = Township(township_id, town, (officer(f"{town}组织委员", township_id),
                                                officer(f"{town}党委副书记", township_id)))
        station = org(f"{town}流动党员服务站", "station", centre, acts_for_id=township_id)
        officer(f"{town}服务站站长", station)
        org(f"{town}{VILLAGES[number % len(VILLAGES)]}村流动党员服务点", "point", station)
        for village in VILLAGES[:10]:
            branch = org(f"{town}{village}村党支部", "branch", township_id)
            township.branches.append((branch, officer(f"{town}{village}村支部书记", branch)))
        blanks(township, number)
        townships.append(township)

    department_id = org(DEPARTMENT, "department_committee", committee)
    department = Township(department_id, "县直机关工委", (officer("县直机关工委组织委员", department_id),
                                                         officer("县直机关工委副书记", department_id)))
    county = Township(committee, "县委", (officer("县委组织部组织科干事", committee),
                                         officer("县委组织部组织科科长", committee)))
    by_category = {}
    for category, (name, direct) in SPECIAL_BRANCHES.items():
        holder = county if direct else department
        branch = org(name, "branch", holder.id)
        by_category[category] = (holder, branch, officer(f"{name.removeprefix('南江县')}书记", branch))
    for number, holder in enumerate((department, county), start=len(townships)):
        blanks(holder, number)
    destinations = []
    for province, city, share, has_branch in DESTINATIONS:
        if has_branch:
            place = org(f"{city.removesuffix('市')}南江流动党员党支部", "mobile_branch", committee,
                        province=province, city=city)
        else:
            place = org(f"{city}某街道党工委", "inflow_org", None, province=province, city=city)
        destinations.append((province, city, share, place, officer(f"{city}联络员", place, "inflow_officer")))
    province, city, share, name = COUNTY_TOWN_BRANCH
    place = org(name, "mobile_branch", committee, province=province, city=city)
    destinations.append((province, city, share, place, officer("背哥协会党支部书记", place, "inflow_officer")))
    return Directory(committee, admin, auditor, townships, destinations, commands, by_category)
