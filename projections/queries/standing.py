"""Certificates' standing in answers: each register row and certificate row
gets, for the day asked, whether its certificate is current (已年审) or
lapsed (年审逾期) and when its next check is due. Computed when asked, never
stored: a certificate lapses at midnight with no event."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.certificate_standing import check_due, standing_on
from domain.policy import Policy

__all__ = ["with_standing"]


def with_standing(rows: list[dict[str, Any]], day: date, policy: Policy, *, issued: str = "certificate_issued_on",
                  checked: str = "certificate_checked_on", prefix: str = "certificate_") -> list[dict[str, Any]]:
    """Adds `{prefix}standing` and `{prefix}check_due` to rows whose certificate is in force."""
    for row in rows:
        issued_on = _day(row.get(issued))
        if issued_on is None or row.get("state", "valid") != "valid":
            row[f"{prefix}standing"], row[f"{prefix}check_due"] = None, None
            continue
        last = _day(row.get(checked))
        row[f"{prefix}standing"] = str(standing_on(day, issued_on, last, policy))
        row[f"{prefix}check_due"] = check_due(issued_on, last, policy).isoformat()
    return rows


def _day(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if value else None
