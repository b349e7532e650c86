"""Commands about a member: registration, movements, contact, dues, reviews,
probation, transfer, return, and looking at their personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["RegisterMember", "RecordDeparture", "RecordReportIn", "RecordContact", "ChangeContactDetails", "MoveToBranch", "RecordActivity", "RecordDues", "RecordReview", "DecideProbation", "IssueTransferLetter", "RecordTransferReceipt", "RecordReturn", "EndMembership", "RevealPersonalData"]


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
    # Most contacts are the organisation's; the default keeps older clients and the importer working.
    initiated_by: str = f("联系发起方", "organisation")
    method: str = f("联系方式")
    outcome: str = f("联系结果")
    lost_reason: str | None = f("失联原因", None)
    note: str = f("备注", "")
    made_by: str | None = f("经办人（实际联系或接待的人，不填为记录人本人）", None)


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
    # Not in absentia: how the member took part in the branch meeting (domain.member_reviews).
    attendance: str = f("本人参会方式（in_person 本人到会、video 视频参会、phone 电话参会；取消资格时可为 absent 本人未到会）",
                        "in_person")
    reason: str = f("理由（取消预备党员资格时必填）", "")
    hand_back_certificate: str | None = f("同时收回的活动证编号（取消资格时）", None)


@dataclass(frozen=True, kw_only=True)
class IssueTransferLetter(Command):
    label = "开具组织关系介绍信"
    member_id: UUID = f("党员")
    # The receiver: a branch of the county, chosen from the tree, or the full name of one outside; exactly one.
    to_org_id: UUID | None = f("接收组织（本县党支部）", None)
    to_org_name: str | None = f("接收组织（县外，填写全称）", None)
    letter_number: str | None = f("介绍信编号（不填则按“县代码-开具日期-当日序号”编号）", None)
    validity_days: int | None = f("有效期（天）", None)


@dataclass(frozen=True, kw_only=True)
class RecordTransferReceipt(Command):
    label = "登记介绍信回执"
    member_id: UUID = f("党员")
    letter_number: str = f("介绍信编号（回执所注）")
    hand_back_certificate: str | None = f("同时收回的活动证编号", None)


@dataclass(frozen=True, kw_only=True)
class RecordReturn(Command):
    label = "返回"
    member_id: UUID = f("党员")
    report: str = f("外出情况汇报", "")
    hand_back_certificate: str | None = f("同时收回的活动证编号", None)


# Planned departures and short returns home (domain.member_trips).
__all__ += ["PlanDeparture", "CancelPlannedDeparture", "RecordTemporaryReturn", "RecordGoingBack"]


@dataclass(frozen=True, kw_only=True)
class PlanDeparture(RecordDeparture):
    """外出前报告: a departure reported before the day of leaving; away from `planned_on`."""

    label = "外出前报告"
    planned_on: date = f("计划外出日期（晚于发生日期）")


@dataclass(frozen=True, kw_only=True)
class CancelPlannedDeparture(Command):
    label = "取消计划外出"
    member_id: UUID = f("党员")
    reason: str = f("取消原因", "")


@dataclass(frozen=True, kw_only=True)
class RecordTemporaryReturn(Command):
    label = "临时返乡"
    member_id: UUID = f("党员")
    expected_back_on: date = f("预计返回外出地日期")
    reason: str = f("返乡事由（如春节、农忙）", "")


@dataclass(frozen=True, kw_only=True)
class RecordGoingBack(Command):
    label = "返回外出地"
    member_id: UUID = f("党员")


@dataclass(frozen=True, kw_only=True)
class EndMembership(Command):
    label = "不再在册"
    member_id: UUID = f("党员")
    reason: str = f("原因")
    note: str = f("备注", "")
    hand_back_certificate: str | None = f("同时收回的活动证编号", None)


@dataclass(frozen=True, kw_only=True)
class RevealPersonalData(Command):
    label = "查看个人信息"
    member_id: UUID = f("党员")
    fields: tuple[str, ...] = f("查看的信息项（id_number 身份证号、phone 联系电话）")
    reason: str = f("查看理由")


# A liaison for each member, and stopping, removing and restoring membership (domain.handlers.membership).
__all__ += ["AssignLiaison", "ProposeMembershipStop", "DecideMembershipStop", "ProposeRemoval", "DecideRemoval",
            "RecordRestorationRequest", "ResolveRestoration", "DecideRestoration"]


@dataclass(frozen=True, kw_only=True)
class AssignLiaison(Command):
    label = "指定联系人"
    member_id: UUID = f("党员")
    # An officer, or a named person at a station or point: officer_id, or name and org_id.
    officer_id: UUID | None = f("联系人（工作人员）", None)
    name: str | None = f("联系人姓名（非工作人员时填写）", None)
    org_id: UUID | None = f("联系人所在的流动党员服务站或服务点（非工作人员时填写）", None)


@dataclass(frozen=True, kw_only=True)
class ProposeMembershipStop(Command):
    label = "提请停止党籍"
    member_id: UUID = f("党员")
    lost_contacts: tuple[int, ...] = f("所引用的失联记录（日志位置）")
    note: str = f("提请理由（查找经过）", "")


@dataclass(frozen=True, kw_only=True)
class DecideMembershipStop(Command):
    label = "审批停止党籍"
    member_id: UUID = f("党员")
    approved: bool = f("审批结论（true 同意、false 不同意）", True)
    note: str = f("审批意见", "")
    hand_back_certificate: str | None = f("同时收回的活动证编号", None)


@dataclass(frozen=True, kw_only=True)
class ProposeRemoval(Command):
    label = "提请按自行脱党除名"
    member_id: UUID = f("党员")
    note: str = f("提请理由", "")


@dataclass(frozen=True, kw_only=True)
class DecideRemoval(Command):
    label = "审批按自行脱党除名"
    member_id: UUID = f("党员")
    approved: bool = f("审批结论（true 同意、false 不同意）", True)
    note: str = f("审批意见", "")


@dataclass(frozen=True, kw_only=True)
class RecordRestorationRequest(Command):
    label = "登记恢复党籍申请"
    member_id: UUID = f("党员")
    statement: str = f("本人申请（要点）")


@dataclass(frozen=True, kw_only=True)
class ResolveRestoration(Command):
    label = "登记支部大会恢复党籍决定"
    member_id: UUID = f("党员")
    restore: bool = f("支部大会决定（true 恢复、false 不予恢复）")
    note: str = f("支部大会意见", "")


@dataclass(frozen=True, kw_only=True)
class DecideRestoration(Command):
    label = "审批恢复党籍"
    member_id: UUID = f("党员")
    approved: bool = f("审批结论（true 同意、false 不同意）", True)
    note: str = f("审批意见", "")
