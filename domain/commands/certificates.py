"""Commands about activity certificates: blanks, requests, approvals, issue
and everything after."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["AllocateBlanks", "RequestCertificate", "ApproveRequest", "DeclineRequest", "IssueCertificate", "CheckCertificate", "ReportCertificateLost", "ReplaceCertificate", "HandBackCertificate", "VoidBlank"]


@dataclass(frozen=True, kw_only=True)
class AllocateBlanks(Command):
    label = "分配空白活动证"
    org_id: UUID = f("基层党委")
    year: int = f("年份")
    first: int = f("起始序号")
    last: int = f("终止序号")


@dataclass(frozen=True, kw_only=True)
class RequestCertificate(Command):
    label = "申请发放活动证"
    member_id: UUID = f("党员")
    justification: str = f("申请理由")
    request_id: UUID | None = f("申请编号（留空自动生成）", None)


@dataclass(frozen=True, kw_only=True)
class ApproveRequest(Command):
    label = "批准发放活动证"
    request_id: UUID = f("发放申请")
    note: str = f("审批意见", "")


@dataclass(frozen=True, kw_only=True)
class DeclineRequest(Command):
    label = "退回发放申请"
    request_id: UUID = f("发放申请")
    reason: str = f("退回理由")


@dataclass(frozen=True, kw_only=True)
class IssueCertificate(Command):
    label = "发放活动证"
    request_id: UUID = f("已批准的发放申请")
    number: str = f("活动证编号")


@dataclass(frozen=True, kw_only=True)
class CheckCertificate(Command):
    label = "活动证年审"
    number: str = f("活动证编号")
    year: int = f("年审年度")


@dataclass(frozen=True, kw_only=True)
class ReportCertificateLost(Command):
    label = "活动证挂失"
    number: str = f("活动证编号")
    note: str = f("备注", "")


@dataclass(frozen=True, kw_only=True)
class ReplaceCertificate(Command):
    label = "补发活动证"
    number: str = f("已挂失的活动证编号")
    new_number: str = f("新活动证编号")
    approver_id: UUID = f("批准补发的工作人员")


@dataclass(frozen=True, kw_only=True)
class HandBackCertificate(Command):
    label = "收回活动证"
    number: str = f("活动证编号")
    reason: str = f("收回原因")


@dataclass(frozen=True, kw_only=True)
class VoidBlank(Command):
    label = "空白活动证作废"
    number: str = f("活动证编号")
    reason: str = f("作废原因")
