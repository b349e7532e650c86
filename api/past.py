"""Asking about the past: `as_of` (what is now known to have been true on a
day) and `as_known_on` (what the ledger showed at a moment), on every route
that answers with figures or rows. Each such answer names its cut in headers:
the last log position it includes (sealed as it was stored, so a digest at
that position covers it) and the day its facts are taken on."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from dataclasses import dataclass

from fastapi import Depends, Query, Response

from api.contract import errors
from api.auth import ServiceDep
from api.params import FIRST_DAY, LAST_DAY, AsOfQuery
from domain import rules
from projections.history import cut_of
from projections.queries import Queries

__all__ = ["CUT_HEADERS", "AsKnownOnQuery", "Past", "PastDep", "answering", "cut_errors", "with_cut"]

AsKnownOnQuery = Annotated[date | datetime | None, Query(  # a day alone must stay a day (the end of it)
    description="按当时所知：只看该时刻之前记录的事件，之后的更正不计（如 2025-12-31T18:00:00+08:00，未带时区即北京时间；"
                "只给日期即该日北京时间结束时）；未给 as_of 时即按该日判断")]

CUT_HEADERS = {
    "X-Log-Position": {"description": "本答复所依据的事件日志截至位置（含）", "schema": {"type": "integer"}},
    "X-As-Of": {"description": "本答复按哪一天判断（YYYY-MM-DD）", "schema": {"type": "string"}},
    "X-As-Known-On": {"description": "按当时所知的时刻（仅在请求给出 as_known_on 时）", "schema": {"type": "string"}},
}


def answering(service: Any, as_of: date | None, as_known_on: datetime | date | None) -> Queries:
    """The queries that answer for the cut asked (the live views for today or later)."""
    for name, value in (("as_of", as_of), ("as_known_on", as_known_on)):
        day = value.date() if isinstance(value, datetime) else value
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise rules.RANGE.refuse(field=name, label=name, low=FIRST_DAY, high=LAST_DAY)
    return service.history.at(as_of, as_known_on)  # type: ignore[no-any-return]


def with_cut(response: Response, queries: Queries, day: date | None = None) -> Response:
    """Names the answer's cut; `day` when the live views answered for a coming day."""
    cut = cut_of(queries)
    response.headers["X-Log-Position"] = str(cut["position"])
    response.headers["X-As-Of"] = day.isoformat() if day else cut["as_of"]
    if cut["as_known_on"]:
        response.headers["X-As-Known-On"] = cut["as_known_on"]
    return response


def cut_errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`errors(...)` of a route whose answer names its cut in headers."""
    return {200: {"headers": CUT_HEADERS}, **errors(*statuses)}


@dataclass(frozen=True)
class Past:
    """The queries for the cut asked, and the day asked (None: the cut's own day)."""

    queries: Queries
    day: date | None

    def named(self, response: Response) -> Response:
        return with_cut(response, self.queries, self.day)


def _past(service: ServiceDep, as_of: AsOfQuery = None, as_known_on: AsKnownOnQuery = None) -> Past:
    return Past(answering(service, as_of, as_known_on), as_of)


PastDep = Annotated[Past, Depends(_past)]
