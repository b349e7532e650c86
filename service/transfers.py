"""Transfers between two counties of one deployment (转接, M30), as two halves,
one in each county's log, tied by the letter's number in the deployment's
`transfers` table:

- the letter half: county A's officer issues the letter (A's log) to a branch of B;
- the receipt half: county B's officer records that the letter arrived.

Either may come first. Once both are in, `advance` registers the member in B
(matched through the deployment's person key, A's letter named) and records the
receipt in A, which ends the member's place in A's register (转出本县). Each
step looks at both ledgers first, so running it again does nothing twice; a
step that fails leaves the transfer pending with its error, retried by the
process's counties loop. Until both steps are done the member stays in A's
register (with a letter out) and nowhere else, or, in between, `flag` says the
two logs disagree.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from domain.commands import RecordTransferReceipt, RegisterMember
from domain.errors import LedgerError
from domain.member import Member
from service.counties import Counties
from service.process import Service

__all__ = ["Transfers", "flag"]

COLUMNS = ("letter_number, from_code, to_code, from_member, issued_by, to_org, received_by, to_member, "
           "letter_at, receipt_at, completed_at, attempts, last_error")
RETRY_AFTER = 5.0  # seconds before a failed step is tried again, doubled per failure (at most an hour)


class Transfers:
    def __init__(self, counties: Counties, person_key: bytes):
        self.counties = counties
        self.store = counties.store
        self.person_key = person_key

    def person(self, id_number: str) -> str:
        """The deployment-wide keyed hash of a person (no county's key, and no county's member id)."""
        return hmac.new(self.person_key, id_number.encode("ascii"), hashlib.sha256).hexdigest()

    # The two halves.

    def letter(self, letter_number: str, from_code: str, to_code: str, member_id: UUID, issued_by: UUID,
               to_org: UUID) -> dict[str, Any]:
        """County A's letter is in its log: note it, then go on if B's receipt is in too."""
        self._note(letter_number, from_code, to_code, {"from_member": str(member_id), "issued_by": str(issued_by),
                                                        "to_org": str(to_org), "letter_at": _now()})
        return self.advance(letter_number)

    def receipt(self, letter_number: str, from_code: str, to_code: str, received_by: UUID,
                to_org: UUID | None) -> dict[str, Any]:
        """County B's officer has the letter: note it, then go on if A's letter is in too."""
        fields = {"received_by": str(received_by), "receipt_at": _now(), **({"to_org": str(to_org)} if to_org else {})}
        self._note(letter_number, from_code, to_code, fields)
        return self.advance(letter_number)

    def check(self, letter_number: str, from_code: str, to_code: str) -> None:
        """Refuses (ValueError) a number another pair of counties' transfer holds."""
        _same_pair(self.find(letter_number), letter_number, from_code, to_code)

    def _note(self, letter_number: str, from_code: str, to_code: str, fields: dict[str, str]) -> None:
        with self.store.transaction() as tx:
            row = _locked(tx, letter_number)
            if row is None:
                tx.execute("INSERT INTO transfers (letter_number, from_code, to_code, attempts, updated_at) "
                           "VALUES (?, ?, ?, 0, ?)", [letter_number, from_code, to_code, _now()])
                row = {"from_code": from_code, "to_code": to_code, "to_org": None}
            _same_pair(row, letter_number, from_code, to_code)
            if row.get("to_org") and fields.get("to_org") and row["to_org"] != fields["to_org"]:
                raise ValueError(f"介绍信 {letter_number} 所写的接收组织与回执所写的不同")
            fields = {k: v for k, v in fields.items() if not (k == "to_org" and row.get("to_org"))}
            tx.execute(f"UPDATE transfers SET {', '.join(f'{k} = ?' for k in fields)}, updated_at = ? "
                       "WHERE letter_number = ?", [*fields.values(), _now(), letter_number])

    # Carrying it out.

    def advance(self, letter_number: str) -> dict[str, Any]:
        """Takes the transfer as far as it can go now; returns it as it then stands."""
        with self.store.transaction() as tx:
            row = _locked(tx, letter_number)
            if row is None:
                raise KeyError(letter_number)
            if row["completed_at"] or not (row["letter_at"] and row["receipt_at"]):
                return row
            done: dict[str, UUID] = {}  # how far it got: the member in B
            try:
                to_member = self._carry_out(row, done)
            except Exception as error:  # noqa: BLE001 (refused, or a store out of reach: kept, and tried again)
                text = error.text if isinstance(error, LedgerError) else f"{type(error).__name__}: {error}"[:500]
                tx.execute("UPDATE transfers SET to_member = ?, attempts = attempts + 1, last_error = ?, "
                           "updated_at = ? WHERE letter_number = ?",
                           [str(done["to_member"]) if "to_member" in done else None, text, _now(), letter_number])
            else:
                tx.execute("UPDATE transfers SET to_member = ?, completed_at = ?, last_error = NULL, updated_at = ? "
                           "WHERE letter_number = ?", [str(to_member), _now(), _now(), letter_number])
            return _locked(tx, letter_number)  # type: ignore[return-value]

    def _carry_out(self, row: dict[str, Any], done: dict[str, UUID]) -> UUID:
        a, b = self.counties.service(row["from_code"]), self.counties.service(row["to_code"])
        member = a.ledger.load(Member, UUID(row["from_member"]))
        if member is None:
            raise ValueError("转出县找不到该党员")
        to_member = done["to_member"] = self._register_in(b, member, row)
        letter = member.letter
        if letter is None or letter.number != row["letter_number"]:
            raise ValueError(f"转出县该党员最近的介绍信不是 {row['letter_number']}")
        if letter.received_on is None:
            a.record(UUID(row["issued_by"]), RecordTransferReceipt(member_id=member.id,
                                                                    letter_number=row["letter_number"]))
        self._index(row["from_code"], member.id, row["to_code"], to_member, member.id_number)
        return to_member

    def _register_in(self, b: Service, member: Member, row: dict[str, Any]) -> UUID:
        """The member in B: found there already (the same person's id in B), or registered now."""
        found = b.ledger.member_id_for(member.id_number)
        if b.ledger.load(Member, found) is not None:
            return found
        command = RegisterMember(
            name=member.name, gender=member.gender, birth_date=member.birth_date,  # type: ignore[arg-type]
            ethnicity=member.ethnicity, id_number=member.id_number, phone=member.phone,
            joined_on=member.joined_on, standing=str(member.standing.value if member.standing else ""),  # type: ignore[arg-type]
            category=member.category, branch_id=UUID(row["to_org"]), probation_start=member.probation_start)
        outcome = b.record(UUID(row["received_by"]), command)
        assert outcome.subject_id is not None
        return outcome.subject_id

    def _index(self, from_code: str, from_member: UUID, to_code: str, to_member: UUID, id_number: str) -> None:
        person = self.person(id_number)
        with self.store.transaction() as tx:
            for code, member_id in ((from_code, from_member), (to_code, to_member)):
                tx.execute("INSERT INTO persons (person_key, county_code, member_id) VALUES (?, ?, ?) "
                           "ON CONFLICT DO NOTHING", [person, code, str(member_id)])

    def retry_pending(self) -> int:
        """Tries each pending transfer whose pause is over; returns how many were tried."""
        now = datetime.now(UTC)
        with self.store.read() as tx:
            rows = tx.all("SELECT letter_number, attempts, updated_at FROM transfers WHERE completed_at IS NULL "
                          "AND letter_at IS NOT NULL AND receipt_at IS NOT NULL")
        due = [r["letter_number"] for r in rows
               if (now - datetime.fromisoformat(r["updated_at"])).total_seconds()
               >= min(RETRY_AFTER * 2 ** max(int(r["attempts"]) - 1, 0), 3600)]
        for letter_number in due:
            self.advance(letter_number)
        return len(due)

    # Reading.

    def find(self, letter_number: str) -> dict[str, Any] | None:
        with self.store.read() as tx:
            return tx.one(f"SELECT {COLUMNS} FROM transfers WHERE letter_number = ?", [letter_number])

    def involving(self, codes: list[str], page: int = 1, size: int = 50) -> tuple[list[dict[str, Any]], int]:
        """Transfers from or to any of these counties, pending ones first, then the newest."""
        marks = ", ".join("?" for _ in codes)
        with self.store.read() as tx:
            where = f"WHERE from_code IN ({marks}) OR to_code IN ({marks})"
            total = tx.value(f"SELECT COUNT(*) AS n FROM transfers {where}", [*codes, *codes])
            rows = tx.all(f"SELECT {COLUMNS} FROM transfers {where} ORDER BY completed_at IS NOT NULL, updated_at DESC "
                          "LIMIT ? OFFSET ?", [*codes, *codes, size, (page - 1) * size])
        return rows, int(total or 0)


def flag(row: dict[str, Any]) -> str | None:
    """What a transfer's state says about the two registers, in words, or None when all is well."""
    if row["completed_at"]:
        return None
    if not row["letter_at"]:
        return "接收县已登记回执，转出县尚未开具介绍信：党员仍在转出县台账"
    if not row["receipt_at"]:
        return "转出县已开具介绍信，接收县尚未登记回执：党员仍在转出县台账"
    if row["to_member"] is not None:
        return f"两县记录不一致：已在接收县登记，转出县尚未记录回执，将自动重试（已试 {row['attempts']} 次）：{row['last_error']}"
    if row["last_error"]:
        return f"转接未完成，党员仍在转出县台账，将自动重试（已试 {row['attempts']} 次）：{row['last_error']}"
    return "转接进行中"


def _same_pair(row: dict[str, Any] | None, letter_number: str, from_code: str, to_code: str) -> None:
    """Refuses (ValueError) a number another pair of counties' transfer holds."""
    if row is not None and (row["from_code"], row["to_code"]) != (from_code, to_code):
        raise ValueError(f"介绍信 {letter_number} 已登记为 {row['from_code']} 转往 {row['to_code']}")


def _locked(tx: Any, letter_number: str) -> dict[str, Any] | None:
    return tx.one(f"SELECT {COLUMNS} FROM transfers WHERE letter_number = ? FOR UPDATE", [letter_number])  # type: ignore[no-any-return]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
