"""Handlers for legacy facts: what registers kept before Liudong say, recorded
as written by a county admin, marked as legacy and exempt from the live rules
(a certificate issued by someone who is no officer here, two valid ones...)."""

from __future__ import annotations

from uuid import UUID

from domain import rules
from domain.certificate import Certificate
from domain.commands import RecordLegacyCertificate, RecordLegacySummary
from domain.fields import check_text
from domain.ids import certificate_id
from domain.unit_of_work import UnitOfWork


def legacy_certificate(uow: UnitOfWork, cmd: RecordLegacyCertificate) -> UUID:
    member = uow.member(cmd.member_id, cmd.expected_version)
    ctx = uow.ctx(uow.day(cmd), member.branch_id)
    number = check_text("number", "活动证编号", cmd.number, 40)
    if uow.find(Certificate, certificate_id(number)) is not None:
        raise rules.NUMBER_USED.refuse(field="number", number=number)
    cert = Certificate.record_legacy(ctx, number, member, org_name=cmd.org_name,
                                     issuer_name=cmd.issuer_name, approver_name=cmd.approver_name,
                                     still_valid=cmd.still_valid, note=cmd.note)
    if cmd.still_valid:
        member.hold_legacy_certificate(ctx, number)
    uow.add(cert)
    return cert.id


def legacy_summary(uow: UnitOfWork, cmd: RecordLegacySummary) -> UUID:
    member = uow.member(cmd.member_id, cmd.expected_version)
    member.record_legacy_summary(uow.ctx(uow.day(cmd), member.branch_id),
                                 paid_through=cmd.paid_through, review_year=cmd.review_year,
                                 review_grade=cmd.review_grade, last_contact_on=cmd.last_contact_on,
                                 last_contact_by=cmd.last_contact_by, note=cmd.note)
    return member.id
