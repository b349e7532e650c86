"""InflowMember: a party member of another county who lives or works here
(流入党员), taken in by one of the county's party organisations. Registered
apart from the county's own members: never counted in the county's totals.

Command methods check formats and record one event; the `when` handlers
check what must hold for any history (nothing before arrival, nothing after
leaving, a month's dues and a year's opinion once), live or corrected.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from functools import singledispatchmethod
from uuid import UUID, uuid5

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerEvent
from domain.clock import local_date
from domain.fields import check_choice, check_id_number, check_month, check_not_future, check_phone, check_range, check_text
from domain.inflow_events import (
    InflowActivityAttended, InflowContactRecorded, InflowDuesCollected, InflowEvent, InflowLeft,
    InflowLegacySummaryRecorded, InflowOpinionSent, InflowRegistered,
)
from domain.member_events import check_initiator
from domain.organisation import Organisation
from domain.vocab import (
    ActivityKind, ContactMethod, ContactOutcome, Gender, LostReason, OrgActivityKind, OrgKind, ReviewGrade, Standing,
)

__all__ = ["InflowMember", "NOT_RECEIVING", "check_receiving", "inflow_member_id"]

NAMESPACE = UUID("c2d7f0a4-5b1e-4f0e-8a6d-2e9b7c41d5a3")
# Who cannot take an inflow member in: the service network and the organisations at destinations.
NOT_RECEIVING = (OrgKind.SERVICE_CENTRE, OrgKind.STATION, OrgKind.POINT, OrgKind.MOBILE_BRANCH, OrgKind.INFLOW_ORG)


def inflow_member_id(id_number: str, key: bytes) -> UUID:
    """A keyed hash of the ID number, in a namespace of its own: nobody without the
    county's key can test an ID number against it, and it never equals a member id."""
    digest = hmac.new(key, f"inflow:{id_number}".encode("ascii"), hashlib.sha256).hexdigest()
    return uuid5(NAMESPACE, digest)


def check_receiving(org: Organisation) -> None:
    """An open party organisation of the county (any kind but those of `NOT_RECEIVING`)."""
    if org.kind in NOT_RECEIVING:
        raise rules.INFLOW_ORG.refuse(field="org_id", kind=org.kind.label)  # type: ignore[union-attr]
    org.check_open()


class InflowMember(LedgerAggregate):
    TOPIC = "liudong.inflow_member"

    def __init__(self) -> None:
        self.name = self.gender = self.id_number = self.phone = self.standing = ""
        self.home_county = self.home_org = self.home_org_code = self.home_certificate_number = ""
        self.workplace = self.employer = ""
        self.birth_date: date | None = None
        self.org_id: UUID | None = None
        self.arrived_on: date | None = None
        self.left: InflowLeft | None = None
        self.last_contact_on: date | None = None
        self.last_activity_on: date | None = None
        self.paid_months: frozenset[str] = frozenset()
        self.dues_fen = 0
        self.opinions: dict[int, InflowOpinionSent] = {}
        self.legacy: InflowLegacySummaryRecorded | None = None

    # What the state says.

    @property
    def paid_through(self) -> str | None:
        """党费交至年月: the last month collected here, or as an old register says."""
        months = [*self.paid_months, *filter(None, [self.legacy and self.legacy.paid_through])]
        return max(months) if months else None

    def latest_opinion(self) -> tuple[int, str | None] | None:
        """(year, grade) of the latest opinion sent home, or as an old register says."""
        found = {year: o.grade for year, o in self.opinions.items()}
        legacy = self.legacy.opinion_year if self.legacy else None
        if legacy and legacy not in found:  # a live opinion of the same year is the one that counts
            found[legacy] = self.legacy.opinion_grade  # type: ignore[union-attr]
        if not found:
            return None
        year = max(found)
        return year, found[year]

    @staticmethod
    def last(a: date | None, b: date | None) -> date | None:
        return max(filter(None, (a, b)), default=None)

    # Commands.

    @classmethod
    def register(cls, ctx: Ctx, key: bytes, *, name: str, gender: str, birth_date: date, id_number: str,
                 phone: str, standing: str, home_county: str, home_org: str, workplace: str, org: Organisation,
                 home_org_code: str = "", home_certificate_number: str = "", employer: str = "") -> InflowMember:
        """流入党员登记, effective on the day they arrived."""
        id_number = check_id_number(id_number, birth_date)
        check_receiving(org)
        return cls._start(
            InflowRegistered, ctx, inflow_member_id(id_number, key),
            name=check_text("name", "姓名", name, 30),
            gender=str(check_choice("gender", "性别", gender, Gender)), birth_date=birth_date,
            id_number=id_number, phone=check_phone(phone),
            standing=str(check_choice("standing", "正式/预备", standing, Standing)),
            home_county=check_text("home_county", "原所在县（市、区）", home_county, 30),
            home_org=check_text("home_org", "原所在党组织", home_org, 60),
            home_org_code=check_text("home_org_code", "原所在党组织代码", home_org_code, 30, False),
            home_certificate_number=check_text("home_certificate_number", "原籍发放的流动党员活动证编号",
                                               home_certificate_number, 40, False),
            workplace=check_text("workplace", "在本县工作（居住）地点", workplace, 100),
            employer=check_text("employer", "工作单位", employer, 100, False), org_id=org.id)

    def record_contact(self, ctx: Ctx, method: str, outcome: str, initiated_by: str,
                       lost_reason: str | None = None, note: str = "") -> None:
        outcome_ = check_choice("outcome", "联系结果", outcome, ContactOutcome)
        if outcome_ == ContactOutcome.LOST and not lost_reason:
            raise rules.LOST_REASON.refuse(field="lost_reason")
        self._record(InflowContactRecorded, ctx,
                     method=str(check_choice("method", "联系方式", method, ContactMethod)), outcome=str(outcome_),
                     lost_reason=str(check_choice("lost_reason", "失联原因", lost_reason, LostReason))
                     if outcome_ == ContactOutcome.LOST else None,
                     note=check_text("note", "备注", note, 200, False), initiated_by=check_initiator(initiated_by))

    def attend(self, ctx: Ctx, kind: str, title: str, activity_id: UUID | None = None) -> None:
        """Recorded alone, or derived from an activity record (`activity_id`, an OrgActivityKind)."""
        kinds = OrgActivityKind if activity_id else ActivityKind
        self._record(InflowActivityAttended, ctx, kind=str(check_choice("kind", "活动类型", kind, kinds)),
                     title=check_text("title", "活动主题", title, 100), activity_id=activity_id)

    def collect_dues(self, ctx: Ctx, months: list[str], amount_fen: int) -> None:
        months = sorted({check_month(m) for m in months or []})
        if not months:
            raise rules.DUES_MONTHS.refuse(field="months")
        self._record(InflowDuesCollected, ctx, months=months,
                     amount_fen=check_range("amount_fen", "金额（分）", amount_fen, 1, 100_000_000))

    def send_opinion(self, ctx: Ctx, year: int, opinion: str, grade: str | None = None) -> None:
        check_range("year", "评议年度", year, 1949, 9999)
        if year > ctx.effective_on.year:
            raise rules.REVIEW_YEAR.refuse(field="year")
        self._record(InflowOpinionSent, ctx, year=year, opinion=check_text("opinion", "评议意见", opinion, 500),
                     grade=str(check_choice("grade", "建议等次", grade, ReviewGrade)) if grade else None)

    def leave(self, ctx: Ctx, reason: str, destination: str = "") -> None:
        self._record(InflowLeft, ctx, reason=check_text("reason", "离开原因", reason, 200),
                     destination=check_text("destination", "去向", destination, 100, False))

    def record_legacy_summary(self, ctx: Ctx, *, paid_through: str | None = None,
                              last_contact_on: date | None = None, last_activity_on: date | None = None,
                              opinion_year: int | None = None, opinion_grade: str | None = None,
                              note: str = "") -> None:
        today = local_date(ctx.now)
        for field, label, day in (("last_contact_on", "最近联系时间", last_contact_on),
                                  ("last_activity_on", "最近参加组织生活时间", last_activity_on)):
            if day is not None:
                check_not_future(day, today, field, label)
        if opinion_year is not None:
            check_range("opinion_year", "最近评议意见年度", opinion_year, 1949, today.year)
        self._record(InflowLegacySummaryRecorded, ctx,
                     paid_through=check_month(paid_through, "paid_through") if paid_through else None,
                     last_contact_on=last_contact_on, last_activity_on=last_activity_on,
                     opinion_year=opinion_year,
                     opinion_grade=str(check_choice("opinion_grade", "最近评议意见等次", opinion_grade, ReviewGrade))
                     if opinion_year and opinion_grade else None,
                     note=check_text("note", "备注", note, 200, False))

    # The state, fact by fact.

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _registered(self, e: InflowRegistered) -> None:
        for name in ("name", "gender", "birth_date", "id_number", "phone", "standing", "home_county", "home_org",
                     "home_org_code", "home_certificate_number", "workplace", "employer", "org_id"):
            setattr(self, name, getattr(e, name))
        self.arrived_on = e.effective_on

    def _check(self, e: InflowEvent) -> None:
        """Nothing is recorded after leaving, nor dated before the arrival."""
        if self.left is not None:
            raise rules.INFLOW_LEFT.refuse(date=self.left.effective_on)
        if self.arrived_on and e.effective_on < self.arrived_on:
            raise rules.INFLOW_BEFORE_ARRIVAL.refuse(field="effective_on", date=self.arrived_on)

    @when.register
    def _contact(self, e: InflowContactRecorded) -> None:
        self._check(e)
        self.last_contact_on = self.last(self.last_contact_on, e.effective_on)

    @when.register
    def _activity(self, e: InflowActivityAttended) -> None:
        self._check(e)
        self.last_activity_on = self.last(self.last_activity_on, e.effective_on)

    @when.register
    def _dues(self, e: InflowDuesCollected) -> None:
        self._check(e)
        paid = sorted(self.paid_months.intersection(e.months))
        if paid:
            raise rules.DUES_PAID.refuse(field="months", month=paid[0])
        self.paid_months |= frozenset(e.months)
        self.dues_fen += e.amount_fen

    @when.register
    def _opinion(self, e: InflowOpinionSent) -> None:
        self._check(e)
        if e.year in self.opinions:
            raise rules.INFLOW_OPINION_SENT.refuse(field="year", year=e.year)
        self.opinions = {**self.opinions, e.year: e}

    @when.register
    def _left(self, e: InflowLeft) -> None:
        self._check(e)
        self.left = e

    @when.register
    def _legacy(self, e: InflowLegacySummaryRecorded) -> None:
        self._check(e)
        self.legacy = e
        self.last_contact_on = self.last(self.last_contact_on, e.last_contact_on)
        self.last_activity_on = self.last(self.last_activity_on, e.last_activity_on)
