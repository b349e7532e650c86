"""Response models of the activity records (活动记录): a list row per activity and one
activity with its attendees; docs/api.md describes the routes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["ActivityAttendeeOut", "ActivityDetailOut", "ActivityOut"]


def _f(description: str) -> Any:
    return Field(None, description=description)


class ActivityOut(BaseModel):
    """一条活动记录：哪个组织、何时、何种活动、多少人参加"""

    activity_id: str = Field(description="活动编号")
    org_id: str = Field(description="组织活动的服务站、服务点、党支部或流动党员党支部编号")
    org_name: str | None = _f("组织活动的组织")
    org_kind: str | None = _f("组织类别代码")
    org_kind_label: str | None = _f("组织类别")
    township_id: str | None = _f("所属基层党委编号（服务站、点为其所服务的乡镇党委）")
    township_name: str | None = _f("所属基层党委")
    kind: str = Field(description="活动类型代码：quarterly_theme 季度主题活动、three_services 三服务、night_school 夜校、"
                                  "life_meeting 组织生活会、other 其他")
    kind_label: str | None = _f("活动类型")
    topic: str = Field(description="活动主题")
    place: str = Field(description="活动地点")
    organiser: str = Field(description="组织人")
    held_on: str = Field(description="活动日期")
    quarter: str = Field(description="所属季度，如 2026Q3")
    recorded_at: str = Field(description="记录时间（UTC）")
    recorded_by: str | None = _f("记录人")
    position: int | None = _f("活动记录在全县事件日志中的位置（更正、作废时引用）")
    members: int = Field(description="参加的本县党员人数")
    inflow_members: int = Field(description="参加的流入党员人数")
    attendee_count: int = Field(description="参加人数（已单独作废的参加记录不计）")
    attendee_names: str = Field(description="参加人员姓名（本人可查看的前10名，流入党员注明“流入”；"
                                            "其余注明“另有N名其他组织的党员”）")
    others: int = Field(0, description="本人无权查看的参加人员人数（只计人数，不显示姓名）")


class ActivityAttendeeOut(BaseModel):
    """一名参加人员（身份证号已脱敏）"""

    attendee_kind: str = Field(description="member 本县党员、inflow_member 流入党员")
    attendee_id: str = Field(description="党员编号或流入党员编号")
    name: str | None = _f("姓名")
    id_tail: str | None = _f("身份证号（脱敏，仅后四位）")
    position: int = Field(description="该人参加记录在事件日志中的位置（名单有误时可单独作废）")


class ActivityDetailOut(ActivityOut):
    """一条活动记录及其参加人员"""

    attendees: list[ActivityAttendeeOut] = Field(description="本人可查看的参加人员（本县党员在前，按姓名）；"
                                                         "其余只计人数（others）")
