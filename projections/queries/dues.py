"""Reading the dues ledger (党费台账): payments of a subtree with their totals
(received, the table's amount, 自愿多交, 少交), one member's payments and
approvals, and the payments the flags name (`dues_below_table`,
`dues_late_back_pay`). A subtree covers the payments of the members it covers
(`projections.queries.scope`) and those its organisations collected; an inflow-area
organisation (`collected_by`) only those it collected, and not why a reduction was approved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.fields import add_months, check_month
from domain.policy import Policy
from domain.vocab import DuesBasis, DuesCollector, DuesKind
from projections.queries.scope import member_scope
from projections.store import Tx

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["DuesQueries", "KINDS", "dues_flag_rows", "dues_flags"]

# A payment's kind, and two more filters: 补交 (months before the three paid in), 补交 beyond the limit.
KINDS = {**{k.value: k.label for k in DuesKind}, "back_pay": "补交", "late_back_pay": "补交超过规定月数"}
_SELECT = ("SELECT d.*, r.name, r.branch_id, r.township_id, t.name AS township_name, c.name AS collector_org_name "
           "FROM {dues} d JOIN {register} r ON r.member_id = d.member_id "
           "LEFT JOIN {orgs} t ON t.org_id = r.township_id LEFT JOIN {orgs} c ON c.org_id = d.collector_org_id")
_BELOW = ("WITH RECURSIVE below(org_id) AS (SELECT CAST(? AS TEXT) UNION ALL "
          "SELECT o.org_id FROM {orgs} o JOIN below b ON o.parent_id = b.org_id) SELECT org_id FROM below")


def shown(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row as people read it: months as lists, labels beside codes."""
    split = (lambda v: v.split(",") if v else [])  # noqa: E731
    return {**row, "months": split(row["months"]), "back_months": split(row["back_months"]),
            "late_months": split(row["late_months"]), "kind_label": DuesKind(row["kind"]).label,
            "back_pay": bool(row["back_months"]), "collector_label": DuesCollector.label_of(row["collector"]),
            "basis_label": DuesBasis.label_of(row["basis"])}


def _scope(tx: Tx, org_id: UUID | None, collected_by: UUID | None = None) -> tuple[str, list[Any]]:
    """Payments of members the subtree covers, or collected by one of its organisations;
    with `collected_by`, only those collected by that organisation's subtree."""
    where, params = "1=1", []
    if org_id is not None:
        where, params = member_scope(tx, org_id, received=True)
        below = [r["org_id"] for r in tx.all(_BELOW, [str(org_id)])]
        where, params = f"({where} OR d.collector_org_id IN ({', '.join('?' * len(below))}))", [*params, *below]
    if collected_by is not None:
        mine = [r["org_id"] for r in tx.all(_BELOW, [str(collected_by)])]
        where, params = f"({where} AND d.collector_org_id IN ({', '.join('?' * len(mine))}))", [*params, *mine]
    return where, params


def _months_in(start: str | None, until: str | None) -> Callable[[dict[str, Any]], bool]:
    """Whether one of a payment's months lies in the range (the SQL only narrows by its first and last)."""
    return lambda row: any((start is None or start <= m) and (until is None or m <= until)
                           for m in row["months"].split(","))


def dues_flag_rows(tx: Tx, where: str, params: list[Any], as_of: date, policy: Policy) -> list[dict[str, Any]]:
    """Payments of the last `dues_flag_months` (to `as_of`) that are 少交 or 补交 beyond the limit,
    of members in the register covered by `where` (a condition on `{register} r`)."""
    since = add_months(as_of, -policy.dues_flag_months).isoformat()
    rows = tx.all(f"{_SELECT} WHERE r.ended IS NULL AND {where} AND d.paid_on > ? AND d.paid_on <= ? "
                  "AND (d.kind = 'short' OR d.late_months <> '') ORDER BY d.paid_on, r.name, d.member_id",
                  [*params, since, as_of.isoformat()])
    return [shown(r) for r in rows]


class DuesQueries:
    def dues(self: Queries, *, org_id: UUID | None = None, from_month: str | None = None,
             until_month: str | None = None, kind: str | None = None, member_id: UUID | None = None,
             day: date | None = None, page: int = 1, size: int = 50,
             collected_by: UUID | None = None) -> dict[str, Any]:
        """The payments of a subtree one of whose months falls in the range (paid by `day`, if given),
        newest first, with the totals of all of them (not only the page's), each payment in full;
        `collected_by`: only those an inflow-area organisation's subtree collected."""
        conditions, params, keep = self._dues_filters(from_month, until_month, kind, member_id, day)
        with self.reader() as tx:
            scope, scoped = _scope(tx, org_id, collected_by)
            rows = tx.all(f"{_SELECT} WHERE {scope} AND {' AND '.join(conditions)} "
                          "ORDER BY d.paid_on DESC, r.name, d.member_id, d.version DESC", [*scoped, *params])
        rows = [r for r in rows if keep(r)]
        totals = {"payments": len(rows), "received_fen": sum(r["amount_fen"] for r in rows),
                  "table_fen": sum(r["table_fen"] or 0 for r in rows),
                  "table_unknown": sum(1 for r in rows if r["table_fen"] is None),
                  "extra_fen": sum(r["extra_fen"] for r in rows), "short_fen": sum(r["short_fen"] for r in rows),
                  "by_kind": {k.value: sum(1 for r in rows if r["kind"] == k) for k in DuesKind},
                  "back_pay": sum(1 for r in rows if r["back_months"]),
                  "late_back_pay": sum(1 for r in rows if r["late_months"])}
        return {"rows": [shown(r) for r in rows[(page - 1) * size:page * size]], "total": len(rows), "page": page,
                "size": size, "totals": totals}

    @staticmethod
    def _dues_filters(from_month: str | None, until_month: str | None, kind: str | None, member_id: UUID | None,
                      day: date | None) -> tuple[list[str], list[Any], Callable[[dict[str, Any]], bool]]:
        conditions: list[str] = ["1=1"]
        params: list[Any] = []
        start = check_month(from_month, "from_month") if from_month else None
        until = check_month(until_month, "until_month") if until_month else None
        if start and until and until < start:
            raise rules.DUES_REDUCTION_ORDER.refuse(field="until_month", start=start)
        if start:
            conditions.append("d.last_month >= ?")
            params.append(start)
        if until:
            conditions.append("d.first_month <= ?")
            params.append(until)
        if kind is not None:
            if kind not in KINDS:
                raise rules.CHOICE.refuse(field="kind", label="党费类别",
                                          choices="、".join(f"{k}（{v}）" for k, v in KINDS.items()))
            marks = {"back_pay": "d.back_months <> ''", "late_back_pay": "d.late_months <> ''"}
            conditions.append(marks.get(kind, "d.kind = ?"))
            params += [] if kind in marks else [kind]
        if member_id is not None:
            conditions.append("d.member_id = ?")
            params.append(str(member_id))
        if day is not None:
            conditions.append("d.paid_on <= ?")
            params.append(day.isoformat())
        return conditions, params, _months_in(start, until)

    def member_dues(self: Queries, member_id: UUID, day: date | None = None,
                    collected_by: UUID | None = None) -> dict[str, Any]:
        """One member's payments (newest first) and approved reductions, with the ledger's totals;
        for an inflow-area organisation (`collected_by`) only the payments it collected, and the
        approvals without who approved them and why (health, hardship: the home branch's to know)."""
        member = self.member(member_id)  # 404 for an unknown member
        found = self.dues(member_id=member_id, day=day, size=10_000, collected_by=collected_by)
        with self.reader() as tx:
            reductions = tx.all("SELECT * FROM {dues_reductions} WHERE member_id = ? ORDER BY version",
                                [str(member_id)])
        if day is not None:
            reductions = [r for r in reductions if r["approved_on"] <= day.isoformat()]
        hidden = {"approved_by": None, "reason": None} if collected_by is not None else {}
        return {"member_id": str(member_id), "name": member["name"], "paid_through": member["paid_through"],
                "payments": found["rows"], "totals": found["totals"],
                "reductions": [{**r, "exempt": r["monthly_fen"] == 0, **hidden} for r in reductions]}


def dues_flags(payments: list[dict[str, Any]], add: Callable[..., None]) -> None:
    """少交 without an approval covering it, and 补交 beyond the limit: each payment of the last
    `dues_flag_months` (`dues_flag_rows`), one flag per payment and kind."""
    for p in payments:
        months, paid = "、".join(p["months"]), f"{p['amount_fen'] / 100:.2f}"
        if p["kind"] == "short":
            due = "" if p["due_fen"] == p["table_fen"] else f"，部分月份经批准后应交{p['due_fen'] / 100:.2f}元"
            add("dues_below_table", p, f"{p['paid_on']}交纳{months}党费{paid}元，按标准应交{p['table_fen'] / 100:.2f}元"
                                       f"（{p['basis_label']}）{due}，少交{p['short_fen'] / 100:.2f}元")
        if p["late_months"]:
            add("dues_late_back_pay", p, f"{p['paid_on']}补交{'、'.join(p['late_months'])}党费（{months}，{paid}元）",
                months=p["back_pay_months"])
