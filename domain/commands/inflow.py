"""Commands about inflow members (流入党员): members of other counties who live or work here.

After registration, each command names the inflow member by id, or by exact ID
number when the id is not at hand (a sheet, the demo): both, if given, must
name the same person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["RegisterInflowMember", "RecordInflowContact", "RecordInflowActivity", "CollectInflowDues",
           "SendInflowOpinion", "RecordInflowLeaving", "RecordInflowLegacySummary", "InflowCommand"]


@dataclass(frozen=True, kw_only=True)
class RegisterInflowMember(Command):
    """effective_on: the day they arrived (到达本县)."""

    label = "流入党员登记"
    name: str = f("姓名")
    gender: str = f("性别")
    birth_date: date = f("出生日期")
    id_number: str = f("身份证号")
    phone: str = f("联系电话")
    standing: str = f("正式/预备")
    home_county: str = f("原所在县（市、区）")
    home_org: str = f("原所在党组织")
    workplace: str = f("在本县工作（居住）地点")
    org_id: UUID = f("接收的本县党组织")
    home_org_code: str = f("原所在党组织代码", "")
    home_certificate_number: str = f("原籍发放的流动党员活动证编号", "")
    employer: str = f("工作单位", "")


@dataclass(frozen=True, kw_only=True)
class InflowCommand(Command):
    """A command about a registered inflow member."""

    inflow_member_id: UUID | None = f("流入党员", None)
    id_number: str | None = f("身份证号（未给流入党员编号时按身份证号查找）", None)


@dataclass(frozen=True, kw_only=True)
class RecordInflowContact(InflowCommand):
    label = "联系流入党员"
    method: str = f("联系方式")
    outcome: str = f("联系结果")
    initiated_by: str = f("联系发起方", "organisation")
    lost_reason: str | None = f("失联原因", None)
    note: str = f("备注", "")


@dataclass(frozen=True, kw_only=True)
class RecordInflowActivity(InflowCommand):
    label = "流入党员参加组织生活"
    kind: str = f("活动类型")
    title: str = f("活动主题")


@dataclass(frozen=True, kw_only=True)
class CollectInflowDues(InflowCommand):
    label = "收缴流入党员党费"
    months: tuple[str, ...] = f("所交月份（YYYY-MM）")
    amount_fen: int = f("金额（分）")


@dataclass(frozen=True, kw_only=True)
class SendInflowOpinion(InflowCommand):
    label = "流入地党组织评议意见"
    year: int = f("评议年度")
    opinion: str = f("评议意见")
    grade: str | None = f("建议等次", None)


@dataclass(frozen=True, kw_only=True)
class RecordInflowLeaving(InflowCommand):
    label = "流入党员离开"
    reason: str = f("离开原因")
    destination: str = f("去向", "")


@dataclass(frozen=True, kw_only=True)
class RecordInflowLegacySummary(InflowCommand):
    """Summary columns of an old 流入党员台账, kept as written."""

    label = "记载流入党员旧台账情况"
    paid_through: str | None = f("党费交至年月（照录）", None)
    last_contact_on: date | None = f("最近联系时间", None)
    last_activity_on: date | None = f("最近参加组织生活时间", None)
    opinion_year: int | None = f("最近评议意见年度", None)
    opinion_grade: str | None = f("最近评议意见等次", None)
    note: str = f("备注", "")
