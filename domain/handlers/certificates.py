"""Handlers for activity certificates: blanks, requests, approvals, issue and
everything after, each step naming the officer who took it."""

from __future__ import annotations

from uuid import UUID, uuid4

from domain import rules
from domain.base import Ctx
from domain.blanks import BlankStock, parse_number
from domain.certificate import Certificate, check_eligible
from domain.certificate_request import CertificateRequest
from domain.commands import (
    AllocateBlanks, ApproveRequest, CheckCertificate, DeclineRequest, HandBackCertificate, IssueCertificate,
    ReplaceCertificate, ReportCertificateLost, RequestCertificate, VoidBlank,
)
from domain.fields import check_choice, check_range
from domain.ids import certificate_id
from domain.jurisdiction import OFFICERS
from domain.member import Member
from domain.officer import Officer
from domain.unit_of_work import UnitOfWork
from domain.vocab import HandBackReason, Role


def allocate(uow: UnitOfWork, cmd: AllocateBlanks) -> UUID:
    county = uow.county()
    year = check_range("year", "年份", cmd.year, 2000, 2100)
    ctx = uow.ctx(uow.day(cmd), county.committee_id)
    stock = uow.stock(year)
    if stock is None:
        stock = BlankStock.open(ctx, year)
        uow.add(stock)
    stock.allocate(ctx, uow.org(cmd.org_id), cmd.first, cmd.last)
    return stock.id


def _blank(uow: UnitOfWork, value: str, field: str) -> tuple[str, UUID | None]:
    """A well-formed unused number of this county, and the 基层党委 holding it."""
    number = parse_number(value, field)
    county = uow.county()
    if number.county_code != county.code:
        raise rules.COUNTY_CODE.refuse(field=field, code=county.code)
    if uow.find(Certificate, certificate_id(str(number))) is not None:
        raise rules.NUMBER_USED.refuse(field=field, number=number)
    stock = uow.stock(number.year)
    return str(number), stock.holder(number.serial) if stock else None


def request(uow: UnitOfWork, cmd: RequestCertificate) -> UUID:
    member = uow.member(cmd.member_id)
    assert member.branch_id is not None
    uow.jurisdiction.check_in_county(member)
    committee = uow.jurisdiction.basic_committee(member.branch_id)
    # The request comes from the member's 基层党委 (a township or department committee,
    # or the county committee for a branch directly under it), or from above it.
    ctx = uow.ctx(uow.day(cmd), uow.jurisdiction.for_org(uow.actor, committee.id))
    check_eligible(member, uow.county().policy_on(ctx.effective_on), ctx.effective_on)
    req = CertificateRequest.request(ctx, cmd.request_id or uuid4(), member.id, committee.id,
                                     cmd.justification)
    uow.add(req)
    return req.id


def _decision_ctx(uow: UnitOfWork, cmd: ApproveRequest | DeclineRequest) -> tuple[CertificateRequest, Ctx]:
    req = uow.get(CertificateRequest, cmd.request_id, rules.REQUEST_NOT_FOUND, cmd.expected_version)
    assert req.basic_org_id is not None
    requested_for = req.facts[0].actor_org or req.basic_org_id
    acting = uow.jurisdiction.for_org(uow.actor, requested_for
                                      if uow.actor.role == Role.COUNTY_ADMIN else req.basic_org_id)
    if acting not in uow.jurisdiction.ancestors(requested_for):
        raise rules.APPROVER_LEVEL.refuse()  # approve at the requester's level or higher
    return req, uow.ctx(uow.day(cmd), acting)


def approve(uow: UnitOfWork, cmd: ApproveRequest) -> UUID:
    req, ctx = _decision_ctx(uow, cmd)
    req.approve(ctx, cmd.note)
    return req.id


def decline(uow: UnitOfWork, cmd: DeclineRequest) -> UUID:
    req, ctx = _decision_ctx(uow, cmd)
    req.decline(ctx, cmd.reason)
    return req.id


def issue(uow: UnitOfWork, cmd: IssueCertificate) -> UUID:
    req = uow.get(CertificateRequest, cmd.request_id, rules.REQUEST_NOT_FOUND, cmd.expected_version)
    assert req.member_id is not None and req.basic_org_id is not None
    member, ctx = uow.for_member(req.member_id, cmd)
    assert member.branch_id is not None
    committee = uow.jurisdiction.basic_committee(member.branch_id)
    if committee.id != req.basic_org_id:
        raise rules.ISSUING_ORG.refuse(field="request_id", expected=committee.name)
    number, holder = _blank(uow, cmd.number, "number")
    if holder != committee.id:
        raise rules.BLANK_NOT_ALLOCATED.refuse(field="number", number=number, org=committee.name)
    policy = uow.county().policy_on(ctx.effective_on)
    elapsed, expected = check_eligible(member, policy, ctx.effective_on)
    req.fulfil(ctx, number)
    justification = (f"外出已{elapsed}个月、预计外出{expected}个月，达到{policy.certificate_min_months_away}"
                     f"个月；无其他有效活动证；申请理由：{req.facts[0].justification}")
    cert = Certificate.issue(ctx, number, member, committee.id, justification=justification,
                             months_away=elapsed, expected_months=expected, request_id=req.id,
                             approver_id=req.approved_by)
    member.hold_certificate(ctx, number)
    uow.add(cert)
    return cert.id


def _certificate_ctx(uow: UnitOfWork, number: str, cmd: object) -> tuple[Certificate, Member, Ctx]:
    cert = uow.certificate(number, getattr(cmd, "expected_version", None))
    if cert.member_id is None:  # a voided blank belongs to nobody
        raise rules.CERT_STATE.refuse(number=number, state=cert.state.label, action="办理")  # type: ignore[union-attr]
    member, ctx = uow.for_member(cert.member_id, cmd)
    return cert, member, ctx


def check(uow: UnitOfWork, cmd: CheckCertificate) -> UUID:
    cert, _, ctx = _certificate_ctx(uow, cmd.number, cmd)
    cert.check(ctx, cmd.year)
    return cert.id


def report_lost(uow: UnitOfWork, cmd: ReportCertificateLost) -> UUID:
    cert, member, ctx = _certificate_ctx(uow, cmd.number, cmd)
    cert.report_lost(ctx, cmd.note)
    member.release_certificate(ctx, cert.number, "reported_lost")
    return cert.id


def _replacement_approver(uow: UnitOfWork, approver_id: UUID, committee_id: UUID) -> Officer:
    """Another active county admin or officer, of the certificate's 基层党委 or above.
    The refusals name nobody: the approver may lie outside the caller's jurisdiction."""
    if approver_id == uow.actor.id:
        raise rules.ISSUER_IS_APPROVER.refuse(field="approver_id")  # the issuer is never the approver
    approver = uow.find(Officer, approver_id)
    if approver is None or not approver.active or approver.role not in OFFICERS:
        raise rules.REPLACEMENT_APPROVER.refuse(field="approver_id")
    if approver.role == Role.OFFICER and \
            uow.jurisdiction.unit_of(approver) not in uow.jurisdiction.ancestors(committee_id):
        raise rules.REPLACEMENT_APPROVER_LEVEL.refuse(field="approver_id")
    return approver


def replace(uow: UnitOfWork, cmd: ReplaceCertificate) -> UUID:
    old, member, ctx = _certificate_ctx(uow, cmd.number, cmd)
    number, holder = _blank(uow, cmd.new_number, "new_number")
    old.replace_with(ctx, number)  # refuses unless the old one was reported lost
    assert member.branch_id is not None
    committee = uow.org(old.org_id) if old.org_id else uow.jurisdiction.basic_committee(member.branch_id)
    if holder != committee.id:
        raise rules.BLANK_NOT_ALLOCATED.refuse(field="new_number", number=number, org=committee.name)
    approver = _replacement_approver(uow, cmd.approver_id, committee.id)
    elapsed, expected = check_eligible(member, uow.county().policy_on(ctx.effective_on),
                                       ctx.effective_on)
    new = Certificate.issue(ctx, number, member, committee.id,
                            justification=f"原证{old.number}挂失，补发新证", months_away=elapsed,
                            expected_months=expected, approver_id=str(approver.id), replaces=old.number)
    member.hold_certificate(ctx, number)
    uow.add(new)
    return new.id


def hand_back(uow: UnitOfWork, cmd: HandBackCertificate) -> UUID:
    cert, member, ctx = _certificate_ctx(uow, cmd.number, cmd)
    cert.hand_back(ctx, check_choice("reason", "收回原因", cmd.reason, HandBackReason))
    if cert.number in member.certificates:
        member.release_certificate(ctx, cert.number, "handed_back")
    return cert.id


def void_blank(uow: UnitOfWork, cmd: VoidBlank) -> UUID:
    number, holder = _blank(uow, cmd.number, "number")
    if holder is None:
        raise rules.BLANK_NOT_ALLOCATED.refuse(field="number", number=number, org="任何基层党委")
    ctx = uow.ctx(uow.day(cmd), uow.jurisdiction.for_org(uow.actor, holder))
    cert = Certificate.void_blank(ctx, number, holder, cmd.reason)
    uow.add(cert)
    return cert.id
