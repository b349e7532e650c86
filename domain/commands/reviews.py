"""Commands of reviews and probation (民主评议、预备党员考察): the review opinion of
an inflow-area organisation on a member of the county away, and the assessment
records of a probationary member. The grade (`RecordReview`) and the decision
(`DecideProbation`) are in `domain.commands.members`."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["RecordReviewOpinion", "RecordProbationAssessment"]


@dataclass(frozen=True, kw_only=True)
class RecordReviewOpinion(Command):
    label = "流入地党组织评议意见"
    member_id: UUID = f("党员")
    year: int = f("评议年度")
    opinion: str = f("评议意见")
    suggested_grade: str | None = f("建议评议等次", None)
    # Inflow officers: their own organisation. The home side entering a paper opinion names who gave it:
    # an organisation of the directory, or its full name; neither: the one reported in to on the day.
    org_id: UUID | None = f("出具意见的流入地党组织（不填为该党员当日报到的组织）", None)
    org_name: str = f("出具意见的党组织名称（不在本系统中的，填写全称）", "")


@dataclass(frozen=True, kw_only=True)
class RecordProbationAssessment(Command):
    label = "预备党员考察意见"
    member_id: UUID = f("党员")
    opinion: str = f("考察意见")
    period: str = f("考察期间（如2025年第二季度）", "")
