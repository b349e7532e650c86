"""A member's latest transfer letter (组织关系介绍信), printable on A4 in its three
parts: the stub the issuer keeps (存根), the letter the member carries, and the
receipt the receiving organisation sends back (回执). Read from the member as
recorded; the ID number and phone stay masked, as on every page (a full value
is shown only through 查看个人信息, which is recorded)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from api.threads import ReadRoute
from api.access import check_member
from api.auth import ServiceDep
from api.web.guards import same_origin
from api.web.rendering import label, page
from api.web.session import PageCaller
from domain.member import Member
from domain.member_periods import Letter
from domain.officer import Officer
from domain.vocab import Gender, Standing

__all__ = ["router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui", include_in_schema=False, dependencies=[Depends(same_origin)])


@router.get("/members/{member_id}/letter", response_class=HTMLResponse)
def letter(request: Request, service: ServiceDep, caller: PageCaller, member_id: UUID) -> HTMLResponse:
    row = service.queries.member(member_id)
    check_member(service, caller, row)
    member = service.queries.aggregate(Member, member_id)
    if member is None or member.letter is None:
        response = page(request, "error.html", caller, message="该党员没有开具过组织关系介绍信")
        response.status_code = 404
        return response
    return page(request, "letter.html", caller, row=row, sheet=_sheet(service, member, member.letter, row))


def _sheet(service: Any, member: Member, letter: Letter, row: dict[str, Any]) -> dict[str, Any]:
    """What the three parts print, as text."""
    orgs = {o["org_id"]: o["name"] for o in service.queries.organisations()}
    then = member.as_of(letter.issued_on) or member  # standing and age on the day of issue
    birth = member.birth_date or letter.issued_on
    issued = letter.issued_on
    today = service.today()
    return {
        "number": letter.number, "name": member.name, "gender": label(Gender, member.gender),
        "age": issued.year - birth.year - ((issued.month, issued.day) < (birth.month, birth.day)),
        "ethnicity": member.ethnicity, "standing": "正式" if then.standing == Standing.FULL else "预备",
        "id_masked": row["id_tail"], "phone_masked": row["phone_masked"],
        "from": orgs.get(str(letter.from_branch_id), ""), "to": letter.to_org_name,
        "within_county": letter.to_org_id is not None,
        "issuer": orgs.get(str(letter.issued_for), ""), "officer": _officer_name(service, letter.issued_by),
        "issued_on": _day(issued), "valid_until": _day(letter.valid_until), "days": letter.validity_days,
        "paid_through": _month(letter.dues_paid_through),
        "received_on": _day(letter.received_on) if letter.received_on else None,
        "received_late": bool(letter.received_on and letter.received_on > letter.valid_until),
        "overdue": letter.overdue_on(today), "today": _day(today),
    }


def _officer_name(service: Any, officer_id: str) -> str:
    try:
        officer = service.queries.aggregate(Officer, UUID(officer_id))
    except ValueError:
        officer = None
    return officer.name if officer is not None else officer_id


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _month(month: str | None) -> str:
    return f"{month[:4]}年{int(month[5:])}月" if month else "（无交纳记录）"
