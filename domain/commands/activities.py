"""Commands of the activities area (issue 16): an organisation records an activity it held."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["RecordOrgActivity"]


@dataclass(frozen=True, kw_only=True)
class RecordOrgActivity(Command):
    """effective_on: the day the activity was held. Each attendee's own record
    (参加组织生活) is made from it; members at home may attend too."""

    label = "活动记录"
    org_id: UUID = f("组织活动的服务站、服务点、党支部或流动党员党支部")
    kind: str = f("活动类型")
    topic: str = f("活动主题")
    place: str = f("活动地点")
    organiser: str = f("组织人")
    member_ids: tuple[UUID, ...] = f("参加的本县党员（党员编号）", ())
    member_id_numbers: tuple[str, ...] = f("参加的本县党员身份证号（未给党员编号时，如按签到表）", ())
    inflow_member_ids: tuple[UUID, ...] = f("参加的流入党员（流入党员编号）", ())
    inflow_id_numbers: tuple[str, ...] = f("参加的流入党员身份证号（未给流入党员编号时）", ())
    activity_id: UUID | None = f("活动编号（留空自动生成）", None)
