"""The events of a member's dues (党费): a payment as received (`DuesPaid`), and
an approved reduction or exemption (`DuesReductionApproved`, 少交/免交).

A payment stores the money received and the table it was judged by on its day
(the lowest and highest monthly amount, the back-pay limit); whether it was
按标准, 自愿多交, 少交 or 经批准少交 is worked out from those and the approvals
known (`domain.member_dues.classify`), so an approval recorded later counts.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.fields import check_month, free_text, integer
from domain.member_events import WHEN, MemberEvent

__all__ = ["DuesPaid", "DuesReductionApproved", "a_month"]


def a_month(value: Any, field: str) -> str | None:
    """A correction's year-month (YYYY-MM), or None to clear it."""
    return None if value in (None, "") else check_month(str(value), field)


class DuesPaid(MemberEvent):
    TOPIC = "liudong.member.DuesPaid"
    class_version = 2  # v2: table_low_fen, table_high_fen, back_pay_months
    label = "交纳党费"
    correctable = WHEN  # a wrong amount or month: void and record again, so the table is judged again
    months: list[str]
    amount_fen: int  # the money received (0 only for months approved 免交)
    collector: str
    collector_org_id: UUID | None  # the branch, or the organisation reported in to
    basis: str
    income_fen: int | None
    table_low_fen: int | None = None  # the table's lowest monthly amount on the day; None: stored before v2
    table_high_fen: int | None = None  # ... and its highest (the same but for farmers)
    back_pay_months: int | None = None  # the policy's back-pay limit (补交一般不超过) on the day

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Payments stored before v2 were refused outside the table and beyond the back-pay
        limit, so each was 按标准 and none late; the table's amounts were not kept (None)."""
        state["table_low_fen"] = None
        state["table_high_fen"] = None
        state["back_pay_months"] = None


class DuesReductionApproved(MemberEvent):
    """批准少交或免交党费: from a month (until one, or open), a monthly amount (0: 免交)."""

    TOPIC = "liudong.member.DuesReductionApproved"
    class_version = 1
    label = "批准少交或免交党费"
    correctable = {"until_month": a_month, "approved_by": free_text("批准组织或批准人", 60),
                   "reason": free_text("原因", 200), "monthly_fen": integer("每月应交金额（分）", 0, 1_000_000), **WHEN}
    approved_by: str  # the approving organisation or officer, as written on the approval
    from_month: str
    until_month: str | None  # None: until further notice (a correction sets it)
    monthly_fen: int  # what is due each month from then: 0 = 免交
    reason: str
