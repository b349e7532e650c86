"""Handlers of the care area (帮扶服务、服务热线). Who may record at an organisation:
the county admin; an officer whose subtree holds the organisation's unit (a station
or point acts for its township; the service centre for the county); an inflow
officer only at its own organisation. The person asking must be in the actor's
reach too: an officer's members (home subtree, or reported in to its subtree), an
inflow officer's members reported in to it, the inflow members it took in.
"""

from __future__ import annotations

from uuid import UUID, uuid4

from domain import rules
from domain.base import Ctx
from domain.care import CareRequest, check_handler
from domain.commands.care import CareCommand, CloseCareRequest, LogHotlineCall, RecordCareService, RequestCare
from domain.errors import NotPermitted, RuleBroken
from domain.fields import check_id_number
from domain.hotline import HotlineCall
from domain.ids import member_id
from domain.inflow_member import InflowMember, inflow_member_id
from domain.member import Member
from domain.officer import Officer
from domain.organisation import Organisation
from domain.unit_of_work import UnitOfWork
from domain.vocab import Role

Person = tuple[UUID | None, UUID | None]  # (member id, inflow member id)


def request(uow: UnitOfWork, cmd: RequestCare) -> UUID:
    org = uow.org(cmd.org_id)
    ctx = uow.ctx(uow.day(cmd), _acting(uow, org))
    person = _person(uow, cmd, ctx, rules.CARE_PERSON)
    if person == (None, None):
        raise rules.CARE_PERSON.refuse(field="member_id")
    care = CareRequest.take(ctx, _new_id(uow, cmd.care_request_id, "care_request_id"), cmd.kind, org, person,
                            cmd.summary, _handler(uow, cmd))
    uow.add(care)
    return care.id


def service(uow: UnitOfWork, cmd: RecordCareService) -> UUID:
    care, ctx = _care(uow, cmd)
    care.record_service(ctx, cmd.content)
    return care.id


def close(uow: UnitOfWork, cmd: CloseCareRequest) -> UUID:
    care, ctx = _care(uow, cmd)
    care.close(ctx, cmd.outcome, cmd.note)
    return care.id


def hotline(uow: UnitOfWork, cmd: LogHotlineCall) -> UUID:
    org = uow.org(cmd.org_id)
    ctx = uow.ctx(uow.day(cmd), _acting(uow, org))
    call = HotlineCall.log(ctx, _new_id(uow, cmd.call_id, "call_id"), org, cmd.kind, cmd.topic, cmd.outcome,
                           _person(uow, cmd, ctx, rules.HOTLINE_PERSON), _handler(uow, cmd))
    uow.add(call)
    return call.id


def _care(uow: UnitOfWork, cmd: CareCommand) -> tuple[CareRequest, Ctx]:
    care = uow.get(CareRequest, cmd.care_request_id, rules.CARE_NOT_FOUND, cmd.expected_version,
                   field="care_request_id")
    assert care.org_id is not None
    return care, uow.ctx(uow.day(cmd), _acting(uow, uow.org(care.org_id)))


def _acting(uow: UnitOfWork, org: Organisation) -> UUID:
    """The organisation the actor acts for when recording at `org`."""
    officer = uow.actor
    if officer.role == Role.INFLOW_OFFICER:
        assert officer.org_id is not None
        if officer.org_id not in uow.jurisdiction.ancestors(org.id):
            raise rules.JURISDICTION.refuse(org=uow.org(officer.org_id).name)
        return officer.org_id
    return uow.jurisdiction.for_org(officer, org.unit_id)


def _new_id(uow: UnitOfWork, given: UUID | None, field: str) -> UUID:
    """A new id; a given one must be unused, by a voided record too (its events keep the id)."""
    if given is not None and uow.taken(given):
        raise rules.CARE_ID_USED.refuse(field=field)
    return given or uuid4()


def _handler(uow: UnitOfWork, cmd: RequestCare | LogHotlineCall) -> tuple[UUID | None, str]:
    """The officer named, or the person named, or else the actor."""
    if cmd.handler_officer_id is not None and (cmd.handler_name or "").strip():
        raise rules.CARE_HANDLER_ONE.refuse(field="handler_name")
    if cmd.handler_officer_id is not None:
        officer = uow.find(Officer, cmd.handler_officer_id)
        if officer is None:
            raise rules.CARE_HANDLER.refuse(field="handler_officer_id")
        return check_handler(officer, None)
    if (cmd.handler_name or "").strip():
        return check_handler(None, cmd.handler_name)
    return check_handler(uow.actor, None)


def _person(uow: UnitOfWork, cmd: RequestCare | LogHotlineCall, ctx: Ctx, one: rules.Rule) -> Person:
    """The member or inflow member a command names, in the actor's reach; (None, None) if none.
    Named by ID number, one outside the actor's reach is as unknown as one never registered."""
    by_number = bool(cmd.id_number)
    own, inflow = cmd.member_id, cmd.inflow_member_id
    if by_number:
        number = check_id_number(cmd.id_number)  # type: ignore[arg-type]
        key = uow.ledger.identity_key
        found = member_id(number, key)
        if uow.find(Member, found) is None:
            found = inflow_member_id(number, key)
            if uow.find(InflowMember, found) is None:
                raise rules.MEMBER_NOT_FOUND.refuse(field="id_number")
            if own is not None or inflow not in (None, found):
                raise one.refuse(field="id_number")
            inflow = found
        elif inflow is not None or own not in (None, found):
            raise one.refuse(field="id_number")
        else:
            own = found
    if own is not None and inflow is not None:
        raise one.refuse(field="member_id")
    try:
        if own is not None:
            _check_member(uow, own, ctx)
        elif inflow is not None:
            _check_inflow(uow, inflow)
    except (NotPermitted, RuleBroken) as error:
        # Named by ID number, one out of reach (or handed over out of the county) is unknown here.
        if by_number and (isinstance(error, NotPermitted) or error.code == rules.MEMBER_HANDED_OVER.code):
            raise rules.MEMBER_NOT_FOUND.refuse(field="id_number") from None
        raise
    return own, inflow


def _check_member(uow: UnitOfWork, own: UUID, ctx: Ctx) -> None:
    member = uow.get(Member, own, rules.MEMBER_NOT_FOUND, field="member_id")
    uow.jurisdiction.for_member(uow.actor, member, ctx.effective_on, field=True)
    if member.ended:
        raise rules.MEMBER_ENDED.refuse(field="member_id", reason=member.ended.label)


def _check_inflow(uow: UnitOfWork, inflow_id: UUID) -> None:
    inflow = uow.get(InflowMember, inflow_id, rules.INFLOW_NOT_FOUND, field="inflow_member_id")
    assert inflow.org_id is not None
    officer = uow.actor
    if officer.role == Role.INFLOW_OFFICER:
        if officer.org_id not in uow.jurisdiction.ancestors(inflow.org_id):
            raise rules.JURISDICTION.refuse(org=uow.org(officer.org_id).name)  # type: ignore[arg-type]
    else:
        uow.jurisdiction.for_org(officer, inflow.org_id)
    if inflow.left is not None:
        raise rules.INFLOW_LEFT.refuse(field="inflow_member_id", date=inflow.left.effective_on)
