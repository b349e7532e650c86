"""The flags people act on (提示). They depend on the day, so they are computed
here for the day asked with the policy in force on it; the software flags,
people decide."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.fields import add_months, month_index, month_of, months_between
from projections.queries.scope import member_scope

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["FLAGS", "FlagQueries"]

AWAY = "r.status IN ('away', 'reported_in', 'lost_contact')"
FLAGS = {
    "lost_contact": "失联满{months}个月（可提请停止党籍）",
    "dues_unpaid": "连续{months}个月未交纳党费（可能自行脱党）",
    "no_activity": "连续{months}个月未参加组织生活（可能自行脱党）",
    "probation_due": "预备期已满或将满，待支部大会讨论转正",
    "no_review": "未参加{year}年度民主评议",
    "receipt_overdue": "组织关系介绍信回执逾期未回",
    "no_branch_at_destination": "流入地有{count}名正式党员，未建立流动党员党支部",
    "no_branch_at_employer": "同一单位有{count}名正式党员外出，未建立党组织",
}


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class FlagQueries:
    def flags(self: Queries, as_of: date, org_id: UUID | None = None) -> list[dict[str, Any]]:
        policy = self.policy_on(as_of)
        with self.reader() as tx:
            where, params = member_scope(tx, org_id)
            base = f"SELECT r.* FROM {{register}} r WHERE r.ended IS NULL AND {where}"
            away = tx.all(f"{base} AND {AWAY}", params)
            probationers = tx.all(f"{base} AND r.standing = 'probationary'", params)
            letters = tx.all(f"{base} AND r.letter_on IS NOT NULL AND r.receipt_on IS NULL", params)
            branches = {(o["province"], o["city"]) for o in tx.all(
                "SELECT province, city FROM {orgs} WHERE kind = 'mobile_branch' AND status = 'open'")}
        found: list[dict[str, Any]] = []

        def add(kind: str, row: dict[str, Any] | None, detail: str, **values: Any) -> None:
            found.append({"kind": kind, "label": FLAGS[kind].format(**values), "detail": detail,
                          "member_id": row["member_id"] if row else None,
                          "name": row["name"] if row else None})

        now = month_index(month_of(as_of))
        for row in away:
            departed = _date(row["departed_on"])
            contact_from = max(filter(None, (_date(row["last_activity_on"]), _date(row["last_dues_on"]),
                                             departed)))
            if row["status"] == "lost_contact" and months_between(contact_from, as_of) >= policy.lost_contact_months:
                add("lost_contact", row, f"最后一次组织生活或交纳党费：{contact_from}",
                    months=policy.lost_contact_months)
            first_unpaid = max(month_index(row["paid_through"]) + 1 if row["paid_through"] else 0,
                               month_index(row["departed_on"][:7]))
            if now - first_unpaid >= policy.dues_gap_months:
                add("dues_unpaid", row, f"党费交至{row['paid_through'] or '无记录'}",
                    months=policy.dues_gap_months)
            active_from = max(filter(None, (_date(row["last_activity_on"]), departed)))
            if months_between(active_from, as_of) >= policy.inactivity_months:
                add("no_activity", row, f"最近一次组织生活：{row['last_activity_on'] or '无记录'}",
                    months=policy.inactivity_months)
            if (row["review_year"] or 0) < as_of.year - 1:
                add("no_review", row, f"最近评议：{row['review_year'] or '无记录'}", year=as_of.year - 1)
        for row in probationers:
            due = add_months(date.fromisoformat(row["probation_start"]),
                             policy.probation_months + (row["extension_months"] or 0))
            if due <= as_of + timedelta(days=30):
                late = (as_of - due).days
                add("probation_due", row, f"预备期{due}期满" + (f"，已逾期{late}天" if late > 0 else ""))
        for row in letters:
            due = date.fromisoformat(row["letter_on"]) + timedelta(days=policy.receipt_due_days)
            if due < as_of:
                add("receipt_overdue", row, f"{row['letter_on']}开具，转往{row['letter_to']}，应于{due}前回执")
        self._gatherings(away, branches, add)
        return found

    @staticmethod
    def _gatherings(away: list[dict[str, Any]], branches: set[tuple[str, str]], add: Any) -> None:
        """Destinations and employers with ≥3 full members away and no mobile branch (党章第三十条)."""
        full = [r for r in away if r["standing"] == "full"]
        places = Counter((r["province"], r["city"]) for r in full)
        for (province, city), count in sorted(places.items()):
            if count >= 3 and (province, city) not in branches:
                add("no_branch_at_destination", None, f"{province}{city}", count=count)
        employers: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in full:
            if row["employer"]:
                employers[row["employer"]].append(row)
        for employer, rows in sorted(employers.items()):
            cities = {(r["province"], r["city"]) for r in rows}
            if len(rows) >= 3 and not cities & branches:
                add("no_branch_at_employer", None, employer, count=len(rows))
