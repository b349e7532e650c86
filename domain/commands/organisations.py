"""Commands about organisations, officers, their tokens and the county's policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["EstablishOrganisation", "HandOverOrganisation", "CloseOrganisation", "AppointOfficer", "RevokeOfficer", "IssueToken", "RevokeToken", "ChangePolicy", "RecordFullExport"]


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
    to_org_id: UUID = f("接收组织（流入地党组织，或本县的乡镇党委、部门党委、县委）")


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
class ChangePolicy(Command):
    label = "调整政策参数"
    changes: dict[str, Any] = f("调整内容")


@dataclass(frozen=True, kw_only=True)
class RecordFullExport(Command):
    label = "导出完整台账"
    org_id: UUID | None = f("导出范围（组织，默认全县）", None)
    rows: int = f("导出行数")
    reason: str = f("导出理由（如：迁移到新系统）")
