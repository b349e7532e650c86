"""The register (台账) with filters, sorting and pages; one member's row;
a member's history, and their state as of any date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.member import Member
from domain.vocab import MemberStatus
from projections.queries.scope import register_filter
from projections.queries.standing import with_standing

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["Page", "RegisterQueries", "SORTS", "status_on"]

SORTS = ("name", "status", "since", "departed_on", "province", "city", "industry", "category",
         "paid_through", "last_contact_on", "registered_on", "certificate_number")
_NAMES = (
    "SELECT r.*, b.name AS branch_name, t.name AS township_name, i.name AS reported_in_name, "
    "c.issued_on AS certificate_issued_on, c.last_checked_on AS certificate_checked_on, "
    "c.issued_by AS certificate_issuer_id, "
    "COALESCE(o.name, c.legacy_issuer) AS certificate_issuer, lo.name AS liaison_org_name "
    "FROM {rows} r LEFT JOIN {{orgs}} b ON b.org_id = r.branch_id "
    "LEFT JOIN {{orgs}} t ON t.org_id = r.township_id LEFT JOIN {{orgs}} i ON i.org_id = r.reported_in_org "
    "LEFT JOIN {{certificates}} c ON c.number = r.certificate_number "
    "LEFT JOIN {{officers}} o ON o.officer_id = c.issued_by "
    "LEFT JOIN {{orgs}} lo ON lo.org_id = r.liaison_org ")
MEMBER_SELECT = _NAMES.format(rows="{register}")


def page_select(clause: str, order: str) -> str:
    """A page of the register with the names of what it refers to: the page's ids are
    chosen first (sorting ids, not whole rows), and only its rows are read and joined
    (joining every matching row before sorting cost a county-wide page 30 ms)."""
    chosen = (f"(SELECT r.* FROM (SELECT r.member_id FROM {{register}} r WHERE {clause} ORDER BY {order} "
              "LIMIT ? OFFSET ?) p JOIN {register} r ON r.member_id = p.member_id)")
    return f"{_NAMES.format(rows=chosen)} ORDER BY {order}"


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    page: int
    size: int


class RegisterQueries:
    def register(self: Queries, *, org_id: UUID | None = None, status: str | None = None,
                 province: str | None = None, city: str | None = None, industry: str | None = None,
                 category: str | None = None, name: str | None = None, include_ended: bool = False,
                 sort: str = "name", descending: bool = False, page: int = 1, size: int = 50) -> Page:
        if sort not in SORTS:
            raise rules.CHOICE.refuse(field="sort", label="排序字段", choices="、".join(SORTS))
        day = self.today()
        with self.reader() as tx:
            clause, params = register_filter(tx, org_id, include_ended, day, received=True, status=status, province=province,
                                             city=city, industry=industry, category=category, name=name)
            total = tx.value(f"SELECT COUNT(*) AS n FROM {{register}} r WHERE {clause}", params)
            order = f"r.{sort} {'DESC' if descending else 'ASC'}, r.member_id"
            rows = tx.all(page_select(clause, order), [*params, size, (page - 1) * size])
        return Page(with_standing(status_on(rows, day), day, self.policy_on(day)), total or 0, page, size)

    def member(self: Queries, member_id: UUID) -> dict[str, Any]:
        with self.reader() as tx:
            row = tx.one(f"{MEMBER_SELECT} WHERE r.member_id = ?", [str(member_id)])
        if row is None:
            raise rules.MEMBER_NOT_FOUND.refuse(field="member_id")
        day = self.today()
        return with_standing(status_on([row], day), day, self.policy_on(day))[0]

    def organisations(self: Queries) -> list[dict[str, Any]]:
        with self.reader() as tx:
            return tx.all("SELECT * FROM {orgs} ORDER BY kind, name")

    def history(self: Queries, member_id: UUID, found: bool = False) -> list[dict[str, Any]]:
        """Every event about the member (and their certificates), in order, with actors;
        `found`: the caller has already read the member's row (else a 404 if there is none)."""
        if not found:
            self.member(member_id)
        return self.audit(member_id=member_id, size=10_000).rows

    def as_of(self: Queries, member_id: UUID, day: date) -> dict[str, Any]:
        """The member's state on `day`: where they were, whom they had reported
        to, which certificates were valid; not found before registration."""
        member = self.aggregate(Member, UUID(str(member_id)))
        state = member.as_of(day) if member is not None else None
        if state is None:
            raise rules.MEMBER_NOT_FOUND.refuse(field="member_id")
        absence = state.absence_on(day)
        return {
            "member_id": str(member_id), "as_of": day.isoformat(), "status": str(state.status_on(day)),
            "branch_id": str(state.branch_id), "standing": str(state.standing),
            "departed_on": _day(absence and absence.departed_on),
            "province": absence.province if absence else None, "city": absence.city if absence else None,
            "industry": absence.industry if absence else None,
            "employer": absence.employer if absence else None,
            "reported_in_org": str(absence.reported_in_org) if absence and absence.reported_in_org else None,
            "reported_in_on": _day(absence and absence.reported_in_on),
            "certificates": list(state.certificates), "paid_through": state.paid_through,
            "last_contact_on": _day(state.last_contact_on), "last_contact_by": state.last_contact_by,
            "ended": str(state.ended) if state.ended else None,
        }


def status_on(rows: list[dict[str, Any]], day: date) -> list[dict[str, Any]]:
    """Rows with their status on `day`: a row keeps the status as recorded, and a departure
    reported ahead (外出前报告) is away only from its planned day; before it, 计划外出."""
    for row in rows:
        if row["status"] == MemberStatus.AWAY and row["planned_on"] and row["planned_on"] > day.isoformat():
            row["status"], row["since"] = MemberStatus.PLANNED.value, None
    return rows


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
