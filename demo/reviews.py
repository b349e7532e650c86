"""The demo county's reviews and probation beyond the grade and the decision:
the organisation a member away reported in to gives its review opinion
(流入地党组织评议意见) before the home branch grades the year, and a probationer's
branch records an assessment (考察意见) about every quarter of the probation.

Like `demo.dues`, these are parts of the members' own stories (`demo.trips`
hands over each yearly review, `demo.member_plan` each probation): the extras of
`demo.extras` cannot name a county member. Each draws from its own random
source, so the stories' draws, and every figure they make, stay as they were.
No probation is cancelled here: that would change the county's totals. Branches
where more than 1/3 are graded 优秀 in a year come from the stories' own grades
(flag `excellent_share`).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from domain.commands import RecordProbationAssessment, RecordReviewOpinion
from domain.fields import add_months

if TYPE_CHECKING:
    from demo.member_plan import MemberPlan

__all__ = ["assess_probation", "opinion_before_review"]

OPINION_SHARE = 0.7  # of yearly reviews of a member reported in: an opinion from there first
OPINIONS = ("按时参加流动党员党支部组织生活，积极交纳党费", "遵守所在地党组织的各项规定，工作积极主动",
            "参加“三服务”季度主题活动，帮助身边群众解决困难", "参加组织生活次数较少，建议加强联系")
ASSESSMENTS = ("政治立场坚定，积极参加组织生活和学习", "工作认真负责，在群众中发挥了模范作用",
               "能按时交纳党费，主动向党组织汇报思想", "理论学习有待加强，已谈话提醒")


def opinion_before_review(m: MemberPlan, reviewed: date, year: int, grade: str, liaison: UUID,
                          reported: date | None) -> None:
    """The opinion of the organisation reported in to, some days before the branch grades `year`."""
    r = random.Random(f"review:{m.id_number}:{year}")
    day = reviewed - timedelta(days=r.randint(5, 25))
    if reported is None or day <= reported or r.random() >= OPINION_SHARE:
        return
    suggested = grade if r.random() < 0.8 else None
    text = OPINIONS[3] if grade in ("basically_qualified", "unqualified") else r.choice(OPINIONS[:3])
    m.add(day, liaison, RecordReviewOpinion(member_id=m.id, year=year, opinion=text, suggested_grade=suggested,
                                            effective_on=day))


def assess_probation(m: MemberPlan, joined: date, until: date) -> None:
    """An assessment about every quarter from the probation's start to `until` (the decision, or the end
    of an extension), by the branch's secretary."""
    r = random.Random(f"probation:{m.id_number}")
    day = joined + timedelta(days=r.randint(60, 100))
    quarter = 1
    while day < until:
        m.add(day, m.secretary, RecordProbationAssessment(
            member_id=m.id, period=f"{day.year}年第{(day.month - 1) // 3 + 1}季度", opinion=r.choice(ASSESSMENTS),
            effective_on=day))
        quarter += 1
        day = add_months(joined, 3 * quarter) - timedelta(days=r.randint(0, 20))
