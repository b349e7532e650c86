"""The events of a member's liaison (落实专人负责) and of stopping, removing
and restoring membership (停止党籍、按自行脱党除名、恢复党籍, 条例2019).

Each decision is two events by two different officers: the branch proposes
(or the branch meeting resolves), the organisation at the level policy names
decides. A decision carries `approved`: a higher organisation may say no.
"""

from __future__ import annotations

from uuid import UUID

from domain.fields import a_date, text
from domain.member_events import MemberEvent

__all__ = [
    "LiaisonAssigned", "MembershipStopDecided", "MembershipStopProposed", "RemovalDecided", "RemovalProposed",
    "RestorationDecided", "RestorationRequested", "RestorationResolved",
]

WHEN = {"effective_on": a_date("发生日期")}
NOTE = {"note": text("意见", 500, False), **WHEN}


class LiaisonAssigned(MemberEvent):
    """The member's liaison from now on: an officer, or a named person at a station or point."""

    TOPIC = "liudong.member.LiaisonAssigned"
    class_version = 1
    label = "指定联系人"
    correctable = {"name": text("联系人姓名", 30), **WHEN}
    officer_id: UUID | None  # when the liaison is an officer
    name: str
    org_id: UUID  # the officer's organisation, or the station or point


class MembershipStopProposed(MemberEvent):
    TOPIC = "liudong.member.MembershipStopProposed"
    class_version = 1
    label = "提请停止党籍"
    correctable = NOTE
    lost_contacts: list[int]  # log positions of the lost-contact records cited
    note: str


class MembershipStopDecided(MemberEvent):
    TOPIC = "liudong.member.MembershipStopDecided"
    class_version = 1
    label = "审批停止党籍"
    correctable = NOTE
    approved: bool
    note: str


class RemovalProposed(MemberEvent):
    TOPIC = "liudong.member.RemovalProposed"
    class_version = 1
    label = "提请按自行脱党除名"
    correctable = NOTE
    note: str


class RemovalDecided(MemberEvent):
    TOPIC = "liudong.member.RemovalDecided"
    class_version = 1
    label = "审批按自行脱党除名"
    correctable = NOTE
    approved: bool
    note: str


class RestorationRequested(MemberEvent):
    TOPIC = "liudong.member.RestorationRequested"
    class_version = 1
    label = "恢复党籍申请"
    correctable = {"statement": text("本人申请", 500), **WHEN}
    statement: str  # the member's own request, as written


class RestorationResolved(MemberEvent):
    TOPIC = "liudong.member.RestorationResolved"
    class_version = 1
    label = "支部大会讨论恢复党籍"
    correctable = NOTE
    restore: bool
    note: str


class RestorationDecided(MemberEvent):
    TOPIC = "liudong.member.RestorationDecided"
    class_version = 1
    label = "审批恢复党籍"
    correctable = NOTE
    approved: bool
    note: str
