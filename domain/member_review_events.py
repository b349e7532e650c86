"""The events of reviews and probation beyond the grade and the decision
(`Reviewed`, `ProbationDecided` in `domain.member_events`): the review opinion
an inflow-area organisation gives on a member of the county away
(流入地党组织评议意见), and the assessment records of a probationary member
(预备党员考察意见) by the home branch or the organisation they reported in to."""

from __future__ import annotations

from uuid import UUID

from domain.fields import choice, text
from domain.member_events import WHEN, MemberEvent
from domain.vocab import ReviewGrade

__all__ = ["ProbationAssessed", "ReviewOpinionRecorded"]


class ReviewOpinionRecorded(MemberEvent):
    """流入地党组织评议意见: what the organisation a member reported in to says of the
    member's year, for the home branch that grades them (民主评议)."""

    TOPIC = "liudong.member.ReviewOpinionRecorded"
    class_version = 1
    label = "流入地党组织评议意见"
    correctable = {"opinion": text("评议意见", 500), "suggested_grade": choice("建议评议等次", ReviewGrade), **WHEN}
    year: int
    opinion: str
    suggested_grade: str | None  # a ReviewGrade code, or None: no grade suggested
    org_id: UUID | None  # the organisation whose opinion it is, when in the directory
    org_name: str  # its name as written on a paper opinion, when not in the directory ("" otherwise)


class ProbationAssessed(MemberEvent):
    """预备党员考察意见: one assessment record during probation."""

    TOPIC = "liudong.member.ProbationAssessed"
    class_version = 1
    label = "预备党员考察意见"
    correctable = {"period": text("考察期间", 30, False), "opinion": text("考察意见", 500), **WHEN}
    period: str  # the period it covers, as written (e.g. 2025年第二季度); "" for the day only
    opinion: str
