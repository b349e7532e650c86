"""Register view (台账): one row per member, with the register's columns.

Most events update the member's row directly (`projections.register_reducers`);
a correction or a void rewrites the row from the member's history as corrected
(`projections.register_row`). This module holds the table and its SQL.

`township_id` is the member's 基层党委: the parent of the home branch (a township
or department committee, or the county committee for a branch directly under
it); the column keeps its first name. A mobile branch handed over (移交) outside
the county takes its members with it: their rows end `handed_over`, naming the
receiver (`handed_to`), whichever way the row was reached (`hand_over`).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from uuid import UUID

from domain.base import Corrected, LedgerEvent, Voided
from domain.member import Member
from domain.member_events import (
    CertificateHeld, CertificateReleased, LegacyCertificateHeld, MemberEvent, MovedToBranch, PersonalDataRevealed,
    Registered,
)
from domain.organisation import HandedOver, Organisation
from domain.vocab import EndReason
from projections.register_reducers import REDUCERS, ignore
from projections.register_row import COLUMNS, INTEGERS, Row, derive_status, iso, row_from_member
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["RegisterView", "hand_over", "register_row"]


def hand_over(row: Row, branch: Organisation, receiver: str) -> bool:
    """Ends the row `handed_over` if the member left with `branch`, a mobile branch
    handed over outside the county: reported in to it, not returned, not otherwise
    ended. True if it did."""
    if not branch.handed_out or row["reported_in_org"] != str(branch.id) or row["returned_on"] or row["ended"]:
        return False
    row.update(ended=EndReason.HANDED_OVER.value, ended_on=iso(branch.handed_on), handed_to=receiver)
    derive_status(row)
    return True


def register_row(member: Member, org: Callable[[UUID], Organisation | None]) -> Row:
    """A member's row from the member's state and the organisations' (`org` gives
    each as of the same moment, or None): the home branch's 基层党委, and a handover."""
    branch = org(member.branch_id) if member.branch_id else None
    row = row_from_member(member, branch.parent_id if branch else None)
    reported = org(UUID(row["reported_in_org"])) if row["reported_in_org"] else None
    if reported is not None and reported.handed_to is not None:
        receiver = org(reported.handed_to)
        hand_over(row, reported, receiver.name if receiver else "")
    return row


_VALUES = itemgetter(*COLUMNS)  # a row's values in column order, as one tuple
_IN_NAME_ORDER = "{}name, member_id, ended, status, planned_on"
_MEMBER_EVENTS = (Registered, MemberEvent, CertificateHeld, CertificateReleased, LegacyCertificateHeld,
                  PersonalDataRevealed)


class RegisterView(View):
    name = "register"
    tables = {"register": ", ".join(
        f"{c} {'INTEGER' if c in INTEGERS else 'TEXT'}" + (" PRIMARY KEY" if c == "member_id" else "")
        for c in COLUMNS)}
    # A subtree's counts and the ids of a page in name order read an index alone (COUNT(*) read
    # whole rows, and a page of a township's ten members away read its thousand rows to find them).
    indexes = (("register", "township_id, ended, status, planned_on"), ("register", "branch_id, ended, status, planned_on"),
               ("register", "ended, status, planned_on"), ("register", _IN_NAME_ORDER.format("township_id, ")),
               ("register", _IN_NAME_ORDER.format("branch_id, ")), ("register", "status"),
               ("register", _IN_NAME_ORDER.format("")), ("register", "province, city"),
               ("register", "industry"), ("register", "category"), ("register", "certificate_number"),
               ("register", "reported_in_org"))

    def __init__(self) -> None:
        self._townships: dict[UUID, UUID | None] = {}  # a branch's 基层党委 never changes (only mobile branches move)

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        relevant = [e for _, e in batch.events if isinstance(e, (*_MEMBER_EVENTS, Corrected, Voided, HandedOver))]
        if not relevant:
            return
        # A member registered in this batch has no stored row yet: only the others' rows are read.
        rows = self._load(tx, {str(e.originator_id) for e in relevant if not isinstance(e, HandedOver)}
                          - {str(e.originator_id) for e in relevant if isinstance(e, Registered)})
        changed: set[str] = set()
        for event in relevant:
            key = str(event.originator_id)
            if isinstance(event, HandedOver):
                changed |= self._handed_over(tx, batch, event, rows)
                continue
            if isinstance(event, Registered):
                member = event.mutate(None)  # the new member, without reading the store
                rows[key] = row_from_member(member, self._township_id(batch, member.branch_id))
            elif key not in rows:
                continue  # a correction of something that is not a member
            elif isinstance(event, (Corrected, Voided)):
                rows[key] = self._rebuilt(batch, event)
            else:
                REDUCERS.get(type(event), ignore)(rows[key], event)
                if isinstance(event, MovedToBranch):
                    rows[key]["township_id"] = self._township(batch, event.branch_id)
                rows[key]["version"] = event.originator_version
                derive_status(rows[key])
            changed.add(key)
        self._save(tx, rows, changed)

    def _rebuilt(self, batch: EventBatch, event: LedgerEvent) -> Row | None:
        member = batch.ledger.repository.get(event.originator_id, version=event.originator_version)
        if member.is_void:
            return None
        return register_row(member, lambda org_id: batch.ledger.load(Organisation, org_id))

    def _handed_over(self, tx: Tx, batch: EventBatch, event: HandedOver, rows: dict[str, Row | None]) -> set[str]:
        """Ends the rows of the members who leave the county with a mobile branch
        handed over outside it (rows changed earlier in the batch included)."""
        branch = batch.ledger.repository.get(event.originator_id, version=event.originator_version)
        if not branch.handed_out:
            return set()  # handed over inside the county: its members' rows stay as they are
        receiver = batch.ledger.load(Organisation, event.to_org_id)
        found = tx.all("SELECT member_id FROM {register} WHERE reported_in_org = ? AND returned_on IS NULL "
                       "AND ended IS NULL", [str(branch.id)])
        rows.update(self._load(tx, {r["member_id"] for r in found} - rows.keys()))
        return {key for key, row in rows.items()
                if row is not None and hand_over(row, branch, receiver.name if receiver else "")}

    def _township(self, batch: EventBatch, branch_id: UUID) -> str | None:
        township = self._township_id(batch, branch_id)
        return str(township) if township else None

    def _township_id(self, batch: EventBatch, branch_id: UUID) -> UUID | None:
        if branch_id not in self._townships:
            self._townships[branch_id] = batch.ledger.load(Organisation, branch_id).parent_id
        return self._townships[branch_id]

    @staticmethod
    def _load(tx: Tx, keys: set[str]) -> dict[str, Row | None]:
        rows: dict[str, Row | None] = {}
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in tx.all(f"SELECT * FROM {{register}} WHERE member_id IN ({marks})", chunk):
                rows[row["member_id"]] = row
        return rows

    @staticmethod
    def _save(tx: Tx, rows: dict[str, Row | None], changed: set[str]) -> None:
        gone = [key for key in changed if rows[key] is None]
        kept = [_VALUES(rows[key]) for key in changed if rows[key] is not None]
        for key in gone:
            tx.execute("DELETE FROM {register} WHERE member_id = ?", [key])
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
        tx.executemany(f"INSERT INTO {{register}} ({', '.join(COLUMNS)}) VALUES "
                       f"({','.join('?' * len(COLUMNS))}) ON CONFLICT (member_id) DO UPDATE SET {updates}",
                       kept)
