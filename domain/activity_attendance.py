"""Voiding an activity record (作废活动记录) voids the attendance derived from it, and
correcting its topic corrects their title (what each member's history shows).

A void cites its target by position in the log. The attendance events were stored
with the activity's own event: in one transaction and with one stamp (one command
is stamped once, and the log is in stamp order), so they lie in the run of events
around it that bear the same stamp. Attendance already voided on its own (a person
listed by mistake) is left as it is.
"""

from __future__ import annotations

from uuid import UUID

from domain import rules
from domain.activity import Activity
from domain.base import Ctx, LedgerAggregate, LedgerEvent
from domain.errors import LedgerError
from domain.inflow_events import InflowActivityAttended
from domain.inflow_member import InflowMember
from domain.member import Member
from domain.member_events import ActivityAttended
from domain.unit_of_work import UnitOfWork

__all__ = ["derived_from", "retitle_attendance", "void_attendance"]

Key = tuple[UUID, int]  # (attendee's aggregate, version of the attendance event)


def derived_from(attendee: LedgerAggregate, activity_id: UUID) -> int | None:
    """The version of the attendee's effective attendance derived from the activity, if any."""
    for version, fact in attendee._facts.items():  # noqa: SLF001  (the effective facts, voids applied)
        if isinstance(fact, (ActivityAttended, InflowActivityAttended)) and fact.activity_id == activity_id:
            return version
    return None


def void_attendance(uow: UnitOfWork, activity: Activity, position: int, ctx: Ctx, reason: str) -> None:
    """Voids, in the same unit of work, each attendance still effective that `activity`
    (whose own event lies at `position`) derived."""
    for (_, version), (attendee, at) in _derived(uow, activity, position).items():
        attendee.void(ctx, at, version, f"随活动记录作废（位置{position}）：{reason}")


def retitle_attendance(uow: UnitOfWork, activity: Activity, position: int, ctx: Ctx, title: str,
                       reason: str) -> None:
    """Corrects, in the same unit of work, the title of each attendance still effective that
    `activity` derived, when its topic is corrected to `title`."""
    for (_, version), (attendee, at) in _derived(uow, activity, position).items():
        if getattr(attendee._facts[version], "title", title) != title:  # noqa: SLF001
            attendee.correct(ctx, at, version, {"title": title}, f"随活动记录更正（位置{position}）：{reason}")


def _derived(uow: UnitOfWork, activity: Activity, position: int) -> dict[Key, tuple[LedgerAggregate, int]]:
    """Each attendance still effective that `activity` derived, with its attendee and position."""
    wanted: dict[Key, LedgerAggregate] = {}
    for field, attendee_id in activity.attendees:
        attendee = uow.find(Member if field == "member_ids" else InflowMember, attendee_id)
        version = derived_from(attendee, activity.id) if attendee is not None else None
        if attendee is not None and version is not None:
            wanted[(attendee.id, version)] = attendee
    found = _positions(uow, position, set(wanted))
    return {key: (attendee, found[key]) for key, attendee in wanted.items()}


def _positions(uow: UnitOfWork, position: int, wanted: set[Key]) -> dict[Key, int]:
    """The positions of `wanted` events in the run of events stamped as the one at `position`."""
    stamp = uow.ledger.event_at(position).timestamp
    found: dict[Key, int] = {}
    for step in (-1, 1):
        at = position + step
        while len(found) < len(wanted):
            event = _event(uow, at)
            if event is None or event.timestamp != stamp:
                break
            key = (event.originator_id, event.originator_version)
            if key in wanted:
                found[key] = at
            at += step
    if len(found) < len(wanted):
        raise rules.ACTIVITY_VOID_LOST.refuse(field="position")
    return found


def _event(uow: UnitOfWork, position: int) -> LedgerEvent | None:
    if position < 1:
        return None
    try:
        return uow.ledger.event_at(position)
    except LedgerError:  # past the head of the log
        return None
