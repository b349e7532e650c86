"""Response model of a member's reviews and probation (民主评议与预备党员考察): per year
the grade, the opinions of the organisations reported in to and the assessments, and
the branch meeting's decisions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["MemberReviewsOut"]


def _f(description: str) -> Any:
    return Field(None, description=description)


class OpinionOut(BaseModel):
    """流入地党组织评议意见"""

    day: str = Field(description="记录日期")
    opinion: str = Field(description="评议意见")
    suggested_grade: str | None = _f("建议评议等次（excellent 优秀、qualified 合格、basically_qualified 基本合格、unqualified 不合格）")
    suggested_grade_label: str | None = _f("建议评议等次（中文）")
    org_id: str | None = _f("出具意见的党组织编号（本系统中的）")
    org_name: str | None = _f("出具意见的党组织")
    recorded_by_org_name: str | None = _f("录入的组织（流入地党组织本身，或录入纸质意见的本县组织）")


class AssessmentOut(BaseModel):
    """预备党员考察意见"""

    day: str = Field(description="记录日期")
    period: str = Field(description="考察期间（未填为空）")
    opinion: str = Field(description="考察意见")
    org_name: str | None = _f("记录的组织（所在支部一方，或其报到的流入地党组织）")


class ReviewYearOut(BaseModel):
    """某一年度：评议结果、流入地党组织评议意见、考察意见"""

    year: int = Field(description="年度")
    grade: str | None = _f("评议结果（未评议为空）")
    grade_label: str | None = _f("评议结果（中文）")
    reviewed_on: str | None = _f("评议日期")
    branch_id: str | None = _f("评议时所在支部编号")
    branch_name: str | None = _f("评议时所在支部")
    opinions: list[OpinionOut] = Field(description="该年度的流入地党组织评议意见")
    assessments: list[AssessmentOut] = Field(description="该年记录的预备党员考察意见")


class DecisionOut(BaseModel):
    """支部大会对预备党员的决定"""

    day: str = Field(description="决定日期")
    outcome: str = Field(description="结论：on_time 按期转正、extended 延长预备期、cancelled 取消预备党员资格")
    outcome_label: str = Field(description="结论（中文）")
    extension_months: int | None = _f("延长月数")
    attendance: str = Field(description="本人参会方式：in_person、video、phone、absent（仅取消资格）、unrecorded（旧记录未记载）")
    attendance_label: str = Field(description="本人参会方式（中文）")
    reason: str = Field(description="理由（旧记录为空）")


class MemberReviewsOut(BaseModel):
    """党员的民主评议与预备党员考察"""

    member_id: str = Field(description="党员编号")
    name: str = Field(description="姓名")
    standing: str = Field(description="full 正式党员、probationary 预备党员")
    probation_start: str | None = _f("预备期开始日期")
    years: list[ReviewYearOut] = Field(description="各年度，新的在前")
    decisions: list[DecisionOut] = Field(description="转正、延长、取消的决定，按时间先后")
