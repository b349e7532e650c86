"""The state of a member, folded from the member's facts.

Each handler first checks that the fact fits the state (the transition rules
that hold for every history, live or corrected), then changes the state.
Dates are effective dates, so a fact reported late lands in the right period.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import LedgerEvent
from domain.fields import add_months
from domain.member_events import (
    ActivityAttended, CertificateHeld, CertificateReleased, ContactDetailsChanged, ContactRecorded, Departed,
    LegacyCertificateHeld, LegacySummaryRecorded, MembershipEnded, MovedToBranch, PersonalDataRevealed,
    Registered, ReportedIn, Returned, TransferLetterIssued, TransferReceived,
)
from domain.member_dues import DuesState
from domain.member_periods import Absence, Letter
from domain.member_reviews import ReviewState
from domain.member_trips import TripState
from domain.membership_state import MembershipState
from domain.vocab import ContactInitiator, ContactOutcome, EndReason, MemberStatus, Standing

__all__ = ["MemberState"]


class MemberState(DuesState, ReviewState, TripState, MembershipState):
    """State and transition rules of `domain.member.Member` (a liaison and stopping
    membership: `domain.membership_state`; planned departures and short returns:
    `domain.member_trips`; dues: `domain.member_dues`; reviews and probation:
    `domain.member_reviews`)."""

    def __init__(self) -> None:
        super().__init__()
        self.name = ""
        self.gender = ""
        self.birth_date: date | None = None
        self.ethnicity = ""
        self.id_number = ""
        self.phone = ""
        self.joined_on: date | None = None
        self.standing: Standing | None = None
        self.probation_start: date | None = None
        self.extension_months = 0
        self.category = ""
        self.branch_id: UUID | None = None
        self.registered_on: date | None = None
        self.changed_on: date | None = None  # the last change of whereabouts or standing
        self.absences: tuple[Absence, ...] = ()
        self.lost_on: date | None = None
        self.lost_reason: str | None = None
        self.last_contact_on: date | None = None
        self.last_contact_by: str | None = None  # who initiated it (ContactInitiator)
        self.last_reached_on: date | None = None
        self.last_activity_on: date | None = None
        self.legacy_paid_through: str | None = None
        self.reviews: dict[int, str] = {}
        self.letter: Letter | None = None
        self.certificates: tuple[str, ...] = ()
        self.ended: EndReason | None = None
        self.ended_on: date | None = None

    # What the state says.

    @property
    def absence(self) -> Absence | None:
        """The current time away, if the member is away."""
        if self.absences and self.absences[-1].returned_on is None:
            return self.absences[-1]
        return None

    def absence_on(self, day: date) -> Absence | None:
        return next((a for a in reversed(self.absences) if a.covers(day)), None)

    @property
    def is_lost(self) -> bool:
        away = self.absence
        return (away is not None and self.lost_on is not None and self.lost_on >= away.departed_on
                and (self.last_reached_on is None or self.lost_on > self.last_reached_on))

    @property
    def status(self) -> MemberStatus:
        """The member's status as recorded (`projections.register_row.derive_status` restates it on a
        register row); a departure reported ahead is away here, and 计划外出 before its day (`status_on`)."""
        if self.ended:
            return MemberStatus.ENDED
        if self.absence is None:
            return MemberStatus.RETURNED if self.absences and not self.plan_cancelled_on else MemberStatus.AT_HOME
        if self.is_lost:
            return MemberStatus.LOST_CONTACT
        if self.absence.home_since is not None:
            return MemberStatus.TEMPORARY_RETURN
        return MemberStatus.REPORTED_IN if self.absence.reported_in_org else MemberStatus.AWAY

    @property
    def paid_through(self) -> str | None:
        """党费交至年月: the last month paid here, or as an old register says."""
        months = [*self.paid_months, *filter(None, [self.legacy_paid_through])]
        return max(months) if months else None

    def probation_due(self, probation_months: int) -> date | None:
        if self.standing != Standing.PROBATIONARY or self.probation_start is None:
            return None
        return add_months(self.probation_start, probation_months + self.extension_months)

    # Transition rules shared by live commands and corrected histories.

    def _check_in_register(self, day: date) -> None:
        if self.ended:
            raise rules.MEMBER_ENDED.refuse(reason=self.ended.label)
        if self.changed_on and day < self.changed_on:
            raise rules.LIFECYCLE_ORDER.refuse(field="effective_on", date=self.changed_on)

    def _check_away_on(self, day: date, action: str) -> Absence:
        absence = self.absence_on(day)
        if absence is None:
            raise rules.NOT_AWAY_ON.refuse(field="effective_on", date=day.isoformat(), action=action)
        return absence

    def _check_no_certificate(self) -> None:
        if self.certificates:
            raise rules.CERT_NOT_RETURNED.refuse(number=self.certificates[0])

    def _replace_absence(self, absence: Absence, **changes: object) -> None:
        index = self.absences.index(absence)
        self.absences = (*self.absences[:index], replace(absence, **changes),
                         *self.absences[index + 1:])

    def _reached(self, day: date) -> None:
        self.last_reached_on = max(filter(None, (self.last_reached_on, day)))

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)  # type: ignore[misc]

    @when.register
    def _registered(self, e: Registered) -> None:
        self.name, self.gender, self.birth_date = e.name, e.gender, e.birth_date
        self.ethnicity, self.id_number, self.phone = e.ethnicity, e.id_number, e.phone
        self.joined_on, self.standing = e.joined_on, Standing(e.standing)
        self.probation_start, self.category, self.branch_id = e.probation_start, e.category, e.branch_id
        self.registered_on = self.changed_on = e.effective_on

    @when.register
    def _departed(self, e: Departed) -> None:
        self._check_in_register(e.effective_on)
        self._check_departure(e)
        self.absences = (*self.absences, Absence(
            e.leaves_on, e.reason, e.province, e.city, e.address, e.industry, e.employer,
            e.expected_months, e.contact_phone, planned=e.leaves_on != e.effective_on))
        self.changed_on = e.effective_on
        self.plan_cancelled_on = None

    @when.register
    def _reported_in(self, e: ReportedIn) -> None:
        self._check_in_register(e.effective_on)
        away = self.absence
        if away is None:
            raise rules.REPORT_IN_AT_HOME.refuse()
        self._check_begun(away, e.effective_on, "报到")
        if away.home_since is not None:
            raise rules.REPORT_IN_WHILE_HOME.refuse(date=away.home_since)
        if away.reported_in_org is not None:
            raise rules.ALREADY_REPORTED.refuse(date=away.reported_in_on)
        self._replace_absence(away, reported_in_org=e.org_id, reported_in_on=e.effective_on,
                              inflow_contact=e.inflow_contact)
        self.changed_on = e.effective_on
        self._reached(e.effective_on)

    @when.register
    def _contact(self, e: ContactRecorded) -> None:
        self._check_away_on(e.effective_on, "联系情况")
        if e.outcome == ContactOutcome.LOST and not e.lost_reason:
            raise rules.LOST_REASON.refuse(field="lost_reason")
        if self.last_contact_on is None or e.effective_on >= self.last_contact_on:  # the later recorded on a tie
            self.last_contact_on, self.last_contact_by = e.effective_on, e.initiated_by
        if e.outcome == ContactOutcome.REACHED:
            self._reached(e.effective_on)
        elif e.outcome == ContactOutcome.LOST and (self.lost_on is None or e.effective_on >= self.lost_on):
            self.lost_on, self.lost_reason = e.effective_on, e.lost_reason

    @when.register
    def _details(self, e: ContactDetailsChanged) -> None:
        if self.ended:
            raise rules.MEMBER_ENDED.refuse(reason=self.ended.label)
        if e.phone:
            self.phone = e.phone
        away = self.absence
        if away is not None and (e.contact_phone or e.address):
            self._replace_absence(away, contact_phone=e.contact_phone or away.contact_phone,
                                  address=e.address or away.address)

    @when.register
    def _moved(self, e: MovedToBranch) -> None:
        self._check_in_register(e.effective_on)
        if e.branch_id == self.branch_id:
            raise rules.SAME_BRANCH.refuse(field="branch_id")
        self.branch_id = e.branch_id

    @when.register
    def _activity(self, e: ActivityAttended) -> None:
        if e.activity_id is None:  # recorded alone: for members away (home branches keep their own books)
            self._check_away_on(e.effective_on, "组织生活")
        elif self.ended:  # listed in an activity record: at home or away, while in the register
            raise rules.MEMBER_ENDED.refuse(reason=self.ended.label)
        elif self.registered_on and e.effective_on < self.registered_on:
            raise rules.DATE_ORDER.refuse(field="effective_on", label="活动日期", other="党员登记日期",
                                          date=self.registered_on)
        self.last_activity_on = max(filter(None, (self.last_activity_on, e.effective_on)))
        self._reached(e.effective_on)

    @when.register
    def _letter(self, e: TransferLetterIssued) -> None:
        self._check_in_register(e.effective_on)
        if self.letter is not None and self.letter.open_on(e.effective_on):
            raise rules.LETTER_OPEN.refuse(date=self.letter.issued_on)
        self.letter = Letter(e.effective_on, e.to_org_name, e.validity_days, number=e.letter_number,
                             to_org_id=e.to_org_id, from_branch_id=self.branch_id,
                             dues_paid_through=e.dues_paid_through, issued_by=e.actor, issued_for=e.actor_org)

    @when.register
    def _receipt(self, e: TransferReceived) -> None:
        """回执, late ones too. To outside the county it ends the membership; within it, a
        `MovedToBranch` follows."""
        self._check_in_register(e.effective_on)
        letter = self.letter
        if letter is None or letter.received_on is not None:
            raise rules.NO_LETTER.refuse()
        if e.letter_number != letter.number:
            raise rules.RECEIPT_NUMBER.refuse(field="letter_number", given=e.letter_number or "未填",
                                              expected=letter.number or "未编号")
        if e.effective_on < letter.issued_on:
            raise rules.RECEIPT_BEFORE_LETTER.refuse(field="effective_on", date=letter.issued_on)
        if letter.to_org_id is None:
            self._check_no_certificate()
            self.ended, self.ended_on = EndReason.TRANSFERRED_OUT, e.effective_on
        self.letter = replace(letter, received_on=e.effective_on)
        self.changed_on = e.effective_on

    @when.register
    def _returned(self, e: Returned) -> None:
        self._check_in_register(e.effective_on)
        away = self.absence
        if away is None:
            raise rules.RETURN_AT_HOME.refuse()
        self._check_begun(away, e.effective_on, "返回")
        self._check_no_certificate()
        self._replace_absence(away, returned_on=e.effective_on)
        self.changed_on = e.effective_on

    @when.register
    def _ended(self, e: MembershipEnded) -> None:
        self._check_in_register(e.effective_on)
        self._check_no_certificate()
        self.ended, self.ended_on = EndReason(e.reason), e.effective_on
        self.changed_on = e.effective_on

    @when.register
    def _legacy_summary(self, e: LegacySummaryRecorded) -> None:
        if e.paid_through:
            self.legacy_paid_through = max(filter(None, (self.legacy_paid_through, e.paid_through)))
        if e.review_year and e.review_grade and e.review_year not in self.reviews:
            self.reviews = {**self.reviews, e.review_year: e.review_grade}
        known = self.last_contact_on
        if e.last_contact_on and (known is None or e.last_contact_on > known
                                  or (e.last_contact_on == known and e.last_contact_by)):  # a tie: only if it says who
            self.last_contact_on = e.last_contact_on
            self.last_contact_by = e.last_contact_by or ContactInitiator.UNRECORDED.value

    @when.register
    def _revealed(self, e: PersonalDataRevealed) -> None:
        """Looking changes nothing; the event is the record of the look."""

    @when.register
    def _legacy_certificate(self, e: LegacyCertificateHeld) -> None:
        self.certificates = (*self.certificates, e.number)  # as written: no rule checked

    @when.register
    def _holds(self, e: CertificateHeld) -> None:
        if self.ended:
            raise rules.MEMBER_ENDED.refuse(reason=self.ended.label)
        if self.certificates:
            raise rules.ONE_VALID.refuse(number=self.certificates[0])
        self.certificates = (*self.certificates, e.number)

    @when.register
    def _releases(self, e: CertificateReleased) -> None:
        self.certificates = tuple(n for n in self.certificates if n != e.number)
