"""How the answers of a store written before the coverage figures (issue 14,
items 2 and 4) change on purpose: register rows say when the member was
last reached by a contact (`last_contacted_on`), and statistics, for the
scope, each township and each destination, carry the coverage figures.
One of `EVOLVED` in tests/store/test_old_stores.py; a no-op on answers
recorded after the change. Computed from the recorded answers alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from domain.clock import local_date
from domain.fields import add_months, months_between
from domain.policy import DEFAULT_POLICY
from tests.support.stores import NOW

__all__ = ["coverage"]

CONTACT = "liudong.member.ContactRecorded"
AWAY = ("away", "reported_in", "lost_contact")
RATES = {"holding_rate": ("holding", "away"), "eligible_holding_rate": ("eligible_holding", "eligible"),
         "reported_in_rate": ("reported_in", "away"), "lost_contact_rate": ("lost_contact", "away"),
         "contact_rate": ("contacted_recently", "away")}


def dicts_with(value: Any, key: str) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if key in value:
            yield value
        for inner in value.values():
            yield from dicts_with(inner, key)
    elif isinstance(value, list):
        for inner in value:
            yield from dicts_with(inner, key)


def _judged(row: dict[str, Any], day: date) -> dict[str, bool]:
    """A member away on `day` with the default policy (what old stores were written with)."""
    policy = DEFAULT_POLICY
    least = policy.certificate_min_months_away
    eligible = (not row["letter_on"] or row.get("receipt_on")) and max(months_between(date.fromisoformat(row["departed_on"]), day),
                                            row["expected_months"] or 0) >= least
    holding = row.get("certificate_standing") == "current"
    lapsed = row.get("certificate_standing") == "lapsed"
    contacted = row["last_contacted_on"] is not None and \
        add_months(day, -policy.contact_recent_months) <= date.fromisoformat(row["last_contacted_on"]) <= day
    return {"holding": holding, "lapsed": lapsed, "eligible": eligible, "eligible_holding": eligible and holding,
            "missing": eligible and not holding, "reported_in": row["status"] == "reported_in",
            "lost_contact": row["status"] == "lost_contact", "contacted_recently": contacted}


def _figures(judged: list[dict[str, bool]]) -> dict[str, Any]:
    counts = {"away": len(judged), **{k: sum(j[k] for j in judged) for k in (
        "eligible", "eligible_holding", "missing", "contacted_recently", "holding", "lapsed", "reported_in",
        "lost_contact")}}
    return {**counts, **{k: round(100 * counts[p] / counts[b], 1) if counts[b] else None
                         for k, (p, b) in RATES.items()}}


def _add(target: dict[str, Any], figures: dict[str, Any]) -> None:
    for key, value in figures.items():
        target.setdefault(key, value)


def coverage(found: dict[str, Any]) -> None:
    """`last_contacted_on` on every register row (the latest contact whose summary says
    已联系上); the coverage figures in `statistics` (only `members` of the county and of
    its townships came from rows of their own: every member recorded is in `register_all`)."""
    reached: dict[str, str] = {}
    for events in found["histories"].values():
        for event in events:
            if event["topic"] == CONTACT and event["summary"].endswith("已联系上"):
                reached[event["member_id"]] = max(reached.get(event["member_id"], ""), event["effective_on"])
    for row in dicts_with(found, "last_reached_on"):
        row.setdefault("last_contacted_on", reached.get(row["member_id"]))
    day = local_date(NOW)
    away = [r for r in found["register_all"]["rows"] if not r["ended"] and r["status"] in AWAY]
    judged = {r["member_id"]: _judged(r, day) for r in away}
    stats = found["statistics"]
    _add(stats, _figures(list(judged.values())))
    for township in stats["by_township"]:
        _add(township, _figures([judged[r["member_id"]] for r in away if r["township_id"] == township["township_id"]]))
    for place in stats["by_destination"]:
        _add(place, _figures([judged[r["member_id"]] for r in away
                              if (r["province"], r["city"]) == (place["province"], place["city"])]))
