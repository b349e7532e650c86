"""Handlers of the dues area (issue 16): approving a reduction or exemption
(批准少交或免交党费), recorded by the home branch's subtree. A payment is
`domain.handlers.members.dues`."""

from __future__ import annotations

from uuid import UUID

from domain.commands.dues import ApproveDuesReduction
from domain.unit_of_work import UnitOfWork

__all__ = ["approve_reduction"]


def approve_reduction(uow: UnitOfWork, cmd: ApproveDuesReduction) -> UUID:
    member, ctx = uow.for_member(cmd.member_id, cmd, cmd.expected_version)
    member.approve_dues_reduction(ctx, approved_by=cmd.approved_by, from_month=cmd.from_month,
                                  monthly_fen=cmd.monthly_fen, reason=cmd.reason, until_month=cmd.until_month)
    return member.id
