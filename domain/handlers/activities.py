"""Handlers of the activities area (issue 16): an organisation records an activity it
held (活动记录), and each attendee's own record (参加组织生活) is derived from it in the
same unit of work, so the register's last activity, its history as of a day and the
`no_activity` flag read it as they read any attendance.

Who records: the county admin for any organisation; an officer for one in its subtree
(a station or point acts for its township); an inflow officer for its own organisation
only. Each attendee must be one the actor may record for on the day (a member through
the home branch's subtree or the organisation reported in to; an inflow member through
the organisation that took them in); one outside gets the same answer as one who does
not exist, as for an enterprise's workers: a list of names is no way into another
subtree's register. A mobile branch (or an inflow-area organisation) meets far from
home: the county's members it lists must be reported in to it (or below it) on the day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

from domain import rules
from domain.activity import Activity
from domain.commands.activities import RecordOrgActivity
from domain.errors import LedgerError, NotPermitted
from domain.fields import check_id_number
from domain.ids import member_id
from domain.inflow_member import InflowMember, inflow_member_id
from domain.member import Member
from domain.organisation import Organisation
from domain.unit_of_work import UnitOfWork
from domain.vocab import OrgKind, Role

AWAY_ORGS = (OrgKind.MOBILE_BRANCH, OrgKind.INFLOW_ORG)  # they meet where members went, not at home


def record(uow: UnitOfWork, cmd: RecordOrgActivity) -> UUID:
    org = uow.org(cmd.org_id)
    day = uow.day(cmd)
    ctx = uow.ctx(day, _acting(uow, org))
    if cmd.activity_id is not None and uow.taken(cmd.activity_id):
        raise rules.ACTIVITY_RECORDED.refuse(field="activity_id")
    listed = _listed(uow, cmd)
    activity = Activity.record(ctx, cmd.activity_id or uuid4(), org, kind=cmd.kind, topic=cmd.topic,
                               place=cmd.place, organiser=cmd.organiser, listed=listed)
    uow.add(activity)
    for field, index, attendee_id in listed:
        _derive(uow, activity, org, field, index, attendee_id)
    return activity.id


def _listed(uow: UnitOfWork, cmd: RecordOrgActivity) -> list[tuple[str, int, UUID]]:
    """(list field, index, id) of everyone named: members by id, then by ID number (as an
    attendance sheet has them; the record keeps only the id), then inflow members likewise."""
    key = uow.ledger.identity_key
    return [*(("member_ids", i, m) for i, m in enumerate(cmd.member_ids)),
            *(("member_id_numbers", i, member_id(check_id_number(n, field=f"member_id_numbers.{i}"), key))
              for i, n in enumerate(cmd.member_id_numbers)),
            *(("inflow_member_ids", i, m) for i, m in enumerate(cmd.inflow_member_ids)),
            *(("inflow_id_numbers", i, inflow_member_id(check_id_number(n, field=f"inflow_id_numbers.{i}"), key))
              for i, n in enumerate(cmd.inflow_id_numbers))]


def _acting(uow: UnitOfWork, org: Organisation) -> UUID:
    """The organisation the actor records for: an inflow officer its own only."""
    officer = uow.actor
    if officer.role == Role.INFLOW_OFFICER:
        if org.id != officer.org_id:
            raise rules.JURISDICTION.refuse(org=uow.org(officer.org_id).name)  # type: ignore[arg-type]
        return org.id
    if officer.role == Role.COUNTY_ADMIN:
        return org.id
    return uow.jurisdiction.for_org(officer, org.unit_id)  # a station or point: the township it serves


def _derive(uow: UnitOfWork, activity: Activity, org: Organisation, field: str, index: int,
            attendee_id: UUID) -> None:
    """Records one attendee's attendance, naming the attendee in any refusal."""
    day = activity.held_on
    assert day is not None
    where = {"field": f"{field}.{index}", "list": Activity.list_label(field), "index": index + 1}
    name = ""
    try:
        if field in ("member_ids", "member_id_numbers"):
            member = uow.find(Member, attendee_id)
            name = member.name if member else ""
            acting = _reach(lambda: uow.jurisdiction.reach(uow.actor, member, day, True)) if member else None
            if member is None or acting is None:
                raise rules.ACTIVITY_ATTENDEE_NOT_FOUND.refuse(**where)
            uow.jurisdiction.check_in_county(member)  # not one who left with a branch handed over
            if org.kind in AWAY_ORGS:
                _check_there(uow, member, org, day)
            member.attend(uow.ctx(day, acting), activity.kind, activity.topic, org, activity.id)
        else:
            inflow = uow.find(InflowMember, attendee_id)
            name = inflow.name if inflow else ""
            acting = _reach(lambda: _inflow_acting(uow, inflow)) if inflow else None
            if inflow is None or acting is None:
                raise rules.ACTIVITY_ATTENDEE_NOT_FOUND.refuse(**where)
            inflow.attend(uow.ctx(day, acting), activity.kind, activity.topic, activity.id)
    except LedgerError as error:
        if error.code == rules.ACTIVITY_ATTENDEE_NOT_FOUND.code:
            raise
        raise rules.ACTIVITY_ATTENDEE.refuse(name=name, reason=error.message, **where) from None


def _check_there(uow: UnitOfWork, member: Member, org: Organisation, day: date) -> None:
    """A member at a mobile branch's activity was reported in to it, or below it, on the day."""
    away = member.absence_on(day)
    reported = away.reported_in_org if away is not None and away.reported_in_on and away.reported_in_on <= day \
        else None
    if reported is None or org.id not in uow.jurisdiction.ancestors(reported):
        raise rules.ACTIVITY_NOT_THERE.refuse(org=org.name)


def _inflow_acting(uow: UnitOfWork, inflow: InflowMember) -> UUID:
    """As `domain.handlers.inflow`: an inflow officer only at the organisation that took them in."""
    officer = uow.actor
    assert inflow.org_id is not None
    if officer.role == Role.INFLOW_OFFICER:
        if officer.org_id != inflow.org_id:
            raise rules.JURISDICTION.refuse(org=uow.org(officer.org_id).name)  # type: ignore[arg-type]
        return inflow.org_id
    return uow.jurisdiction.for_org(officer, inflow.org_id)


def _reach(check: Callable[[], UUID]) -> UUID | None:
    """The acting organisation, or None when the attendee lies outside the actor's reach."""
    try:
        return check()
    except NotPermitted:
        return None
