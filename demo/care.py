"""The demo county's care work (帮扶服务) in its last year: requests taken at the
township stations and the service centre, for the county's own members and for
inflow members (流入党员), each served once or more and most of them closed; a
few left open, some of them overdue. The service centre's hotline (咨询服务专用电话)
takes calls all year, most from callers it cannot name. Deterministic from the seed.

Members are named by ID number (the demo knows no ids): the county's own among the
first members of the stories (`demo.member_plan.MemberPlan`), asking only in the
last 199 days, by when every one of them is registered; inflow members while they
are in the county (`demo.inflow`, planned again: it is cheap and deterministic).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from demo.inflow import plan_inflow
from demo.member_plan import DatedCommand, MemberPlan
from demo.setup import Directory, demo_id
from domain.commands import (
    AllocateBlanks, AppointOfficer, CloseCareRequest, LogHotlineCall, RecordCareService, RecordInflowLeaving,
    RegisterInflowMember, RequestCare,
)

__all__ = ["plan_care"]

CENTRE = "南江县流动党员服务中心"
ON_DUTY = "服务中心热线值班员刘芳"
SAFE_DAYS = 199  # a probationer of the stories is registered at least 200 days before the end
ASKED = {  # kind -> (weight, what is asked, what is done)
    "jobs": (30, ("返乡后想在县内找工作", "想了解县城工业园招工信息", "外出务工前想找可靠的用工单位"),
             ("推送县人社局招聘信息", "推荐到县城北工业园面试", "联系流入地人社部门了解岗位")),
    "legal": (15, ("在外务工被拖欠工资", "工伤后单位拒绝赔偿", "劳动合同纠纷"),
              ("联系县法律援助中心", "协调流入地党组织与用工单位沟通", "陪同到劳动仲裁委员会申请仲裁")),
    "hardship": (20, ("家中老人患病，生活困难", "子女上学有困难", "房屋受灾需要帮助"),
                 ("走访慰问并送去慰问金", "协助申请临时救助", "联系村委会落实帮扶措施")),
    "skills": (15, ("想参加电焊技能培训", "想学习茶叶加工技术", "想参加电商培训"),
               ("推荐参加县就业培训中心培训班", "报名参加流动党员夜校", "联系农技站上门指导")),
    "policy": (15, ("咨询外出期间如何交纳党费", "咨询组织关系转接手续", "咨询活动证年审"),
               ("当面解答并发放政策资料", "电话回复办理流程", "协助准备转接材料")),
    "other": (5, ("希望为留守子女联系结对帮扶", "反映流入地党组织联系不畅"),
              ("联系团县委落实结对", "与流入地党组织沟通联系")),
}
OUTCOMES = (("resolved", 70), ("partly_resolved", 12), ("referred", 10), ("unresolved", 5), ("withdrawn", 3))


@dataclass(frozen=True)
class _Asker:
    id_number: str
    org: UUID  # where they ask: their township's station, or the service centre
    actor: UUID
    first: date  # the first and last day they may ask on
    last: date


def plan_care(directory: Directory, start: date, end: date, seed: int) -> list[DatedCommand]:
    """The centre's duty officer appointed, a year of requests and hotline calls, as dated commands."""
    r = random.Random(f"care:{seed}")
    first = end - timedelta(days=365)
    centre, duty = demo_id(CENTRE), demo_id(f"officer:{ON_DUTY}")
    steps = [DatedCommand(first, directory.admin, AppointOfficer(officer_id=duty, name=ON_DUTY, org_id=centre,
                                                                 role="officer", effective_on=first))]
    ratio = min(_blanks_per_year(directory) / 400, 1.0)
    own = _own_members(directory, start, end, seed, max(20, round(400 * ratio)), duty)
    inflow = _inflow_members(directory, start, end, seed, max(first, start) + timedelta(days=1), duty)
    for k in range(max(12, round(240 * ratio))):
        asker = r.choice(own) if r.random() < 0.7 or not inflow else r.choice(inflow)
        # The first two stay open and grow overdue, the third is open and recent, at any scale.
        low, high = (asker.first, asker.last - timedelta(days=45) if k < 2 else asker.last)
        low = max(low, end - timedelta(days=20)) if k == 2 else low
        if low <= high:
            day = low + timedelta(days=r.randint(0, (high - low).days))
            steps += _request(r, demo_id(f"care:{k}"), asker, day, end, stays_open=k < 3)
    for _ in range(max(20, round(600 * ratio))):
        steps.append(_call(r, first + timedelta(days=r.randint(1, 365)), end, centre, duty, own))
    return steps


def _request(r: random.Random, care: UUID, asker: _Asker, day: date, end: date,
             stays_open: bool = False) -> list[DatedCommand]:
    kind = r.choices(list(ASKED), [w for w, _, _ in ASKED.values()])[0]
    _, asks, dones = ASKED[kind]
    steps = [DatedCommand(day, asker.actor, RequestCare(
        care_request_id=care, kind=kind, org_id=asker.org, id_number=asker.id_number, summary=r.choice(asks),
        handler_name="服务站志愿者王强" if r.random() < 0.1 else None, effective_on=day))]
    served = day
    for _ in range(1 if stays_open else r.choice((1, 1, 2, 3))):
        served += timedelta(days=r.randint(1, 15))
        if served > end:
            return steps  # still open at the end: overdue if old enough
        steps.append(DatedCommand(served, asker.actor, RecordCareService(
            care_request_id=care, content=r.choice(dones), effective_on=served)))
    closed = served + timedelta(days=r.randint(1, 20))
    if closed <= end and not stays_open and r.random() < 0.92:  # a few stay open, forgotten: the flag finds them
        outcome = r.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
        steps.append(DatedCommand(closed, asker.actor, CloseCareRequest(
            care_request_id=care, outcome=outcome, note="已回访，本人满意" if outcome == "resolved" else "",
            effective_on=closed)))
    return steps


def _call(r: random.Random, day: date, end: date, centre: UUID, duty: UUID, own: list[_Asker]) -> DatedCommand:
    kind = r.choices(list(ASKED), [w for w, _, _ in ASKED.values()])[0]
    _, asks, dones = ASKED[kind]
    known = [a for a in own if a.first <= day <= a.last] if r.random() < 0.15 else []
    return DatedCommand(day, duty, LogHotlineCall(
        org_id=centre, kind=kind, topic=r.choice(asks), outcome=r.choice(dones + ("当场解答",)),
        id_number=r.choice(known).id_number if known else None, effective_on=min(day, end)))


def _own_members(directory: Directory, start: date, end: date, seed: int, count: int, duty: UUID) -> list[_Asker]:
    """The stories' first `count` members (always in the register), asking at their township's station."""
    id_numbers: dict[date, int] = {}
    plans = [MemberPlan(random.Random(f"{seed}:{index}"), index, directory, start, end, id_numbers,
                        member_id_for=lambda _: None)  # type: ignore[arg-type,return-value]
             for index in range(count)]
    towns = {t.id for t in directory.townships}
    found = []
    for plan in plans:
        org, actor = _station(plan.township.name) if plan.township.id in towns else (demo_id(CENTRE), duty)
        found.append(_Asker(plan.id_number, org, actor, end - timedelta(days=SAFE_DAYS), end))
    return found


def _inflow_members(directory: Directory, start: date, end: date, seed: int, first: date,
                    duty: UUID) -> list[_Asker]:
    """Inflow members while in the county, asking at the station of the township that took them in."""
    steps = plan_inflow(directory, start, end, seed)
    left = {s.command.id_number: s.day for s in steps if isinstance(s.command, RecordInflowLeaving)}
    township_of = {branch: t for t in directory.townships for branch, _ in t.branches}
    township_of.update({t.id: t for t in directory.townships})
    found = []
    for step in steps:
        command = step.command
        if isinstance(command, RegisterInflowMember):
            township = township_of.get(command.org_id)
            org, actor = _station(township.name) if township else (demo_id(CENTRE), duty)
            gone = left.get(command.id_number)
            found.append(_Asker(command.id_number, org, actor, max(first, step.day + timedelta(days=10)),
                                min(end, gone - timedelta(days=1)) if gone else end))
    return found


def _station(town: str) -> tuple[UUID, UUID]:
    """A township's service station and its head (`demo.setup.plan_directory` names both)."""
    return demo_id(f"{town}流动党员服务站"), demo_id(f"officer:{town}服务站站长")


def _blanks_per_year(directory: Directory) -> int:
    """How large the demo is: the blanks each township got a year (the directory says no more)."""
    first = next(cmd for _, cmd in directory.commands if isinstance(cmd, AllocateBlanks))
    return first.last - first.first + 1
