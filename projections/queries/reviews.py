"""Reading reviews and probation: a member's years (grade, the opinions of the
organisations reported in to, the assessments during probation and the
decisions), and the share of 优秀 per branch and year that the flag
`excellent_share` compares with the policy (docs/figures.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.member import Member
from domain.policy import Policy
from domain.vocab import Attendance, OrgKind, ProbationOutcome, ReviewGrade
from projections.reviews import review_rows
from projections.store import Tx

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["ReviewQueries", "excellent_share_flags", "permille", "share_text"]

_EVERYTHING = (OrgKind.COUNTY_COMMITTEE.value, OrgKind.SERVICE_CENTRE.value)
_RECEIVING = (OrgKind.MOBILE_BRANCH.value, OrgKind.INFLOW_ORG.value)  # they grade nobody


def permille(part: int, whole: int) -> int:
    """part/whole in ‰, rounded half up (whole > 0)."""
    return (part * 2000 + whole) // (2 * whole)


def share_text(limit: int) -> str:
    """A ‰ limit as people say it: 1/3 for 333, else a percentage."""
    for n in range(2, 11):
        if permille(1, n) == limit:
            return f"1/{n}"
    return f"{limit / 10:g}%"


class ReviewQueries:
    def member_reviews(self: Queries, member_id: UUID) -> dict[str, Any]:
        """A member's reviews by year, newest first, with the opinions and assessments of each year."""
        member = self.aggregate(Member, member_id)
        if member is None:
            raise rules.MEMBER_NOT_FOUND.refuse(field="member_id")
        orgs = {o["org_id"]: o["name"] for o in self.organisations()}
        years: dict[int, dict[str, Any]] = defaultdict(lambda: {"grade": None, "grade_label": None,
                                                                "reviewed_on": None, "branch_id": None,
                                                                "branch_name": None, "opinions": [],
                                                                "assessments": []})
        for row in review_rows(member):
            years[row["year"]].update(grade=row["grade"], grade_label=ReviewGrade.label_of(row["grade"]),
                                      reviewed_on=row["reviewed_on"], branch_id=row["branch_id"],
                                      branch_name=orgs.get(row["branch_id"]))
        for o in member.opinions:
            org_id = str(o.org_id) if o.org_id else None
            years[o.year]["opinions"].append({
                "day": o.day.isoformat(), "opinion": o.opinion, "suggested_grade": o.suggested_grade,
                "suggested_grade_label": ReviewGrade.label_of(o.suggested_grade), "org_id": org_id,
                "org_name": orgs.get(org_id) if org_id else o.org_name,
                "recorded_by_org_name": orgs.get(str(o.recorded_by_org)) if o.recorded_by_org else None})
        for a in member.assessments:
            years[a.day.year]["assessments"].append({
                "day": a.day.isoformat(), "period": a.period, "opinion": a.opinion,
                "org_name": orgs.get(str(a.org_id)) if a.org_id else None})
        decisions = [{"day": d.effective_on.isoformat(), "outcome": d.outcome,
                      "outcome_label": ProbationOutcome.label_of(d.outcome), "extension_months": d.extension_months,
                      "attendance": d.attendance, "attendance_label": Attendance.label_of(d.attendance),
                      "reason": d.reason} for d in member.decisions]
        return {"member_id": str(member.id), "name": member.name, "standing": str(member.standing),
                "probation_start": member.probation_start.isoformat() if member.probation_start else None,
                "years": [{"year": year, **years[year]} for year in sorted(years, reverse=True)],
                "decisions": decisions}

    def excellent_shares(self: Queries, tx: Tx, as_of: date, org_id: UUID | None, first_year: int,
                         policy: Policy) -> list[dict[str, Any]]:
        """Branch-years from `first_year` on whose share of 优秀 among the reviews recorded by `as_of`
        exceeds the policy, in the subtree of `org_id` (by the branch at the time of each review)."""
        orgs = {o["org_id"]: o for o in tx.all("SELECT org_id, kind, name, township_id FROM {orgs}")}
        branches = _branches(orgs, org_id)
        groups: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
        for row in self._review_rows(tx, first_year):
            if row["reviewed_on"] <= as_of.isoformat() and row["branch_id"] in orgs \
                    and (branches is None or row["branch_id"] in branches):
                groups[(row["branch_id"], row["year"])].append(row)
        found = []
        for (branch_id, year), rows in sorted(groups.items(), key=lambda g: (g[0][1], orgs[g[0][0]]["name"])):
            excellent = sorted((r for r in rows if r["grade"] == ReviewGrade.EXCELLENT),
                               key=lambda r: (r["name"], r["member_id"]))
            if excellent and permille(len(excellent), len(rows)) > policy.excellent_share_max:
                branch = orgs[branch_id]
                township = orgs.get(branch["township_id"] or "")
                found.append({"branch_id": branch_id, "branch_name": branch["name"], "year": year,
                              "excellent": excellent, "reviewed": len(rows),
                              "township_id": branch["township_id"], "township_name": township["name"] if township else None})
        return found

    def _review_rows(self: Queries, tx: Tx, first_year: int) -> list[dict[str, Any]]:
        """The view's rows, or, for a past day, the rows of the members' states then (a snapshot holds no
        review tables)."""
        if "reviews" not in tx.tables:
            states = getattr(self, "states", {}).values()
            return [r for s in states if isinstance(s, Member) for r in review_rows(s) if r["year"] >= first_year]
        return tx.all("SELECT * FROM {reviews} WHERE year >= ?", [first_year])


def _branches(orgs: dict[str, dict[str, Any]], org_id: UUID | None) -> set[str] | None:
    """The branches of a subtree (None: all); a station or point covers its township's."""
    if org_id is None:
        return None
    org = orgs.get(str(org_id))
    if org is None:
        raise rules.ORG_NOT_FOUND.refuse(field="org_id", org=org_id)
    if org["kind"] in _EVERYTHING:
        return None
    if org["kind"] == OrgKind.BRANCH.value:
        return {str(org_id)}
    if org["kind"] in _RECEIVING:
        return set()
    return {key for key, o in orgs.items() if o["kind"] == OrgKind.BRANCH.value
            and o["township_id"] == org["township_id"]}


def excellent_share_flags(shares: list[dict[str, Any]], policy: Policy, add: Callable[..., None]) -> None:
    """The `excellent_share` flags of `ReviewQueries.excellent_shares`: one per branch and year."""
    for share in shares:  # a branch and year: nothing refused, people decide (docs/figures.md)
        limit = share_text(policy.excellent_share_max)
        add("excellent_share", {"member_id": None, "name": None}, f"{share['branch_name']}："
            f"优秀{len(share['excellent'])}人/评议{share['reviewed']}人，超过{limit}",
            [{**m, "township_id": share["township_id"], "township_name": share["township_name"]}
             for m in share["excellent"]], year=share["year"], limit=limit)
