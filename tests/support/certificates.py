"""Certificates the rule tests and view tests share: requested, approved, issued,
lost and replaced."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.certificate import Certificate
from domain.commands import (
    ApproveRequest, IssueCertificate, ReplaceCertificate, ReportCertificateLost, RequestCertificate,
)
from domain.ids import certificate_id
from domain.ledger import Ledger
from domain.member import Member
from tests.support.county import SmallCounty
from tests.support.members import away

__all__ = ["ON", "approved", "certificate", "held", "holder", "issue", "lost", "replacement", "request"]

ON = date(2025, 3, 1)


def request(ledger: Ledger, county: SmallCounty, member_id: UUID) -> UUID:
    outcome = ledger.execute(county.t1_officer, RequestCertificate(
        member_id=member_id, justification="长期在成都务工，关系暂不能转移", effective_on=ON))
    assert outcome.subject_id is not None
    return outcome.subject_id


def approved(ledger: Ledger, county: SmallCounty, member_id: UUID) -> UUID:
    request_id = request(ledger, county, member_id)
    ledger.execute(county.t1_approver, ApproveRequest(request_id=request_id, note="同意", effective_on=ON))
    return request_id


def issue(request_id: UUID, serial: int = 1) -> IssueCertificate:
    return IssueCertificate(request_id=request_id, number=f"511922-2025-{serial:05d}", effective_on=ON)


def holder(ledger: Ledger, county: SmallCounty, seq: int = 1) -> tuple[UUID, str]:
    member_id = away(ledger, county, seq)
    ledger.execute(county.b1_officer, issue(approved(ledger, county, member_id), seq))
    return member_id, f"511922-2025-{seq:05d}"


def lost(ledger: Ledger, county: SmallCounty, seq: int = 1) -> tuple[UUID, str]:
    """A member of 红旗村 whose certificate (issued by the branch secretary) was reported lost."""
    member_id, number = holder(ledger, county, seq)
    ledger.execute(county.b1_officer, ReportCertificateLost(number=number, note="在工地遗失"))
    return member_id, number


def replacement(number: str, approver_id: UUID, serial: int = 2) -> ReplaceCertificate:
    return ReplaceCertificate(number=number, new_number=f"511922-2025-{serial:05d}", approver_id=approver_id)


def certificate(ledger: Ledger, number: str) -> Certificate:
    loaded = ledger.load(Certificate, certificate_id(number))
    assert loaded is not None
    return loaded


def held(ledger: Ledger, member_id: UUID) -> tuple[str, ...]:
    return ledger.load(Member, member_id).certificates  # type: ignore[union-attr]
