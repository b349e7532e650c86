"""The demo county's dues beyond the table's quarterly payment (党费台账): some
members pay more of their own accord (自愿多交), a few pay less (少交, flagged),
a few in hardship are approved to pay less or nothing for a year (经批准少交,
免交), and some settle a skipped quarter later, beyond six months (补交, flagged).

A member's dues are part of their time away (`demo.trips`): the extras of
`demo.extras` cannot name a county member (ids derive from the ledger's
identity key), so `demo.trips` hands each quarter to a `DuesStory`. It draws
from its own random source, so the stories' own draws, and every figure they
make, stay as they were; the register's columns do not change either (补交
months are older than the months paid with them, on the same day).
"""

from __future__ import annotations

import random
from datetime import date
from uuid import UUID

from demo.member_plan import MemberPlan
from domain.commands import ApproveDuesReduction, RecordDues
from domain.fields import month_index

__all__ = ["DuesStory"]

EXTRA_SHARE = 0.05  # of quarterly payments: 自愿多交
SHORT_SHARE = 0.02  # of quarterly payments: 少交, without an approval
HARDSHIP_SHARE = 0.03  # of members away: approved to pay less or nothing for a year
SETTLE_SHARE = 0.5  # of skipped quarters: paid later with a regular payment
EXTRAS_FEN = (1000, 2000, 5000, 10000, 20000)
REASONS = ("本人患病住院，家庭经济困难", "家中遭受自然灾害", "失业在家，无固定收入", "赡养老人、子女上学，生活困难")


class DuesStory:
    """One member's dues while away, a quarter at a time."""

    def __init__(self, m: MemberPlan):
        self.m = m
        self.r = random.Random(f"dues:{m.id_number}")  # its own source: the story's draws stay as they were
        self.hardship = self.r.random() < HARDSHIP_SHARE
        self.reduction: tuple[str, str, int] | None = None  # from, until, monthly fen
        self.arrears: list[str] = []

    def skipped(self, months: list[str]) -> None:
        self.arrears += months

    def quarter(self, payday: date, actor: UUID, months: list[str], collector: str, basis: str,
                income: int | None, monthly: int) -> None:
        """The quarter's payment (and, now and then, an approval before it or a skipped quarter with it)."""
        m, r = self.m, self.r
        if self.hardship and self.reduction is None and r.random() < 0.5:
            until = _month(month_index(months[0]) + 11)
            self.reduction = (months[0], until, 0 if r.random() < 0.4 else monthly // 2)
            m.add(payday, m.secretary, ApproveDuesReduction(
                member_id=m.id, approved_by=f"{m.township.name}党委", from_month=months[0], until_month=until,
                monthly_fen=self.reduction[2], reason=r.choice(REASONS), effective_on=payday))
        due = [self._due(month, monthly) for month in months]
        amount, draw = sum(due), r.random()
        if due == [monthly] * 3 and draw < EXTRA_SHARE:
            amount += r.choice(EXTRAS_FEN)
        elif due == [monthly] * 3 and draw < EXTRA_SHARE + SHORT_SHARE and monthly >= 2:
            amount = monthly * 3 // 2
        if self.arrears and month_index(self.arrears[0]) < month_index(months[-1]) - 6 and r.random() < SETTLE_SHARE:
            m.add(payday, actor, RecordDues(member_id=m.id, months=tuple(self.arrears),
                                            amount_fen=sum(self._due(a, monthly) for a in self.arrears) or monthly,
                                            collector=collector, basis=basis, income_fen=income, effective_on=payday))
            self.arrears = []
        m.add(payday, actor, RecordDues(member_id=m.id, months=tuple(months), amount_fen=amount, collector=collector,
                                        basis=basis, income_fen=income, effective_on=payday))

    def _due(self, month: str, monthly: int) -> int:
        if self.reduction is not None and self.reduction[0] <= month <= self.reduction[1]:
            return self.reduction[2]
        return monthly


def _month(index: int) -> str:
    year, month = divmod(index, 12)
    return f"{year:04d}-{month + 1:02d}"
