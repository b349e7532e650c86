"""Coverage (覆盖) of the members away on a day: who should hold a certificate
(应发), who holds one, who reported in, who is lost, who was reached lately;
counted for a scope, per township and per destination. Judged for the day
asked with the policy in force on it (docs/figures.md), never stored: a
member becomes eligible, and a contact stops being recent, at midnight."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from domain.certificate_standing import check_due, counts_as_held
from domain.fields import add_months, months_between
from domain.policy import Policy
from domain.vocab import CertificateStanding, MemberStatus
from projections.queries.scope import AWAY_STATUSES
from projections.queries.standing import with_standing
from projections.store import Tx

__all__ = ["COUNTS", "RATES", "by_destination", "by_township", "contacted_recently",
           "eligible", "in_force", "judged", "rate", "tally"]

# What judging a member away needs from the register (their certificates come from `in_force`).
AWAY_SELECT = ("SELECT r.member_id, r.township_id, r.province, r.city, r.status, r.departed_on, "
               "r.expected_months, r.letter_on, r.receipt_on, r.last_contacted_on, r.reported_in_org FROM {register} r ")
# Counts in the order answers list them; `members` is counted apart (everyone, not only those away).
COUNTS = ("members", "away", "holding", "lapsed", "eligible", "eligible_holding", "missing", "reported_in",
          "lost_contact", "contacted_recently")
# Each rate: its part and its base; a percentage with one decimal, null when the base is 0.
RATES = {"holding_rate": ("holding", "away"), "eligible_holding_rate": ("eligible_holding", "eligible"),
         "reported_in_rate": ("reported_in", "away"), "lost_contact_rate": ("lost_contact", "away"),
         "contact_rate": ("contacted_recently", "away")}
_JUDGED = ("holding", "lapsed", "eligible", "eligible_holding", "missing", "reported_in", "lost_contact",
           "contacted_recently")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def eligible(row: dict[str, Any], day: date, policy: Policy) -> bool:
    """应发: away, the organisation relationship not being transferred (no transfer
    letter without its receipt: one received inside the county moved the member), and away `certificate_min_months_away` months by `day` or expected
    to be (the rule `domain.certificate.check_eligible` applies when issuing)."""
    if row["status"] not in AWAY_STATUSES or (row["letter_on"] and not row["receipt_on"]):
        return False
    least = policy.certificate_min_months_away
    departed = _day(row["departed_on"])
    return (row["expected_months"] or 0) >= least or (departed is not None and months_between(departed, day) >= least)


def contacted_recently(row: dict[str, Any], day: date, policy: Policy) -> bool:
    """A contact that reached the member (either direction) within `contact_recent_months`
    before `day`, both ends included; a failed attempt (未联系上, 失联) is no contact."""
    last = _day(row["last_contacted_on"])
    return last is not None and add_months(day, -policy.contact_recent_months) <= last <= day


def in_force(tx: Tx, members: str, params: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """The certificates in force of the members a query (`SELECT r.member_id ...`) finds, by member."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in tx.all("SELECT c.member_id, c.number, c.issued_on, c.last_checked_on FROM {certificates} c "
                      f"WHERE c.state = 'valid' AND c.member_id IN ({members})", params):
        found[row["member_id"]].append(row)
    return found


def _best(certificates: list[dict[str, Any]], policy: Policy) -> dict[str, Any] | None:
    """The certificate whose check is due last: a current one, if any is (an old register may
    have left a member several in force; holding means holding one that counts)."""
    return max(certificates, default=None, key=lambda c: (
        check_due(date.fromisoformat(c["issued_on"]), _day(c["last_checked_on"]), policy), c["number"]))


def judged(rows: list[dict[str, Any]], certificates: dict[str, list[dict[str, Any]]], day: date,
           policy: Policy) -> list[dict[str, Any]]:
    """Rows of members away, each with its best certificate in force (`certificate_number`,
    `certificate_standing`...) and its figures for `day` as booleans."""
    for row in rows:
        best = _best(certificates.get(row["member_id"], []), policy)
        row.update(certificate_number=best and best["number"], certificate_issued_on=best and best["issued_on"],
                   certificate_checked_on=best and best["last_checked_on"])
    for row in with_standing(rows, day, policy):
        standing = CertificateStanding(row["certificate_standing"]) if row["certificate_standing"] else None
        row["holding"] = counts_as_held(standing, policy)
        row["lapsed"] = standing is CertificateStanding.LAPSED
        row["eligible"] = eligible(row, day, policy)
        row["eligible_holding"] = row["eligible"] and row["holding"]
        row["missing"] = row["eligible"] and not row["holding"]  # 应发未发
        row["reported_in"] = row["status"] == MemberStatus.REPORTED_IN.value or (  # home for a while, too
            row["status"] == MemberStatus.TEMPORARY_RETURN.value and bool(row["reported_in_org"]))
        row["lost_contact"] = row["status"] == MemberStatus.LOST_CONTACT.value
        row["contacted_recently"] = contacted_recently(row, day, policy)
    return rows


def rate(part: Any, whole: Any) -> float | None:
    return round(100 * int(part or 0) / int(whole), 1) if whole else None


def tally(rows: Iterable[dict[str, Any]], members: int) -> dict[str, Any]:
    """The counts and rates of judged rows of members away, with `members` of the scope."""
    counts = dict.fromkeys(COUNTS, 0)
    counts["members"] = members
    for row in rows:
        counts["away"] += 1
        for key in _JUDGED:
            counts[key] += row[key]
    return {**counts, **{key: rate(counts[part], counts[base]) for key, (part, base) in RATES.items()}}


def by_township(rows: list[dict[str, Any]], townships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each township with members in scope (`townships`: township_id, township_name, members)."""
    away: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        away[row["township_id"]].append(row)
    found = [{"township_id": t["township_id"], "township_name": t["township_name"],
              **tally(away[t["township_id"]], int(t["members"]))} for t in townships]
    return sorted(found, key=lambda t: (t["township_name"] or "", t["township_id"] or ""))


def by_destination(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each destination (province, city) of members away, most first; a
    destination's members are those away there."""
    away: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        away[(row["province"], row["city"])].append(row)
    found = [{"province": province, "city": city, **tally(group, len(group))}
             for (province, city), group in away.items()]
    return sorted(found, key=lambda d: (-d["away"], d["province"] or "", d["city"] or ""))
