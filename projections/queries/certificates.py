"""The certificate accountability register (发放责任追究): each certificate
with who requested, approved and issued it; each officer's certificates;
how many each officer issued; and the anomalies an auditor looks for."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.certificate_standing import check_due, standing_on
from domain.fields import check_text
from domain.vocab import CertificateStanding
from projections.queries.standing import with_standing

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["ANOMALIES", "CertificateQueries"]

CERT_SELECT = (
    "SELECT c.*, m.name AS member_name, m.status AS member_status, g.name AS org_name_now, "
    "i.name AS issuer_name, a.name AS approver_name, q.name AS requester_name, "
    "io.name AS issuer_org_name FROM {certificates} c "
    "LEFT JOIN {register} m ON m.member_id = c.member_id LEFT JOIN {orgs} g ON g.org_id = c.org_id "
    "LEFT JOIN {officers} i ON i.officer_id = c.issued_by LEFT JOIN {officers} a ON a.officer_id = c.approver_id "
    "LEFT JOIN {officers} q ON q.officer_id = c.requester_id LEFT JOIN {orgs} io ON io.org_id = c.issuer_org ")

ANOMALIES = {
    "valid_after_return": "持证党员已返回或不在册，活动证仍为有效",
    "check_overdue": "有效活动证逾期未年审",
    "several_valid": "一名党员持有多本有效活动证",
    "issuer_revoked": "发证时发证人已被撤销任职",
}


class CertificateQueries:
    def certificate(self: Queries, number: str) -> dict[str, Any]:
        """One certificate with every event that concerns it, and their actors."""
        number = check_text("number", "活动证编号", number, 40)
        with self.reader() as tx:
            row = tx.one(f"{CERT_SELECT} WHERE c.number = ?", [number])
        if row is None:
            raise rules.CERT_NOT_FOUND.refuse(field="number", number=number)
        day = self.today()
        with_standing([row], day, self.policy_on(day), issued="issued_on", checked="last_checked_on", prefix="")
        row["events"] = self.audit(certificate_number=number, size=10_000).rows
        return row

    def certificates_of_officer(self: Queries, officer_id: UUID | str) -> dict[str, list[dict[str, Any]]]:
        """What an officer requested, approved and issued."""
        key = str(officer_id)
        with self.reader() as tx:
            if tx.one("SELECT 1 AS x FROM {officers} WHERE officer_id = ?", [key]) is None:
                raise rules.OFFICER_NOT_FOUND.refuse(field="officer_id", officer=key)
            return {role: tx.all(f"{CERT_SELECT} WHERE c.{column} = ? ORDER BY c.issued_on, c.number", [key])
                    for role, column in (("issued", "issued_by"), ("approved", "approver_id"),
                                         ("requested", "requester_id"))}

    def issuer_counts(self: Queries) -> list[dict[str, Any]]:
        """How many certificates each officer issued, for each organisation they acted for,
        most first: every certificate issued here (a replacement too), none from an old register."""
        with self.reader() as tx:
            return tx.all(
                "SELECT c.issued_by AS officer_id, i.name AS name, c.issuer_org AS org_id, io.name AS org, "
                "COUNT(*) AS issued FROM {certificates} c "
                "LEFT JOIN {officers} i ON i.officer_id = c.issued_by LEFT JOIN {orgs} io ON io.org_id = c.issuer_org "
                "WHERE c.issued_by IS NOT NULL GROUP BY c.issued_by, i.name, c.issuer_org, io.name "
                "ORDER BY issued DESC, c.issued_by, c.issuer_org")

    def anomalies(self: Queries, as_of: date) -> list[dict[str, Any]]:
        policy = self.policy_on(as_of)
        found: list[dict[str, Any]] = []

        def add(kind: str, row: dict[str, Any], detail: str) -> None:
            found.append({"kind": kind, "label": ANOMALIES[kind], "number": row["number"],
                          "member_id": row["member_id"], "member_name": row["member_name"],
                          "detail": detail})

        with self.reader() as tx:
            valid = tx.all(f"{CERT_SELECT} WHERE c.state = 'valid' ORDER BY c.number")
            revoked = tx.all(f"{CERT_SELECT} WHERE i.revoked_on IS NOT NULL AND i.revoked_on <= c.issued_on "
                             "ORDER BY c.number")
            several = {r["member_id"] for r in tx.all(
                "SELECT member_id FROM {register} WHERE valid_certificates > 1")}
        for row in valid:
            if row["member_status"] in ("returned", "at_home", "ended"):
                add("valid_after_return", row, f"党员状态：{row['member_status']}")
            last = date.fromisoformat(row["last_checked_on"]) if row["last_checked_on"] else None
            issued = date.fromisoformat(row["issued_on"])
            if standing_on(as_of, issued, last, policy) is CertificateStanding.LAPSED:
                add("check_overdue", row, f"应于{check_due(issued, last, policy).isoformat()}前年审"
                                          f"（宽限{policy.certificate_check_grace_days}天）")
            if row["member_id"] in several:
                add("several_valid", row, "同一党员另有有效活动证")
        for row in revoked:
            add("issuer_revoked", row, f"发证日期{row['issued_on']}，发证人已于此前撤销任职")
        return found
