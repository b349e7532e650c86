"""The events of a member's life in the ledger, with their stored names.

Fields hold plain values (codes of `domain.vocab`, dates, ids); `correctable`
names what a later 更正 may change and how the new value is checked.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain import rules
from domain.base import LedgerCreated, LedgerEvent
from domain.fields import a_date, a_phone, choice, integer, text
from domain.vocab import (
    ActivityKind, Category, ContactInitiator, ContactMethod, ContactOutcome, Gender, Industry, LostReason,
    ReviewGrade,
)

__all__ = [
    "ActivityAttended", "CertificateHeld", "CertificateReleased", "ContactDetailsChanged",
    "ContactRecorded", "Departed", "LegacyCertificateHeld", "LegacySummaryRecorded",
    "MemberEvent", "MembershipEnded", "PersonalDataRevealed",
    "MovedToBranch", "ProbationDecided", "Registered", "ReportedIn", "Returned", "Reviewed",
    "TransferLetterIssued", "TransferReceived", "check_initiator",
]

WHEN = {"effective_on": a_date("发生日期")}


class MemberEvent(LedgerEvent):
    """Base of the member's events other than registration."""

    voidable = True


class Registered(LedgerCreated):
    TOPIC = "liudong.member.Registered"
    class_version = 1
    label = "党员登记"
    voidable = True
    correctable = {"name": text("姓名", 30), "gender": choice("性别", Gender),
                   "ethnicity": text("民族", 20), "phone": a_phone(),
                   "joined_on": a_date("入党时间"), "category": choice("党员类别", Category),
                   **WHEN}
    name: str
    gender: str
    birth_date: date
    ethnicity: str
    id_number: str
    phone: str
    joined_on: date
    standing: str
    probation_start: date | None
    category: str
    branch_id: UUID


class Departed(MemberEvent):
    TOPIC = "liudong.member.Departed"
    class_version = 1
    label = "外出登记"
    correctable = {"reason": text("外出原因", 200), "province": text("流向省份", 20),
                   "city": text("流向城市", 30), "address": text("详细地址", 100, False),
                   "industry": choice("从事行业", Industry), "employer": text("工作单位", 100, False),
                   "expected_months": integer("预计外出月数", 1, 120),
                   "contact_phone": a_phone(), **WHEN}
    reason: str
    province: str
    city: str
    address: str
    industry: str
    employer: str
    expected_months: int
    contact_phone: str

    @property
    def leaves_on(self) -> date:
        """The day the time away starts (a departure reported ahead: its planned day)."""
        return self.effective_on


class ReportedIn(MemberEvent):
    TOPIC = "liudong.member.ReportedIn"
    class_version = 1
    label = "报到"
    correctable = {"inflow_contact": text("流入地联系人", 30, False),
                   "inflow_contact_phone": text("联系人电话", 20, False), **WHEN}
    org_id: UUID
    inflow_contact: str
    inflow_contact_phone: str


def check_initiator(value: str, field: str = "initiated_by") -> str:
    """Who initiated a contact, as a command records it (never `unrecorded`)."""
    if not isinstance(value, str) or value not in ContactInitiator.on_entry():
        raise rules.CHOICE.refuse(field=field, label="联系发起方", choices="、".join(
            f"{m.value}（{m.label}）" for m in ContactInitiator.on_entry()))
    return str(ContactInitiator(value))


class ContactRecorded(MemberEvent):
    TOPIC = "liudong.member.ContactRecorded"
    class_version = 3  # v2: initiated_by; v3: made_by
    label = "联系"
    correctable = {"method": choice("联系方式", ContactMethod),
                   "outcome": choice("联系结果", ContactOutcome),
                   "lost_reason": choice("失联原因", LostReason),
                   "note": text("备注", 200, False), "initiated_by": check_initiator,
                   "made_by": text("经办人", 30), **WHEN}
    method: str
    outcome: str
    lost_reason: str | None
    note: str
    initiated_by: str  # a ContactInitiator code
    made_by: str | None = None  # who made (or took) the contact, by name; None: not recorded (before v3)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Contacts stored before v2 never said who initiated them."""
        state["initiated_by"] = ContactInitiator.UNRECORDED.value

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """Contacts stored before v3 never said who made them (the recording officer is `actor`)."""
        state["made_by"] = None


class ContactDetailsChanged(MemberEvent):
    TOPIC = "liudong.member.ContactDetailsChanged"
    class_version = 1
    label = "联系方式变更"
    phone: str | None
    contact_phone: str | None
    address: str | None


class MovedToBranch(MemberEvent):
    TOPIC = "liudong.member.MovedToBranch"
    class_version = 1
    label = "支部调整"
    branch_id: UUID


class ActivityAttended(MemberEvent):
    TOPIC = "liudong.member.ActivityAttended"
    class_version = 2  # v2: activity_id
    label = "参加组织生活"
    # One derived from an activity record (activity_id set) is corrected through that record.
    correctable = {"kind": choice("活动类型", ActivityKind), "title": text("活动主题", 100), **WHEN}
    kind: str  # an ActivityKind code; with activity_id, the activity's OrgActivityKind code
    org_id: UUID | None
    title: str
    activity_id: UUID | None = None  # the activity record (活动记录) it derives from; None: recorded alone

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Attendance stored before v2 was recorded for the member alone."""
        state["activity_id"] = None


class Reviewed(MemberEvent):
    TOPIC = "liudong.member.Reviewed"
    class_version = 1
    label = "民主评议"
    correctable = {"grade": choice("评议结果", ReviewGrade), **WHEN}
    year: int
    grade: str
    org_id: UUID | None


class ProbationDecided(MemberEvent):
    TOPIC = "liudong.member.ProbationDecided"
    class_version = 2  # v2: reason, attendance (domain.member_reviews)
    label = "预备党员转正"
    outcome: str
    extension_months: int | None
    reason: str  # the branch meeting's reasons; required for a cancellation
    attendance: str  # how the member took part in the meeting (an Attendance code)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Decisions stored before v2 gave no reason and did not say how the member took part."""
        state["reason"] = ""
        state["attendance"] = "unrecorded"


class TransferLetterIssued(MemberEvent):
    """The letter and its stub (存根); the member's branch, the officer and the day are the stub's too."""

    TOPIC = "liudong.member.TransferLetterIssued"
    class_version = 2  # v2: letter_number, to_org_id
    label = "开具组织关系介绍信"
    correctable = {"to_org_name": text("接收组织", 60), **WHEN}
    to_org_name: str  # as printed; for a branch of the county, its name on the day of issue
    validity_days: int
    dues_paid_through: str | None
    letter_number: str  # unique in the county (domain.letter_numbers); "" before v2
    to_org_id: UUID | None  # the receiving branch when it is in the county; None: outside, named in to_org_name

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Letters stored before v2 had no number and named their receiver in text only."""
        state["letter_number"] = ""
        state["to_org_id"] = None


class TransferReceived(MemberEvent):
    TOPIC = "liudong.member.TransferReceived"
    class_version = 2  # v2: letter_number
    label = "组织关系介绍信回执"
    correctable = WHEN
    letter_number: str  # the number the receipt names: the letter's

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Receipts stored before v2 named no number, as their letters had none."""
        state["letter_number"] = ""


class Returned(MemberEvent):
    TOPIC = "liudong.member.Returned"
    class_version = 1
    label = "返回"
    correctable = {"report": text("外出情况汇报", 500, False), **WHEN}
    report: str


class MembershipEnded(MemberEvent):
    TOPIC = "liudong.member.MembershipEnded"
    class_version = 1
    label = "不再在册"
    reason: str
    note: str


class LegacySummaryRecorded(MemberEvent):
    """What an old register says of a member, kept as written (旧台账记载)."""

    TOPIC = "liudong.member.LegacySummaryRecorded"
    class_version = 2  # v2: last_contact_by
    label = "旧台账记载"
    paid_through: str | None
    review_year: int | None
    review_grade: str | None
    last_contact_on: date | None
    note: str
    last_contact_by: str | None  # who initiated that last contact, as written (a ContactInitiator code)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Summaries stored before v2 did not say who initiated the last contact."""
        state["last_contact_by"] = None


class LegacyCertificateHeld(LedgerEvent):
    """An old register says the member holds this certificate; no rule was checked."""

    TOPIC = "liudong.member.LegacyCertificateHeld"
    class_version = 1
    label = "旧台账记载持证"
    number: str


class PersonalDataRevealed(LedgerEvent):
    """An officer was shown a member's full ID number or phone (PIPL: every look is recorded)."""

    TOPIC = "liudong.member.PersonalDataRevealed"
    class_version = 1
    label = "查看个人信息"
    fields: list[str]
    reason: str


class CertificateHeld(LedgerEvent):
    """The member now holds this valid certificate (saved with the certificate's own event)."""

    TOPIC = "liudong.member.CertificateHeld"
    class_version = 1
    label = "持有活动证"
    number: str


class CertificateReleased(LedgerEvent):
    """The member no longer holds this certificate as valid (handed back, lost...)."""

    TOPIC = "liudong.member.CertificateReleased"
    class_version = 1
    label = "活动证失效"
    number: str
    reason: str
