"""The audit trail: who recorded what, when, for which organisation."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.fields import check_text
from projections.queries.register import Page

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["AuditQueries"]

AUDIT_SELECT = ("SELECT a.*, o.name AS actor_name, g.name AS actor_org_name FROM {audit} a "
                "LEFT JOIN {officers} o ON o.officer_id = a.actor LEFT JOIN {orgs} g ON g.org_id = a.actor_org ")


class AuditQueries:
    def audit(self: Queries, *, actor: UUID | str | None = None, org_id: UUID | None = None,
              subject_id: UUID | None = None, member_id: UUID | None = None,
              certificate_number: str | None = None, kind: str | None = None, topic: str | None = None,
              since: datetime | None = None, until: datetime | None = None, through: int | None = None,
              effective_by: date | None = None, page: int = 1, size: int = 100) -> Page:
        """Events in log order; `since`/`until` bound `recorded_at` (until excluded),
        `through` the position and `effective_by` the effective day (both included)."""
        conditions, params = ["1=1"], []
        for column, value in (("actor", actor), ("actor_org", org_id), ("subject_id", subject_id),
                              ("member_id", member_id), ("certificate_number", certificate_number),
                              ("kind", kind), ("topic", topic)):
            if value is not None:
                conditions.append(f"a.{column} = ?")
                params.append(check_text(column, column, str(value), limit=200, required=False))
        if since is not None:
            conditions.append("a.recorded_at >= ?")
            params.append(since.isoformat())
        if until is not None:
            conditions.append("a.recorded_at < ?")
            params.append(until.isoformat())
        if through is not None:
            conditions.append("a.position <= ?")
            params.append(through)
        if effective_by is not None:
            conditions.append("a.effective_on <= ?")
            params.append(effective_by.isoformat())
        clause = " AND ".join(conditions)
        with self.reader() as tx:
            total = tx.value(f"SELECT COUNT(*) AS n FROM {{audit}} a WHERE {clause}", params)
            rows = tx.all(f"{AUDIT_SELECT} WHERE {clause} ORDER BY a.position LIMIT ? OFFSET ?",
                          [*params, size, (page - 1) * size])
        return Page(rows, total or 0, page, size)

    def event_rows(self: Queries, positions: list[int]) -> list[dict[str, Any]]:
        with self.reader() as tx:
            marks = ",".join("?" * len(positions))
            return tx.all(f"{AUDIT_SELECT} WHERE a.position IN ({marks}) ORDER BY a.position", positions)
