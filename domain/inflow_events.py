"""The events of an inflow member (流入党员) in the ledger, with their stored names.

Class names differ from the county's own members' events (`InflowRegistered`,
not `Registered`): the stored name is the topic, and the audit trail tells
events apart by class name.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.base import LedgerCreated, LedgerEvent
from domain.fields import a_date, a_phone, choice, text
from domain.member_events import check_initiator
from domain.vocab import ActivityKind, ContactMethod, ContactOutcome, Gender, LostReason, ReviewGrade, Standing

__all__ = [
    "InflowActivityAttended", "InflowContactRecorded", "InflowDuesCollected", "InflowEvent", "InflowLeft",
    "InflowLegacySummaryRecorded", "InflowOpinionSent", "InflowRegistered",
]

WHEN = {"effective_on": a_date("发生日期")}


class InflowEvent(LedgerEvent):
    """Base of an inflow member's events other than registration."""

    voidable = True


class InflowRegistered(LedgerCreated):
    TOPIC = "liudong.inflow_member.Registered"
    class_version = 1
    label = "流入党员登记"
    voidable = True
    correctable = {"name": text("姓名", 30), "gender": choice("性别", Gender), "phone": a_phone(),
                   "standing": choice("正式/预备", Standing), "home_county": text("原所在县（市、区）", 30),
                   "home_org": text("原所在党组织", 60), "home_org_code": text("原所在党组织代码", 30, False),
                   "home_certificate_number": text("原籍发放的流动党员活动证编号", 40, False),
                   "workplace": text("在本县工作（居住）地点", 100), "employer": text("工作单位", 100, False),
                   **WHEN}
    name: str
    gender: str
    birth_date: date
    id_number: str
    phone: str
    standing: str
    home_county: str
    home_org: str
    home_org_code: str
    home_certificate_number: str
    workplace: str
    employer: str
    org_id: UUID


class InflowContactRecorded(InflowEvent):
    TOPIC = "liudong.inflow_member.ContactRecorded"
    class_version = 1
    label = "联系流入党员"
    correctable = {"method": choice("联系方式", ContactMethod), "outcome": choice("联系结果", ContactOutcome),
                   "lost_reason": choice("失联原因", LostReason), "note": text("备注", 200, False),
                   "initiated_by": check_initiator, **WHEN}
    method: str
    outcome: str
    lost_reason: str | None
    note: str
    initiated_by: str


class InflowActivityAttended(InflowEvent):
    TOPIC = "liudong.inflow_member.ActivityAttended"
    class_version = 2  # v2: activity_id
    label = "流入党员参加组织生活"
    # One derived from an activity record (activity_id set) is corrected through that record.
    correctable = {"kind": choice("活动类型", ActivityKind), "title": text("活动主题", 100), **WHEN}
    kind: str  # an ActivityKind code; with activity_id, the activity's OrgActivityKind code
    title: str
    activity_id: UUID | None = None  # the activity record (活动记录) it derives from; None: recorded alone

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Attendance stored before v2 was recorded for the inflow member alone."""
        state["activity_id"] = None


class InflowDuesCollected(InflowEvent):
    TOPIC = "liudong.inflow_member.DuesCollected"
    class_version = 1
    label = "收缴流入党员党费"
    correctable = WHEN  # a wrong month or amount: void and record again
    months: list[str]
    amount_fen: int


class InflowOpinionSent(InflowEvent):
    TOPIC = "liudong.inflow_member.OpinionSent"
    class_version = 1
    label = "流入地党组织评议意见"
    correctable = {"opinion": text("评议意见", 500), "grade": choice("建议等次", ReviewGrade), **WHEN}
    year: int
    grade: str | None
    opinion: str


class InflowLeft(InflowEvent):
    TOPIC = "liudong.inflow_member.Left"
    class_version = 1
    label = "流入党员离开"
    correctable = {"reason": text("离开原因", 200), "destination": text("去向", 100, False), **WHEN}
    reason: str
    destination: str


class InflowLegacySummaryRecorded(InflowEvent):
    """What an old 流入党员台账 says of an inflow member, kept as written."""

    TOPIC = "liudong.inflow_member.LegacySummaryRecorded"
    class_version = 1
    label = "流入党员旧台账记载"
    paid_through: str | None
    last_contact_on: date | None
    last_activity_on: date | None
    opinion_year: int | None
    opinion_grade: str | None
    note: str
