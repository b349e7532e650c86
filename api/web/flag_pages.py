"""The flags page under /ui (待办提示): every flag kind with counts per
township, filters, a link to each member, and an xlsx download of the
filtered list. Flags are computed for the caller's jurisdiction (as the API
does) and then filtered, so each count is the length of the list it links to."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote, urlencode
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.threads import ReadRoute
from api.access import scope_for
from api.auth import ServiceDep
from api.params import FIRST_DAY, LAST_DAY, MAX_PAGE
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import PageCaller
from domain import rules
from projections.directory import BASIC_KINDS
from projections.queries.flags import FLAGS, NAMED, TITLES
from service.callers import Caller
from sheets.flags import write_flags

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])
PAGE = 50
ELSEWHERE = "none"  # the township filter's value for place flags whose members come from several townships
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Text = Annotated[str, Query(max_length=60)]


@dataclass
class Chosen:
    day: date
    kind: str
    township: str
    everything: list[dict[str, Any]]  # the jurisdiction's flags on the day
    rows: list[dict[str, Any]]  # those the filters keep, in the list's order


@router.get("/flags", response_class=HTMLResponse)
def flags(request: Request, service: ServiceDep, caller: PageCaller, kind: Text = "", township: Text = "",
          as_of: Text = "", page_number: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
    chosen = _choose(service, caller, kind, township, as_of)
    columns = _columns(service, caller, chosen.everything)
    counts = Counter((f["kind"], f["township_id"] or ELSEWHERE) for f in chosen.everything)
    filters = {"kind": chosen.kind, "township": chosen.township, "as_of": chosen.day.isoformat()}
    pages = max(1, -(-len(chosen.rows) // PAGE))
    shown = chosen.rows[(page_number - 1) * PAGE:page_number * PAGE]
    return page(request, "flags.html", caller, day=chosen.day, kinds=list(TITLES.items()), titles=TITLES,
                columns=columns, counts=counts, kind_totals=Counter(f["kind"] for f in chosen.everything),
                column_totals=Counter(f["township_id"] or ELSEWHERE for f in chosen.everything),
                total=len(chosen.everything), rows=shown, found=len(chosen.rows), page_number=page_number,
                pages=pages, filters=filters, query=urlencode({k: v for k, v in filters.items() if v}),
                named=NAMED, link=lambda **changes: urlencode({**filters, **changes}))


@router.get("/flags.xlsx")
def flags_xlsx(service: ServiceDep, caller: PageCaller, kind: Text = "", township: Text = "",
               as_of: Text = "") -> Response:
    chosen = _choose(service, caller, kind, township, as_of)
    target = io.BytesIO()
    write_flags(target, chosen.rows, chosen.day)
    name = quote(f"待办提示-{chosen.day}.xlsx")
    return Response(target.getvalue(), media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


def _choose(service: Any, caller: Caller, kind: str, township: str, as_of: str) -> Chosen:
    """The day and filters asked (refusing what is not one), the jurisdiction's
    flags on that day, and those the filters keep, by township, kind and name."""
    day = _day(as_of) if as_of else service.today()
    if kind and kind not in FLAGS:
        raise rules.CHOICE.refuse(field="kind", label="提示类别", choices="、".join(TITLES.values()))
    if township and township != ELSEWHERE:
        scope_for(service, caller, _org_id(township))  # refuses a township outside the jurisdiction
    queries = service.history.at(as_of=day)  # a past day from the log, as GET /flags answers it
    everything = queries.flags(day, scope_for(service, caller, None))
    order = {k: i for i, k in enumerate(FLAGS)}
    rows = sorted((f for f in everything if (not kind or f["kind"] == kind)
                   and (not township or (f["township_id"] or ELSEWHERE) == township)),
                  key=lambda f: (f["township_name"] or "\uffff", order[f["kind"]], f["name"] or "", f["detail"]))
    return Chosen(day, kind, township, everything, rows)


def _columns(service: Any, caller: Caller, found: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The townships (基层党委: department committees too, and the county committee when
    branches directly under it have flags) of the caller's jurisdiction (id, name), then
    跨乡镇 if a place flag needs it."""
    orgs = service.queries.organisations()
    present = {f["township_id"] for f in found}
    townships = [o for o in orgs if o["kind"] in BASIC_KINDS or o["org_id"] in present]
    if not caller.sees_everything:
        own = next((o["township_id"] for o in orgs if o["org_id"] == str(caller.unit_id)), None)
        townships = [o for o in townships if o["org_id"] in present | {own}]
    columns = [(o["org_id"], o["name"]) for o in sorted(townships, key=lambda o: (o["name"], o["org_id"]))]
    if any(f["township_id"] is None for f in found):
        columns.append((ELSEWHERE, "跨乡镇"))
    return columns


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise rules.CHOICE.refuse(field="as_of", label="截至日期", choices="年-月-日，如 2025-06-01") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise rules.RANGE.refuse(field="as_of", label="截至日期", low=FIRST_DAY, high=LAST_DAY)
    return day


def _org_id(text: str) -> UUID:
    try:
        return UUID(text)
    except ValueError:
        raise rules.ORG_NOT_FOUND.refuse(field="township", org=text[:40]) from None
