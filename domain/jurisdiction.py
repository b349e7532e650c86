"""Who may act for whom: roles, organisation subtrees and inflow report-ins.

- county admin: everything, acting for the organisation the rule names;
- officer: members and organisations inside its unit's subtree (a station or
  point acts for the township it belongs to); a member away also through the
  subtree holding the organisation the member reported in to, so that a mobile
  branch handed over (移交) brings its members under the receiving organisation;
- inflow officer: members who reported in to its organisation or to one below it;
- auditor: records nothing.

Nobody records anything more for a member who left the county with a mobile
branch handed over outside it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from uuid import UUID

from domain import rules
from domain.member import Member
from domain.officer import Officer
from domain.organisation import Organisation
from domain.vocab import OrgKind, Role

__all__ = ["Jurisdiction", "ADMIN", "OFFICERS", "FIELD_ROLES"]

ADMIN = frozenset({Role.COUNTY_ADMIN})
OFFICERS = frozenset({Role.COUNTY_ADMIN, Role.OFFICER})
FIELD_ROLES = frozenset({Role.COUNTY_ADMIN, Role.OFFICER, Role.INFLOW_OFFICER})
_UNKNOWN = object()


class Jurisdiction:
    def __init__(self, org: Callable[[UUID], Organisation], parents: dict[UUID, UUID | None]):
        self._org = org
        # Shared by every unit of work of a ledger: only parents that never change. A mobile
        # branch's moves when it is handed over, maybe by another process: it is read each time.
        self._parents = parents

    def org(self, org_id: UUID) -> Organisation:
        return self._org(org_id)

    def ancestors(self, org_id: UUID) -> list[UUID]:
        """The organisation and all above it, nearest first."""
        chain: list[UUID] = []
        current: UUID | None = org_id
        while current is not None:
            chain.append(current)
            parent = self._parents.get(current, _UNKNOWN)
            if parent is _UNKNOWN:
                org = self._org(current)
                parent = org.parent_id
                if org.kind != OrgKind.MOBILE_BRANCH:
                    self._parents[current] = parent
            current = parent  # type: ignore[assignment]
        return chain

    @staticmethod
    def check_role(officer: Officer, roles: Collection[Role], action: str) -> None:
        if officer.role == Role.AUDITOR:
            raise rules.READ_ONLY.refuse()
        if officer.role not in roles:
            assert officer.role is not None
            raise rules.ROLE.refuse(role=officer.role.label, action=action)

    def unit_of(self, officer: Officer) -> UUID:
        """The organisation the officer acts for."""
        assert officer.org_id is not None
        return self.org(officer.org_id).unit_id

    def for_org(self, officer: Officer, org_id: UUID) -> UUID:
        """The acting organisation when `officer` acts on `org_id`'s subtree."""
        if officer.role == Role.COUNTY_ADMIN:
            return org_id
        unit = self.unit_of(officer)
        if officer.role == Role.OFFICER and unit in self.ancestors(org_id):
            return unit
        raise rules.JURISDICTION.refuse(org=self.org(unit).name)  # never names what lies outside

    def for_member(self, officer: Officer, member: Member, day: date, field: bool = False) -> UUID:
        """The acting organisation when `officer` records something for `member` on `day`;
        `field`: a command an inflow-area organisation may record too (contact, dues...)."""
        self.check_in_county(member)
        return self.reach(officer, member, day, field)

    def reach(self, officer: Officer, member: Member, day: date, field: bool = True) -> UUID:
        """The organisation through which `officer` reaches `member` on `day`: the home
        branch's subtree, or, for what an inflow-area organisation records (`field`), the
        subtree holding the organisation the member reported in to. Decisions (probation,
        stops, transfers, personal data) stay with the home branch's subtree."""
        assert member.branch_id is not None
        if officer.role == Role.COUNTY_ADMIN:
            return member.branch_id
        away = member.absence_on(day)
        reported = away.reported_in_org if away is not None else None
        if officer.role == Role.INFLOW_OFFICER:
            own = officer.org_id
            assert own is not None
            if reported is None or own not in self.ancestors(reported):
                raise rules.INFLOW_SCOPE.refuse(org=self.org(own).name)
            return own
        if field and reported is not None and officer.role == Role.OFFICER:
            unit = self.unit_of(officer)
            if unit not in self.ancestors(member.branch_id) and unit in self.ancestors(reported):
                return unit
        return self.for_org(officer, member.branch_id)

    def handed_out_with(self, member: Member) -> Organisation | None:
        """The mobile branch, handed over outside the county, with which the member left
        (the member was reported in to it, and had not returned)."""
        away = member.absence
        if away is None or away.reported_in_org is None or member.ended:
            return None
        org = self.org(away.reported_in_org)
        return org if org.handed_out else None

    def check_in_county(self, member: Member) -> None:
        branch = self.handed_out_with(member)
        if branch is not None:
            assert branch.handed_to is not None
            raise rules.MEMBER_HANDED_OVER.refuse(date=branch.handed_on, org=self.org(branch.handed_to).name)

    def basic_committee(self, branch_id: UUID) -> Organisation:
        """The 基层党委 a branch belongs to: its parent, a township committee, a
        department committee, or the county committee for a branch directly under it."""
        return self.org(self.ancestors(branch_id)[1])  # ALLOWED_PARENTS: a branch's parent is one of these
