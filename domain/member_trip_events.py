"""The events of a time away beyond leaving and coming back: a departure
reported before the day of leaving (外出前报告) and its cancellation, and a
short return home (临时返乡: 农忙、春节) until the member goes back.

A planned departure is a `Departed` whose time away starts on `planned_on`
instead of the day it was recorded, so everything that reads departures
reads it too."""

from __future__ import annotations

from datetime import date

from domain.fields import a_date, text
from domain.member_events import WHEN, Departed, MemberEvent

__all__ = ["DepartureCancelled", "DeparturePlanned", "TemporarilyReturned", "WentBack"]


class DeparturePlanned(Departed):
    """外出前报告: recorded on `effective_on`, the member leaves on `planned_on` (later)."""

    TOPIC = "liudong.member.DeparturePlanned"
    class_version = 1
    label = "外出前报告"
    correctable = {**Departed.correctable, "planned_on": a_date("计划外出日期")}
    planned_on: date

    @property
    def leaves_on(self) -> date:
        return self.planned_on


class DepartureCancelled(MemberEvent):
    """取消计划外出: before its planned day, the member will not leave after all."""

    TOPIC = "liudong.member.DepartureCancelled"
    class_version = 1
    label = "取消计划外出"
    correctable = {"reason": text("取消原因", 200, False), **WHEN}
    reason: str


class TemporarilyReturned(MemberEvent):
    """临时返乡: home for a while, still away (the certificate stays with the member)."""

    TOPIC = "liudong.member.TemporarilyReturned"
    class_version = 1
    label = "临时返乡"
    correctable = {"expected_back_on": a_date("预计返回外出地日期"), "reason": text("返乡事由", 100, False),
                   **WHEN}
    expected_back_on: date
    reason: str


class WentBack(MemberEvent):
    """返回外出地: the end of a short return home; the time away goes on."""

    TOPIC = "liudong.member.WentBack"
    class_version = 1
    label = "返回外出地"
    correctable = WHEN
