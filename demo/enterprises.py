"""The demo county's non-public enterprises (非公有制企业), as the report has them:
"共有非公有制企业16家，从业党员681人，全部建立了党组织，覆盖率100%".

Each enterprise lies in a township, is kept by its township committee and has
its own branch (set up in the ledger's first year). The township compiles its
register half a year before the demo's end: the enterprise, its branch and the
county's members working there (named by ID number, as a staff list has them).
The workers are the demo's first members (`demo.member_plan.MemberPlan` gives
the same ID numbers the stories register), so every one of them is in the
register by then, whatever the scale; some of them may be away by the end.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.member_plan import DatedCommand, MemberPlan
from demo.setup import Directory, Township, demo_id
from domain.commands import (
    AddEnterpriseWorker, AllocateBlanks, EstablishOrganisation, LinkEnterpriseOrganisation, RegisterEnterprise,
)

__all__ = ["ENTERPRISES", "plan_enterprises"]

# (name, township, members working there at full size): 16 enterprises, 681 members.
ENTERPRISES = (
    ("四川南江光雾山旅游开发有限公司", "光雾山镇", 72), ("南江县金山建材有限公司", "南江镇", 58),
    ("南江县恒达水泥有限公司", "正直镇", 55), ("四川南江云顶茶业有限公司", "大河镇", 50),
    ("南江县核桃产业开发有限公司", "下两镇", 47), ("南江县黄羊养殖有限公司", "赶场镇", 45),
    ("南江县宏源矿业有限公司", "杨坝镇", 44), ("南江县通达运输有限公司", "八庙镇", 42),
    ("南江县金银花药业有限公司", "沙河镇", 40), ("南江县华兴建筑劳务有限公司", "桥亭镇", 38),
    ("南江县米仓山食品有限公司", "东榆镇", 36), ("南江县鑫源石材有限公司", "石滩镇", 34),
    ("南江县红光服装有限公司", "红光镇", 32), ("南江县顺通物流有限公司", "元潭镇", 30),
    ("南江县天池酒业有限公司", "天池镇", 30), ("南江县长赤电子有限公司", "长赤镇", 28),
)
FULL_BLANKS = 400  # blanks a township gets each year at full size (`demo.loader`: 400 × scale, at least 20)


def plan_enterprises(directory: Directory, start: date, end: date, seed: int) -> list[DatedCommand]:
    """The enterprises, their branches and their workers, as dated commands."""
    ratio = _blanks_per_year(directory) / FULL_BLANKS
    sizes = [max(3, round(full * min(ratio, 1.0))) for _, _, full in ENTERPRISES]
    towns = {t.name: t for t in directory.townships}
    workers = _workers(directory, start, end, seed, sizes)
    steps: list[DatedCommand] = []
    for k, ((name, town, _), numbers) in enumerate(zip(ENTERPRISES, workers, strict=True)):
        township: Township = towns[town]
        officer = township.officers[0]
        branch, enterprise = demo_id(f"{name}党支部"), demo_id(f"enterprise:{name}")
        founded = start + timedelta(days=30 + 20 * k)  # the branches came first
        steps.append(DatedCommand(founded, directory.admin, EstablishOrganisation(
            org_id=branch, kind="branch", name=f"{name}党支部", parent_id=township.id, effective_on=founded)))
        compiled = end - timedelta(days=190 - 2 * k)  # the register, half a year before the end
        steps.append(DatedCommand(compiled, officer, RegisterEnterprise(
            enterprise_id=enterprise, name=name, org_id=township.id, address=f"{town}工业集中区",
            effective_on=compiled)))
        steps.append(DatedCommand(compiled, officer, LinkEnterpriseOrganisation(
            enterprise_id=enterprise, org_id=branch, effective_on=compiled)))
        # Workers are members of any township: the county admin names them.
        steps += [DatedCommand(compiled, directory.admin, AddEnterpriseWorker(
            enterprise_id=enterprise, id_number=number, effective_on=compiled)) for number in numbers]
    return steps


def _blanks_per_year(directory: Directory) -> int:
    """How large the demo is: the blanks each township got a year (the directory says no more)."""
    first = next(cmd for _, cmd in directory.commands if isinstance(cmd, AllocateBlanks))
    return first.last - first.first + 1


def _workers(directory: Directory, start: date, end: date, seed: int, sizes: list[int]) -> list[list[str]]:
    """The ID numbers of the demo's first `sum(sizes)` members, shared out among the
    enterprises: members of an enterprise's own township first, the rest in turn."""
    id_numbers: dict[date, int] = {}
    plans = [MemberPlan(random.Random(f"{seed}:{index}"), index, directory, start, end, id_numbers,
                        member_id_for=lambda _: None)  # type: ignore[arg-type,return-value]
             for index in range(sum(sizes))]
    found: list[list[str]] = [[] for _ in sizes]
    taken: set[str] = set()
    for k, (_, town, _) in enumerate(ENTERPRISES):
        for plan in plans:
            if len(found[k]) < sizes[k] and plan.township.name == town:
                found[k].append(plan.id_number)
                taken.add(plan.id_number)
    rest = iter(p.id_number for p in plans if p.id_number not in taken)
    for k, size in enumerate(sizes):
        found[k] += [next(rest) for _ in range(size - len(found[k]))]
    return found
