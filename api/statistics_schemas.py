"""Response models of the county's figures (统计), with the Chinese terms
people read; docs/figures.md defines each figure."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["StatisticsOut"]


class StatisticsOut(BaseModel):
    """统计（某组织所辖或全县）"""

    members: int = Field(description="党员数")
    away: int = Field(description="外出党员数（含已报到、失联）")
    reported_in: int = Field(description="已报到")
    lost_contact: int = Field(description="失联")
    holding: int = Field(description="外出党员中持有效活动证的人数（政策开关 holding_requires_current_check 开启时，年审逾期的不计入）")
    lapsed: int = Field(description="外出党员中活动证有效但年审逾期的人数")
    holding_rate: float | None = Field(description="持证率（%）= 持证人数 ÷ 外出党员数")
    as_of: str = Field(description="统计所按的日期")
    by_destination: list[dict[str, Any]] = Field(description="按流向地")
    by_industry: list[dict[str, Any]] = Field(description="按行业")
    by_category: list[dict[str, Any]] = Field(description="按党员类别")
    by_township: list[dict[str, Any]] = Field(description="按乡镇党委（含持证率）")
