"""Dues ledger view (党费台账): one row per payment as received, judged against
the table of its day and the reductions approved (kind, table, due, extra,
short, 补交 months), and one row per approved reduction or exemption.

A payment or an approval is written from its event, then the member's rows are
judged again (an approval may cover earlier payments). A correction or void of
one of them rewrites the member's rows from the aggregate's state.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.base import Corrected, Voided
from domain.member_dues import DuesLine, Payment, Reduction, classify, payment_of, reduction_of
from domain.member_dues_events import DuesPaid, DuesReductionApproved
from domain.vocab import DuesKind
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["DUES_COLUMNS", "DuesView", "REDUCTION_COLUMNS", "dues_note", "reduction_summary"]

_RAW = ("member_id", "version", "position", "paid_on", "months", "amount_fen", "collector", "collector_org_id", "basis",
        "table_low_fen", "table_high_fen", "back_pay_months", "recorded_by")
DUES_COLUMNS = (*_RAW, "first_month", "last_month", "month_count", "kind", "table_fen", "due_fen", "extra_fen",
                "short_fen", "back_months", "late_months")
REDUCTION_COLUMNS = ("member_id", "version", "position", "approved_on", "approved_by", "from_month", "until_month",
                     "monthly_fen", "reason")


def _yuan(fen: int) -> str:
    return f"{fen / 100:.2f}"


def dues_note(e: DuesPaid) -> str:
    """What the audit trail adds to a payment's line: above or below the table, 补交 beyond the limit."""
    count, note = len(e.months), ""
    if e.table_high_fen is not None and e.amount_fen > e.table_high_fen * count:
        note += f"，{DuesKind.EXTRA.label}{_yuan(e.amount_fen - e.table_high_fen * count)}元"
    elif e.table_low_fen is not None and e.amount_fen < e.table_low_fen * count:
        note += f"，低于党费标准（按标准应交{_yuan(e.table_low_fen * count)}元）"
    line = classify(payment_of(e), ())
    if line.late_months:
        note += f"，补交超过{e.back_pay_months}个月（{'、'.join(line.late_months)}）"
    return note


def reduction_summary(e: DuesReductionApproved) -> str:
    until = f"至{e.until_month}" if e.until_month else "起（未定截止）"
    what = "免交" if e.monthly_fen == 0 else f"每月交纳{_yuan(e.monthly_fen)}元"
    return f"{e.approved_by}批准{e.from_month}{until}{what}：{e.reason}"


def dues_row(member_id: UUID, line: DuesLine, position: int | None) -> list[Any]:
    p = line.payment
    values = {"member_id": str(member_id), "version": p.version, "position": position,
              "paid_on": p.paid_on.isoformat(),
              "months": ",".join(p.months), "amount_fen": p.amount_fen, "collector": p.collector,
              "collector_org_id": str(p.collector_org_id) if p.collector_org_id else None, "basis": p.basis,
              "table_low_fen": p.table_low_fen, "table_high_fen": p.table_high_fen,
              "back_pay_months": p.back_pay_months, "recorded_by": p.recorded_by,
              "first_month": p.months[0], "last_month": p.months[-1], "month_count": len(p.months),
              "kind": str(line.kind), "table_fen": line.table_fen, "due_fen": line.due_fen,
              "extra_fen": line.extra_fen, "short_fen": line.short_fen,
              "back_months": ",".join(line.back_months), "late_months": ",".join(line.late_months)}
    return [values[c] for c in DUES_COLUMNS]


def _payment(row: dict[str, Any]) -> Payment:
    return Payment(row["version"], date.fromisoformat(row["paid_on"]), tuple(row["months"].split(",")),
                   row["amount_fen"], row["collector"], UUID(row["collector_org_id"]) if row["collector_org_id"] else None,
                   row["basis"], row["table_low_fen"], row["table_high_fen"], row["back_pay_months"], row["recorded_by"])


def _reduction(row: dict[str, Any]) -> Reduction:
    return Reduction(row["version"], date.fromisoformat(row["approved_on"]), row["approved_by"], row["from_month"],
                     row["until_month"], row["monthly_fen"], row["reason"])


class DuesView(View):
    name = "dues"
    tables = {
        "dues": "member_id TEXT NOT NULL, version INTEGER NOT NULL, position INTEGER, paid_on TEXT NOT NULL, months TEXT NOT NULL, "
                "amount_fen INTEGER NOT NULL, collector TEXT NOT NULL, collector_org_id TEXT, basis TEXT NOT NULL, "
                "table_low_fen INTEGER, table_high_fen INTEGER, back_pay_months INTEGER, recorded_by TEXT, "
                "first_month TEXT NOT NULL, last_month TEXT NOT NULL, month_count INTEGER NOT NULL, "
                "kind TEXT NOT NULL, table_fen INTEGER, due_fen INTEGER, extra_fen INTEGER NOT NULL, "
                "short_fen INTEGER NOT NULL, back_months TEXT NOT NULL, late_months TEXT NOT NULL, "
                "PRIMARY KEY (member_id, version)",
        "dues_reductions": "member_id TEXT NOT NULL, version INTEGER NOT NULL, position INTEGER, "
                           "approved_on TEXT NOT NULL, "
                           "approved_by TEXT NOT NULL, from_month TEXT NOT NULL, until_month TEXT, "
                           "monthly_fen INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (member_id, version)",
    }
    indexes = (("dues", "paid_on"), ("dues", "kind"), ("dues", "collector_org_id"))

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        payments: dict[UUID, list[Payment]] = {}
        reductions: dict[UUID, list[Reduction]] = {}
        rewrite: dict[UUID, int] = {}  # member -> its last version in the batch: read from the aggregate
        positions: dict[UUID, dict[int, int]] = {}  # member -> version -> log position (for voids, corrections)
        for position, event in batch.events:
            member = event.originator_id
            if isinstance(event, DuesPaid):
                payments.setdefault(member, []).append(payment_of(event))
            elif isinstance(event, DuesReductionApproved):
                reductions.setdefault(member, []).append(reduction_of(event))
            elif isinstance(event, (Corrected, Voided)) and self._targets_dues(tx, event, payments, reductions):
                rewrite[member] = event.originator_version
            else:
                continue
            positions.setdefault(member, {})[event.originator_version] = position
            if member in rewrite:
                rewrite[member] = event.originator_version
        whole = rewrite.keys() | reductions.keys()  # a new approval may judge earlier payments again
        for member in whole:
            if member in rewrite:
                state = batch.ledger.repository.get(member, version=rewrite[member])
                found = (list(state.dues_payments), list(state.dues_reductions)) if not state.is_void else ([], [])
            else:
                found = self._stored(tx, member)
                found[0].extend(payments.get(member, []))
                found[1].extend(reductions[member])
            self.write(tx, member, *found, positions.get(member, {}))
        self._add(tx, {m: p for m, p in payments.items() if m not in whole}, positions)

    @staticmethod
    def _add(tx: Tx, payments: dict[UUID, list[Payment]], positions: dict[UUID, dict[int, int]]) -> None:
        """Payments of members without a new approval: only these rows are written, judged
        with the approvals stored (the member's earlier rows stay as they were judged)."""
        approvals: dict[str, list[Reduction]] = {}
        keys = sorted(str(m) for m in payments)
        for start in range(0, len(keys), 500):  # approvals are few: one query per 500 members
            chunk = keys[start:start + 500]
            for row in tx.all(f"SELECT * FROM {{dues_reductions}} WHERE member_id IN ({','.join('?' * len(chunk))}) "
                              "ORDER BY member_id, version", chunk):
                approvals.setdefault(row["member_id"], []).append(_reduction(row))
        rows = [dues_row(member, classify(p, tuple(approvals.get(str(member), ()))), positions[member][p.version])
                for member, paid in payments.items() for p in paid]
        tx.executemany(f"INSERT INTO {{dues}} ({', '.join(DUES_COLUMNS)}) VALUES ({','.join('?' * len(DUES_COLUMNS))})",
                       rows)

    @staticmethod
    def _targets_dues(tx: Tx, event: Corrected | Voided, payments: dict[UUID, list[Payment]],
                      reductions: dict[UUID, list[Reduction]]) -> bool:
        member, version = event.originator_id, event.target_version
        if any(p.version == version for p in payments.get(member, [])) or \
                any(r.version == version for r in reductions.get(member, [])):
            return True
        key = [str(member), version]
        return (tx.one("SELECT 1 AS x FROM {dues} WHERE member_id = ? AND version = ?", key) is not None
                or tx.one("SELECT 1 AS x FROM {dues_reductions} WHERE member_id = ? AND version = ?", key) is not None)

    @staticmethod
    def _stored(tx: Tx, member: UUID) -> tuple[list[Payment], list[Reduction]]:
        key = [str(member)]
        return ([_payment(r) for r in tx.all("SELECT * FROM {dues} WHERE member_id = ? ORDER BY version", key)],
                [_reduction(r) for r in tx.all("SELECT * FROM {dues_reductions} WHERE member_id = ? ORDER BY version",
                                               key)])

    @staticmethod
    def write(tx: Tx, member: UUID, payments: list[Payment], reductions: list[Reduction],
               positions: dict[int, int]) -> None:
        """Judges the member's payments with every approval and writes both anew."""
        key = [str(member)]
        at = dict(positions)
        for table in ("dues", "dues_reductions"):
            at |= {r["version"]: r["position"] for r in tx.all(f"SELECT version, position FROM {{{table}}} "
                                                               "WHERE member_id = ?", key)}
        tx.execute("DELETE FROM {dues} WHERE member_id = ?", key)
        tx.execute("DELETE FROM {dues_reductions} WHERE member_id = ?", key)
        approvals = tuple(sorted(reductions, key=lambda r: r.version))
        tx.executemany(f"INSERT INTO {{dues}} ({', '.join(DUES_COLUMNS)}) VALUES ({','.join('?' * len(DUES_COLUMNS))})",
                       [dues_row(member, classify(p, approvals), at.get(p.version)) for p in payments])
        tx.executemany(f"INSERT INTO {{dues_reductions}} ({', '.join(REDUCTION_COLUMNS)}) VALUES "
                       f"({','.join('?' * len(REDUCTION_COLUMNS))})",
                       [[str(member), r.version, at.get(r.version), r.approved_on.isoformat(), r.approved_by, r.from_month,
                         r.until_month, r.monthly_fen, r.reason] for r in approvals])
