"""Handlers for a member's liaison (落实专人负责) and for stopping, removing and
restoring membership (停止党籍、按自行脱党除名、恢复党籍).

The branch's side (a proposal, a request, the branch meeting's decision) is
recorded by an officer with the member in its subtree. A decision is taken at
the level policy names (`membership_stop_approval`: 1, the organisation above
the member's branch; 2, the one above that), or above it: by an officer of a
party organisation there (not of the service network), or by the county admin.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerEvent
from domain.commands import (
    AssignLiaison, DecideMembershipStop, DecideRemoval, DecideRestoration, ProposeMembershipStop, ProposeRemoval,
    RecordRestorationRequest, ResolveRestoration,
)
from domain.errors import NotFound
from domain.fields import check_range
from domain.handlers.members import _hand_back_with
from domain.member import Member
from domain.officer import Officer
from domain.policy import Policy
from domain.unit_of_work import UnitOfWork
from domain.vocab import HandBackReason, Role

MAX_CITED = 20  # lost-contact records one proposal may cite
MAX_POSITION = 2**63 - 1  # a log position is a 64-bit integer in both stores


def _policy(uow: UnitOfWork, day: date) -> Policy:
    return uow.county().policy_on(day)


def approving_org(uow: UnitOfWork, member: Member, policy: Policy) -> UUID:
    """The organisation `membership_stop_approval` levels above the member's branch
    (the county committee when the tree is not that deep)."""
    assert member.branch_id is not None
    chain = uow.jurisdiction.ancestors(member.branch_id)
    return chain[min(policy.membership_stop_approval, len(chain) - 1)]


def _deciding(uow: UnitOfWork, cmd: DecideMembershipStop | DecideRemoval | DecideRestoration) -> tuple[Member, Ctx]:
    """The member, and the context of a decision by the actor, at the level policy names or above."""
    member = uow.member(cmd.member_id, cmd.expected_version)
    day = uow.day(cmd)
    level = approving_org(uow, member, _policy(uow, day))
    officer = uow.actor
    if officer.role == Role.COUNTY_ADMIN:
        return member, uow.ctx(day, level)
    assert officer.org_id is not None
    own = uow.org(officer.org_id)
    if own.acts_for_id is not None or own.id not in uow.jurisdiction.ancestors(level):  # the service network acts for none
        raise rules.APPROVAL_LEVEL.refuse(org=uow.org(level).name)
    return member, uow.ctx(day, own.id)


def assign_liaison(uow: UnitOfWork, cmd: AssignLiaison) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    if cmd.officer_id is not None:
        officer = uow.find(Officer, cmd.officer_id)
        if officer is None:
            raise rules.OFFICER_NOT_FOUND.refuse(field="officer_id", officer=cmd.officer_id)
        member.assign_liaison(ctx, officer=officer)
    else:
        member.assign_liaison(ctx, name=cmd.name, org=uow.org(cmd.org_id) if cmd.org_id else None)
    return member.id


def propose_stop(uow: UnitOfWork, cmd: ProposeMembershipStop) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    cited: dict[int, LedgerEvent] = {}
    check_range("lost_contacts", "所引用的失联记录条数", len(cmd.lost_contacts or ()), 0, MAX_CITED)
    for position in cmd.lost_contacts or ():
        if isinstance(position, bool) or not isinstance(position, int) or not 1 <= position <= MAX_POSITION:
            raise rules.CITES_LOST.refuse(field="lost_contacts", position=position)
        try:
            cited[position] = uow.ledger.event_at(position)
        except NotFound:
            raise rules.CITES_LOST.refuse(field="lost_contacts", position=position) from None
    member.propose_stop(ctx, _policy(uow, ctx.effective_on), cited, cmd.note)
    return member.id


def decide_stop(uow: UnitOfWork, cmd: DecideMembershipStop) -> UUID:
    member, ctx = _deciding(uow, cmd)
    if cmd.approved is True:
        _hand_back_with(uow, ctx, member, cmd.hand_back_certificate, HandBackReason.ENDED)
    member.decide_stop(ctx, cmd.approved, cmd.note)
    return member.id


def propose_removal(uow: UnitOfWork, cmd: ProposeRemoval) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.propose_removal(ctx, _policy(uow, ctx.effective_on), cmd.note)
    return member.id


def decide_removal(uow: UnitOfWork, cmd: DecideRemoval) -> UUID:
    member, ctx = _deciding(uow, cmd)
    member.decide_removal(ctx, cmd.approved, cmd.note)
    return member.id


def request_restoration(uow: UnitOfWork, cmd: RecordRestorationRequest) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.request_restoration(ctx, cmd.statement)
    return member.id


def resolve_restoration(uow: UnitOfWork, cmd: ResolveRestoration) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.resolve_restoration(ctx, cmd.restore, cmd.note)
    return member.id


def decide_restoration(uow: UnitOfWork, cmd: DecideRestoration) -> UUID:
    member, ctx = _deciding(uow, cmd)
    member.decide_restoration(ctx, cmd.approved, cmd.note)
    return member.id
