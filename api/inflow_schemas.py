"""Response model of the 流入党员台账 (inflow members: members of other counties
who live or work here), with the Chinese terms people read."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["InflowMemberOut"]


def _f(description: str) -> Any:
    return Field(None, description=description)


class InflowMemberOut(BaseModel):
    """流入党员台账中的一人（个人信息已脱敏）"""

    model_config = ConfigDict(extra="ignore")
    inflow_member_id: str = Field(description="流入党员编号")
    version: int = Field(description="版本号（供并发控制 expected_version 使用）")
    name: str = Field(description="姓名")
    gender: str | None = _f("性别：male 男 / female 女")
    birth_month: str | None = _f("出生年月")
    id_tail: str | None = _f("身份证号（脱敏，仅显示后四位）")
    phone_masked: str | None = _f("联系电话（脱敏）")
    standing: str | None = _f("正式/预备：full 正式党员 / probationary 预备党员")
    home_county: str | None = _f("原所在县（市、区）")
    home_org: str | None = _f("原所在党组织")
    home_org_code: str | None = _f("原所在党组织代码")
    home_certificate_number: str | None = _f("原籍发放的流动党员活动证编号")
    workplace: str | None = _f("在本县工作（居住）地点")
    employer: str | None = _f("工作单位")
    org_id: str | None = _f("接收的本县党组织编号")
    org_name: str | None = _f("接收的本县党组织")
    township_id: str | None = _f("接收党组织所属的基层党委编号")
    township_name: str | None = _f("接收党组织所属的基层党委")
    arrived_on: str | None = _f("到达本县时间")
    status: str = Field(description="状态：present 在本县、left 已离开")
    left_on: str | None = _f("离开时间")
    left_reason: str | None = _f("离开原因")
    left_to: str | None = _f("去向")
    last_contact_on: str | None = _f("最近联系时间")
    last_activity_on: str | None = _f("最近参加组织生活时间")
    paid_through: str | None = _f("党费交至年月（在本县交纳，或旧台账记载）")
    dues_fen: int | None = _f("在本县收缴的党费合计（分）")
    opinion_year: int | None = _f("最近评议意见年度（送原籍党组织）")
    opinion_grade: str | None = _f("最近评议意见的建议等次")
