"""Reviews (民主评议) and probation (预备党员考察、转正) in a member's model: the
commands (`ReviewCommands`, a base of `domain.member.Member`) and the state
with its transition rules (`ReviewState`, a base of
`domain.member_state.MemberState`, whose `when` passes these events on here).

The home branch grades a year once; the organisations a member away reported
in to give their opinions (流入地党组织评议意见), which the branch reads when
grading. During probation the home branch or the organisation reported in to
records assessments (考察意见). The branch meeting decides: on time or
extended (once) when probation is due, with the member taking part in person
or by a means the policy allows (never in absentia); a cancellation at any
time, with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerEvent
from domain.fields import check_choice, check_range, check_text
from domain.member_events import ProbationDecided, Reviewed
from domain.member_review_events import ProbationAssessed, ReviewOpinionRecorded
from domain.organisation import Organisation
from domain.policy import Policy
from domain.vocab import Attendance, EndReason, OrgKind, ProbationOutcome, ReviewGrade, Standing

__all__ = ["Assessment", "Opinion", "ReviewCommands", "ReviewState", "allowed_attendance"]

OPINION_KINDS = (OrgKind.MOBILE_BRANCH, OrgKind.INFLOW_ORG)


def allowed_attendance(policy: Policy) -> tuple[Attendance, ...]:
    """The ways a member may take part in the meeting deciding on on-time or extended probation."""
    return (Attendance.IN_PERSON, *([Attendance.VIDEO] if policy.probation_video_allowed else []),
            *([Attendance.PHONE] if policy.probation_phone_allowed else []))


def _labels(means: tuple[Attendance, ...]) -> str:
    return "、".join(f"{m.value}（{m.label}）" for m in means)


@dataclass(frozen=True)
class Opinion:
    year: int
    day: date
    opinion: str
    suggested_grade: str | None
    org_id: UUID | None
    org_name: str
    recorded_by_org: UUID | None  # the acting organisation: the inflow one, or the home side entering a paper one


@dataclass(frozen=True)
class Assessment:
    day: date
    period: str
    opinion: str
    org_id: UUID | None  # the acting organisation: the home branch's side or the one reported in to


class ReviewCommands:
    """Commands of `domain.member.Member` for reviews and probation."""

    # Of `domain.member.Member` and its bases.
    _record: Callable[..., None]
    probation_due: Callable[[int], date | None]
    opinions: tuple[Opinion, ...]

    def review(self, ctx: Ctx, year: int, grade: str, org: Organisation | None = None) -> None:
        """民主评议: the grade of a year (members at home and away alike)."""
        check_range("year", "评议年度", year, 1949, 9999)
        if year > ctx.effective_on.year:
            raise rules.REVIEW_YEAR.refuse(field="year")
        self._record(Reviewed, ctx, year=year,
                     grade=str(check_choice("grade", "评议结果", grade, ReviewGrade)),
                     org_id=org.id if org else None)

    def record_review_opinion(self, ctx: Ctx, year: int, opinion: str, suggested_grade: str | None = None,
                              org: Organisation | None = None, org_name: str = "") -> None:
        """流入地党组织评议意见, from `org` (in the directory) or one named as on a paper opinion."""
        check_range("year", "评议年度", year, 1949, 9999)
        if year > ctx.effective_on.year:
            raise rules.REVIEW_YEAR.refuse(field="year")
        name = check_text("org_name", "出具意见的党组织", org_name, 60, required=False)
        if (org is None) == (not name):
            raise rules.OPINION_ORG.refuse(field="org_id")
        if org is not None and org.kind not in OPINION_KINDS:
            raise rules.OPINION_ORG_KIND.refuse(field="org_id", kind=org.kind.label)
        for known in self.opinions:
            if known.year == year and (known.org_id, known.org_name) == (org.id if org else None, name):
                raise rules.OPINION_DONE.refuse(field="year", org=org.name if org else name, year=year)
        grade = str(check_choice("suggested_grade", "建议评议等次", suggested_grade, ReviewGrade)) \
            if suggested_grade else None
        self._record(ReviewOpinionRecorded, ctx, year=year, opinion=check_text("opinion", "评议意见", opinion, 500),
                     suggested_grade=grade, org_id=org.id if org else None, org_name=name)

    def assess_probation(self, ctx: Ctx, opinion: str, period: str = "") -> None:
        """预备党员考察意见 for the day (and the period it covers, if given)."""
        self._record(ProbationAssessed, ctx, period=check_text("period", "考察期间", period, 30, False),
                     opinion=check_text("opinion", "考察意见", opinion, 500))

    def decide_probation(self, ctx: Ctx, policy: Policy, outcome: str, extension_months: int | None = None,
                         reason: str = "", attendance: str = Attendance.IN_PERSON) -> None:
        """The branch meeting's decision: on time or extended once due, the member taking part as the
        policy allows; a cancellation at any time, with its reason."""
        outcome_ = check_choice("outcome", "转正结论", outcome, ProbationOutcome)
        if not isinstance(attendance, str) or attendance not in Attendance.on_entry():
            raise rules.CHOICE.refuse(field="attendance", label="本人参会方式", choices=_labels(Attendance.on_entry()))
        attendance_ = Attendance(attendance)
        reason = check_text("reason", "理由", reason, 500, required=False)
        due = self.probation_due(policy.probation_months)
        if due is None:
            raise rules.NOT_PROBATIONARY.refuse()
        allowed = allowed_attendance(policy)
        if outcome_ == ProbationOutcome.CANCELLED:
            if not reason:
                raise rules.CANCEL_REASON.refuse(field="reason")
        else:
            if ctx.effective_on < due:
                raise rules.PROBATION_NOT_DUE.refuse(field="effective_on", due=due)
            if attendance_ == Attendance.ABSENT:
                raise rules.PROBATION_ABSENT.refuse(field="attendance", allowed=_labels(allowed))
        if attendance_ not in (*allowed, Attendance.ABSENT):
            raise rules.ATTENDANCE_NOT_ALLOWED.refuse(field="attendance", means=attendance_.label,
                                                      allowed=_labels(allowed))
        if outcome_ == ProbationOutcome.EXTENDED:
            low, high = policy.extension_min_months, policy.extension_max_months
            if not isinstance(extension_months, int) or not low <= extension_months <= high:
                raise rules.EXTENSION_MONTHS.refuse(field="extension_months", low=low, high=high)
        else:
            extension_months = None
        self._record(ProbationDecided, ctx, outcome=str(outcome_), extension_months=extension_months,
                     reason=reason, attendance=str(attendance_))


class ReviewState:
    """What the state knows of reviews and probation, and their rules."""

    # Kept by `domain.member_state.MemberState`, which this class is a base of.
    standing: Standing | None
    probation_start: date | None
    extension_months: int
    branch_id: UUID | None
    reviews: dict[int, str]
    ended: EndReason | None
    ended_on: date | None
    changed_on: date | None
    _check_in_register: Callable[[date], None]

    def __init__(self) -> None:
        super().__init__()
        self.reviewed_in: dict[int, tuple[UUID | None, date]] = {}  # year -> (the branch then, the day)
        self.opinions: tuple[Opinion, ...] = ()
        self.assessments: tuple[Assessment, ...] = ()
        self.decisions: tuple[ProbationDecided, ...] = ()
        self.full_on: date | None = None  # the day probation ended in full membership

    def probationary_on(self, day: date) -> bool:
        """In probation on `day`: from its start to the decision (or the end of membership) that ended it."""
        if self.probation_start is None or day < self.probation_start:
            return False
        ended = self.full_on or self.ended_on
        return ended is None or day <= ended

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)  # type: ignore[misc]

    @when.register
    def _reviewed(self, e: Reviewed) -> None:
        if e.year in self.reviews:
            raise rules.REVIEW_DONE.refuse(field="year", year=e.year)
        self.reviews = {**self.reviews, e.year: e.grade}
        self.reviewed_in = {**self.reviewed_in, e.year: (self.branch_id, e.effective_on)}

    @when.register
    def _opinion(self, e: ReviewOpinionRecorded) -> None:
        if self.ended:
            raise rules.MEMBER_ENDED.refuse(reason=self.ended.label)
        self.opinions = (*self.opinions, Opinion(e.year, e.effective_on, e.opinion, e.suggested_grade, e.org_id,
                                                 e.org_name, e.actor_org))

    @when.register
    def _assessed(self, e: ProbationAssessed) -> None:
        if not self.probationary_on(e.effective_on):
            raise rules.NOT_PROBATIONARY_ON.refuse(field="effective_on", date=e.effective_on.isoformat())
        self.assessments = (*self.assessments, Assessment(e.effective_on, e.period, e.opinion, e.actor_org))

    @when.register
    def _probation(self, e: ProbationDecided) -> None:
        """No decision in absentia: on time or extended, the member took part (old records: unrecorded)."""
        self._check_in_register(e.effective_on)
        if self.standing != Standing.PROBATIONARY:
            raise rules.NOT_PROBATIONARY.refuse()
        if e.attendance == Attendance.ABSENT and e.outcome != ProbationOutcome.CANCELLED:
            raise rules.PROBATION_ABSENT.refuse(field="attendance", allowed="本人到会或政策允许的方式")
        if e.outcome == ProbationOutcome.ON_TIME:
            self.standing, self.full_on = Standing.FULL, e.effective_on
        elif e.outcome == ProbationOutcome.EXTENDED:
            if self.extension_months:
                raise rules.EXTENSION_ONCE.refuse()
            self.extension_months = e.extension_months or 0
        else:
            self.ended, self.ended_on = EndReason.PROBATION_CANCELLED, e.effective_on
        self.decisions = (*self.decisions, e)
        self.changed_on = e.effective_on
