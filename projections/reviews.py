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
        """Writes are gathered and sent together at the end (or before a rewrite, which reads them)."""
        pending = _Pending()
        for _, event in batch.events:
            key = str(event.originator_id)
            if isinstance(event, Registered):
                pending.members[key] = (str(event.branch_id), event.name)
            elif isinstance(event, MovedToBranch):
                if key in pending.members:
                    pending.members[key] = (str(event.branch_id), pending.members[key][1])
                else:
                    pending.moves[key] = str(event.branch_id)
            elif isinstance(event, Reviewed):
                branch, name = pending.member(tx, key)
                pending.reviews.append((key, event.year, event.grade, branch, event.effective_on.isoformat(), name))
            elif isinstance(event, (Corrected, Voided)):
                pending.flush(tx)
                if self._known(tx, key):
                    self._rewrite(tx, event.originator_id,
                                  batch.ledger.repository.get(event.originator_id, version=event.originator_version))
        pending.flush(tx)

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


class _Pending:
    """A batch's writes not sent yet: members registered (upserted), moves of members
    stored before the batch, and review rows (in `REVIEW_COLUMNS` order)."""

    def __init__(self) -> None:
        self.members: dict[str, tuple[str, str]] = {}  # member -> (branch, name)
        self.moves: dict[str, str] = {}  # member -> branch
        self.reviews: list[tuple[Any, ...]] = []

    def member(self, tx: Tx, key: str) -> tuple[str | None, str]:
        """The member's branch and name as the view knows them, pending writes included."""
        if key in self.members:
            return self.members[key]
        known = tx.one("SELECT branch_id, name FROM {review_members} WHERE member_id = ?", [key])
        if known is None:
            return None, ""
        return self.moves.get(key, known["branch_id"]), known["name"]

    def flush(self, tx: Tx) -> None:
        tx.executemany("INSERT INTO {review_members} (member_id, branch_id, name) VALUES (?, ?, ?) "
                       "ON CONFLICT (member_id) DO UPDATE SET branch_id = excluded.branch_id, name = excluded.name",
                       [(key, branch, name) for key, (branch, name) in self.members.items()])
        tx.executemany("UPDATE {review_members} SET branch_id = ? WHERE member_id = ?",
                       [(branch, key) for key, branch in self.moves.items()])
        tx.executemany(f"INSERT INTO {{reviews}} ({', '.join(REVIEW_COLUMNS)}) VALUES "
                       f"({','.join('?' * len(REVIEW_COLUMNS))})", self.reviews)
        self.members, self.moves, self.reviews = {}, {}, []
