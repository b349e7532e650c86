"""Handlers for inflow members (流入党员). Who may act for one is who may act for
the organisation that took them in: a county admin always, an officer inside
its subtree, an inflow officer only at its own organisation."""

from __future__ import annotations

from uuid import UUID

from domain import rules
from domain.base import Ctx
from domain.commands import (
    CollectInflowDues, InflowCommand, RecordInflowActivity, RecordInflowContact, RecordInflowLeaving,
    RecordInflowLegacySummary, RegisterInflowMember, SendInflowOpinion,
)
from domain.errors import NotPermitted
from domain.fields import check_id_number
from domain.ids import member_id
from domain.inflow_member import InflowMember, inflow_member_id
from domain.member import Member
from domain.unit_of_work import UnitOfWork
from domain.vocab import Role


def _acting(uow: UnitOfWork, org_id: UUID) -> UUID:
    """The organisation the actor acts for when it records for an inflow member of `org_id`."""
    officer = uow.actor
    if officer.role == Role.INFLOW_OFFICER and officer.org_id == org_id:
        return org_id
    return uow.jurisdiction.for_org(officer, org_id)


def _subject(uow: UnitOfWork, cmd: InflowCommand) -> tuple[InflowMember, Ctx]:
    """The inflow member a command names (by id, or by exact ID number) and its context.
    Looked up by ID number alone, every failure is the same `inflow.not_found`: the
    answers tell nothing about who is an inflow member outside the actor's reach."""
    key = uow.ledger.identity_key
    by_number = inflow_member_id(check_id_number(cmd.id_number), key) if cmd.id_number else None
    if cmd.inflow_member_id is None and by_number is None:
        raise rules.REQUIRED.refuse(field="inflow_member_id", label="流入党员")
    if cmd.inflow_member_id is not None and by_number not in (None, cmd.inflow_member_id):
        raise rules.INFLOW_NOT_FOUND.refuse(field="id_number")
    field = "inflow_member_id" if cmd.inflow_member_id else "id_number"
    member = uow.get(InflowMember, cmd.inflow_member_id or by_number, rules.INFLOW_NOT_FOUND,  # type: ignore[arg-type]
                     cmd.expected_version, field=field)
    try:
        acting = _acting(uow, member.org_id)  # type: ignore[arg-type]
    except NotPermitted:
        if cmd.inflow_member_id is None:
            raise rules.INFLOW_NOT_FOUND.refuse(field="id_number") from None
        raise
    return member, uow.ctx(uow.day(cmd), acting)


def register(uow: UnitOfWork, cmd: RegisterInflowMember) -> UUID:
    org = uow.org(cmd.org_id)
    ctx = uow.ctx(uow.day(cmd), _acting(uow, org.id))
    key = uow.ledger.identity_key
    member = InflowMember.register(
        ctx, key, name=cmd.name, gender=cmd.gender, birth_date=cmd.birth_date, id_number=cmd.id_number,
        phone=cmd.phone, standing=cmd.standing, home_county=cmd.home_county, home_org=cmd.home_org,
        workplace=cmd.workplace, org=org, home_org_code=cmd.home_org_code,
        home_certificate_number=cmd.home_certificate_number, employer=cmd.employer)
    if uow.find(InflowMember, member.id) is not None or member.id in uow.ledger.repository:
        raise rules.INFLOW_REGISTERED.refuse(field="id_number")
    own = uow.find(Member, member_id(member.id_number, key))
    if own is not None and not own.ended:
        raise rules.INFLOW_OWN_MEMBER.refuse(field="id_number")
    uow.add(member)
    return member.id


def contact(uow: UnitOfWork, cmd: RecordInflowContact) -> UUID:
    member, ctx = _subject(uow, cmd)
    member.record_contact(ctx, cmd.method, cmd.outcome, cmd.initiated_by, cmd.lost_reason, cmd.note)
    return member.id


def activity(uow: UnitOfWork, cmd: RecordInflowActivity) -> UUID:
    member, ctx = _subject(uow, cmd)
    member.attend(ctx, cmd.kind, cmd.title)
    return member.id


def dues(uow: UnitOfWork, cmd: CollectInflowDues) -> UUID:
    member, ctx = _subject(uow, cmd)
    member.collect_dues(ctx, list(cmd.months), cmd.amount_fen)
    return member.id


def opinion(uow: UnitOfWork, cmd: SendInflowOpinion) -> UUID:
    member, ctx = _subject(uow, cmd)
    member.send_opinion(ctx, cmd.year, cmd.opinion, cmd.grade)
    return member.id


def leave(uow: UnitOfWork, cmd: RecordInflowLeaving) -> UUID:
    member, ctx = _subject(uow, cmd)
    member.leave(ctx, cmd.reason, cmd.destination)
    return member.id


def legacy_summary(uow: UnitOfWork, cmd: RecordInflowLegacySummary) -> UUID:
    member, ctx = _subject(uow, cmd)
    member.record_legacy_summary(ctx, paid_through=cmd.paid_through, last_contact_on=cmd.last_contact_on,
                                 last_activity_on=cmd.last_activity_on, opinion_year=cmd.opinion_year,
                                 opinion_grade=cmd.opinion_grade, note=cmd.note)
    return member.id
