"""A member's command methods for their liaison (落实专人负责) and for stopping,
removing and restoring membership (停止党籍、按自行脱党除名、恢复党籍, 条例2019).
A base of `domain.member.Member`; the transition rules that hold for any
history are in `domain.membership_state`.

What depends on policy or on other aggregates is checked here: how long the
member has been lost, how long stopped, the lost-contact records a proposal
cites, who may be a liaison. Who may decide (the level policy names) is the
handler's (`domain.handlers.membership`).
"""

from __future__ import annotations

from domain import rules
from domain.base import Ctx, LedgerEvent
from domain.fields import add_months, check_text, months_between
from domain.member_events import ContactRecorded
from domain.membership_events import (
    LiaisonAssigned, MembershipStopDecided, MembershipStopProposed, RemovalDecided, RemovalProposed,
    RestorationDecided, RestorationRequested, RestorationResolved,
)
from domain.membership_state import MembershipState
from domain.officer import Officer
from domain.organisation import Organisation
from domain.policy import Policy
from domain.vocab import ContactOutcome, OrgKind, Role

__all__ = ["LIAISON_PLACES", "MembershipCommands"]

LIAISON_PLACES = (OrgKind.STATION, OrgKind.POINT)
LIAISON_ROLES = (Role.COUNTY_ADMIN, Role.OFFICER, Role.INFLOW_OFFICER)


class MembershipCommands(MembershipState):
    """Command methods of `domain.member.Member` (`LedgerAggregate` supplies `_record`, `_facts`, `id`)."""

    def assign_liaison(self, ctx: Ctx, *, officer: Officer | None = None, name: str | None = None,
                       org: Organisation | None = None) -> None:
        """An officer, or a named person at a station or point (服务站、服务点)."""
        if officer is not None:
            if not officer.active or officer.role not in LIAISON_ROLES or officer.org_id is None:
                raise rules.LIAISON_OFFICER.refuse(field="officer_id")
            name, org_id = officer.name, officer.org_id
        else:
            name = check_text("name", "联系人姓名", name, 30)
            if org is None or org.kind not in LIAISON_PLACES:
                raise rules.LIAISON_PLACE.refuse(field="org_id")
            org.check_open()
            org_id = org.id
        current = self.liaison
        officer_id = officer.id if officer is not None else None
        if current is not None and (current.name, current.org_id, current.officer_id) == (name, org_id, officer_id):
            raise rules.LIAISON_SAME.refuse(field="officer_id" if officer else "name", name=name)
        self._record(LiaisonAssigned, ctx, officer_id=officer_id, name=name, org_id=org_id)

    def propose_stop(self, ctx: Ctx, policy: Policy, cited: dict[int, LedgerEvent], note: str) -> None:
        """停止党籍 proposed by the branch, citing (by log position) lost-contact records of
        this time away, once the member has been lost `lost_contact_months`."""
        if not cited:
            raise rules.REQUIRED.refuse(field="lost_contacts", label="所引用的失联记录")
        away = self.absence
        for position, event in sorted(cited.items()):
            fact = self._facts.get(event.originator_version) if event.originator_id == self.id else None
            if not (isinstance(fact, ContactRecorded) and fact.outcome == ContactOutcome.LOST and away is not None
                    and fact.effective_on >= away.departed_on and fact.effective_on <= ctx.effective_on):
                raise rules.CITES_LOST.refuse(field="lost_contacts", position=position)
        since = self.lost_since()
        if since is None:
            raise rules.NOT_LOST.refuse()
        months = policy.lost_contact_months
        if months_between(since, ctx.effective_on) < months:
            raise rules.LOST_TOO_SHORT.refuse(field="effective_on", months=months, since=since,
                                              due=add_months(since, months))
        self._record(MembershipStopProposed, ctx, lost_contacts=sorted(cited),
                     note=check_text("note", "提请理由", note, 500, False))

    def decide_stop(self, ctx: Ctx, approved: bool, note: str) -> None:
        self._record(MembershipStopDecided, ctx, approved=_yes_no(approved),
                     note=check_text("note", "审批意见", note, 500, False))

    def propose_removal(self, ctx: Ctx, policy: Policy, note: str) -> None:
        """按自行脱党除名, once membership has been stopped `removal_after_months`."""
        stopped = self.stopped_on
        months = policy.removal_after_months
        if stopped is not None and months_between(stopped, ctx.effective_on) < months:
            raise rules.REMOVAL_TOO_SOON.refuse(field="effective_on", date=stopped, months=months,
                                                due=add_months(stopped, months))
        self._record(RemovalProposed, ctx, note=check_text("note", "提请理由", note, 500, False))

    def decide_removal(self, ctx: Ctx, approved: bool, note: str) -> None:
        self._record(RemovalDecided, ctx, approved=_yes_no(approved),
                     note=check_text("note", "审批意见", note, 500, False))

    def request_restoration(self, ctx: Ctx, statement: str) -> None:
        self._record(RestorationRequested, ctx,
                     statement=check_text("statement", "本人申请", statement, 500))

    def resolve_restoration(self, ctx: Ctx, restore: bool, note: str) -> None:
        self._record(RestorationResolved, ctx, restore=_yes_no(restore, "restore", "支部大会决定"),
                     note=check_text("note", "支部大会意见", note, 500, False))

    def decide_restoration(self, ctx: Ctx, approved: bool, note: str) -> None:
        self._record(RestorationDecided, ctx, approved=_yes_no(approved),
                     note=check_text("note", "审批意见", note, 500, False))


def _yes_no(value: object, field: str = "approved", label: str = "审批结论") -> bool:
    if not isinstance(value, bool):
        raise rules.CHOICE.refuse(field=field, label=label, choices="true（同意）、false（不同意）")
    return value
