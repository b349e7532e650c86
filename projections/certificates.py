"""Certificate accountability register view (发放责任追究): one row per
certificate number (who issued it, on whose approval and request, to whom,
when, on what grounds, and its state) and one row per request.

Every later event of a certificate, with its actor, is in the audit trail
under the certificate's number.
"""

from __future__ import annotations

from typing import Any

from domain.base import Corrected, LedgerEvent, Voided
from domain.certificate import (
    BlankVoided, Certificate, Checked, HandedBack, Issued, LegacyIssued, Replaced, ReportedLost,
)
from domain.certificate_request import Approved, CertificateRequest, Declined, Fulfilled, Requested
from domain.vocab import CertificateState
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["CERTIFICATE_COLUMNS", "CertificatesView", "certificate_row"]

CERTIFICATE_COLUMNS = (
    "number", "cert_id", "member_id", "org_id", "org_name", "issued_by", "issuer_org", "approver_id",
    "request_id", "requester_id", "issued_on", "justification", "months_away", "expected_months",
    "state", "state_on", "checked_years", "last_checked_on", "replaces", "replaced_by", "legacy",
    "legacy_issuer", "legacy_approver", "note", "version",
)
_INTEGERS = {"months_away", "expected_months", "legacy", "version"}
_CREATED = (Issued, LegacyIssued, BlankVoided)
_LATER = (Checked, ReportedLost, Replaced, HandedBack)
_REQUEST = (Requested, Approved, Declined, Fulfilled)


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def certificate_row(cert: Certificate, requester_id: str | None) -> dict[str, Any]:
    """A certificate's row from its state (as corrected)."""
    first: Any = cert.facts[0]
    checks = [f for f in cert.facts if isinstance(f, Checked)]
    changes = [f for f in cert.facts if isinstance(f, (ReportedLost, Replaced, HandedBack))]
    legacy = isinstance(first, LegacyIssued)
    return {
        "number": cert.number, "cert_id": str(cert.id), "member_id": _text(cert.member_id),
        "org_id": _text(cert.org_id), "org_name": first.org_name if legacy else None,
        "issued_by": cert.issued_by or None if isinstance(first, Issued) else None,
        "issuer_org": _text(first.actor_org) if isinstance(first, Issued) else None,
        "approver_id": cert.approver_id, "request_id": _text(cert.request_id),
        "requester_id": requester_id, "issued_on": _day(cert.issued_on),
        "justification": getattr(first, "justification", None),
        "months_away": getattr(first, "months_away", None),
        "expected_months": getattr(first, "expected_months", None),
        "state": str(cert.state),
        "state_on": _day(changes[-1].effective_on if changes else first.effective_on),
        "checked_years": ",".join(str(y) for y in sorted(cert.checked_years)),
        "last_checked_on": _day(max((f.effective_on for f in checks), default=None)),
        "replaces": cert.replaces, "replaced_by": cert.replaced_by, "legacy": int(legacy),
        "legacy_issuer": first.issuer_name if legacy else None,
        "legacy_approver": first.approver_name if legacy else None,
        "note": getattr(first, "note", None) or getattr(first, "reason", None),
        "version": cert.version,
    }


class CertificatesView(View):
    name = "certificates"
    tables = {
        "certificates": ", ".join(f"{c} {'INTEGER' if c in _INTEGERS else 'TEXT'}"
                                  + {"cert_id": " PRIMARY KEY", "number": " NOT NULL UNIQUE"}.get(c, "")
                                  for c in CERTIFICATE_COLUMNS),
        "requests": "request_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, basic_org_id TEXT NOT NULL, "
                    "requested_by TEXT NOT NULL, requested_on TEXT NOT NULL, justification TEXT, "
                    "approved_by TEXT, approved_on TEXT, declined_by TEXT, declined_on TEXT, number TEXT",
    }
    indexes = (("certificates", "member_id"), ("certificates", "issued_by"),
               ("certificates", "approver_id"), ("certificates", "state"), ("requests", "member_id"))

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        for _, event in batch.events:
            if isinstance(event, _REQUEST):
                self._request(tx, event)
            elif isinstance(event, _CREATED):
                self._write(tx, event.mutate(None))  # type: ignore[arg-type]
            elif isinstance(event, _LATER):
                self._later(tx, event)
            elif isinstance(event, (Corrected, Voided)):
                self._corrected(tx, batch, event)

    def _write(self, tx: Tx, cert: Certificate) -> None:
        requester = tx.value("SELECT requested_by FROM {requests} WHERE request_id = ?",
                             [str(cert.request_id)]) if cert.request_id else None
        row = certificate_row(cert, requester)
        updates = ", ".join(f"{c} = excluded.{c}" for c in CERTIFICATE_COLUMNS if c != "cert_id")
        tx.execute(f"INSERT INTO {{certificates}} ({', '.join(CERTIFICATE_COLUMNS)}) VALUES "
                   f"({','.join('?' * len(CERTIFICATE_COLUMNS))}) ON CONFLICT (cert_id) DO UPDATE SET {updates}",
                   [row[c] for c in CERTIFICATE_COLUMNS])

    @staticmethod
    def _later(tx: Tx, e: LedgerEvent) -> None:
        key, day = [str(e.originator_id)], _day(e.effective_on)
        if isinstance(e, Checked):
            row = tx.one("SELECT checked_years, last_checked_on FROM {certificates} WHERE cert_id = ?", key)
            assert row is not None
            years = sorted({*filter(None, (row["checked_years"] or "").split(",")), str(e.year)})
            tx.execute("UPDATE {certificates} SET checked_years = ?, last_checked_on = ?, version = ? "
                       "WHERE cert_id = ?", [",".join(years), max(filter(None, (row["last_checked_on"], day))),
                                             e.originator_version, *key])
            return
        state = {ReportedLost: CertificateState.REPORTED_LOST, Replaced: CertificateState.REPLACED,
                 HandedBack: CertificateState.HANDED_BACK}[type(e)]  # type: ignore[index]
        tx.execute("UPDATE {certificates} SET state = ?, state_on = ?, replaced_by = COALESCE(?, replaced_by), "
                   "version = ? WHERE cert_id = ?",
                   [str(state), day, getattr(e, "new_number", None), e.originator_version, *key])

    @staticmethod
    def _request(tx: Tx, e: Any) -> None:
        key, day = str(e.originator_id), _day(e.effective_on)
        if isinstance(e, Requested):
            tx.execute("INSERT INTO {requests} (request_id, member_id, basic_org_id, requested_by, "
                       "requested_on, justification) VALUES (?,?,?,?,?,?)",
                       [key, str(e.member_id), str(e.basic_org_id), e.actor, day, e.justification])
        elif isinstance(e, Approved):
            tx.execute("UPDATE {requests} SET approved_by = ?, approved_on = ? WHERE request_id = ?",
                       [e.actor, day, key])
        elif isinstance(e, Declined):
            tx.execute("UPDATE {requests} SET declined_by = ?, declined_on = ? WHERE request_id = ?",
                       [e.actor, day, key])
        else:
            tx.execute("UPDATE {requests} SET number = ? WHERE request_id = ?", [e.number, key])

    def _corrected(self, tx: Tx, batch: EventBatch, e: LedgerEvent) -> None:
        key = str(e.originator_id)
        if tx.one("SELECT 1 AS x FROM {certificates} WHERE cert_id = ?", [key]):
            self._write(tx, batch.ledger.repository.get(e.originator_id, version=e.originator_version))
        elif tx.one("SELECT 1 AS x FROM {requests} WHERE request_id = ?", [key]):
            req: CertificateRequest = batch.ledger.repository.get(e.originator_id, version=e.originator_version)
            tx.execute("UPDATE {requests} SET justification = ? WHERE request_id = ?",
                       [req.facts[0].justification, key])  # type: ignore[attr-defined]
