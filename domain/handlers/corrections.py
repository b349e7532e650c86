"""Handlers for corrections (更正) and voids (作废) of earlier events.

Who may correct an event is who may record it: county admins everything;
officers the members, certificates and requests of their subtree, and the
inflow members and enterprises an organisation of their subtree keeps; inflow
officers only what they recorded themselves for members reported in to them.
"""

from __future__ import annotations

from uuid import UUID

from domain import rules
from domain.activity import Activity
from domain.activity_attendance import retitle_attendance, void_attendance
from domain.care import CareRequest
from domain.base import Ctx, LedgerAggregate, LedgerEvent
from domain.certificate import Certificate
from domain.certificate_request import CertificateRequest
from domain.commands import CorrectEvent, VoidEvent
from domain.enterprise import Enterprise
from domain.fields import a_date, check_not_future, check_text
from domain.hotline import HotlineCall
from domain.inflow_member import InflowMember
from domain.member import Member
from domain.unit_of_work import UnitOfWork
from domain.vocab import Role


def _target(uow: UnitOfWork, cmd: CorrectEvent | VoidEvent) -> tuple[LedgerAggregate, LedgerEvent, Ctx]:
    event = uow.ledger.event_at(cmd.position)
    aggregate = uow.get(LedgerAggregate, event.originator_id, rules.EVENT_NOT_FOUND,
                        cmd.expected_version, position=cmd.position)
    officer = uow.actor
    day = uow.day(cmd)
    member = _member_of(uow, aggregate)
    kept = aggregate.org_id if isinstance(aggregate, (InflowMember, Enterprise)) else None
    if isinstance(aggregate, (Activity, CareRequest, HotlineCall)):  # a station's or point's records: its township's
        kept = uow.org(aggregate.org_id).unit_id  # type: ignore[arg-type]
    what = "作废" if isinstance(cmd, VoidEvent) else "更正"
    if officer.role == Role.COUNTY_ADMIN:
        acting = member.branch_id if member else uow.county().committee_id
    elif member is None and kept is not None and officer.role == Role.OFFICER:
        acting = uow.jurisdiction.for_org(officer, kept)  # an inflow member's or an enterprise's keeper
    elif isinstance(aggregate, (Activity, CareRequest)) and officer.role == Role.INFLOW_OFFICER \
            and aggregate.org_id == officer.org_id and event.actor == str(officer.id):
        acting = officer.org_id  # an inflow officer: what it recorded for its own organisation
    elif member is None:
        raise rules.ROLE.refuse(role=officer.role.label, action=f"{what}{event.label}")  # type: ignore[union-attr]
    elif officer.role == Role.INFLOW_OFFICER and event.actor != str(officer.id):
        raise rules.ROLE.refuse(role=officer.role.label, action=f"{what}他人记录")
    else:
        on = event.effective_on if officer.role == Role.INFLOW_OFFICER else day
        acting = uow.jurisdiction.for_member(officer, member, on)
    return aggregate, event, uow.ctx(day, acting)


def _member_of(uow: UnitOfWork, aggregate: LedgerAggregate) -> Member | None:
    if isinstance(aggregate, Member):
        return aggregate
    if isinstance(aggregate, (Certificate, CertificateRequest)) and aggregate.member_id:
        return uow.member(aggregate.member_id)
    return None


def correct(uow: UnitOfWork, cmd: CorrectEvent) -> UUID:
    aggregate, event, ctx = _target(uow, cmd)
    if getattr(event, "activity_id", None) is not None:  # an attendance an activity record derived
        raise rules.ATTENDANCE_FROM_ACTIVITY.refuse(field="position")
    reason = check_text("reason", "更正理由", cmd.reason, 200)
    if "effective_on" in cmd.changes:
        field = "changes.effective_on"
        check_not_future(a_date("发生日期")(cmd.changes["effective_on"], field), uow.today, field)
    aggregate.correct(ctx, cmd.position, event.originator_version, dict(cmd.changes), reason)
    if isinstance(aggregate, Activity) and "topic" in cmd.changes:  # each attendee's record shows the topic
        retitle_attendance(uow, aggregate, cmd.position, ctx, aggregate.topic, reason)
    return aggregate.id


def void(uow: UnitOfWork, cmd: VoidEvent) -> UUID:
    aggregate, event, ctx = _target(uow, cmd)
    reason = check_text("reason", "作废理由", cmd.reason, 200)
    if isinstance(aggregate, Activity):  # the attendance it derived goes with it
        void_attendance(uow, aggregate, cmd.position, ctx, reason)
    aggregate.void(ctx, cmd.position, event.originator_version, reason)
    return aggregate.id
