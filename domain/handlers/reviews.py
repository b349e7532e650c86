"""Handlers of reviews and probation: review opinions (流入地党组织评议意见) and
assessment records (预备党员考察意见). Both are field commands: the home
branch's side, or the organisation the member reported in to (its officers,
and the officers of the subtree holding it), as `domain.jurisdiction` says."""

from __future__ import annotations

from uuid import UUID

from domain.commands import RecordProbationAssessment, RecordReviewOpinion
from domain.organisation import Organisation
from domain.unit_of_work import UnitOfWork
from domain.vocab import Role


def opinion(uow: UnitOfWork, cmd: RecordReviewOpinion) -> UUID:
    """An inflow officer gives its own organisation's opinion; the home side enters one
    received on paper, from the organisation named or the one reported in to that day."""
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    org: Organisation | None = None
    if uow.actor.role == Role.INFLOW_OFFICER:
        assert ctx.actor_org is not None
        org = uow.org(ctx.actor_org)
        name = ""
    else:
        name = cmd.org_name
        if cmd.org_id is not None:
            org = uow.org(cmd.org_id)
        elif not name.strip():
            away = member.absence_on(ctx.effective_on)
            org = uow.org(away.reported_in_org) if away and away.reported_in_org else None
    member.record_review_opinion(ctx, cmd.year, cmd.opinion, cmd.suggested_grade, org, name)
    return member.id


def assessment(uow: UnitOfWork, cmd: RecordProbationAssessment) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.assess_probation(ctx, cmd.opinion, cmd.period)
    return member.id
