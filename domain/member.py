"""Member: a party member of the county and every movement recorded for them.

Command methods check what depends on the command (formats, policy, the
organisations named) and record one event; the transition rules that hold
for any history live in `domain.member_state`.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate
from domain.fields import (
    add_months, check_choice, check_id_number, check_month, check_phone, check_range, check_text, months_between,
)
from domain.ids import member_id
from domain.member_events import (
    ActivityAttended, CertificateHeld, CertificateReleased, ContactDetailsChanged, ContactRecorded, Departed,
    LegacyCertificateHeld, LegacySummaryRecorded, MembershipEnded, MovedToBranch, PersonalDataRevealed,
    Registered, ReportedIn, Returned, TransferLetterIssued, TransferReceived,
    check_initiator,
)
from domain.letters import check_letter_number, receiver_name
from domain.member_dues import DuesCommands
from domain.member_reviews import ReviewCommands
from domain.member_state import MemberState
from domain.member_trips import TripCommands
from domain.membership import MembershipCommands
from domain.organisation import Organisation
from domain.policy import Policy
from domain.vocab import (
    ActivityKind, Category, ContactInitiator, ContactMethod, ContactOutcome, EndReason,
    Gender, Industry, LostReason, OrgActivityKind, OrgKind, PersonalField, ReviewGrade, Standing,
)

__all__ = ["Member"]

INFLOW_KINDS = (OrgKind.MOBILE_BRANCH, OrgKind.INFLOW_ORG)


class Member(MembershipCommands, TripCommands, DuesCommands, ReviewCommands, MemberState, LedgerAggregate):
    TOPIC = "liudong.member"

    @classmethod
    def enrol(cls, ctx: Ctx, key: bytes, *, name: str, gender: str, birth_date: date,
              ethnicity: str, id_number: str, phone: str, joined_on: date, standing: str,
              category: str, branch: Organisation,
              probation_start: date | None = None) -> Member:
        """Registers a member (党员登记, the event `Registered`)."""
        id_number = check_id_number(id_number, birth_date)
        standing_ = check_choice("standing", "党员身份", standing, Standing)
        if joined_on > ctx.effective_on:
            raise rules.DATE_ORDER.refuse(field="effective_on", label="登记日期",
                                          other="入党时间", date=joined_on)
        if joined_on < add_months(birth_date, 18 * 12):
            raise rules.MEMBER_AGE.refuse(field="joined_on", birth=birth_date)
        if standing_ == Standing.PROBATIONARY:
            probation_start = probation_start or joined_on
            if probation_start < joined_on:
                raise rules.MEMBER_PROBATION_START.refuse(field="probation_start")
        else:
            probation_start = None
        if branch.kind != OrgKind.BRANCH:
            raise rules.MEMBER_BRANCH.refuse(field="branch_id", kind=branch.kind.label)
        branch.check_open()
        return cls._start(
            Registered, ctx, member_id(id_number, key),
            name=check_text("name", "姓名", name, 30),
            gender=str(check_choice("gender", "性别", gender, Gender)), birth_date=birth_date,
            ethnicity=check_text("ethnicity", "民族", ethnicity, 20), id_number=id_number,
            phone=check_phone(phone), joined_on=joined_on, standing=str(standing_),
            probation_start=probation_start,
            category=str(check_choice("category", "党员类别", category, Category)),
            branch_id=branch.id)

    def months_away(self, day: date) -> int:
        away = self.absence_on(day)
        return months_between(away.departed_on, day) if away else 0

    def depart(self, ctx: Ctx, **details: Any) -> None:
        """外出登记 on the day of leaving (reported ahead: `plan_departure`)."""
        self._record(Departed, ctx, **self._departure_details(**details))

    @staticmethod
    def _departure_details(*, reason: str, province: str, city: str, industry: str, expected_months: int,
                           contact_phone: str, address: str = "", employer: str = "") -> dict[str, Any]:
        return dict(
            reason=check_text("reason", "外出原因", reason, 200),
            province=check_text("province", "流向省份", province, 20),
            city=check_text("city", "流向城市", city, 30),
            address=check_text("address", "详细地址", address, 100, required=False),
            industry=str(check_choice("industry", "从事行业", industry, Industry)),
            employer=check_text("employer", "工作单位", employer, 100, required=False),
            expected_months=check_range("expected_months", "预计外出月数", expected_months, 1, 120),
            contact_phone=check_phone(contact_phone, "contact_phone"))

    def report_in(self, ctx: Ctx, org: Organisation, inflow_contact: str = "",
                  inflow_contact_phone: str = "") -> None:
        if org.kind not in INFLOW_KINDS:
            raise rules.REPORT_IN_ORG.refuse(field="org_id")
        org.check_open()
        self._record(ReportedIn, ctx, org_id=org.id,
                     inflow_contact=check_text("inflow_contact", "流入地联系人", inflow_contact, 30, False),
                     inflow_contact_phone=check_text("inflow_contact_phone", "联系人电话",
                                                     inflow_contact_phone, 20, False))

    def record_contact(self, ctx: Ctx, method: str, outcome: str, lost_reason: str | None = None,
                       note: str = "", initiated_by: str = ContactInitiator.ORGANISATION,
                       made_by: str | None = None) -> None:
        """联系; `made_by` names who made or took it (the handler's default: the recording officer)."""
        outcome_ = check_choice("outcome", "联系结果", outcome, ContactOutcome)
        if outcome_ == ContactOutcome.LOST and not lost_reason:
            raise rules.LOST_REASON.refuse(field="lost_reason")
        reason = str(check_choice("lost_reason", "失联原因", lost_reason, LostReason)) \
            if outcome_ == ContactOutcome.LOST else None
        self._record(ContactRecorded, ctx,
                     method=str(check_choice("method", "联系方式", method, ContactMethod)),
                     outcome=str(outcome_), lost_reason=reason,
                     note=check_text("note", "备注", note, 200, False),
                     initiated_by=check_initiator(initiated_by),
                     made_by=check_text("made_by", "经办人", made_by, 30) if made_by is not None else None)

    def change_contact_details(self, ctx: Ctx, phone: str | None = None,
                               contact_phone: str | None = None, address: str | None = None) -> None:
        if not (phone or contact_phone or address):
            raise rules.DETAILS_EMPTY.refuse(field="phone")
        self._record(ContactDetailsChanged, ctx,
                     phone=check_phone(phone) if phone else None,
                     contact_phone=check_phone(contact_phone, "contact_phone") if contact_phone else None,
                     address=check_text("address", "详细地址", address, 100) if address else None)

    def move_to(self, ctx: Ctx, branch: Organisation) -> None:
        if branch.kind != OrgKind.BRANCH:
            raise rules.MEMBER_BRANCH.refuse(field="branch_id", kind=branch.kind.label)
        branch.check_open()
        self._record(MovedToBranch, ctx, branch_id=branch.id)

    def attend(self, ctx: Ctx, kind: str, title: str, org: Organisation | None = None,
               activity_id: UUID | None = None) -> None:
        """参加组织生活: recorded alone (away only), or derived from an activity record (`activity_id`)."""
        kinds = OrgActivityKind if activity_id else ActivityKind
        self._record(ActivityAttended, ctx,
                     kind=str(check_choice("kind", "活动类型", kind, kinds)),
                     org_id=org.id if org else None,
                     title=check_text("title", "活动主题", title, 100), activity_id=activity_id)

    def issue_transfer_letter(self, ctx: Ctx, policy: Policy, letter_number: str, *,
                              to_org: Organisation | None = None, to_org_name: str | None = None,
                              validity_days: int | None = None) -> None:
        """介绍信 and its stub (存根); the caller has checked the number unused (`domain.letters`)."""
        days = policy.letter_validity_days if validity_days is None else validity_days
        check_range("validity_days", "介绍信有效期（天）", days, 1, policy.letter_validity_days)
        self._record(TransferLetterIssued, ctx, letter_number=check_letter_number(letter_number),
                     to_org_id=to_org.id if to_org else None,
                     to_org_name=receiver_name(to_org, to_org_name, self.branch_id),
                     validity_days=days, dues_paid_through=self.paid_through)

    def receive_transfer(self, ctx: Ctx, letter_number: str, branch: Organisation | None = None) -> None:
        """回执 of the letter so numbered: to `branch` (the letter's, in the county) the member
        moves; to an organisation outside, the membership ends (转出本县)."""
        if branch is not None:
            branch.check_open()
        self._record(TransferReceived, ctx, letter_number=check_letter_number(letter_number, required=False))
        if branch is not None and branch.id != self.branch_id:  # moved there meanwhile: nothing to move
            self.move_to(ctx, branch)

    def return_home(self, ctx: Ctx, report: str = "") -> None:
        self._record(Returned, ctx, report=check_text("report", "外出情况汇报", report, 500, False))

    def end_membership(self, ctx: Ctx, reason: str, note: str = "") -> None:
        reason_ = check_choice("reason", "原因", reason, EndReason)
        if reason_ in (EndReason.PROBATION_CANCELLED, EndReason.HANDED_OVER):  # by a probation decision, a handover
            raise rules.CHOICE.refuse(field="reason", label="原因",
                                      choices="died（去世）、transferred_out（组织关系转出本县）")
        if reason_ in (EndReason.STOPPED, EndReason.REMOVED):  # proposed and approved (domain.membership)
            raise rules.BY_DECISION.refuse(field="reason", reason=reason_.label)
        self._record(MembershipEnded, ctx, reason=str(reason_),
                     note=check_text("note", "备注", note, 200, False))

    def record_legacy_summary(self, ctx: Ctx, *, paid_through: str | None = None,
                              review_year: int | None = None, review_grade: str | None = None,
                              last_contact_on: date | None = None, note: str = "",
                              last_contact_by: str | None = None) -> None:
        if review_grade is not None:
            review_grade = str(check_choice("review_grade", "评议结果", review_grade, ReviewGrade))
            check_range("review_year", "评议年度", review_year, 1949, ctx.effective_on.year)
        self._record(LegacySummaryRecorded, ctx,
                     paid_through=check_month(paid_through, "paid_through") if paid_through else None,
                     review_year=review_year if review_grade else None, review_grade=review_grade,
                     last_contact_on=last_contact_on, note=check_text("note", "备注", note, 200, False),
                     last_contact_by=str(check_choice("last_contact_by", "最近联系发起方", last_contact_by,
                                                      ContactInitiator)) if last_contact_by else None)

    def reveal(self, ctx: Ctx, fields: list[str], reason: str) -> dict[str, str]:
        """The full values of personal fields, recording who looked and why."""
        chosen = sorted({str(check_choice("fields", "个人信息项", f, PersonalField)) for f in fields or []})
        if not chosen:
            raise rules.REQUIRED.refuse(field="fields", label="个人信息项")
        self._record(PersonalDataRevealed, ctx, fields=chosen,
                     reason=check_text("reason", "查看理由", reason, 200))
        return {field: getattr(self, field) for field in chosen}

    def hold_legacy_certificate(self, ctx: Ctx, number: str) -> None:
        self._record(LegacyCertificateHeld, ctx, number=number)

    def hold_certificate(self, ctx: Ctx, number: str) -> None:
        self._record(CertificateHeld, ctx, number=number)

    def release_certificate(self, ctx: Ctx, number: str, reason: str) -> None:
        if number not in self.certificates:
            raise rules.CERT_MEMBER.refuse(field="number", number=number)
        self._record(CertificateReleased, ctx, number=number, reason=reason)

