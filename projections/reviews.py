"""Reviews view (民主评议): one row per member and year reviewed, with the grade and
the branch the member belonged to when the review was recorded, so that the share
of 优秀 per branch and year can be counted (`projections.queries.reviews`).

A review is written from its event, with the member's branch as this view keeps
it (`review_members`, from registrations and moves). A correction or a void of
any event of a member rewrites that member's rows from the aggregate as of it,
as `projections.enterprises` does: a grade corrected, a review voided, a move
voided all land where they belong.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.base import Corrected, Voided
from domain.member import Member
from domain.member_events import MovedToBranch, Registered, Reviewed
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["REVIEW_COLUMNS", "ReviewsView", "review_rows"]

REVIEW_COLUMNS = ("member_id", "year", "grade", "branch_id", "reviewed_on", "name")


def review_rows(member: Member) -> list[dict[str, Any]]:
    """A member's review rows, from its state (as corrected)."""
    return [{"member_id": str(member.id), "year": year, "grade": member.reviews[year],
             "branch_id": str(branch) if branch else None, "reviewed_on": day.isoformat(), "name": member.name}
            for year, (branch, day) in sorted(member.reviewed_in.items()) if year in member.reviews]


class ReviewsView(View):
    name = "reviews"
    tables = {
        "reviews": "member_id TEXT NOT NULL, year INTEGER NOT NULL, grade TEXT NOT NULL, branch_id TEXT, "
                   "reviewed_on TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (member_id, year)",
        "review_members": "member_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, name TEXT NOT NULL",
    }
    indexes = (("reviews", "year"),)

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        for _, event in batch.events:
            key = str(event.originator_id)
            if isinstance(event, Registered):
                tx.execute("INSERT INTO {review_members} (member_id, branch_id, name) VALUES (?, ?, ?) "
                           "ON CONFLICT (member_id) DO UPDATE SET branch_id = excluded.branch_id, name = excluded.name",
                           [key, str(event.branch_id), event.name])
            elif isinstance(event, MovedToBranch):
                tx.execute("UPDATE {review_members} SET branch_id = ? WHERE member_id = ?", [str(event.branch_id), key])
            elif isinstance(event, Reviewed):
                known = tx.one("SELECT branch_id, name FROM {review_members} WHERE member_id = ?", [key])
                self._insert(tx, [{"member_id": key, "year": event.year, "grade": event.grade,
                                   "branch_id": known["branch_id"] if known else None,
                                   "reviewed_on": event.effective_on.isoformat(),
                                   "name": known["name"] if known else ""}])
            elif isinstance(event, (Corrected, Voided)) and self._known(tx, key):
                self._rewrite(tx, event.originator_id,
                              batch.ledger.repository.get(event.originator_id, version=event.originator_version))

    @staticmethod
    def _known(tx: Tx, key: str) -> bool:
        return tx.one("SELECT 1 AS x FROM {review_members} WHERE member_id = ?", [key]) is not None

    @classmethod
    def _rewrite(cls, tx: Tx, member_id: UUID, member: Member) -> None:
        key = [str(member_id)]
        tx.execute("DELETE FROM {reviews} WHERE member_id = ?", key)
        if member.is_void:
            tx.execute("DELETE FROM {review_members} WHERE member_id = ?", key)
            return
        tx.execute("UPDATE {review_members} SET branch_id = ?, name = ? WHERE member_id = ?",
                   [str(member.branch_id), member.name, key[0]])
        cls._insert(tx, review_rows(member))

    @staticmethod
    def _insert(tx: Tx, rows: list[dict[str, Any]]) -> None:
        tx.executemany(f"INSERT INTO {{reviews}} ({', '.join(REVIEW_COLUMNS)}) VALUES "
                       f"({','.join('?' * len(REVIEW_COLUMNS))})", [[r[c] for c in REVIEW_COLUMNS] for r in rows])
