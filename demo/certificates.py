"""A demo member's activity certificate: request, approval, issue, a yearly
check each January, perhaps a loss and a replacement. Or a story that stops
short at the end (应发未发): requested and not yet approved, approved and not
yet issued, reported lost and not yet replaced."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid5

from demo.member_plan import MemberPlan
from demo.setup import NS
from domain.commands import (
    ApproveRequest, CheckCertificate, IssueCertificate, ReplaceCertificate, ReportCertificateLost, RequestCertificate,
)

__all__ = ["STOPS", "certificate"]

STOPS = ("requested", "approved", "lost")  # where an unfinished story stops


def certificate(m: MemberPlan, departed: date, until: date, lapse: bool = False, stop: str = "") -> str | None:
    """Request, approval and issue; then a check each January (none in the last 14 months
    before the end if `lapse`), maybe a loss and a replacement. The number held at
    `until`, or None. With `stop`, the story stops short and nothing is held."""
    r = m.r
    requested = departed + timedelta(days=r.randint(10, 40))
    if stop in ("requested", "approved"):  # asked for lately, still waiting at the end
        requested = max(requested, m.end - timedelta(days=r.randint(12, 40)))
    issued = requested + timedelta(days=r.randint(2, 9))
    if issued >= until and not stop:
        return None
    asker, approver = m.township.officers
    request_id = uuid5(NS, f"request:{m.index}:{departed}")
    m.add(requested, asker, RequestCertificate(member_id=m.id, justification="长期外出，组织关系暂不能转移",
                                               request_id=request_id, effective_on=requested))
    if stop == "requested":
        return None
    m.add(requested + timedelta(days=1), approver, ApproveRequest(request_id=request_id,
                                                                 effective_on=requested + timedelta(days=1)))
    if stop == "approved":
        return None
    number = _blank(m, issued.year)
    m.add(issued, m.secretary, IssueCertificate(request_id=request_id, number=number, effective_on=issued))
    if stop == "lost":  # lost lately, not yet replaced
        lost = m.end - timedelta(days=r.randint(10, 45))
        m.add(lost, m.secretary, ReportCertificateLost(number=number, note="外出途中遗失", effective_on=lost))
        _checks(m, number, issued, lost)
        return None
    lost = issued + timedelta(days=r.randint(30, 200)) if r.random() < 0.01 else None
    if lost and lost + timedelta(days=10) < until and lost.year == (lost + timedelta(days=10)).year:
        m.add(lost, m.secretary, ReportCertificateLost(number=number, note="工地遗失", effective_on=lost))
        replacement = _blank(m, lost.year)
        m.add(lost + timedelta(days=10), m.secretary, ReplaceCertificate(
            number=number, new_number=replacement, approver_id=approver, effective_on=lost + timedelta(days=10)))
    else:
        lost, replacement = None, number
    last_check = m.end - timedelta(days=430) if lapse else until  # a check due after that stays undone
    for year in range(issued.year + 1, until.year + 1):
        checked = date(year, 1, r.randint(8, 28))
        valid = replacement if lost and checked > lost + timedelta(days=10) else number
        if checked < min(until, last_check) and (not lost or not lost <= checked <= lost + timedelta(days=10)):
            m.add(checked, m.secretary, CheckCertificate(number=valid, year=year, effective_on=checked))
    return replacement


def _checks(m: MemberPlan, number: str, issued: date, before: date) -> None:
    """The January checks of a certificate until it was lost."""
    for year in range(issued.year + 1, before.year + 1):
        checked = date(year, 1, m.r.randint(8, 28))
        if checked < before:
            m.add(checked, m.secretary, CheckCertificate(number=number, year=year, effective_on=checked))


def _blank(m: MemberPlan, year: int) -> str:
    return f"511922-{year}-{m.township.blanks[year].pop(0):05d}"
