"""Commands that record what an old register (旧台账) says, as written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["RecordLegacyCertificate", "RecordLegacySummary"]


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
    last_contact_by: str | None = f("最近联系发起方（organisation 组织找党员、member 党员找组织、unrecorded 未记录）", None)
    note: str = f("备注", "")
