"""Officer: a person appointed to an organisation with a role. Officers are
the actors of every event after `liudong init`.
"""

from __future__ import annotations

from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.fields import a_date, check_text, text
from domain.organisation import Organisation
from domain.vocab import OrgKind as K
from domain.vocab import Role

__all__ = ["Officer", "Appointed", "Revoked", "ROLE_ORG_KINDS"]

ROLE_ORG_KINDS: dict[Role, tuple[K, ...]] = {
    Role.COUNTY_ADMIN: (K.COUNTY_COMMITTEE,),
    Role.AUDITOR: (K.COUNTY_COMMITTEE,),
    Role.OFFICER: (K.COUNTY_COMMITTEE, K.TOWNSHIP_COMMITTEE, K.DEPARTMENT_COMMITTEE, K.BRANCH,
                   K.SERVICE_CENTRE, K.STATION, K.POINT),
    Role.INFLOW_OFFICER: (K.MOBILE_BRANCH, K.INFLOW_ORG),
}


class Appointed(LedgerCreated):
    """任职"""

    TOPIC = "liudong.officer.Appointed"
    class_version = 1
    label = "任职"
    correctable = {"name": text("姓名", 30)}
    name: str
    org_id: UUID
    role: str


class Revoked(LedgerEvent):
    """撤销任职"""

    TOPIC = "liudong.officer.Revoked"
    class_version = 1
    label = "撤销任职"
    correctable = {"effective_on": a_date("撤销日期")}
    reason: str


class Officer(LedgerAggregate):
    TOPIC = "liudong.officer"

    def __init__(self) -> None:
        self.name = ""
        self.org_id: UUID | None = None
        self.role: Role | None = None
        self.active = False

    @classmethod
    def appoint(cls, ctx: Ctx, id: UUID, name: str, role: Role, org: Organisation) -> Officer:
        name = check_text("name", "姓名", name, 30)
        kinds = ROLE_ORG_KINDS[role]
        if org.kind not in kinds:
            raise rules.OFFICER_ROLE_ORG.refuse(
                field="org_id", role=role.label, kinds="、".join(k.label for k in kinds))
        org.check_open()
        return cls._start(Appointed, ctx, id, name=name, org_id=org.id, role=str(role))

    def revoke(self, ctx: Ctx, reason: str) -> None:
        if not self.active:
            raise rules.OFFICER_REVOKED.refuse()
        if ctx.actor == str(self.id):
            raise rules.OFFICER_SELF_REVOKE.refuse()
        self._record(Revoked, ctx, reason=check_text("reason", "撤销原因", reason, 200))

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _appointed(self, e: Appointed) -> None:
        self.name, self.org_id, self.role, self.active = e.name, e.org_id, Role(e.role), True

    @when.register
    def _revoked(self, e: Revoked) -> None:
        self.active = False
