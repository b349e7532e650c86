"""The demo county's inflow members (流入党员): a few hundred members of nearby
counties working in Nanjiang, taken in by its branches and committees, with
contacts, activities, dues collected here, yearly opinions sent home, and
some who left. Apart from the county's own members: the report's totals do
not move. Deterministic from the seed."""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.member_plan import DatedCommand
from demo.names import GIVEN, SURNAMES
from demo.setup import Directory
from domain.commands import (
    CollectInflowDues, Command, RecordInflowActivity, RecordInflowContact, RecordInflowLeaving,
    RegisterInflowMember, SendInflowOpinion,
)
from domain.fields import add_months, id_check_digit, month_of

__all__ = ["INFLOW_MEMBERS", "plan_inflow"]

INFLOW_MEMBERS = 200
# Home counties, with the region code their ID numbers begin with.
HOMES = (("巴中市巴州区", "511902"), ("通江县", "511921"), ("平昌县", "511923"), ("汉中市南郑区", "610703"),
         ("广元市旺苍县", "510821"), ("达州市宣汉县", "511722"), ("重庆市城口县", "500229"))
WORKPLACES = ("南江县城北工业园", "光雾山景区", "南江县城市政工地", "长赤镇石材厂", "赶场镇茶叶加工厂", "县城物流园")
EMPLOYERS = ("南江某建材公司", "光雾山旅游公司", "南江某建筑劳务公司", "", "南江某茶业公司")


def plan_inflow(directory: Directory, start: date, end: date, seed: int) -> list[DatedCommand]:
    """Every inflow member's commands, each recorded on the day it happened."""
    r = random.Random(f"inflow:{seed}")
    steps: list[DatedCommand] = []
    for index in range(INFLOW_MEMBERS):
        steps += _member(r, index, directory, start, end)
    return steps


def _member(r: random.Random, index: int, directory: Directory, start: date, end: date) -> list[DatedCommand]:
    county, region = HOMES[index % len(HOMES)]
    township = r.choice(directory.townships)
    if index % 10 == 0:  # a few taken in by a township committee or the county committee itself
        org, actor = (directory.committee, directory.admin) if index % 30 == 0 else (township.id, township.officers[0])
    else:
        org, actor = r.choice(township.branches)
    birth = date(r.randint(1960, 2000), r.randint(1, 12), r.randint(1, 28))
    first17 = f"{region}{birth:%Y%m%d}{index % 1000:03d}"
    number = first17 + id_check_digit(first17)
    arrived = start + timedelta(days=r.randint(0, (end - start).days - 60))
    steps = [DatedCommand(arrived, actor, RegisterInflowMember(
        name=r.choice(SURNAMES) + "".join(r.choices(GIVEN, k=r.randint(1, 2))), gender=r.choice(("male", "female")),
        birth_date=birth, id_number=number, phone=f"1{r.choice('358')}{r.randint(0, 999_999_999):09d}",
        standing="probationary" if r.random() < 0.06 else "full", home_county=county,
        home_org=f"中共{county}{r.choice(('城关镇', '某乡', '某街道'))}委员会",
        home_org_code=f"{region}{r.randint(10, 99)}" if r.random() < 0.5 else "",
        home_certificate_number=f"{region}-{arrived.year}-{r.randint(1, 9999):05d}" if r.random() < 0.6 else "",
        workplace=r.choice(WORKPLACES), employer=r.choice(EMPLOYERS), org_id=org, effective_on=arrived))]
    leaves = add_months(arrived, r.randint(4, 30)) if r.random() < 0.3 else None
    last = min(leaves - timedelta(days=1), end) if leaves else end

    def later(day: date, command: Command) -> None:
        if arrived < day <= last:
            steps.append(DatedCommand(day, actor, command))

    for months in range(1, 60, 12):  # a yearly contact, and organisational life now and then
        day = add_months(arrived, months)
        later(day, RecordInflowContact(id_number=number, method=r.choice(("phone", "visit", "network")),
                                       outcome="reached" if r.random() < 0.9 else "not_reached",
                                       initiated_by=r.choice(("organisation", "member")), effective_on=day))
        if r.random() < 0.3:
            later(day + timedelta(days=2), RecordInflowActivity(id_number=number, kind="quarterly",
                                                                title="“三服务”季度主题活动", effective_on=day + timedelta(days=2)))
    if r.random() < 0.4:  # dues collected here once a year, for its twelve months
        for year in range(1, 5):
            day = add_months(arrived, 12 * year).replace(day=15)
            months = tuple(month_of(add_months(day, -k)) for k in range(11, -1, -1))
            later(day, CollectInflowDues(id_number=number, months=months, amount_fen=12 * r.choice((200, 1000, 3000)),
                                         effective_on=day))
    for year in range(max(arrived.year, end.year - 2), end.year):  # the opinions of the last two years, in January
        day = date(year + 1, 1, 10 + r.randint(0, 15))
        later(day, SendInflowOpinion(id_number=number, year=year, effective_on=day,
                                     grade=r.choice(("qualified", "qualified", "excellent", None)),
                                     opinion=r.choice(("积极参加组织生活，按时交纳党费", "遵守纪律，工作认真", "能参加流入地组织活动"))))
    if leaves and leaves <= end:
        steps.append(DatedCommand(leaves, actor, RecordInflowLeaving(
            id_number=number, reason=r.choice(("工程结束", "返回原籍", "工作调动")),
            destination=r.choice(("", "四川省成都市", "陕西省西安市")), effective_on=leaves)))
    return steps
