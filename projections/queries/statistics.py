"""Statistics of a subtree (持证率 and counts) for a day: what depends on the
day (a lapsed 年审) is computed here with the policy in force on that day."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.certificate_standing import counts_as_held
from domain.vocab import CertificateStanding
from projections.queries.scope import member_scope
from projections.queries.standing import with_standing

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["StatisticsQueries", "rate"]

AWAY = "r.status IN ('away', 'reported_in', 'lost_contact')"


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
            row["holding_rate"] = rate(row["holding"], row["away"])
        counts.update(holding=sum(holding.values()), lapsed=sum(lapsed.values()))
        return {**counts, "holding_rate": rate(counts["holding"], counts["away"]), "as_of": day.isoformat(), **groups}


def rate(part: Any, whole: Any) -> float | None:
    return round(100 * int(part or 0) / int(whole), 1) if whole else None
