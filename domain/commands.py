"""Commands: what an officer asks the ledger to record, one dataclass each.

Imperative names; each handler in `domain.handlers` turns one into events.
Every command may say on which date the thing happened (`effective_on`,
default today in Asia/Shanghai) and which version of its aggregate it
expects (`expected_version`, optimistic concurrency). Labels are the field
names people read (API descriptions, error messages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

__all__ = [
    "AllocateBlanks", "AppointOfficer", "ApproveRequest", "ChangeContactDetails", "ChangePolicy", "RecordFullExport",
    "CheckCertificate", "CloseOrganisation", "Command", "CorrectEvent", "DeclineRequest",
    "DecideProbation", "EndMembership", "EstablishOrganisation", "HandBackCertificate",
    "HandOverOrganisation", "IssueCertificate", "IssueToken", "IssueTransferLetter",
    "MoveToBranch", "RecordActivity", "RecordContact", "RecordDeparture", "RecordDues",
    "RecordLegacyCertificate", "RecordLegacySummary", "RecordReportIn", "RecordReturn", "RecordReview", "RecordTransferReceipt", "RegisterMember",
    "ReplaceCertificate", "ReportCertificateLost", "RequestCertificate", "RevealPersonalData",
    "RevokeOfficer",
    "RevokeToken", "VoidBlank", "VoidEvent",
]


def f(label: str, default: Any = ..., **kwargs: Any) -> Any:
    """A command field with its Chinese label."""
    if default is ...:
        return field(metadata={"label": label}, **kwargs)
    return field(default=default, metadata={"label": label}, **kwargs)


@dataclass(frozen=True, kw_only=True)
class Command:
    label = ""
    effective_on: date | None = f("发生日期", None)
    expected_version: int | None = f("预期版本", None)


@dataclass(frozen=True, kw_only=True)
class EstablishOrganisation(Command):
    label = "设立组织"
    kind: str = f("组织类型")
    name: str = f("组织名称")
    parent_id: UUID | None = f("上级组织", None)
    acts_for_id: UUID | None = f("所属乡镇党委（服务站）", None)
    province: str = f("所在省份", "")
    city: str = f("所在城市", "")
    org_id: UUID | None = f("组织编号（留空自动生成）", None)


@dataclass(frozen=True, kw_only=True)
class HandOverOrganisation(Command):
    label = "移交流动党员党支部"
    org_id: UUID = f("流动党员党支部")
    to_org_id: UUID = f("接收的流入地党组织")


@dataclass(frozen=True, kw_only=True)
class CloseOrganisation(Command):
    label = "撤销组织"
    org_id: UUID = f("组织")
    reason: str = f("撤销原因")


@dataclass(frozen=True, kw_only=True)
class AppointOfficer(Command):
    label = "任命工作人员"
    name: str = f("姓名")
    org_id: UUID = f("任职组织")
    role: str = f("角色")
    officer_id: UUID | None = f("工作人员编号（留空自动生成）", None)


@dataclass(frozen=True, kw_only=True)
class RevokeOfficer(Command):
    label = "撤销任职"
    officer_id: UUID = f("工作人员")
    reason: str = f("撤销原因")


@dataclass(frozen=True, kw_only=True)
class IssueToken(Command):
    label = "签发令牌"
    officer_id: UUID = f("工作人员")


@dataclass(frozen=True, kw_only=True)
class RevokeToken(Command):
    label = "吊销令牌"
    credential_id: UUID = f("令牌编号")
    reason: str = f("吊销原因")


@dataclass(frozen=True, kw_only=True)
class RegisterMember(Command):
    label = "党员登记"
    name: str = f("姓名")
    gender: str = f("性别")
    birth_date: date = f("出生日期")
    ethnicity: str = f("民族")
    id_number: str = f("身份证号")
    phone: str = f("联系电话")
    joined_on: date = f("入党时间")
    standing: str = f("正式/预备")
    category: str = f("党员类别")
    branch_id: UUID = f("所在支部")
    probation_start: date | None = f("预备期开始日期", None)


@dataclass(frozen=True, kw_only=True)
class RecordDeparture(Command):
    label = "外出登记"
    member_id: UUID = f("党员")
    reason: str = f("外出原因")
    province: str = f("流向省份")
    city: str = f("流向城市")
    industry: str = f("从事行业")
    expected_months: int = f("预计外出月数")
    contact_phone: str = f("外出期间联系电话")
    address: str = f("详细地址", "")
    employer: str = f("工作单位", "")


@dataclass(frozen=True, kw_only=True)
class RecordReportIn(Command):
    label = "报到"
    org_id: UUID = f("报到组织（流入地党组织或流动党员党支部）")
    member_id: UUID | None = f("党员", None)
    id_number: str | None = f("身份证号（流入地按身份证号查找）", None)
    inflow_contact: str = f("流入地联系人", "")
    inflow_contact_phone: str = f("联系人电话", "")


@dataclass(frozen=True, kw_only=True)
class RecordContact(Command):
    label = "联系"
    member_id: UUID = f("党员")
    method: str = f("联系方式")
    outcome: str = f("联系结果")
    lost_reason: str | None = f("失联原因", None)
    note: str = f("备注", "")


@dataclass(frozen=True, kw_only=True)
class ChangeContactDetails(Command):
    label = "联系方式变更"
    member_id: UUID = f("党员")
    phone: str | None = f("联系电话", None)
    contact_phone: str | None = f("外出期间联系电话", None)
    address: str | None = f("详细地址", None)


@dataclass(frozen=True, kw_only=True)
class MoveToBranch(Command):
    label = "支部调整"
    member_id: UUID = f("党员")
    branch_id: UUID = f("新的所在支部")


@dataclass(frozen=True, kw_only=True)
class RecordActivity(Command):
    label = "参加组织生活"
    member_id: UUID = f("党员")
    kind: str = f("活动类型")
    title: str = f("活动主题")
    org_id: UUID | None = f("组织活动的党组织", None)


@dataclass(frozen=True, kw_only=True)
class RecordDues(Command):
    label = "交纳党费"
    member_id: UUID = f("党员")
    months: tuple[str, ...] = f("所交月份（YYYY-MM）")
    amount_fen: int = f("金额（分）")
    collector: str = f("收缴单位")
    basis: str = f("党费计算基数")
    income_fen: int | None = f("月收入（分）", None)


@dataclass(frozen=True, kw_only=True)
class RecordReview(Command):
    label = "民主评议"
    member_id: UUID = f("党员")
    year: int = f("评议年度")
    grade: str = f("评议结果")
    org_id: UUID | None = f("评议组织", None)


@dataclass(frozen=True, kw_only=True)
class DecideProbation(Command):
    label = "预备党员转正"
    member_id: UUID = f("党员")
    outcome: str = f("转正结论")
    extension_months: int | None = f("延长月数", None)


@dataclass(frozen=True, kw_only=True)
class IssueTransferLetter(Command):
    label = "开具组织关系介绍信"
    member_id: UUID = f("党员")
    to_org_name: str = f("接收组织")
    validity_days: int | None = f("有效期（天）", None)


@dataclass(frozen=True, kw_only=True)
class RecordTransferReceipt(Command):
    label = "登记介绍信回执"
    member_id: UUID = f("党员")
    hand_back_certificate: str | None = f("同时收回的活动证编号", None)


@dataclass(frozen=True, kw_only=True)
class RecordReturn(Command):
    label = "返回"
    member_id: UUID = f("党员")
    report: str = f("外出情况汇报", "")
    hand_back_certificate: str | None = f("同时收回的活动证编号", None)


@dataclass(frozen=True, kw_only=True)
class EndMembership(Command):
    label = "不再在册"
    member_id: UUID = f("党员")
    reason: str = f("原因")
    note: str = f("备注", "")
    hand_back_certificate: str | None = f("同时收回的活动证编号", None)


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


@dataclass(frozen=True, kw_only=True)
class CorrectEvent(Command):
    label = "更正记录"
    position: int = f("被更正记录的位置")
    changes: dict[str, Any] = f("更正内容")
    reason: str = f("更正理由")


@dataclass(frozen=True, kw_only=True)
class VoidEvent(Command):
    label = "作废记录"
    position: int = f("被作废记录的位置")
    reason: str = f("作废理由")


@dataclass(frozen=True, kw_only=True)
class ChangePolicy(Command):
    label = "调整政策参数"
    changes: dict[str, Any] = f("调整内容")


@dataclass(frozen=True, kw_only=True)
class RecordFullExport(Command):
    label = "导出完整台账"
    org_id: UUID | None = f("导出范围（组织，默认全县）", None)
    rows: int = f("导出行数")
    reason: str = f("导出理由（如：迁移到新系统）")


@dataclass(frozen=True, kw_only=True)
class RevealPersonalData(Command):
    label = "查看个人信息"
    member_id: UUID = f("党员")
    fields: tuple[str, ...] = f("查看的信息项（id_number 身份证号、phone 联系电话）")
    reason: str = f("查看理由")


@dataclass(frozen=True, kw_only=True)
class RecordLegacyCertificate(Command):
    """A certificate as an old register wrote it (effective_on: its issue date)."""

    label = "记载旧台账活动证"
    member_id: UUID = f("党员")
    number: str = f("活动证编号（照录）")
    issuer_name: str = f("发证人（照录）", "")
    approver_name: str = f("审批人（照录）", "")
    org_name: str = f("发证组织（照录）", "")
    still_valid: bool = f("旧台账记载是否有效", True)
    note: str = f("备注", "")


@dataclass(frozen=True, kw_only=True)
class RecordLegacySummary(Command):
    """Summary columns of an old register, kept as written."""

    label = "记载旧台账情况"
    member_id: UUID = f("党员")
    paid_through: str | None = f("党费交至年月（照录）", None)
    review_year: int | None = f("最近评议年度", None)
    review_grade: str | None = f("最近评议结果", None)
    last_contact_on: date | None = f("最近联系时间", None)
    note: str = f("备注", "")
