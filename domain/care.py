"""CareRequest: a member's request for help (帮扶申请) taken by a service centre,
station, point or branch: who asked (a member of the county or an inflow member),
what for, who handles it, what was done (services, each on its day) and when it
was closed (办结) with what outcome. Open requests are flagged when they grow old
(`care_overdue`, projections.queries.care); nothing is ever closed by itself.
"""

from __future__ import annotations

from datetime import date
from functools import singledispatchmethod
from typing import NamedTuple
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerEvent
from domain.care_events import CareRequestClosed, CareRequested, CareServiceRecorded, check_free_text
from domain.fields import check_choice, check_text
from domain.officer import Officer
from domain.organisation import Organisation
from domain.vocab import CareKind, CareOutcome, OrgKind, Role

__all__ = ["CARE_PLACES", "CareRequest", "CareService", "check_handler"]

K = OrgKind
# Where a request is taken: the service network (服务中心、站、点) and branches, a mobile
# branch or an inflow-area organisation too (its inflow officers serve the members there).
CARE_PLACES = (K.SERVICE_CENTRE, K.STATION, K.POINT, K.BRANCH, K.MOBILE_BRANCH, K.INFLOW_ORG)
HANDLER_ROLES = (Role.COUNTY_ADMIN, Role.OFFICER, Role.INFLOW_OFFICER)


class CareService(NamedTuple):
    day: date
    content: str
    version: int  # the event's version in the request: cites it for a correction


def check_handler(officer: Officer | None, name: str | None) -> tuple[UUID | None, str]:
    """Who handles it: an officer in office (their name is copied), or a named person."""
    if officer is not None:
        if not officer.active or officer.role not in HANDLER_ROLES:
            raise rules.CARE_HANDLER.refuse(field="handler_officer_id")
        return officer.id, officer.name
    return None, check_text("handler_name", "经办人姓名", name, 30)


class CareRequest(LedgerAggregate):
    TOPIC = "liudong.care"

    def __init__(self) -> None:
        self.kind = ""
        self.org_id: UUID | None = None
        self.member_id: UUID | None = None
        self.inflow_member_id: UUID | None = None
        self.summary = ""
        self.handler_officer_id: UUID | None = None
        self.handler_name = ""
        self.requested_on: date | None = None
        self.services: tuple[CareService, ...] = ()
        self.closed_on: date | None = None
        self.outcome: str | None = None
        self.close_note = ""

    @classmethod
    def take(cls, ctx: Ctx, id: UUID, kind: str, org: Organisation, person: tuple[UUID | None, UUID | None],
             summary: str, handler: tuple[UUID | None, str]) -> CareRequest:
        """Takes a request at `org` for `person`, (member id, inflow member id), one of them set."""
        kind = str(check_choice("kind", "帮扶类别", kind, CareKind))
        if org.kind not in CARE_PLACES:
            raise rules.CARE_PLACE.refuse(field="org_id", kind=org.kind.label)  # type: ignore[union-attr]
        org.check_open()
        member_id, inflow_member_id = person
        return cls._start(CareRequested, ctx, id, kind=kind, org_id=org.id, member_id=member_id,
                          inflow_member_id=inflow_member_id, summary=check_free_text("summary", "需求内容", summary, 200),
                          handler_officer_id=handler[0], handler_name=handler[1])

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def last_day(self) -> date | None:
        """The day of the last thing recorded for it: a service, else the request."""
        return self.services[-1].day if self.services else self.requested_on

    def record_service(self, ctx: Ctx, content: str) -> None:
        self._record(CareServiceRecorded, ctx, content=check_free_text("content", "服务内容", content, 500))

    def close(self, ctx: Ctx, outcome: str, note: str = "") -> None:
        self._record(CareRequestClosed, ctx, outcome=str(check_choice("outcome", "办结结果", outcome, CareOutcome)),
                     note=check_free_text("note", "办结说明", note, 200, required=False))

    # Transition rules shared by live commands and corrected histories.

    def _check_open(self, day: date, since: date | None, label: str) -> None:
        if self.closed_on is not None:
            raise rules.CARE_CLOSED.refuse(date=self.closed_on)
        if since is not None and day < since:
            raise rules.DATE_ORDER.refuse(field="effective_on", label="发生日期", other=label, date=since)

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _requested(self, e: CareRequested) -> None:
        self.kind, self.org_id, self.summary = e.kind, e.org_id, e.summary
        self.member_id, self.inflow_member_id = e.member_id, e.inflow_member_id
        self.handler_officer_id, self.handler_name = e.handler_officer_id, e.handler_name
        self.requested_on = e.effective_on

    @when.register
    def _served(self, e: CareServiceRecorded) -> None:
        self._check_open(e.effective_on, self.requested_on, "受理日期")
        service = CareService(e.effective_on, e.content, e.originator_version)
        self.services = tuple(sorted((*self.services, service), key=lambda s: (s.day, s.version)))

    @when.register
    def _closed(self, e: CareRequestClosed) -> None:
        self._check_open(e.effective_on, self.last_day, "最近一次服务日期" if self.services else "受理日期")
        self.closed_on, self.outcome, self.close_note = e.effective_on, e.outcome, e.note
