"""Activity: one activity an organisation held (活动记录): a service station (服务站), a
service point (服务点), a branch (党支部) or a mobile branch (流动党员党支部), on a day,
of a kind, with its topic, place, organiser and who attended: the county's members (at
home or away) and inflow members (流入党员).

Each attendee's own record (参加组织生活, `ActivityAttended` or `InflowActivityAttended`)
is derived from it in the same unit of work and carries its id
(`domain.handlers.activities`); voiding the activity voids those too
(`domain.activity_attendance`).
"""

from __future__ import annotations

from datetime import date
from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.fields import check_choice, check_text, text
from domain.organisation import Organisation
from domain.vocab import OrgActivityKind, OrgKind

__all__ = ["ACTIVITY_ORGS", "MAX_ATTENDEES", "Activity", "ActivityRecorded", "check_attendees"]

K = OrgKind
# Who holds activities: the service network's stations and points, and the party's branches.
ACTIVITY_ORGS = (K.STATION, K.POINT, K.BRANCH, K.MOBILE_BRANCH)
MAX_ATTENDEES = 300  # a list longer than any meeting a station holds is a mistake, not an activity
_LISTS = {"member_ids": "参加的本县党员", "member_id_numbers": "参加的本县党员（按身份证号）",
          "inflow_member_ids": "参加的流入党员", "inflow_id_numbers": "参加的流入党员（按身份证号）"}
_INFLOW = ("inflow_member_ids", "inflow_id_numbers")


class ActivityRecorded(LedgerCreated):
    TOPIC = "liudong.activity.Recorded"
    class_version = 1
    label = "活动记录"
    voidable = True
    # The day and kind are copied into each attendee's record: to change them, void and record again.
    correctable = {"topic": text("活动主题", 100), "place": text("活动地点", 100), "organiser": text("组织人", 30)}
    org_id: UUID
    kind: str  # an OrgActivityKind code
    topic: str
    place: str
    organiser: str  # the person who organised it, by name
    member_ids: list[UUID]  # the county's members who attended, as listed
    inflow_member_ids: list[UUID]  # the inflow members who attended, as listed


def check_attendees(listed: list[tuple[str, int, UUID]]) -> None:
    """At least one attendee, at most `MAX_ATTENDEES`, nobody listed twice; `listed` holds
    (the list's field, the index in it, the person's id) of everyone named."""
    if not listed:
        raise rules.ACTIVITY_NO_ATTENDEES.refuse(field="member_ids")
    if len(listed) > MAX_ATTENDEES:
        raise rules.ACTIVITY_TOO_MANY.refuse(field="member_ids", limit=MAX_ATTENDEES, count=len(listed))
    seen: dict[UUID, tuple[str, int]] = {}
    for field, index, attendee in listed:
        if attendee in seen:
            first = seen[attendee]
            where = f"第{first[1] + 1}项" if first[0] == field else f"{_LISTS[first[0]]}第{first[1] + 1}项"
            raise rules.ACTIVITY_DUPLICATE.refuse(field=f"{field}.{index}", list=_LISTS[field], index=index + 1,
                                                  first=where)
        seen[attendee] = (field, index)


class Activity(LedgerAggregate):
    TOPIC = "liudong.activity"

    def __init__(self) -> None:
        self.org_id: UUID | None = None
        self.kind = self.topic = self.place = self.organiser = ""
        self.held_on: date | None = None
        self.member_ids: tuple[UUID, ...] = ()
        self.inflow_member_ids: tuple[UUID, ...] = ()

    @classmethod
    def record(cls, ctx: Ctx, id: UUID, org: Organisation, *, kind: str, topic: str, place: str, organiser: str,
               listed: list[tuple[str, int, UUID]]) -> Activity:
        """活动记录 on the day it was held; `listed` as `check_attendees` takes it. The handler
        derives each attendee's record."""
        if org.kind not in ACTIVITY_ORGS:
            raise rules.ACTIVITY_ORG.refuse(field="org_id", kind=org.kind.label)  # type: ignore[union-attr]
        founded = org.facts[0].effective_on
        if ctx.effective_on < founded:
            raise rules.DATE_ORDER.refuse(field="effective_on", label="活动日期", other="该组织成立日期", date=founded)
        then = org.as_of(ctx.effective_on)  # open on the day held: one closed since may still record it late
        assert then is not None
        then.check_open()
        kind = str(check_choice("kind", "活动类型", kind, OrgActivityKind))
        topic, place = check_text("topic", "活动主题", topic, 100), check_text("place", "活动地点", place, 100)
        organiser = check_text("organiser", "组织人", organiser, 30)
        check_attendees(listed)
        return cls._start(ActivityRecorded, ctx, id, org_id=org.id, kind=kind, topic=topic, place=place,
                          organiser=organiser, member_ids=[a for f, _, a in listed if f not in _INFLOW],
                          inflow_member_ids=[a for f, _, a in listed if f in _INFLOW])

    @property
    def attendees(self) -> list[tuple[str, UUID]]:
        """(list field, id) of everyone listed, members first, in the order given."""
        return [*(("member_ids", m) for m in self.member_ids),
                *(("inflow_member_ids", m) for m in self.inflow_member_ids)]

    @staticmethod
    def list_label(field: str) -> str:
        return _LISTS[field]

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _recorded(self, e: ActivityRecorded) -> None:
        self.org_id, self.kind, self.topic, self.place, self.organiser = e.org_id, e.kind, e.topic, e.place, e.organiser
        self.held_on = e.effective_on
        self.member_ids, self.inflow_member_ids = tuple(e.member_ids), tuple(e.inflow_member_ids)
