"""Statistics of a subtree (持证率 and counts) and the flags people act on.

Flags depend on today, so they are computed here against `as_of` with the
policy in force on that date; the software flags, people decide.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.certificate_standing import counts_as_held
from domain.fields import add_months, month_index, month_of, months_between
from domain.vocab import CertificateStanding
from projections.queries.scope import member_scope
from projections.queries.standing import with_standing

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["FLAGS", "StatisticsQueries"]

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


class StatisticsQueries:
    def statistics(self: Queries, org_id: UUID | None = None, day: date | None = None) -> dict[str, Any]:
        """Counts of a subtree on `day` (default today); remembered until the views
        move on or the day changes (a check lapses at midnight with no event)."""
        day = day or self.today()
        key, position = (org_id, day), self.position()
        cached = self._statistics.get(key)
        if cached is not None and cached[0] == position:
            return cached[1]
        result = self._statistics_now(org_id, day)
        self._statistics[key] = (position, result)
        return result

    def _statistics_now(self: Queries, org_id: UUID | None, day: date) -> dict[str, Any]:
        policy = self.policy_on(day)
        with self.reader() as tx:
            where, params = member_scope(tx, org_id)
            base = f"FROM {{register}} r WHERE r.ended IS NULL AND {where}"
            totals = tx.one(
                "SELECT COUNT(*) AS members, "
                f"SUM(CASE WHEN {AWAY} THEN 1 ELSE 0 END) AS away, "
                "SUM(CASE WHEN r.status = 'reported_in' THEN 1 ELSE 0 END) AS reported_in, "
                "SUM(CASE WHEN r.status = 'lost_contact' THEN 1 ELSE 0 END) AS lost_contact "
                f"{base}", params) or {}
            groups = {key: tx.all(f"SELECT {columns}, COUNT(*) AS members {base} AND {AWAY} "
                                  f"GROUP BY {columns} ORDER BY members DESC, {columns}", params)
                      for key, columns in (("by_destination", "r.province, r.city"),
                                           ("by_industry", "r.industry"), ("by_category", "r.category"))}
            groups["by_township"] = tx.all(
                "SELECT r.township_id, t.name AS township_name, COUNT(*) AS members, "
                f"SUM(CASE WHEN {AWAY} THEN 1 ELSE 0 END) AS away "
                f"FROM {{register}} r LEFT JOIN {{orgs}} t ON t.org_id = r.township_id "
                f"WHERE r.ended IS NULL AND {where} GROUP BY r.township_id, t.name ORDER BY t.name", params)
            certified = tx.all(
                "SELECT r.township_id, c.issued_on AS certificate_issued_on, "
                "c.last_checked_on AS certificate_checked_on FROM {register} r "
                "JOIN {certificates} c ON c.number = r.certificate_number "
                f"WHERE r.ended IS NULL AND {where} AND {AWAY} AND r.valid_certificates > 0", params)
        counts = {k: int(totals.get(k) or 0) for k in ("members", "away", "reported_in", "lost_contact")}
        holding, lapsed = Counter(), Counter()  # by township
        for row in with_standing(certified, day, policy):
            standing = CertificateStanding(row["certificate_standing"])
            holding[row["township_id"]] += counts_as_held(standing, policy)
            lapsed[row["township_id"]] += standing is CertificateStanding.LAPSED
        for row in groups["by_township"]:
            row["holding"] = holding[row["township_id"]]
            row["holding_rate"] = _rate(row["holding"], row["away"])
        counts.update(holding=sum(holding.values()), lapsed=sum(lapsed.values()))
        return {**counts, "holding_rate": _rate(counts["holding"], counts["away"]), "as_of": day.isoformat(), **groups}

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


def _rate(part: Any, whole: Any) -> float | None:
    return round(100 * int(part or 0) / int(whole), 1) if whole else None
