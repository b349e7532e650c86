"""CertificateRequest: the request for an activity certificate (发放申请) and
its approval (审批), each recorded by the officer who did it. An issue cites
an approved request exactly once.
"""

from __future__ import annotations

from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.fields import check_text, text

__all__ = ["CertificateRequest", "Requested", "Approved", "Declined", "Fulfilled"]


class Requested(LedgerCreated):
    TOPIC = "liudong.certificate_request.Requested"
    class_version = 1
    label = "申请发放活动证"
    correctable = {"justification": text("申请理由", 500)}
    member_id: UUID
    basic_org_id: UUID
    justification: str


class Approved(LedgerEvent):
    TOPIC = "liudong.certificate_request.Approved"
    class_version = 1
    label = "批准发放"
    note: str


class Declined(LedgerEvent):
    TOPIC = "liudong.certificate_request.Declined"
    class_version = 1
    label = "退回申请"
    reason: str


class Fulfilled(LedgerEvent):
    TOPIC = "liudong.certificate_request.Fulfilled"
    class_version = 1
    label = "据此发证"
    number: str


class CertificateRequest(LedgerAggregate):
    TOPIC = "liudong.certificate_request"

    def __init__(self) -> None:
        self.member_id: UUID | None = None
        self.basic_org_id: UUID | None = None
        self.requested_by = ""
        self.approved_by: str | None = None
        self.declined = False
        self.number: str | None = None

    @classmethod
    def request(cls, ctx: Ctx, id: UUID, member_id: UUID, basic_org_id: UUID,
                justification: str) -> CertificateRequest:
        return cls._start(Requested, ctx, id, member_id=member_id, basic_org_id=basic_org_id,
                          justification=check_text("justification", "申请理由", justification, 500))

    @property
    def is_open(self) -> bool:
        return not self.declined and self.number is None

    def _check_undecided(self) -> None:
        if self.declined or self.approved_by is not None:
            raise rules.REQUEST_DECIDED.refuse()

    def approve(self, ctx: Ctx, note: str = "") -> None:
        self._check_undecided()
        if ctx.actor == self.requested_by:
            raise rules.APPROVER_IS_REQUESTER.refuse()
        self._record(Approved, ctx, note=check_text("note", "审批意见", note, 200, False))

    def decline(self, ctx: Ctx, reason: str) -> None:
        self._check_undecided()
        self._record(Declined, ctx, reason=check_text("reason", "退回理由", reason, 200))

    def fulfil(self, ctx: Ctx, number: str) -> None:
        if self.number is not None:
            raise rules.REQUEST_USED.refuse(field="request_id", number=self.number)
        if self.declined:
            raise rules.REQUEST_DECLINED.refuse(field="request_id")
        if self.approved_by is None:
            raise rules.REQUEST_PENDING.refuse(field="request_id")
        if ctx.actor == self.approved_by:
            raise rules.ISSUER_IS_APPROVER.refuse()
        self._record(Fulfilled, ctx, number=number)

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _requested(self, e: Requested) -> None:
        self.member_id, self.basic_org_id, self.requested_by = e.member_id, e.basic_org_id, e.actor

    @when.register
    def _approved(self, e: Approved) -> None:
        self.approved_by = e.actor

    @when.register
    def _declined(self, e: Declined) -> None:
        self.declined = True

    @when.register
    def _fulfilled(self, e: Fulfilled) -> None:
        self.number = e.number
