"""Response models of the county's figures (统计) and of 应发未发, with the
Chinese terms people read; docs/figures.md defines each figure."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CountiesStatisticsOut", "CountyStatisticsOut", "CoverageOut", "DestinationOut", "MissingOut",
           "StatisticsOut", "TownshipOut"]

RATE = "（%，保留一位小数；分母为0时为 null）"
INFLOW = "流入党员（外县党员在本县工作、居住，另行登记，不计入本县党员、外出党员和持证率）人数"


class CoverageOut(BaseModel):
    """外出党员的持证、应发、报到、失联与联系情况（按统计日期与当日政策）"""

    members: int = Field(description="在册党员数（不含已不在册）；按流向地统计时为在该地的外出党员数")
    away: int = Field(description="外出党员数：外出、已报到、失联均计入")
    holding: int = Field(description="外出党员中持有效活动证的人数（政策开关 holding_requires_current_check 开启时，年审逾期的不计入）")
    holding_rate: float | None = Field(description=f"持证率 = 持有效活动证人数 ÷ 外出党员数{RATE}")
    lapsed: int = Field(description="外出党员中活动证有效但年审逾期的人数")
    eligible: int = Field(description="应发活动证人数：外出，未开具组织关系介绍信（组织关系未转移），且外出已满或预计外出满"
                                      " certificate_min_months_away 个月")
    eligible_holding: int = Field(description="应发活动证且持有效活动证的人数")
    eligible_holding_rate: float | None = Field(description=f"应发持证率 = 应发且持证人数 ÷ 应发人数{RATE}")
    missing: int = Field(description="应发未发人数 = 应发人数 − 应发且持证人数（名单见 GET /certificates/missing）")
    reported_in: int = Field(description="已报到：外出并已向流入地党组织或流动党员党支部报到，且未失联")
    reported_in_rate: float | None = Field(description=f"报到率 = 已报到人数 ÷ 外出党员数{RATE}")
    lost_contact: int = Field(description="失联：外出，且最近一次“失联”联系记录晚于最近一次联系上")
    lost_contact_rate: float | None = Field(description=f"失联率 = 失联人数 ÷ 外出党员数{RATE}")
    contacted_recently: int = Field(description="近期联系人数：外出党员中，统计日期前 contact_recent_months 个月内（含两端）"
                                                "有联系上的记录（组织找党员或党员找组织；未联系上、失联不算）")
    contact_rate: float | None = Field(description=f"联系率 = 近期联系人数 ÷ 外出党员数{RATE}")


class TownshipOut(CoverageOut):
    """一个基层党委（乡镇党委、部门党委；县委直属党支部的党员计在县委名下）所辖党员的统计"""

    township_id: str | None = Field(description="基层党委编号：党员所在支部的上级党委（乡镇党委、部门党委，或县委）")
    township_name: str | None = Field(description="基层党委名称")
    inflow_members: int = Field(0, description=INFLOW + "（由该党委及其下级接收的）")


class DestinationOut(CoverageOut):
    """一个流向地（省、市）外出党员的统计"""

    province: str | None = Field(description="流向地（省）")
    city: str | None = Field(description="流向地（市）")


class StatisticsOut(CoverageOut):
    """统计（某组织所辖或全县）"""

    as_of: str = Field(description="统计所按的日期（年审是否逾期、外出是否满期、联系是否近期，均按该日与当日政策判断）")
    inflow_members: int = Field(description=INFLOW + "：统计日期已到达、尚未离开的")
    by_township: list[TownshipOut] = Field(description="按基层党委（乡镇党委、部门党委、县委直属），字段同上")
    by_destination: list[DestinationOut] = Field(description="按流向地（省、市），外出党员人数多者在前，字段同上")
    by_industry: list[dict[str, Any]] = Field(description="外出党员按从事行业：industry 行业、members 人数")
    by_category: list[dict[str, Any]] = Field(description="外出党员按党员类别：category 类别、members 人数")


class CountyStatisticsOut(StatisticsOut):
    """一个县的统计（全县），字段同 GET /statistics"""

    code: str = Field(description="县代码（6位行政区划代码）")
    name: str = Field(description="县名")


class CountiesTotalOut(CoverageOut):
    """所辖各县合计：人数相加，比率按合计人数重新计算（不是各县比率的平均）"""

    as_of: str = Field(description="统计所按的日期")
    inflow_members: int = Field(description="各县" + INFLOW + "之和")
    counties: int = Field(description="合计的县数")


class CountiesStatisticsOut(BaseModel):
    """所辖各县的统计：逐县并列，并有合计"""

    counties: list[CountyStatisticsOut] = Field(description="各县统计，按县代码排列")
    total: CountiesTotalOut = Field(description="合计")


class MissingOut(BaseModel):
    """应发未发：应发活动证而没有计为持有效活动证的外出党员（个人信息已脱敏）"""

    model_config = ConfigDict(extra="ignore")
    member_id: str = Field(description="党员编号")
    name: str = Field(description="姓名")
    id_tail: str | None = Field(None, description="身份证号（脱敏，仅显示后四位）")
    branch_id: str | None = Field(None, description="所在支部编号")
    branch_name: str | None = Field(None, description="所在支部")
    township_name: str | None = Field(None, description="所属乡镇党委")
    status: str = Field(description="状态：away 外出、reported_in 已报到、lost_contact 失联")
    departed_on: str = Field(description="外出时间")
    months_away: int = Field(description="到统计日期已外出的整月数")
    expected_months: int | None = Field(None, description="预计外出月数")
    province: str | None = Field(None, description="流向地（省）")
    city: str | None = Field(None, description="流向地（市）")
    industry: str | None = Field(None, description="从事行业")
    reported_in_name: str | None = Field(None, description="流入地党组织（已报到时）")
    certificate_number: str | None = Field(None, description="有效活动证编号（仅年审逾期时有）")
    reason: str = Field(description="原因：check_overdue 年审逾期、approved 已审批未发证、requested 已申请未审批、"
                                    "lost 已挂失未补发、never_requested 从未申请（无待审批或已批准的申请；曾被退回的申请见说明）")
    reason_label: str = Field(description="原因（中文）")
    reason_on: str | None = Field(None, description="原因所指的日期：年审应完成日、批准日、申请日或挂失日；从未申请时为 null")
    detail: str = Field(description="说明")
    request_id: str | None = Field(None, description="待审批或已批准未发证的申请编号")
