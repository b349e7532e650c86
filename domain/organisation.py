"""Organisation: the party tree (县委 → 乡镇党委 or 部门党委 → 党支部; a branch may
also sit directly under the county committee), the service network (服务中心 →
服务站 → 服务点), mobile-member branches set up at destinations, and
inflow-area organisations outside the county's tree.

Only a mobile branch ever changes its parent: handed over (移交), it moves under
the receiving organisation. Every other organisation's parent never changes.
"""

from __future__ import annotations

from datetime import date
from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.fields import check_text, text
from domain.vocab import OrgKind

__all__ = ["Organisation", "Established", "HandedOver", "Closed", "ALLOWED_PARENTS", "BASIC_COMMITTEES",
           "RECEIVERS"]

K = OrgKind
ALLOWED_PARENTS: dict[OrgKind, tuple[OrgKind, ...]] = {
    K.COUNTY_COMMITTEE: (),
    K.TOWNSHIP_COMMITTEE: (K.COUNTY_COMMITTEE,),
    K.DEPARTMENT_COMMITTEE: (K.COUNTY_COMMITTEE,),
    K.BRANCH: (K.TOWNSHIP_COMMITTEE, K.DEPARTMENT_COMMITTEE, K.COUNTY_COMMITTEE),
    K.SERVICE_CENTRE: (K.COUNTY_COMMITTEE,),
    K.STATION: (K.SERVICE_CENTRE,),
    K.POINT: (K.STATION,),
    K.MOBILE_BRANCH: (K.TOWNSHIP_COMMITTEE, K.DEPARTMENT_COMMITTEE, K.COUNTY_COMMITTEE),
    K.INFLOW_ORG: (),
}
AT_A_DESTINATION = (K.MOBILE_BRANCH, K.INFLOW_ORG)
# The 基层党委 a branch belongs to is its parent, one of these; they hold blank certificates.
BASIC_COMMITTEES = (K.TOWNSHIP_COMMITTEE, K.DEPARTMENT_COMMITTEE, K.COUNTY_COMMITTEE)
# Who may receive a mobile branch handed over: the inflow-area organisation, or an open
# party committee of the county.
RECEIVERS = (K.INFLOW_ORG, *BASIC_COMMITTEES)


class Established(LedgerCreated):
    """组织设立"""

    TOPIC = "liudong.organisation.Established"
    class_version = 1
    label = "组织设立"
    correctable = {"name": text("组织名称", 60), "province": text("所在省份", 20, False),
                   "city": text("所在城市", 30, False)}
    kind: str
    name: str
    parent_id: UUID | None
    acts_for_id: UUID | None
    province: str
    city: str


class HandedOver(LedgerEvent):
    """移交: a mobile-member branch moved under the organisation receiving it, with
    the members reported in to it. Received outside the county (`within_county`
    false), the branch and those members leave the county's register."""

    TOPIC = "liudong.organisation.HandedOver"
    class_version = 2  # v2: within_county
    label = "移交"
    to_org_id: UUID
    within_county: bool

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Before v2 a mobile branch could only be handed over to an inflow-area organisation."""
        state["within_county"] = False


class Closed(LedgerEvent):
    """撤销"""

    TOPIC = "liudong.organisation.Closed"
    class_version = 1
    label = "撤销"
    reason: str


class Organisation(LedgerAggregate):
    TOPIC = "liudong.organisation"

    def __init__(self) -> None:
        self.kind: OrgKind | None = None
        self.name = ""
        self.parent_id: UUID | None = None
        self.acts_for_id: UUID | None = None
        self.province = ""
        self.city = ""
        self.handed_to: UUID | None = None  # the organisation that last received it (移交)
        self.handed_on: date | None = None
        self.handed_out = False  # received outside the county: no longer the county's
        self.closed = False

    @classmethod
    def establish(cls, ctx: Ctx, id: UUID, kind: OrgKind, name: str,
                  parent: Organisation | None, acts_for: Organisation | None = None,
                  province: str = "", city: str = "") -> Organisation:
        name = check_text("name", "组织名称", name, 60)
        province = check_text("province", "所在省份", province, 20, required=False)
        city = check_text("city", "所在城市", city, 30, required=False)
        allowed = ALLOWED_PARENTS[kind]
        if (parent is None) != (not allowed) or (parent and parent.kind not in allowed):
            names = "、".join(k.label for k in allowed) or "无（不设上级）"
            raise rules.ORG_PARENT.refuse(field="parent_id", kind=kind.label, parents=names)
        if parent is not None:
            parent.check_open()
        if kind in AT_A_DESTINATION and not (province and city):
            raise rules.ORG_DESTINATION.refuse(field="city")
        acts_for_id = cls._acts_for(kind, parent, acts_for)
        return cls._start(Established, ctx, id, kind=str(kind), name=name,
                          parent_id=parent.id if parent else None, acts_for_id=acts_for_id,
                          province=province, city=city)

    @staticmethod
    def _acts_for(kind: OrgKind, parent: Organisation | None,
                  acts_for: Organisation | None) -> UUID | None:
        """The party organisation whose subtree a service unit's officers work in."""
        if kind == K.STATION:
            if acts_for is None or acts_for.kind != K.TOWNSHIP_COMMITTEE:
                raise rules.ORG_ACTS_FOR.refuse(field="acts_for_id")
            acts_for.check_open()
            return acts_for.id
        if kind in (K.POINT, K.SERVICE_CENTRE):
            assert parent is not None  # ALLOWED_PARENTS gives both a parent
            return parent.acts_for_id or parent.id
        return None

    @property
    def unit_id(self) -> UUID:
        """The organisation this one acts for (a station acts for its township)."""
        return self.acts_for_id or self.id

    @property
    def is_open(self) -> bool:
        """Open to the county: not closed, not handed over outside it."""
        return not self.closed and not self.handed_out

    def check_open(self) -> None:
        if not self.is_open:
            raise rules.ORG_CLOSED.refuse(name=self.name)

    def hand_over(self, ctx: Ctx, to: Organisation, within_county: bool) -> None:
        """Moves this mobile branch under `to` (`within_county`: `to` lies in the county's tree)."""
        self.check_open()
        if self.kind != K.MOBILE_BRANCH or to.kind not in RECEIVERS \
                or within_county == (to.kind == K.INFLOW_ORG):
            raise rules.ORG_HANDOVER.refuse(field="to_org_id")
        if to.id == self.parent_id:
            raise rules.ORG_HANDOVER_SAME.refuse(field="to_org_id", name=to.name)
        to.check_open()
        self._record(HandedOver, ctx, to_org_id=to.id, within_county=within_county)

    def close(self, ctx: Ctx, reason: str) -> None:
        self.check_open()
        self._record(Closed, ctx, reason=check_text("reason", "撤销原因", reason, 200))

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _established(self, e: Established) -> None:
        self.kind = OrgKind(e.kind)
        self.name, self.parent_id, self.acts_for_id = e.name, e.parent_id, e.acts_for_id
        self.province, self.city = e.province, e.city

    @when.register
    def _handed_over(self, e: HandedOver) -> None:
        self.parent_id = self.handed_to = e.to_org_id
        self.handed_on, self.handed_out = e.effective_on, not e.within_county

    @when.register
    def _closed(self, e: Closed) -> None:
        self.closed = True
