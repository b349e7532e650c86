"""Dues (党费) in a member's model: the commands (`DuesCommands`, a base of
`domain.member.Member`), the state with its transition rules (`DuesState`, a
base of `domain.member_state.MemberState`, whose `when` passes these events on
here) and how a payment is judged against the table (`classify`).

The ledger records the money received. More than the table is 自愿多交; less
is 少交 (flagged) unless an approved reduction covers it (经批准少交, 免交);
months further back than the policy's back-pay limit are 补交 and flagged, not
refused. Refused: malformed months, months before joining or beyond the
prepay limit, a month paid twice or already paid per an imported old register
(党费交至年月), 0 without an approved exemption, and a collector that does not fit
who records it: an inflow-area organisation records only what it collected, and
only a member reported in to it on the day can pay to one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerEvent
from domain.fields import (
    check_choice, check_free_text, check_month, check_range, month_index, month_of,
)
from domain.member_dues_events import DuesPaid, DuesReductionApproved
from domain.member_periods import Absence
from domain.policy import Policy
from domain.vocab import DuesBasis, DuesCollector, DuesKind, EndReason

__all__ = ["DuesCommands", "DuesLine", "DuesState", "Payment", "Reduction", "classify", "payment_of", "reduction_of",
           "reduction_for"]

MAX_AMOUNT_FEN = 100_000_000  # one payment: 100万元, far beyond any member's dues
QUARTER = 3  # a payment covers its month and the two before it (quarterly allowed); earlier months are 补交


@dataclass(frozen=True)
class Payment:
    version: int  # the position of its `DuesPaid` in the member's history: the payment's key
    paid_on: date
    months: tuple[str, ...]
    amount_fen: int
    collector: str
    collector_org_id: UUID | None
    basis: str
    table_low_fen: int | None
    table_high_fen: int | None
    back_pay_months: int | None
    recorded_by: str


@dataclass(frozen=True)
class Reduction:
    version: int
    approved_on: date
    approved_by: str
    from_month: str
    until_month: str | None
    monthly_fen: int
    reason: str

    def covers(self, month: str) -> bool:
        return self.from_month <= month and (self.until_month is None or month <= self.until_month)


@dataclass(frozen=True)
class DuesLine:
    """A payment judged: what the table asked, what was due after approvals, and its kind."""

    payment: Payment
    kind: DuesKind
    table_fen: int | None  # the table's lowest amount for the months paid (None: not kept, before v2)
    due_fen: int | None  # what was due after approved reductions
    extra_fen: int  # above the table's highest amount (自愿多交)
    short_fen: int  # below what was due (少交)
    back_months: tuple[str, ...]  # 补交: before the quarter the payment covers
    late_months: tuple[str, ...]  # 补交 beyond the back-pay limit (flagged)


def payment_of(e: DuesPaid) -> Payment:
    return Payment(e.originator_version, e.effective_on, tuple(e.months), e.amount_fen, e.collector,
                   e.collector_org_id, e.basis, e.table_low_fen, e.table_high_fen, e.back_pay_months, e.actor)


def reduction_of(e: DuesReductionApproved) -> Reduction:
    return Reduction(e.originator_version, e.effective_on, e.approved_by, e.from_month, e.until_month,
                     e.monthly_fen, e.reason)


def reduction_for(reductions: tuple[Reduction, ...], month: str) -> Reduction | None:
    """The approval in force for a month: the latest recorded that covers it."""
    return next((r for r in reversed(reductions) if r.covers(month)), None)


def classify(payment: Payment, reductions: tuple[Reduction, ...]) -> DuesLine:
    paid = month_index(month_of(payment.paid_on))
    back = tuple(m for m in payment.months if month_index(m) <= paid - QUARTER)
    limit = payment.back_pay_months
    late = tuple(m for m in payment.months if limit is not None and month_index(m) < paid - limit)
    low, high, count, amount = payment.table_low_fen, payment.table_high_fen, len(payment.months), payment.amount_fen
    if low is None or high is None:  # stored before v2: the table was enforced then
        return DuesLine(payment, DuesKind.STANDARD, None, None, 0, 0, back, late)
    found = [reduction_for(reductions, m) for m in payment.months]
    due = sum(r.monthly_fen if r is not None else low for r in found)
    extra, short = max(amount - high * count, 0), 0
    if extra:
        kind = DuesKind.EXTRA
    elif amount >= low * count:
        kind = DuesKind.STANDARD
    elif amount >= due:
        kind = DuesKind.EXEMPT if amount == 0 else DuesKind.REDUCED
    else:
        kind, short = DuesKind.SHORT, due - amount
    return DuesLine(payment, kind, low * count, due, extra, short, back, late)


class DuesCommands:
    """Commands of `domain.member.Member` for dues."""

    # Of `domain.member.Member`, its state and its base `domain.base.LedgerAggregate`.
    _record: Callable[..., None]
    absence_on: Callable[[date], Absence | None]
    branch_id: UUID | None
    joined_on: date | None
    dues_reductions: tuple[Reduction, ...]
    legacy_paid_through: str | None

    def pay_dues(self, ctx: Ctx, policy: Policy, *, months: list[str], amount_fen: int,
                 collector: str, basis: str, income_fen: int | None = None, by_inflow: bool = False) -> None:
        """交纳党费: the money received, judged against the table of the day (never refused for it).
        `by_inflow`: recorded by an inflow-area organisation (it reached the member as reported in)."""
        months = sorted({check_month(m) for m in months or []})
        if not months:
            raise rules.DUES_MONTHS.refuse(field="months")
        now = month_index(month_of(ctx.effective_on))
        joined = month_of(self.joined_on) if self.joined_on else None
        for month in months:
            if month_index(month) > now + policy.prepay_months:
                raise rules.DUES_PREPAY.refuse(field="months", limit=policy.prepay_months, month=month)
            if joined and month < joined:
                raise rules.DUES_BEFORE_JOINED.refuse(field="months", month=joined)
        legacy = self.legacy_paid_through
        if legacy and months[0] <= legacy:  # paid per the old register: paying again is not 多交
            raise rules.DUES_PAID_LEGACY.refuse(field="months", paid_through=legacy,
                                                months="、".join(m for m in months if m <= legacy))
        basis_ = check_choice("basis", "党费计算基数", basis, DuesBasis)
        collector_ = check_choice("collector", "收缴单位", collector, DuesCollector)
        away = self.absence_on(ctx.effective_on)
        reported = away.reported_in_org if away and (away.reported_in_on or ctx.effective_on) <= ctx.effective_on \
            else None  # reported in to an organisation by the day paid
        if by_inflow and collector_ != DuesCollector.INFLOW:
            raise rules.DUES_INFLOW_COLLECTS.refuse(field="collector")
        if collector_ == DuesCollector.INFLOW and reported is None:
            raise rules.DUES_NOT_REPORTED.refuse(field="collector", date=ctx.effective_on.isoformat())
        if basis_ in (DuesBasis.WAGE, DuesBasis.RETIREE):
            check_range("income_fen", "月收入（分）", income_fen, 0, 100_000_000)
        check_range("amount_fen", "金额（分）", amount_fen, 0, MAX_AMOUNT_FEN)
        if amount_fen == 0:
            unexempt = [m for m in months if getattr(reduction_for(self.dues_reductions, m), "monthly_fen", 1)]
            if unexempt:
                raise rules.DUES_ZERO.refuse(field="amount_fen", months="、".join(unexempt))
        low, high = policy.monthly_dues_fen(basis_, income_fen)
        org_id = reported if collector_ == DuesCollector.INFLOW else self.branch_id
        self._record(DuesPaid, ctx, months=months, amount_fen=amount_fen, collector=str(collector_),
                     collector_org_id=org_id, basis=str(basis_), income_fen=income_fen,
                     table_low_fen=low, table_high_fen=high, back_pay_months=policy.back_pay_months)

    def approve_dues_reduction(self, ctx: Ctx, *, approved_by: str, from_month: str, monthly_fen: int,
                               reason: str, until_month: str | None = None) -> None:
        """批准少交或免交党费 from `from_month` (to `until_month`, or until further notice)."""
        start = check_month(from_month, "from_month")
        until = check_month(until_month, "until_month") if until_month else None
        if until is not None and until < start:
            raise rules.DUES_REDUCTION_ORDER.refuse(field="until_month", start=start)
        if self.joined_on and start < month_of(self.joined_on):
            raise rules.DUES_BEFORE_JOINED.refuse(field="from_month", month=month_of(self.joined_on))
        self._record(DuesReductionApproved, ctx, approved_by=check_free_text("approved_by", "批准组织或批准人", approved_by, 60),
                     from_month=start, until_month=until,
                     monthly_fen=check_range("monthly_fen", "每月应交金额（分）", monthly_fen, 0, 1_000_000),
                     reason=check_free_text("reason", "原因", reason, 200))


class DuesState:
    """What the state knows of dues, and their rules."""

    # Kept by `domain.member_state.MemberState`, which this class is a base of.
    ended: EndReason | None
    _check_away_on: Callable[[date, str], Absence]
    _reached: Callable[[date], None]

    def __init__(self) -> None:
        super().__init__()
        self.last_dues_on: date | None = None
        self.paid_months: frozenset[str] = frozenset()
        self.dues_payments: tuple[Payment, ...] = ()
        self.dues_reductions: tuple[Reduction, ...] = ()

    def dues_lines(self) -> list[DuesLine]:
        """Every payment, judged with the approvals known now."""
        return [classify(p, self.dues_reductions) for p in self.dues_payments]

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)  # type: ignore[misc]

    @when.register
    def _dues(self, e: DuesPaid) -> None:
        self._check_away_on(e.effective_on, "交纳党费")
        for month in e.months:
            if month in self.paid_months:
                raise rules.DUES_PAID.refuse(field="months", month=month)
        self.paid_months = self.paid_months | set(e.months)
        self.last_dues_on = max(filter(None, (self.last_dues_on, e.effective_on)))
        self._reached(e.effective_on)
        self.dues_payments = (*self.dues_payments, payment_of(e))

    @when.register
    def _reduction(self, e: DuesReductionApproved) -> None:
        if self.ended:
            raise rules.MEMBER_ENDED.refuse(reason=self.ended.label)
        if e.until_month is not None and e.until_month < e.from_month:  # a corrected end, too
            raise rules.DUES_REDUCTION_ORDER.refuse(field="until_month", start=e.from_month)
        self.dues_reductions = (*self.dues_reductions, reduction_of(e))
