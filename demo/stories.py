"""Five years in the life of each member of the demo county, as dated
commands. Deterministic: the same seed and end date give the same county.

Who is away at the end, and who holds a valid certificate, is decided first,
so that the county's totals come out exactly as the report's (19,641
members, 2,801 away, 2,641 holding a valid certificate).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID, uuid5

from demo.names import CATEGORIES, EMPLOYERS, ETHNICITIES, GIVEN, INDUSTRIES, SURNAMES
from demo.setup import NS, Directory, Township
from domain.commands import (
    ApproveRequest, CheckCertificate, Command, DecideProbation, EndMembership, IssueCertificate,
    IssueTransferLetter, RecordActivity, RecordContact, RecordDeparture, RecordDues, RecordReportIn, RecordReturn,
    RecordReview, RecordTransferReceipt, RegisterMember, ReplaceCertificate, ReportCertificateLost,
    RequestCertificate,
)
from domain.fields import add_months, id_check_digit
from domain.policy import DEFAULT_POLICY
from domain.vocab import DuesBasis

__all__ = ["Story", "Totals", "plan_members"]

FULL_SIZE = (19641, 2801, 2641)  # members, away, holding a valid certificate (the county's report)


@dataclass(frozen=True)
class Totals:
    members: int
    away: int
    holding: int

    @classmethod
    def scaled(cls, scale: float) -> Totals:
        members, away, holding = (max(round(n * scale), 1) for n in FULL_SIZE)
        return cls(members, away, min(holding, away))


DatedCommand = tuple[date, UUID, Command]


@dataclass
class Story:
    """One member's commands, in the order they happened."""

    steps: list[DatedCommand]


class _Member:
    """Writes one member's story; `r` is the member's own random source."""

    def __init__(self, r: random.Random, index: int, directory: Directory, start: date, end: date,
                 id_numbers: dict[date, int], member_id_for: Callable[[str], UUID]):
        self.r, self.directory, self.start, self.end = r, directory, start, end
        self.township: Township = r.choice(directory.townships)
        self.branch, self.secretary = r.choice(self.township.branches)
        self.steps: list[DatedCommand] = []
        birth = date(r.randint(1950, 1998), r.randint(1, 12), r.randint(1, 28))
        seq = id_numbers[birth] = id_numbers.get(birth, 0) + 1
        first17 = f"511922{birth:%Y%m%d}{seq:03d}"
        self.id_number = first17 + id_check_digit(first17)
        self.id = member_id_for(self.id_number)  # as the ledger will derive it
        self.category = _weighted(r, CATEGORIES)
        self.birth = birth
        self.index = index

    def add(self, day: date, actor: UUID, command: Command) -> None:
        if day <= self.end:
            self.steps.append((day, actor, command))

    def enrol(self, probationary: bool = False) -> None:
        r = self.r
        adult = add_months(self.birth, 12 * 18 + 1)
        if probationary:  # admitted in the last two years, registered then
            joined = max(self.end - timedelta(days=r.randint(200, 700)), adult)
        else:  # a member before the ledger began
            joined = min(add_months(self.birth, 12 * r.randint(19, 45)), self.start - timedelta(days=30))
        registered = max(self.start, joined)
        self.add(registered, self.township.officers[0], RegisterMember(
            name=r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2)))),
            gender="male" if r.random() < 0.72 else "female", birth_date=self.birth,
            ethnicity=_weighted(r, ETHNICITIES), id_number=self.id_number,
            phone=f"1{r.choice('35789')}{r.randint(0, 999_999_999):09d}", joined_on=joined,
            standing="probationary" if probationary else "full", category=self.category,
            branch_id=self.branch, effective_on=registered))
        if probationary:
            due = add_months(joined, 12)
            decided = due + timedelta(days=r.randint(3, 60))
            self.add(decided, self.township.officers[0], DecideProbation(
                member_id=self.id, outcome="on_time" if r.random() < 0.95 else "extended",
                extension_months=6, effective_on=decided))


def plan_members(seed: int, directory: Directory, start: date, end: date, totals: Totals,
                 ended: int, member_id_for: Callable[[str], UUID]) -> list[Story]:
    """Every member's story; the first `totals.members` stay in the register."""
    rng = random.Random(seed)
    returned = round(totals.members * 0.06)
    kinds = (["holder"] * totals.holding + ["away"] * (totals.away - totals.holding) + ["returned"] * returned)
    kinds += ["home"] * (totals.members - len(kinds))
    rng.shuffle(kinds)
    kinds += ["ended"] * ended
    id_numbers: dict[date, int] = {}
    stories = []
    for index, kind in enumerate(kinds):
        m = _Member(random.Random(f"{seed}:{index}"), index, directory, start, end, id_numbers, member_id_for)
        _STORY[kind](m)
        stories.append(Story(sorted(m.steps, key=lambda s: s[0])))  # stable: same-day order kept
    return stories


def _weighted(r: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return r.choices([k for k, _ in table], [w for _, w in table])[0]


def _home(m: _Member) -> None:
    m.enrol(probationary=m.r.random() < 0.03)


def _trip(m: _Member, departed: date, months: int, returned: date | None, certificate: bool) -> None:
    """Departure, report-in, contacts, dues, activities, reviews, a certificate, the return."""
    r = m.r
    province, city, _, place, liaison = r.choices(m.directory.destinations,
                                                  [d[2] for d in m.directory.destinations])[0]
    industry = _weighted(r, INDUSTRIES)
    until = returned or m.end
    m.add(departed, m.secretary, RecordDeparture(
        member_id=m.id, reason=r.choice(("外出务工", "外出经商", "随子女外出", "外出就业")), province=province,
        city=city, industry=industry, expected_months=months, contact_phone=f"13{r.randint(0, 999_999_999):09d}",
        employer=f"{city.removesuffix('市')}{r.choice(EMPLOYERS[industry])}", effective_on=departed))
    reported = departed + timedelta(days=r.randint(7, 40)) if r.random() < 0.8 else None
    if reported and reported < until:
        m.add(reported, liaison, RecordReportIn(org_id=place, id_number=m.id_number, effective_on=reported))
    else:
        reported = None
    lost_from = until - timedelta(days=r.randint(240, 400)) if returned is None and r.random() < 0.03 else None
    if lost_from and lost_from < departed + timedelta(days=60):
        lost_from = None  # too short a time away to have lost touch
    _keep_in_touch(m, departed, until, reported, liaison, lost_from)
    held = _certificate(m, departed, until) if certificate else None
    if returned is not None:
        m.add(returned, m.secretary, RecordReturn(member_id=m.id, report="外出期间按时交纳党费、参加组织生活",
                                                  hand_back_certificate=held, effective_on=returned))


def _keep_in_touch(m: _Member, departed: date, until: date, reported: date | None, liaison: UUID,
                   lost_from: date | None) -> None:
    r = m.r
    stops_paying = until - timedelta(days=r.randint(200, 500)) if r.random() < 0.1 else None
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
            m.add(payday, liaison if inflow else m.secretary, RecordDues(
                member_id=m.id, months=tuple(months), amount_fen=monthly * 3, collector="inflow" if inflow else "home",
                basis=basis, income_fen=income, effective_on=payday))
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
    if lost_from:
        m.add(lost_from + timedelta(days=20), m.secretary, RecordContact(
            member_id=m.id, method="phone", outcome="lost", effective_on=lost_from + timedelta(days=20),
            lost_reason=r.choice(("migrant_work", "job_change", "moved"))))


def _dues(m: _Member) -> tuple[str, int | None, int]:
    """Basis, income and monthly dues (fen), by the dues table."""
    r = m.r
    if m.category == "rural":
        return str(DuesBasis.FARMER), None, 100
    if m.category == "other":
        return str(DuesBasis.MINIMAL), None, 20
    basis = DuesBasis.RETIREE if m.category == "retired" else DuesBasis.WAGE
    income = r.randint(2500, 9000) * 100
    return str(basis), income, DEFAULT_POLICY.monthly_dues_fen(basis, income)[0]


def _certificate(m: _Member, departed: date, until: date) -> str | None:
    """Request, approval and issue; then yearly checks, maybe a loss and a replacement."""
    r = m.r
    requested = departed + timedelta(days=r.randint(10, 40))
    issued = requested + timedelta(days=r.randint(2, 9))
    if issued >= until:
        return None
    asker, approver = m.township.officers
    request_id = uuid5(NS, f"request:{m.index}:{departed}")
    m.add(requested, asker, RequestCertificate(member_id=m.id, justification="长期外出，组织关系暂不能转移",
                                               request_id=request_id, effective_on=requested))
    m.add(requested + timedelta(days=1), approver, ApproveRequest(request_id=request_id,
                                                                 effective_on=requested + timedelta(days=1)))
    number = _blank(m, issued.year)
    m.add(issued, m.secretary, IssueCertificate(request_id=request_id, number=number, effective_on=issued))
    lost = issued + timedelta(days=r.randint(30, 200)) if r.random() < 0.01 else None
    if lost and lost + timedelta(days=10) < until and lost.year == (lost + timedelta(days=10)).year:
        m.add(lost, m.secretary, ReportCertificateLost(number=number, note="工地遗失", effective_on=lost))
        replacement = _blank(m, lost.year)
        m.add(lost + timedelta(days=10), m.secretary, ReplaceCertificate(
            number=number, new_number=replacement, effective_on=lost + timedelta(days=10)))
    else:
        lost, replacement = None, number
    for year in range(issued.year + 1, until.year + 1):
        checked = date(year, 1, r.randint(8, 28))
        valid = replacement if lost and checked > lost + timedelta(days=10) else number
        if checked < until and (not lost or not lost <= checked <= lost + timedelta(days=10)) \
                and r.random() < 0.97:
            m.add(checked, m.secretary, CheckCertificate(number=valid, year=year, effective_on=checked))
    return replacement


def _blank(m: _Member, year: int) -> str:
    return f"511922-{year}-{m.township.blanks[year].pop(0):05d}"


def _holder(m: _Member) -> None:
    m.enrol()
    departed = m.end - timedelta(days=m.r.randint(240, 1500))
    _trip(m, max(departed, m.start + timedelta(days=30)), m.r.randint(8, 36), None, certificate=True)


def _away(m: _Member) -> None:
    m.enrol()
    _trip(m, m.end - timedelta(days=m.r.randint(20, 140)), m.r.randint(2, 5), None, certificate=False)


def _returned(m: _Member) -> None:
    m.enrol()
    departed = m.start + timedelta(days=m.r.randint(40, 1200))
    months = m.r.randint(4, 24)
    back = min(add_months(departed, months + m.r.randint(-2, 3)), m.end - timedelta(days=40))
    _trip(m, departed, months, max(back, departed + timedelta(days=60)), certificate=months >= 6 and m.r.random() < 0.6)


def _ended(m: _Member) -> None:
    r = m.r
    m.enrol()
    day = m.start + timedelta(days=r.randint(60, 1700))
    way = r.random()
    if way < 0.45:
        receipt = day + timedelta(days=r.randint(8, 40))
        m.add(day, m.township.officers[0], IssueTransferLetter(member_id=m.id, to_org_name="中共巴中市某街道工作委员会",
                                                               effective_on=day))
        m.add(receipt, m.township.officers[0], RecordTransferReceipt(member_id=m.id, effective_on=receipt))
    else:
        m.add(day, m.township.officers[0], EndMembership(member_id=m.id, reason="died" if way < 0.85 else "stopped",
                                                         effective_on=day))


_STORY = {"holder": _holder, "away": _away, "returned": _returned, "home": _home, "ended": _ended}
