"""Handlers for enterprises commands: the county admin, or an officer whose subtree
holds the organisation that keeps the enterprise's record, records for it. A worker
is named by an officer who has them in its jurisdiction (the county admin names
anyone): an enterprise's list is no way into another subtree's members."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID, uuid4

from domain import rules
from domain.base import Ctx
from domain.commands.enterprises import (
    AddEnterpriseWorker, CloseEnterprise, EnterpriseWorkerCommand, LinkEnterpriseOrganisation, RegisterEnterprise,
    RemoveEnterpriseWorker, UnlinkEnterpriseOrganisation,
)
from domain.enterprise import Enterprise, WorkerKind
from domain.errors import NotPermitted
from domain.fields import check_id_number
from domain.ids import member_id
from domain.inflow_member import InflowMember
from domain.member import Member
from domain.unit_of_work import UnitOfWork

OnEnterprise = (AddEnterpriseWorker | RemoveEnterpriseWorker | LinkEnterpriseOrganisation
                | UnlinkEnterpriseOrganisation | CloseEnterprise)


def register(uow: UnitOfWork, cmd: RegisterEnterprise) -> UUID:
    keeper = uow.org(cmd.org_id)
    ctx = uow.ctx(uow.day(cmd), uow.jurisdiction.for_org(uow.actor, keeper.id))
    enterprise = Enterprise.register(ctx, cmd.enterprise_id or uuid4(), cmd.name, keeper, cmd.province, cmd.city,
                                     cmd.address)
    uow.add(enterprise)
    return enterprise.id


def add_worker(uow: UnitOfWork, cmd: AddEnterpriseWorker) -> UUID:
    enterprise, ctx = _enterprise(uow, cmd)
    kind, worker = _worker(uow, cmd)
    if kind == WorkerKind.MEMBER:
        member = uow.find(Member, worker)
        if member is None or not _reaches(uow, member.branch_id, lambda: uow.jurisdiction.reach(
                uow.actor, member, ctx.effective_on, field=False)):
            raise rules.MEMBER_NOT_FOUND.refuse(field="id_number" if cmd.id_number else "member_id")
        if member.ended:
            raise rules.MEMBER_ENDED.refuse(field="member_id", reason=member.ended.label)
    else:
        inflow = uow.find(InflowMember, worker)
        if inflow is None or not _reaches(uow, inflow.org_id, lambda: uow.jurisdiction.for_org(
                uow.actor, inflow.org_id)):
            raise rules.INFLOW_NOT_FOUND.refuse(field="inflow_member_id")
        if inflow.left is not None:
            raise rules.INFLOW_LEFT.refuse(field="inflow_member_id", date=inflow.left.effective_on)
    enterprise.add_worker(ctx, kind, worker)
    return enterprise.id


def _reaches(uow: UnitOfWork, org_id: UUID | None, check: Callable[[], object]) -> bool:
    """Whether the actor may name this person: one outside its jurisdiction gets the same
    answer as one who does not exist (a worker's ID number is no look-up of the register)."""
    if org_id is None:
        return False
    try:
        check()
    except NotPermitted:
        return False
    return True


def remove_worker(uow: UnitOfWork, cmd: RemoveEnterpriseWorker) -> UUID:
    enterprise, ctx = _enterprise(uow, cmd)
    kind, worker = _worker(uow, cmd)
    enterprise.remove_worker(ctx, kind, worker)
    return enterprise.id


def link(uow: UnitOfWork, cmd: LinkEnterpriseOrganisation) -> UUID:
    enterprise, ctx = _enterprise(uow, cmd)
    enterprise.link(ctx, uow.org(cmd.org_id) if cmd.org_id else None, cmd.org_name)
    return enterprise.id


def unlink(uow: UnitOfWork, cmd: UnlinkEnterpriseOrganisation) -> UUID:
    enterprise, ctx = _enterprise(uow, cmd)
    enterprise.unlink(ctx, cmd.reason)
    return enterprise.id


def close(uow: UnitOfWork, cmd: CloseEnterprise) -> UUID:
    enterprise, ctx = _enterprise(uow, cmd)
    enterprise.close(ctx, cmd.reason)
    return enterprise.id


def _enterprise(uow: UnitOfWork, cmd: OnEnterprise) -> tuple[Enterprise, Ctx]:
    """The enterprise a command names, and the context of recording for it."""
    enterprise = uow.get(Enterprise, cmd.enterprise_id, rules.ENTERPRISE_NOT_FOUND, cmd.expected_version)
    assert enterprise.org_id is not None
    return enterprise, uow.ctx(uow.day(cmd), uow.jurisdiction.for_org(uow.actor, enterprise.org_id))


def _worker(uow: UnitOfWork, cmd: EnterpriseWorkerCommand) -> tuple[WorkerKind, UUID]:
    """The member a command names: one of the county's own (by id or ID number; both
    must then agree) or an inflow member, never both or neither."""
    own = member_id(check_id_number(cmd.id_number), uow.ledger.identity_key) if cmd.id_number else None
    if own is not None and cmd.member_id is not None and own != cmd.member_id:
        raise rules.WORKER_ONE.refuse(field="id_number")
    own = own or cmd.member_id
    if (own is None) == (cmd.inflow_member_id is None):
        raise rules.WORKER_ONE.refuse(field="member_id")
    return (WorkerKind.MEMBER, own) if own is not None else (WorkerKind.INFLOW_MEMBER, cmd.inflow_member_id)  # type: ignore[return-value]
