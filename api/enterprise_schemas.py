"""Response models of the register of non-public enterprises (非公有制企业) and of
its figure (覆盖率); docs/figures.md defines each count."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["EnterpriseOut", "EnterpriseSummaryOut", "EnterpriseWorkerOut", "EnterpriseDetailOut"]

DAY = "（按查询日期）"


def _f(description: str) -> Any:
    return Field(None, description=description)


class EnterpriseOut(BaseModel):
    """非公有制企业：所在地、管理组织、从业党员人数与党组织"""

    enterprise_id: str = Field(description="企业编号")
    name: str = Field(description="企业名称")
    org_id: str = Field(description="管理企业台账的党组织编号")
    org_name: str | None = _f("管理企业台账的党组织")
    township_id: str | None = _f("所属基层党委编号（管理组织所属的乡镇党委、部门党委等；由县委管理时为空）")
    township_name: str | None = _f("所属基层党委")
    in_county: bool = Field(description="是否在本县（县外企业注明所在省份、城市）")
    province: str | None = _f("所在省份（县外企业）")
    city: str | None = _f("所在城市（县外企业）")
    address: str | None = _f("详细地址")
    registered_on: str = Field(description="登记日期")
    closed_on: str | None = _f("注销日期")
    members: int = Field(description=f"从业党员人数{DAY}：登记在该企业从业、仍在册的本县党员与未离开的流入党员")
    full_members: int = Field(description=f"其中正式党员人数{DAY}")
    required: bool = Field(description="应建党组织：正式党员三人以上（党章第三十条）")
    organised: bool = Field(description="已建立党组织（已登记企业党组织）")
    lacks_organisation: bool = Field(description="应建未建：正式党员三人以上且未建立党组织（提示 no_branch_at_employer）")
    organisation_id: str | None = _f("企业党组织编号（本县组织）")
    organisation_name: str | None = _f("企业党组织名称")
    linked_on: str | None = _f("登记企业党组织的日期")
    version: int = Field(description="版本号（供并发控制 expected_version 使用）")


class EnterpriseWorkerOut(BaseModel):
    """在企业从业的一名党员"""

    worker_kind: str = Field(description="member 本县党员、inflow_member 流入党员")
    worker_id: str = Field(description="党员编号或流入党员编号")
    name: str | None = _f("姓名")
    standing: str | None = _f(f"党员身份{DAY}：full 正式党员、probationary 预备党员")
    status: str | None = _f("本县党员的状态（在家、外出、已报到……）")
    joined_on: str = Field(description="到企业从业日期")
    counted: bool = Field(description="是否计入从业党员：本县党员仍在册，流入党员未离开")
    full: bool = Field(description=f"是否计为正式党员{DAY}")


class EnterpriseDetailOut(EnterpriseOut):
    """非公有制企业及其从业党员"""

    workers: list[EnterpriseWorkerOut] = Field(description="登记在该企业从业的党员（按姓名）")


class EnterpriseSummaryOut(BaseModel):
    """非公有制企业党组织覆盖情况（如：共有非公有制企业16家，从业党员681人，全部建立了党组织，覆盖率100%）"""

    as_of: str = Field(description="统计日期")
    enterprises: int = Field(description="非公有制企业数（登记、未注销）")
    members: int = Field(description="从业党员人数（同一人在几家企业从业只计一次）")
    full_members: int = Field(description="其中正式党员人数")
    organised: int = Field(description="已建立党组织的企业数")
    required: int = Field(description="应建党组织的企业数：正式党员三人以上")
    required_organised: int = Field(description="应建且已建党组织的企业数")
    unorganised: int = Field(description="应建未建的企业数（提示 no_branch_at_employer）")
    coverage: float | None = Field(description="覆盖率 = 应建且已建 ÷ 应建（%，保留一位小数；分母为0时为 null）")
