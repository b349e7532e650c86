"""The demo's parts beyond the county's own members' stories: each is a
function of the directory, the demo's first and last day and the seed that
returns dated commands (in any order; the loader merges them by day)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from demo.care import plan_care
from demo.activities import plan_activities
from demo.enterprises import plan_enterprises
from demo.handover import handover
from demo.inflow import plan_inflow
from demo.member_plan import DatedCommand
from demo.setup import Directory

__all__ = ["EXTRAS"]

Plan = Callable[[Directory, date, date, int], list[DatedCommand]]

EXTRAS: list[Plan] = [
    # -- extras --
    plan_inflow,  # 200 inflow members (流入党员) from seven nearby counties, some left again
    plan_enterprises,  # 16 non-public enterprises, 681 members working there, each with its branch
    # -- extras: activities --
    plan_activities,  # a year of station, point and mobile branch activities (活动记录), some quarters missed
    # -- extras: reviews --
    # -- extras: dues --
    # (dues: none apart; 自愿多交, 少交, approvals and 补交 come with each time away: demo.dues.DuesStory)
    # -- extras: care --
    plan_care,  # a year of care requests (帮扶申请) at the stations and the centre, and hotline calls
    handover,  # the county town's 背哥协会 branch handed over to 南江镇 (移交)
]
