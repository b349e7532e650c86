"""Certificate: one numbered 《中国共产党流动党员活动证》 and everything that
happens to it, so that an auditor can answer who issued it, on whose
approval, to whom, when, and on what grounds (发放责任追究).

The aggregate id comes from the number: a blank can be issued or voided once.
"""

from __future__ import annotations

from datetime import date
from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.fields import check_range, check_text, text
from domain.ids import certificate_id
from domain.member import Member
from domain.policy import Policy
from domain.vocab import CertificateState, HandBackReason

__all__ = [
    "Certificate", "Issued", "LegacyIssued", "BlankVoided", "Checked", "ReportedLost", "Replaced", "HandedBack",
    "check_eligible",
]


class Issued(LedgerCreated):
    TOPIC = "liudong.certificate.Issued"
    class_version = 1
    label = "发放活动证"
    correctable = {"justification": text("发放依据", 500)}
    number: str
    member_id: UUID
    issuing_org_id: UUID
    request_id: UUID | None
    approver_id: str | None
    justification: str
    months_away: int
    expected_months: int
    replaces: str | None


class LegacyIssued(LedgerCreated):
    """A certificate an old register records, kept as written: no rule was checked."""

    TOPIC = "liudong.certificate.LegacyIssued"
    class_version = 1
    label = "旧台账记载发证"
    correctable = {"issuer_name": text("发证人", 30, False), "approver_name": text("审批人", 30, False),
                   "org_name": text("发证组织", 60, False)}
    number: str
    member_id: UUID
    org_name: str
    issuer_name: str
    approver_name: str
    still_valid: bool
    note: str


class BlankVoided(LedgerCreated):
    TOPIC = "liudong.certificate.BlankVoided"
    class_version = 1
    label = "空白证作废"
    number: str
    org_id: UUID
    reason: str


class Checked(LedgerEvent):
    TOPIC = "liudong.certificate.Checked"
    class_version = 1
    label = "年审"
    voidable = True
    year: int


class ReportedLost(LedgerEvent):
    TOPIC = "liudong.certificate.ReportedLost"
    class_version = 1
    label = "挂失"
    note: str


class Replaced(LedgerEvent):
    TOPIC = "liudong.certificate.Replaced"
    class_version = 1
    label = "补发"
    new_number: str


class HandedBack(LedgerEvent):
    TOPIC = "liudong.certificate.HandedBack"
    class_version = 1
    label = "收回"
    reason: str


def check_eligible(member: Member, policy: Policy, day: date) -> tuple[int, int]:
    """Months away and expected months, if the member may get a certificate on `day`."""
    if member.certificates:
        raise rules.ONE_VALID.refuse(field="member_id", number=member.certificates[0])
    away = member.absence_on(day)
    if away is None or member.absence is not away:
        raise rules.CERT_NOT_AWAY.refuse(field="member_id")
    elapsed = member.months_away(day)
    if max(elapsed, away.expected_months) < policy.certificate_min_months_away:
        raise rules.CERT_MONTHS.refuse(field="member_id", limit=policy.certificate_min_months_away,
                                       expected=away.expected_months, elapsed=elapsed)
    return elapsed, away.expected_months


class Certificate(LedgerAggregate):
    TOPIC = "liudong.certificate"

    def __init__(self) -> None:
        self.number = ""
        self.member_id: UUID | None = None
        self.org_id: UUID | None = None
        self.state: CertificateState | None = None
        self.issued_on: date | None = None
        self.issued_by = ""
        self.approver_id: str | None = None
        self.request_id: UUID | None = None
        self.replaces: str | None = None
        self.replaced_by: str | None = None
        self.checked_years: frozenset[int] = frozenset()
        self.last_checked_on: date | None = None  # the effective day of the latest yearly check (年审)
        self.legacy_issuer: str | None = None

    @classmethod
    def issue(cls, ctx: Ctx, number: str, member: Member, org_id: UUID, *,
              justification: str, months_away: int, expected_months: int,
              request_id: UUID | None = None, approver_id: str | None = None,
              replaces: str | None = None) -> Certificate:
        return cls._start(
            Issued, ctx, certificate_id(number), number=number, member_id=member.id,
            issuing_org_id=org_id, request_id=request_id, approver_id=approver_id,
            justification=check_text("justification", "发放依据", justification, 500),
            months_away=months_away, expected_months=expected_months, replaces=replaces)

    @classmethod
    def record_legacy(cls, ctx: Ctx, number: str, member: Member, *, org_name: str,
                      issuer_name: str, approver_name: str, still_valid: bool,
                      note: str = "") -> Certificate:
        return cls._start(
            LegacyIssued, ctx, certificate_id(number), number=number, member_id=member.id,
            org_name=check_text("org_name", "发证组织", org_name, 60, False),
            issuer_name=check_text("issuer_name", "发证人", issuer_name, 30, False),
            approver_name=check_text("approver_name", "审批人", approver_name, 30, False),
            still_valid=still_valid, note=check_text("note", "备注", note, 200, False))

    @classmethod
    def void_blank(cls, ctx: Ctx, number: str, org_id: UUID, reason: str) -> Certificate:
        return cls._start(BlankVoided, ctx, certificate_id(number), number=number, org_id=org_id,
                          reason=check_text("reason", "作废原因", reason, 200))

    def _check_state(self, action: str, *allowed: CertificateState) -> None:
        if self.state not in allowed:
            state = self.state.label if self.state else "未发放"
            raise rules.CERT_STATE.refuse(number=self.number, state=state, action=action)

    def check(self, ctx: Ctx, year: int) -> None:
        self._check_state("年审", CertificateState.VALID)
        check_range("year", "年审年度", year, 1949, 9999)
        assert self.issued_on is not None  # a valid certificate was issued
        if not self.issued_on.year <= year <= ctx.effective_on.year:
            raise rules.CHECK_YEAR.refuse(field="year")
        if year in self.checked_years:
            raise rules.CHECKED_YEAR.refuse(field="year", number=self.number, year=year)
        self._record(Checked, ctx, year=year)

    def report_lost(self, ctx: Ctx, note: str = "") -> None:
        self._check_state("挂失", CertificateState.VALID)
        self._record(ReportedLost, ctx, note=check_text("note", "备注", note, 200, False))

    def replace_with(self, ctx: Ctx, new_number: str) -> None:
        self._check_state("补发", CertificateState.REPORTED_LOST)
        self._record(Replaced, ctx, new_number=new_number)

    def hand_back(self, ctx: Ctx, reason: HandBackReason) -> None:
        self._check_state("收回", CertificateState.VALID, CertificateState.REPORTED_LOST)
        self._record(HandedBack, ctx, reason=str(reason))

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _issued(self, e: Issued) -> None:
        self.number, self.member_id, self.org_id = e.number, e.member_id, e.issuing_org_id
        self.state, self.issued_on, self.issued_by = CertificateState.VALID, e.effective_on, e.actor
        self.approver_id, self.request_id, self.replaces = e.approver_id, e.request_id, e.replaces

    @when.register
    def _legacy(self, e: LegacyIssued) -> None:
        self.number, self.member_id, self.issued_on = e.number, e.member_id, e.effective_on
        self.state = CertificateState.VALID if e.still_valid else CertificateState.HANDED_BACK
        self.legacy_issuer = e.issuer_name

    @when.register
    def _voided(self, e: BlankVoided) -> None:
        self.number, self.org_id, self.state = e.number, e.org_id, CertificateState.VOIDED

    @when.register
    def _checked(self, e: Checked) -> None:
        self.checked_years = self.checked_years | {e.year}
        self.last_checked_on = max(filter(None, (self.last_checked_on, e.effective_on)))

    @when.register
    def _lost(self, e: ReportedLost) -> None:
        self.state = CertificateState.REPORTED_LOST

    @when.register
    def _replaced(self, e: Replaced) -> None:
        self.state, self.replaced_by = CertificateState.REPLACED, e.new_number

    @when.register
    def _handed_back(self, e: HandedBack) -> None:
        self.state = CertificateState.HANDED_BACK
