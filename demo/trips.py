"""One time away from home: departure, report-in, dues, contacts, activities
and reviews while away, perhaps a certificate (`demo.certificates`), and the
return. A few report-ins and returns are recorded weeks after the day they
happened (the paperwork reached the branch late)."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from demo.certificates import certificate as certificate_story
from demo.dues import DuesStory
from demo.reviews import opinion_before_review
from demo.lifecycle import reported_ahead, short_returns
from demo.member_plan import Citing, MemberPlan, weighted
from demo.names import EMPLOYERS, INDUSTRIES
from domain.commands import (
    CorrectEvent, PlanDeparture, RecordActivity, RecordContact, RecordDeparture, RecordReportIn,
    RecordReturn, RecordReview,
)
from domain.fields import add_months
from domain.policy import DEFAULT_POLICY
from domain.vocab import DuesBasis

__all__ = ["LATE_SHARE", "correct_departure", "departure_mark", "trip"]

LATE_SHARE = 0.04  # of report-ins and of returns, recorded 2 to 8 weeks after the day


def departure_mark(m: MemberPlan) -> str:
    """The name of the member's departure event, for a correction that cites it."""
    return f"{m.index}:departed"


def trip(m: MemberPlan, departed: date, months: int, returned: date | None, certificate: bool,
         lapse: bool = False, *, reports_in: bool | None = None, stop: str = "", ahead: bool = True) -> None:
    """Departure, report-in, contacts, dues, activities, reviews, a certificate, the return.
    With `lapse`, the certificate's yearly checks stop, so that at the end it is overdue;
    `reports_in` True or False decides the report-in (else 4 in 5 do); `stop` ends the
    certificate's story short (`demo.certificates.STOPS`); with `ahead`, the departure may be
    reported before the day, and a holder may come home for a while (`demo.lifecycle`)."""
    r = m.r
    province, city, _, place, liaison = r.choices(m.directory.destinations,
                                                  [d[2] for d in m.directory.destinations])[0]
    industry = weighted(r, INDUSTRIES)
    until = returned or m.end
    early = timedelta(days=reported_ahead(m, departed) if ahead else 0)  # 外出前报告: away from the same day
    leave = RecordDeparture(
        member_id=m.id, reason=r.choice(("外出务工", "外出经商", "随子女外出", "外出就业")), province=province,
        city=city, industry=industry, expected_months=months, contact_phone=f"13{r.randint(0, 999_999_999):09d}",
        employer=f"{city.removesuffix('市')}{r.choice(EMPLOYERS[industry])}", effective_on=departed - early)
    m.add(departed - early, m.secretary, PlanDeparture(**vars(leave), planned_on=departed) if early else leave,
          mark=departure_mark(m))
    reports = r.random() < 0.8 if reports_in is None else reports_in
    reported = departed + timedelta(days=r.randint(7, 40)) if reports else None
    if reported and reported < until:
        m.add(reported, liaison, RecordReportIn(org_id=place, id_number=m.id_number, effective_on=reported),
              late=_late(m))
    else:
        reported = None
    lost_from = until - timedelta(days=r.randint(240, 400)) if returned is None and r.random() < 0.03 else None
    if lost_from and lost_from < departed + timedelta(days=60):
        lost_from = None  # too short a time away to have lost touch
    _keep_in_touch(m, departed, until, reported, liaison, lost_from)
    held = certificate_story(m, departed, until, lapse, stop) if certificate else None
    if ahead and held and reported and returned is None and lost_from is None:
        short_returns(m, reported)
    if returned is not None:
        m.add(returned, m.secretary, RecordReturn(member_id=m.id, report="外出期间按时交纳党费、参加组织生活",
                                                  hand_back_certificate=held, effective_on=returned), late=_late(m))


def _late(m: MemberPlan) -> int:
    """Days between a fact and its recording: none, or for a few, two to eight weeks."""
    return m.r.randint(14, 56) if m.r.random() < LATE_SHARE else 0


def _keep_in_touch(m: MemberPlan, departed: date, until: date, reported: date | None, liaison: UUID,
                   lost_from: date | None) -> None:
    r = m.r
    stops_paying = until - timedelta(days=r.randint(200, 500)) if r.random() < 0.1 else None
    dues = DuesStory(m)  # 自愿多交, 少交, approvals, 补交 (demo.dues): its own random source
    month = date(departed.year, departed.month, 1)
    while True:
        month = add_months(month, 3)
        payday = month + timedelta(days=14)
        if payday >= until or (lost_from and payday >= lost_from):
            break
        inflow = reported is not None and payday > reported
        if not (stops_paying and payday > stops_paying) and r.random() > 0.06:
            months = [add_months(month, k).strftime("%Y-%m") for k in (-2, -1, 0)]
            basis, income, monthly = _dues(m)
            dues.quarter(payday, liaison if inflow else m.secretary, months, "inflow" if inflow else "home",
                         basis, income, monthly)
        elif not stops_paying or payday <= stops_paying:
            dues.skipped([add_months(month, k).strftime("%Y-%m") for k in (-2, -1, 0)])
        if r.random() < 0.75 and payday + timedelta(days=5) < until:
            m.add(payday + timedelta(days=5), m.secretary, RecordContact(
                member_id=m.id, method=r.choice(("phone", "phone", "network", "letter", "visit")),
                outcome="reached" if r.random() < 0.9 else "not_reached", effective_on=payday + timedelta(days=5)))
        if inflow and r.random() < 0.6:
            m.add(payday - timedelta(days=4), liaison, RecordActivity(
                member_id=m.id, kind=r.choice(("quarterly", "quarterly", "organisational_life", "night_school")),
                title="“三服务”季度主题活动", effective_on=payday - timedelta(days=4)))
    for year in range(departed.year + 1, until.year + 1):  # the yearly review, held each January
        reviewed = date(year, 1, r.randint(10, 31))
        if departed < reviewed < until and not (lost_from and reviewed > lost_from) and r.random() < 0.8:
            grade = r.choices(("excellent", "qualified", "basically_qualified", "unqualified"), (15, 80, 4, 1))[0]
            m.add(reviewed, m.secretary, RecordReview(member_id=m.id, year=year - 1, grade=grade,
                                                     effective_on=reviewed))
            opinion_before_review(m, reviewed, year - 1, grade, liaison, reported)  # demo.reviews: own random
    if lost_from:
        m.add(lost_from + timedelta(days=20), m.secretary, RecordContact(
            member_id=m.id, method="phone", outcome="lost", effective_on=lost_from + timedelta(days=20),
            lost_reason=r.choice(("migrant_work", "job_change", "moved"))))


def _dues(m: MemberPlan) -> tuple[str, int | None, int]:
    """Basis, income and monthly dues (fen), by the dues table."""
    r = m.r
    if m.category == "rural":
        return str(DuesBasis.FARMER), None, 100
    if m.category == "other":
        return str(DuesBasis.MINIMAL), None, 20
    basis = DuesBasis.RETIREE if m.category == "retired" else DuesBasis.WAGE
    income = r.randint(2500, 9000) * 100
    return str(basis), income, DEFAULT_POLICY.monthly_dues_fen(basis, income)[0]


def correct_departure(m: MemberPlan, day: date, changes: dict[str, object], reason: str) -> None:
    """A correction (更正) of the member's departure, recorded on `day`, months after it."""
    m.add(day, m.secretary, Citing(departure_mark(m), lambda position: CorrectEvent(
        position=position, changes=changes, reason=reason, effective_on=day)))
