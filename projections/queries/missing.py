"""应发未发: eligible members away without a certificate that counts as held,
each with the reason, for a day (docs/figures.md), filtered as the register
is and paged; `missing_rows` gives every one of them (for a download)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.certificate_standing import check_due
from domain.fields import months_between
from domain.policy import Policy
from projections.queries.coverage import in_force, judged
from projections.queries.register import MEMBER_SELECT, Page
from projections.queries.scope import away_on, register_filter

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["MissingQueries", "REASONS"]

# The furthest step a member got to, in the order they are judged: a certificate in force whose
# check lapsed, an approved request, a request awaiting approval, a certificate lost, nothing.
REASONS = {
    "check_overdue": "年审逾期",
    "approved": "已审批未发证",
    "requested": "已申请未审批",
    "lost": "已挂失未补发",
    "never_requested": "从未申请",
}
class MissingQueries:
    def missing(self: Queries, *, org_id: UUID | None = None, day: date | None = None, reason: str | None = None,
                page: int = 1, size: int = 50, **filters: str | None) -> Page:
        """A page of 应发未发 on `day` (default today), by name."""
        found = self.missing_rows(org_id=org_id, day=day, reason=reason, **filters)
        return Page(found[(page - 1) * size:page * size], len(found), page, size)

    def missing_rows(self: Queries, *, org_id: UUID | None = None, day: date | None = None,
                     reason: str | None = None, **filters: str | None) -> list[dict[str, Any]]:
        """Every member of 应发未发 on `day` in the filtered scope, by name, with
        `reason` (a key of `REASONS`), `reason_label`, `reason_on` and `detail`."""
        if reason is not None and reason not in REASONS:
            raise rules.CHOICE.refuse(field="reason", label="应发未发原因", choices="、".join(REASONS))
        day = day or self.today()
        policy = self.policy_on(day)
        with self.reader() as tx:
            clause, params = register_filter(tx, org_id, day=day, **filters)
            # No letter being carried out (one received inside the county moved the member); the rest
            # of eligibility depends on the day.
            clause += f" AND {away_on(day)} AND (r.letter_on IS NULL OR r.receipt_on IS NOT NULL)"
            rows = tx.all(f"{MEMBER_SELECT} WHERE {clause} ORDER BY r.name, r.member_id", params)
            members = f"SELECT r.member_id FROM {{register}} r WHERE {clause}"
            requests = tx.all("SELECT q.member_id, q.request_id, q.requested_on, q.approved_on, q.declined_on "
                              f"FROM {{requests}} q WHERE q.number IS NULL AND q.member_id IN ({members}) "
                              "ORDER BY q.requested_on, q.request_id", params)
            certificates = in_force(tx, members, params)
            lost = tx.all("SELECT c.member_id, c.number, c.state_on FROM {certificates} c "
                          f"WHERE c.state = 'reported_lost' AND c.member_id IN ({members}) "
                          "ORDER BY c.state_on, c.number", params)
        steps: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for kind, found in (("requests", requests), ("lost", lost)):
            for row in found:
                steps[row["member_id"]][kind].append(row)
        missing = [row for row in judged(rows, certificates, day, policy) if row["missing"]]
        for row in missing:
            row.update(_reason(row, steps[row["member_id"]], policy))
            row["months_away"] = months_between(date.fromisoformat(row["departed_on"]), day)
        return [row for row in missing if reason is None or row["reason"] == reason]


def _reason(row: dict[str, Any], steps: dict[str, list[dict[str, Any]]], policy: Policy) -> dict[str, Any]:
    """Why a member of 应发未发 holds no certificate that counts: the furthest step reached."""
    pending = [q for q in steps["requests"] if q["declined_on"] is None]
    approved = [q for q in pending if q["approved_on"]]
    declined = [q for q in steps["requests"] if q["declined_on"]]
    if row["certificate_standing"] == "lapsed":
        due = check_due(date.fromisoformat(row["certificate_issued_on"]),
                        date.fromisoformat(row["certificate_checked_on"]) if row["certificate_checked_on"] else None,
                        policy)
        found = ("check_overdue", due.isoformat(), f"活动证{row['certificate_number']}应于{due}前年审"
                 f"（宽限{policy.certificate_check_grace_days}天），逾期未年审", None)
    elif approved:
        q = approved[-1]
        found = ("approved", q["approved_on"], f"{q['requested_on']}申请，{q['approved_on']}批准，尚未发证",
                 q["request_id"])
    elif pending:
        q = pending[-1]
        found = ("requested", q["requested_on"], f"{q['requested_on']}申请，尚未审批", q["request_id"])
    elif steps["lost"]:
        c = steps["lost"][-1]
        found = ("lost", c["state_on"], f"活动证{c['number']}于{c['state_on']}挂失，尚未补发", None)
    else:
        detail = f"申请已于{declined[-1]['declined_on']}退回，未再申请" if declined else "尚无发放申请"
        found = ("never_requested", None, detail, None)
    code, on, detail, request_id = found
    return {"reason": code, "reason_label": REASONS[code], "reason_on": on, "detail": detail,
            "request_id": request_id}
