"""Whose names an activity record shows (活动记录): an attendee is named only to a
caller who may read them, as `GET /members/{id}` (`api.access.check_member`) and
`GET /inflow-members/{id}` decide; the others are only counted
("另有N名其他组织的党员"). Pure functions over the organisations' rows and the
attendees' register rows (`projections.queries.activities`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from projections.queries.inflow import inflow_scope
from projections.store import Tx

__all__ = ["NAMED", "Reader", "ancestors", "attendee_names", "inflow_readable", "readable"]

NAMED = 10  # attendees a list row names; the rest are counted


def ancestors(orgs: dict[str, dict[str, Any]], key: str) -> list[str]:
    chain: list[str] = []
    current: str | None = key
    while current is not None and current not in chain:
        chain.append(current)
        current = orgs[current]["parent_id"] if current in orgs else None
    return chain


@dataclass(frozen=True)
class Reader:
    """Whose names a caller may read (None where one is taken: everyone's). `unit`: the
    organisation the caller acts for (an inflow officer's own); `inflow`: an inflow officer."""

    unit: UUID
    inflow: bool = False


def readable(orgs: dict[str, dict[str, Any]], reader: Reader, row: dict[str, Any], inflow: set[str]) -> bool:
    """As `api.access.check_member`: a member through the home branch's subtree or, while away,
    the organisation reported in to (an inflow officer only that way); an inflow member
    through the organisation that took them in (`inflow`: those the reader's subtree holds)."""
    if row["attendee_kind"] != "member":
        return row["attendee_id"] in inflow
    unit = str(reader.unit)
    away_to = row["reported_in_org"] if row["returned_on"] is None and not row["ended"] else None
    if away_to and unit in ancestors(orgs, away_to):
        return True
    return not reader.inflow and bool(row["branch_id"]) and unit in ancestors(orgs, row["branch_id"])


def attendee_names(attendees: list[dict[str, Any]], named: int | None = NAMED) -> str:
    """The names the reader may read (the first `named`), then how many others attended."""
    shown = [a for a in attendees if a["readable"]]
    text = "、".join((a["name"] or "（已作废）") + ("（流入）" if a["attendee_kind"] != "member" else "")
                    for a in shown[:named])
    if named is not None and len(shown) > named:
        text += f"等{len(shown)}名"
    hidden = len(attendees) - len(shown)
    return text + (("；" if text else "") + f"另有{hidden}名其他组织的党员" if hidden else "")


def inflow_readable(tx: Tx, reader: Reader, rows: list[dict[str, Any]]) -> set[str]:
    """The inflow members among `rows` the reader's subtree holds (as `/inflow-members/{id}` reads)."""
    ids = sorted({r["attendee_id"] for r in rows if r["attendee_kind"] != "member"})
    if not ids:
        return set()
    where, params = inflow_scope(tx, reader.unit)
    return {r["inflow_member_id"] for r in tx.all(
        f"SELECT i.inflow_member_id FROM {{inflow_register}} i WHERE {where} "
        f"AND i.inflow_member_id IN ({','.join('?' * len(ids))})", [*params, *ids])}
