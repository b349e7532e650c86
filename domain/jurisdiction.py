"""Who may act for whom: roles, organisation subtrees and inflow report-ins.

- county admin: everything, acting for the organisation the rule names;
- officer: members and organisations inside its unit's subtree (a station or
  point acts for the township it belongs to);
- inflow officer: members who reported in to its organisation;
- auditor: records nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from uuid import UUID

from domain import rules
from domain.member import Member
from domain.officer import Officer
from domain.organisation import Organisation
from domain.vocab import Role

__all__ = ["Jurisdiction", "ADMIN", "OFFICERS", "FIELD_ROLES"]

ADMIN = frozenset({Role.COUNTY_ADMIN})
OFFICERS = frozenset({Role.COUNTY_ADMIN, Role.OFFICER})
FIELD_ROLES = frozenset({Role.COUNTY_ADMIN, Role.OFFICER, Role.INFLOW_OFFICER})


class Jurisdiction:
    def __init__(self, org: Callable[[UUID], Organisation], parents: dict[UUID, UUID | None]):
        self._org = org
        self._parents = parents  # shared cache: an organisation's parent never changes

    def org(self, org_id: UUID) -> Organisation:
        return self._org(org_id)

    def ancestors(self, org_id: UUID) -> list[UUID]:
        """The organisation and all above it, nearest first."""
        chain: list[UUID] = []
        current: UUID | None = org_id
        while current is not None:
            chain.append(current)
            if current not in self._parents:
                self._parents[current] = self._org(current).parent_id
            current = self._parents[current]
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

    def for_member(self, officer: Officer, member: Member, day: date) -> UUID:
        """The acting organisation when `officer` records something for `member` on `day`."""
        assert member.branch_id is not None
        if officer.role != Role.INFLOW_OFFICER:
            return self.for_org(officer, member.branch_id)
        away = member.absence_on(day)
        if away is None or away.reported_in_org != officer.org_id:
            raise rules.INFLOW_SCOPE.refuse(org=self.org(officer.org_id).name)  # type: ignore[arg-type]
        return officer.org_id  # type: ignore[return-value]

    def basic_committee(self, branch_id: UUID) -> Organisation:
        """The 基层党委 (township committee) a branch belongs to."""
        return self.org(self.ancestors(branch_id)[1])  # ALLOWED_PARENTS: branch → township
