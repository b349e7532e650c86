"""Commands about non-public enterprises (非公有制企业) and the members working there."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["AddEnterpriseWorker", "CloseEnterprise", "EnterpriseWorkerCommand", "LinkEnterpriseOrganisation",
           "RegisterEnterprise", "RemoveEnterpriseWorker", "UnlinkEnterpriseOrganisation"]


@dataclass(frozen=True, kw_only=True)
class RegisterEnterprise(Command):
    """Province and city empty: the enterprise lies in the county."""

    label = "登记非公有制企业"
    name: str = f("企业名称")
    org_id: UUID = f("管理企业台账的党组织（乡镇党委、党支部等）")
    province: str = f("所在省份（县外企业填写）", "")
    city: str = f("所在城市（县外企业填写）", "")
    address: str = f("详细地址", "")
    enterprise_id: UUID | None = f("企业编号（留空自动生成）", None)


@dataclass(frozen=True, kw_only=True)
class EnterpriseWorkerCommand(Command):
    """A member working at an enterprise: one of the county's own (by id, or by exact
    ID number when the id is not at hand) or an inflow member (流入党员)."""

    enterprise_id: UUID = f("企业")
    member_id: UUID | None = f("本县党员", None)
    id_number: str | None = f("本县党员身份证号（未给党员编号时按身份证号查找）", None)
    inflow_member_id: UUID | None = f("流入党员", None)


@dataclass(frozen=True, kw_only=True)
class AddEnterpriseWorker(EnterpriseWorkerCommand):
    """effective_on: the day they began working there (or were found working there)."""

    label = "登记从业党员"


@dataclass(frozen=True, kw_only=True)
class RemoveEnterpriseWorker(EnterpriseWorkerCommand):
    label = "从业党员离开企业"


@dataclass(frozen=True, kw_only=True)
class LinkEnterpriseOrganisation(Command):
    label = "登记企业党组织"
    enterprise_id: UUID = f("企业")
    org_id: UUID | None = f("企业党组织（本县组织）", None)
    org_name: str = f("企业党组织名称（不在本县组织中的）", "")


@dataclass(frozen=True, kw_only=True)
class UnlinkEnterpriseOrganisation(Command):
    label = "撤销企业党组织关联"
    enterprise_id: UUID = f("企业")
    reason: str = f("撤销原因")


@dataclass(frozen=True, kw_only=True)
class CloseEnterprise(Command):
    label = "非公有制企业注销"
    enterprise_id: UUID = f("企业")
    reason: str = f("注销原因")
