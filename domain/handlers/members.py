"""Handlers for a member's registration and movements."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain import rules
from domain.base import Ctx
from domain.commands import (
    CancelPlannedDeparture, PlanDeparture, RecordGoingBack, RecordTemporaryReturn,
)
from domain.commands import (
    ChangeContactDetails, DecideProbation, EndMembership, IssueTransferLetter, MoveToBranch, RecordActivity,
    RecordContact, RecordDeparture, RecordDues, RecordReportIn, RecordReturn, RecordReview, RecordTransferReceipt,
    RegisterMember, RevealPersonalData,
)
from domain.errors import RuleBroken
from domain.fields import check_id_number
from domain.ids import member_id
from domain.letters import LetterNumber, check_letter_number, first_free_number, letter_number_id
from domain.inflow_member import InflowMember, inflow_member_id
from domain.member import Member
from domain.member_periods import Absence
from domain.organisation import Organisation
from domain.unit_of_work import UnitOfWork
from domain.vocab import HandBackReason, Role


def _policy(uow: UnitOfWork, day: date):  # noqa: ANN202
    return uow.county().policy_on(day)


def enrol(uow: UnitOfWork, cmd: RegisterMember) -> UUID:
    branch = uow.org(cmd.branch_id)
    ctx = uow.ctx(uow.day(cmd), uow.jurisdiction.for_org(uow.actor, branch.id))
    member = Member.enrol(
        ctx, uow.ledger.identity_key, name=cmd.name, gender=cmd.gender, birth_date=cmd.birth_date,
        ethnicity=cmd.ethnicity, id_number=cmd.id_number, phone=cmd.phone,
        joined_on=cmd.joined_on, standing=cmd.standing, category=cmd.category, branch=branch,
        probation_start=cmd.probation_start)
    if uow.find(Member, member.id) is not None:
        raise rules.MEMBER_REGISTERED.refuse(field="id_number")
    inflow = uow.find(InflowMember, inflow_member_id(member.id_number, uow.ledger.identity_key))
    if inflow is not None and inflow.left is None:  # one person, counted once
        raise rules.MEMBER_IS_INFLOW.refuse(field="id_number")
    uow.add(member)
    return member.id


def depart(uow: UnitOfWork, cmd: RecordDeparture) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.depart(ctx, **_departure_details(cmd))
    return member.id


def _departure_details(cmd: RecordDeparture) -> dict[str, Any]:
    return dict(reason=cmd.reason, province=cmd.province, city=cmd.city, industry=cmd.industry,
                expected_months=cmd.expected_months, contact_phone=cmd.contact_phone, address=cmd.address,
                employer=cmd.employer)


def plan_departure(uow: UnitOfWork, cmd: PlanDeparture) -> UUID:
    """外出前报告: recorded today (never in the future), away from `planned_on`."""
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.plan_departure(ctx, _policy(uow, ctx.effective_on), cmd.planned_on, **_departure_details(cmd))
    return member.id


def cancel_departure(uow: UnitOfWork, cmd: CancelPlannedDeparture) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.cancel_planned_departure(ctx, cmd.reason)
    return member.id


def temporary_return(uow: UnitOfWork, cmd: RecordTemporaryReturn) -> UUID:
    """临时返乡: the certificate stays with the member (nothing is handed back)."""
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.return_for_a_while(ctx, _policy(uow, ctx.effective_on), cmd.expected_back_on, cmd.reason)
    return member.id


def going_back(uow: UnitOfWork, cmd: RecordGoingBack) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.go_back(ctx)
    return member.id


def report_in(uow: UnitOfWork, cmd: RecordReportIn) -> UUID:
    officer = uow.actor
    org = uow.org(cmd.org_id)
    if officer.role == Role.INFLOW_OFFICER:
        return _report_in_found_by_id_number(uow, cmd, org)
    else:
        subject = _by_id_number(uow, cmd.id_number) if cmd.id_number else cmd.member_id
        if subject is None:
            raise rules.REQUIRED.refuse(field="member_id", label="党员")
        member, ctx = uow.for_member(subject, cmd, cmd.expected_version)
    member.report_in(ctx, org, cmd.inflow_contact, cmd.inflow_contact_phone)
    return member.id


def _report_in_found_by_id_number(uow: UnitOfWork, cmd: RecordReportIn, org: Organisation) -> UUID:
    """An inflow organisation reports in, for itself only, a member it finds by exact ID
    number: one away to its own area who has not reported in yet. Any other case gets
    one and the same answer (`report_in.no_match`), so that the answers tell nothing
    about who is in the county's register, where they went or whether they reported in."""
    if not cmd.id_number:
        raise rules.REQUIRED.refuse(field="id_number", label="身份证号")
    if org.id != uow.actor.org_id:
        raise rules.JURISDICTION.refuse(org=uow.org(uow.actor.org_id).name)  # type: ignore[arg-type]
    day = uow.day(cmd)
    found = uow.find(Member, _by_id_number(uow, cmd.id_number))
    away = found.absence_on(day) if found is not None else None
    if found is None or away is None or away.reported_in_org is not None or not in_area(org, away):
        raise rules.REPORT_IN_NO_MATCH.refuse(field="id_number")
    member = uow.member(found.id, cmd.expected_version)
    try:
        member.report_in(uow.ctx(day, org.id), org, cmd.inflow_contact, cmd.inflow_contact_phone)
    except RuleBroken:  # at home, ended, already reported in on that day...: the same one answer
        raise rules.REPORT_IN_NO_MATCH.refuse(field="id_number") from None
    return member.id


def in_area(org: Organisation, away: Absence) -> bool:
    """A destination within the area an organisation at a destination serves: its province,
    and its city when it names one (a municipality is both)."""
    return bool(org.province) and away.province == org.province and (not org.city or away.city == org.city)


def _by_id_number(uow: UnitOfWork, id_number: str) -> UUID:
    return member_id(check_id_number(id_number), uow.ledger.identity_key)


def reveal(uow: UnitOfWork, cmd: RevealPersonalData) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    uow.revealed = member.reveal(ctx, list(cmd.fields), cmd.reason)
    return member.id


def contact(uow: UnitOfWork, cmd: RecordContact) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.record_contact(ctx, cmd.method, cmd.outcome, cmd.lost_reason, cmd.note, cmd.initiated_by,
                          made_by=cmd.made_by or uow.actor.name)  # by default, who records it made it
    return member.id


def change_details(uow: UnitOfWork, cmd: ChangeContactDetails) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.change_contact_details(ctx, cmd.phone, cmd.contact_phone, cmd.address)
    return member.id


def move(uow: UnitOfWork, cmd: MoveToBranch) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    branch = uow.org(cmd.branch_id)
    uow.jurisdiction.for_org(uow.actor, branch.id)  # both branches must be in reach
    member.move_to(ctx, branch)
    return member.id


def activity(uow: UnitOfWork, cmd: RecordActivity) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.attend(ctx, cmd.kind, cmd.title, uow.org(cmd.org_id) if cmd.org_id else None)
    return member.id


def dues(uow: UnitOfWork, cmd: RecordDues) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    assert member.branch_id is not None
    # Reached as reported in (an inflow officer, or an officer above the organisation reported in
    # to but not above the home branch): what it records is what it collected.
    by_inflow = uow.actor.role == Role.INFLOW_OFFICER or \
        ctx.actor_org not in uow.jurisdiction.ancestors(member.branch_id)
    member.pay_dues(ctx, _policy(uow, ctx.effective_on), months=list(cmd.months),
                    amount_fen=cmd.amount_fen, collector=cmd.collector, basis=cmd.basis,
                    income_fen=cmd.income_fen, by_inflow=by_inflow)
    return member.id


def review(uow: UnitOfWork, cmd: RecordReview) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.review(ctx, cmd.year, cmd.grade, uow.org(cmd.org_id) if cmd.org_id else None)
    return member.id


def probation(uow: UnitOfWork, cmd: DecideProbation) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    if cmd.outcome == "cancelled":  # the membership ends: the certificate comes back with it
        _hand_back_with(uow, ctx, member, cmd.hand_back_certificate, HandBackReason.ENDED)
    member.decide_probation(ctx, _policy(uow, ctx.effective_on), cmd.outcome, cmd.extension_months,
                            reason=cmd.reason, attendance=cmd.attendance)
    return member.id


def transfer_letter(uow: UnitOfWork, cmd: IssueTransferLetter) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    number = _letter_number(uow, cmd.letter_number, ctx.effective_on)
    member.issue_transfer_letter(ctx, _policy(uow, ctx.effective_on), number,
                                 to_org=uow.org(cmd.to_org_id) if cmd.to_org_id else None,
                                 to_org_name=cmd.to_org_name, validity_days=cmd.validity_days)
    uow.add(LetterNumber.take(ctx, number, member.id))
    return member.id


def _letter_number(uow: UnitOfWork, given: str | None, day: date) -> str:
    """The number given, if no letter of the county has it yet; none given, the next generated one."""
    def taken(number: str) -> bool:
        return uow.find(LetterNumber, letter_number_id(number)) is not None

    if not (given or "").strip():
        return first_free_number(uow.county().code, day, taken)
    number = check_letter_number(given)
    if taken(number):
        raise rules.LETTER_NUMBER_USED.refuse(field="letter_number", number=number)
    return number


def _hand_back_with(uow: UnitOfWork, ctx: Ctx, member: Member, number: str | None,
                    reason: HandBackReason) -> None:
    """Hands back the member's valid certificate in the same command, as rules require."""
    if not member.certificates and number is None:
        return
    if number is None:
        raise rules.CERT_NOT_RETURNED.refuse(field="hand_back_certificate",
                                             number=member.certificates[0])
    cert = uow.certificate(number)
    if cert.member_id != member.id:
        raise rules.CERT_MEMBER.refuse(field="hand_back_certificate", number=number)
    cert.hand_back(ctx, reason)
    if number in member.certificates:
        member.release_certificate(ctx, number, str(reason))


def transfer_receipt(uow: UnitOfWork, cmd: RecordTransferReceipt) -> UUID:
    """Out of the county the certificate is handed back; within it, the member keeps it
    (as on a move of branch) unless one is named."""
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    letter = member.letter if member.letter and member.letter.received_on is None else None
    branch = uow.org(letter.to_org_id) if letter and letter.to_org_id else None
    if branch is None or cmd.hand_back_certificate is not None:
        _hand_back_with(uow, ctx, member, cmd.hand_back_certificate, HandBackReason.TRANSFERRED)
    member.receive_transfer(ctx, cmd.letter_number, branch)
    return member.id


def return_home(uow: UnitOfWork, cmd: RecordReturn) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    _hand_back_with(uow, ctx, member, cmd.hand_back_certificate, HandBackReason.RETURNED)
    member.return_home(ctx, cmd.report)
    return member.id


def end_membership(uow: UnitOfWork, cmd: EndMembership) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    _hand_back_with(uow, ctx, member, cmd.hand_back_certificate, HandBackReason.ENDED)
    member.end_membership(ctx, cmd.reason, cmd.note)
    return member.id
