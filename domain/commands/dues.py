"""Commands of the dues area (issue 16): an approved reduction or exemption of a
member's dues (批准少交或免交党费). A payment itself is `RecordDues`
(`domain.commands.members`)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["ApproveDuesReduction"]


@dataclass(frozen=True, kw_only=True)
class ApproveDuesReduction(Command):
    """effective_on: the day of the approval. monthly_fen 0: 免交."""

    label = "批准少交或免交党费"
    member_id: UUID = f("党员")
    approved_by: str = f("批准组织或批准人")
    from_month: str = f("起始年月（YYYY-MM）")
    monthly_fen: int = f("每月应交金额（分，0为免交）")
    reason: str = f("原因")
    until_month: str | None = f("截止年月（YYYY-MM，不填为未定）", None)
