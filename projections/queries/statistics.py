"""Statistics of a subtree for a day: the counts and rates of coverage
(`projections.queries.coverage`) for the scope, per township and per
destination, and members away per industry and category; apart from them,
the inflow members (流入党员) present, for the scope and per township. What depends on
the day is computed here with the policy in force on that day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from projections.queries.coverage import (
    AWAY_SELECT, COUNTS, RATES, by_destination, by_township, in_force, judged, rate, tally,
)
from projections.queries.inflow import present_by_township
from projections.queries.scope import away_on, member_scope

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["StatisticsQueries", "rate", "summed"]


def summed(figures: list[dict[str, Any]]) -> dict[str, Any]:
    """Several counties' figures added up: the counts summed, each rate worked out again
    from the sums (never an average of rates)."""
    counts = {key: sum(int(f[key]) for f in figures) for key in (*COUNTS, "inflow_members")}
    return {**counts, **{key: rate(counts[part], counts[base]) for key, (part, base) in RATES.items()}}


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
        if len(self._statistics) >= 1000:  # scopes × days asked: bounded, the stale ones first
            self._statistics = {k: v for k, v in self._statistics.items() if v[0] == position}
            if len(self._statistics) >= 1000:
                self._statistics.clear()
        self._statistics[key] = (position, result)
        return result

    def _statistics_now(self: Queries, org_id: UUID | None, day: date) -> dict[str, Any]:
        policy = self.policy_on(day)
        with self.reader() as tx:
            where, params = member_scope(tx, org_id)
            townships = tx.all(
                "SELECT r.township_id, t.name AS township_name, COUNT(*) AS members FROM {register} r "
                "LEFT JOIN {orgs} t ON t.org_id = r.township_id "
                f"WHERE r.ended IS NULL AND {where} GROUP BY r.township_id, t.name", params)
            clause = f"r.ended IS NULL AND {where} AND {away_on(day)}"
            away = tx.all(f"{AWAY_SELECT} WHERE {clause}", params)
            certificates = in_force(tx, f"SELECT r.member_id FROM {{register}} r WHERE {clause}", params)
            groups = {key: tx.all(f"SELECT {column}, COUNT(*) AS members FROM {{register}} r "
                                  f"WHERE {clause} "
                                  f"GROUP BY {column} ORDER BY members DESC, {column}", params)
                      for key, column in (("by_industry", "r.industry"), ("by_category", "r.category"))}
            inflow = present_by_township(tx, org_id, day)
        rows = judged(away, certificates, day, policy)
        result = {**tally(rows, sum(int(t["members"]) for t in townships)), "as_of": day.isoformat(),
                  "by_township": by_township(rows, townships), "by_destination": by_destination(rows), **groups}
        result["inflow_members"] = sum(inflow.values())  # apart from the county's own figures
        for township in result["by_township"]:
            township["inflow_members"] = inflow.get(township["township_id"], 0)
        return result
