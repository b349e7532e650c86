"""HotlineCall: one call to the public consultation line (咨询服务专用电话) of the
service centre, a station or a point, as the person on duty logs it: the member
calling if known (by id; never a caller's name, phone or ID number in clear
text: an unknown caller stays unnamed), what about, who answered, the outcome.

One aggregate per call, so that a call logged by mistake is voided alone.
"""

from __future__ import annotations

from datetime import date
from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.care_events import check_free_text, free_text
from domain.fields import check_choice, choice
from domain.organisation import Organisation
from domain.vocab import CareKind, OrgKind

__all__ = ["HOTLINE_PLACES", "HotlineCall", "HotlineCallLogged"]

HOTLINE_PLACES = (OrgKind.SERVICE_CENTRE, OrgKind.STATION, OrgKind.POINT)


class HotlineCallLogged(LedgerCreated):
    TOPIC = "liudong.hotline.CallLogged"
    class_version = 1
    label = "登记热线来电"
    voidable = True
    correctable = {"kind": choice("咨询类别", CareKind), "topic": free_text("来电事项", 100),
                   "outcome": free_text("答复与处理结果", 200)}
    org_id: UUID  # the service centre, station or point that answered
    kind: str
    topic: str
    outcome: str
    member_id: UUID | None  # the caller, if a member of the county, or
    inflow_member_id: UUID | None  # an inflow member (流入党员); else unknown
    handler_officer_id: UUID | None
    handler_name: str


class HotlineCall(LedgerAggregate):
    TOPIC = "liudong.hotline"

    def __init__(self) -> None:
        self.org_id: UUID | None = None
        self.kind = self.topic = self.outcome = self.handler_name = ""
        self.member_id: UUID | None = None
        self.inflow_member_id: UUID | None = None
        self.handler_officer_id: UUID | None = None
        self.called_on: date | None = None

    @classmethod
    def log(cls, ctx: Ctx, id: UUID, org: Organisation, kind: str, topic: str, outcome: str,
            person: tuple[UUID | None, UUID | None], handler: tuple[UUID | None, str]) -> HotlineCall:
        kind = str(check_choice("kind", "咨询类别", kind, CareKind))
        if org.kind not in HOTLINE_PLACES:
            raise rules.HOTLINE_PLACE.refuse(field="org_id", kind=org.kind.label)  # type: ignore[union-attr]
        org.check_open()
        return cls._start(HotlineCallLogged, ctx, id, org_id=org.id, kind=kind,
                          topic=check_free_text("topic", "来电事项", topic, 100),
                          outcome=check_free_text("outcome", "答复与处理结果", outcome, 200),
                          member_id=person[0], inflow_member_id=person[1],
                          handler_officer_id=handler[0], handler_name=handler[1])

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _logged(self, e: HotlineCallLogged) -> None:
        self.org_id, self.kind, self.topic, self.outcome = e.org_id, e.kind, e.topic, e.outcome
        self.member_id, self.inflow_member_id = e.member_id, e.inflow_member_id
        self.handler_officer_id, self.handler_name = e.handler_officer_id, e.handler_name
        self.called_on = e.effective_on
