"""Response models of care requests (帮扶申请) and hotline calls (服务热线);
docs/figures.md says how open, closed and overdue are counted."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["CareByOrgOut", "CareRequestDetailOut", "CareRequestOut", "CareServiceOut", "HotlineCallOut"]

DAY = "（按查询日期）"


def _f(description: str) -> Any:
    return Field(None, description=description)


class _Place(BaseModel):
    org_id: str = Field(description="受理（接听）组织编号")
    org_name: str | None = _f("受理（接听）组织")
    township_id: str | None = _f("所属乡镇党委编号（服务站、服务点所服务的乡镇；服务中心、县委直属组织为空）")
    township_name: str | None = _f("所属乡镇党委")
    kind: str = Field(description="类别：jobs 就业信息、legal 法律维权、hardship 困难帮扶、skills 技能培训、"
                                  "policy 政策咨询、other 其他")
    kind_label: str = Field(description="类别名称")
    person_kind: str | None = _f("member 本县党员、inflow_member 流入党员；来电人不是已登记的党员时为空")
    member_id: str | None = _f("本县党员编号")
    inflow_member_id: str | None = _f("流入党员编号")
    name: str | None = _f("党员或流入党员姓名")
    handler_officer_id: str | None = _f("经办人（工作人员）编号")
    handler_name: str = Field(description="经办人")
    version: int = Field(description="版本号（供并发控制 expected_version 使用）")


class CareRequestOut(_Place):
    """帮扶申请：谁提出、在哪里受理、谁经办、是否办结"""

    care_request_id: str = Field(description="帮扶申请编号")
    summary: str = Field(description="需求内容")
    requested_on: str = Field(description="受理日期")
    services: int = Field(description="已记录的服务次数")
    last_service_on: str | None = _f("最近一次服务日期")
    status: str = Field(description=f"办理状态{DAY}：open 未办结、closed 已办结")
    closed_on: str | None = _f("办结日期")
    outcome: str | None = _f("办结结果：resolved 已解决、partly_resolved 部分解决、referred 已转交有关部门办理、"
                             "unresolved 未能解决、withdrawn 申请人撤回")
    outcome_label: str | None = _f("办结结果名称")
    close_note: str | None = _f("办结说明")
    days_open: int = Field(description=f"办理天数{DAY}：受理至办结（未办结的至查询日期）")
    overdue: bool = Field(description=f"逾期未办结{DAY}：未办结且办理天数超过政策参数 care_overdue_days（提示 care_overdue）")


class CareServiceOut(BaseModel):
    """为帮扶申请所做的一次服务"""

    seq: int = Field(description="序号（按服务日期）")
    served_on: str = Field(description="服务日期")
    content: str = Field(description="服务内容")


class CareRequestDetailOut(CareRequestOut):
    """帮扶申请及其服务记录"""

    service_list: list[CareServiceOut] = Field(description="服务记录（按日期）")


class HotlineCallOut(_Place):
    """热线来电（咨询服务专用电话）：不记录来电人的姓名、电话、身份证号"""

    call_id: str = Field(description="来电记录编号")
    called_on: str = Field(description="来电日期")
    topic: str = Field(description="来电事项")
    outcome: str = Field(description="答复与处理结果")


class CareByOrgOut(BaseModel):
    """一个组织的帮扶申请与热线来电数"""

    org_id: str = Field(description="组织编号")
    org_name: str | None = _f("组织")
    open: int = Field(description=f"未办结的帮扶申请{DAY}")
    overdue: int = Field(description=f"其中逾期未办结{DAY}")
    closed: int = Field(description=f"已办结的帮扶申请{DAY}")
    calls: int = Field(description=f"热线来电{DAY}")
