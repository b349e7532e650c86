"""A handover (移交) in the demo county: the 背哥协会 branch of the county town,
set up under the county committee for rural members working in town, is handed
over "待条件成熟后" to the committee of the town itself (南江镇). It stays open
there with its members: the totals do not change."""

from __future__ import annotations

from datetime import date

from demo.member_plan import DatedCommand
from demo.setup import COUNTY_TOWN_BRANCH, Directory, demo_id
from domain.commands import HandOverOrganisation
from domain.fields import add_months

__all__ = ["handover"]

AFTER_MONTHS = 36  # from the demo's first day
COUNTY_TOWN = "南江镇"


def handover(directory: Directory, start: date, end: date, seed: int) -> list[DatedCommand]:
    day = add_months(start, AFTER_MONTHS)
    if day > end:
        return []
    town = next(t for t in directory.townships if t.name == COUNTY_TOWN)
    return [DatedCommand(day, directory.admin, HandOverOrganisation(
        org_id=demo_id(COUNTY_TOWN_BRANCH[3]), to_org_id=town.id, effective_on=day))]
