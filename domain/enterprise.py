"""Enterprise: a non-public enterprise (非公有制企业) in the county's register of
them: where it is, which organisation of the county keeps its record, the
party members working there (the county's own and inflow members) and the
party organisation it has, if any.

Whether a worker is a full member (正式党员) is not stored here: it is read
from the member's standing on the day asked (`projections.queries.enterprises`).
"""

from __future__ import annotations

from datetime import date
from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.fields import check_text, text
from domain.organisation import Organisation
from domain.vocab import Labelled, OrgKind

__all__ = [
    "Enterprise", "EnterpriseClosed", "EnterpriseRegistered", "OrganisationLinked", "OrganisationUnlinked",
    "WorkerJoined", "WorkerKind", "WorkerLeft", "NOT_KEEPERS", "NOT_ENTERPRISE_ORGS",
]

K = OrgKind
# Who keeps an enterprise's record: an organisation of the county's party tree (a
# committee, a branch, a mobile branch); never a service unit or an organisation outside.
NOT_KEEPERS = (K.SERVICE_CENTRE, K.STATION, K.POINT, K.INFLOW_ORG)
# An enterprise's own organisation is a party organisation, never the county committee or a service unit.
NOT_ENTERPRISE_ORGS = (K.COUNTY_COMMITTEE, K.SERVICE_CENTRE, K.STATION, K.POINT)


class WorkerKind(Labelled):
    MEMBER = "member", "本县党员"
    INFLOW_MEMBER = "inflow_member", "流入党员"


Worker = tuple[str, UUID]  # (WorkerKind code, member or inflow member id)


# Class names differ from other aggregates' (`EnterpriseRegistered`, not `Registered`):
# the audit trail tells events apart by class name.
class EnterpriseRegistered(LedgerCreated):
    TOPIC = "liudong.enterprise.Registered"
    class_version = 1
    label = "非公有制企业登记"
    correctable = {"name": text("企业名称", 60), "address": text("详细地址", 100, False)}
    name: str
    org_id: UUID  # the organisation of the county that keeps its record
    province: str  # empty with `city`: the enterprise lies in the county
    city: str
    address: str


class WorkerJoined(LedgerEvent):
    TOPIC = "liudong.enterprise.WorkerJoined"
    class_version = 1
    label = "登记从业党员"
    voidable = True
    worker_kind: str
    worker_id: UUID


class WorkerLeft(LedgerEvent):
    TOPIC = "liudong.enterprise.WorkerLeft"
    class_version = 1
    label = "从业党员离开企业"
    voidable = True
    worker_kind: str
    worker_id: UUID


class OrganisationLinked(LedgerEvent):
    TOPIC = "liudong.enterprise.OrganisationLinked"
    class_version = 1
    label = "登记企业党组织"
    voidable = True
    org_id: UUID | None  # an organisation of the county's tree
    org_name: str  # else the name of an organisation outside it


class OrganisationUnlinked(LedgerEvent):
    TOPIC = "liudong.enterprise.OrganisationUnlinked"
    class_version = 1
    label = "撤销企业党组织关联"
    reason: str


class EnterpriseClosed(LedgerEvent):
    TOPIC = "liudong.enterprise.Closed"
    class_version = 1
    label = "非公有制企业注销"
    reason: str


class Enterprise(LedgerAggregate):
    TOPIC = "liudong.enterprise"

    def __init__(self) -> None:
        self.name = ""
        self.org_id: UUID | None = None
        self.province = self.city = self.address = ""
        self.registered_on: date | None = None
        self.workers: dict[Worker, date] = {}  # working there now -> since
        self.left: dict[Worker, date] = {}  # left -> on (the last time)
        self.organisation: tuple[UUID | None, str] | None = None  # (org_id, org_name)
        self.linked_on: date | None = None
        self.unlinked_on: date | None = None
        self.closed_on: date | None = None

    @classmethod
    def register(cls, ctx: Ctx, id: UUID, name: str, keeper: Organisation, province: str = "",
                 city: str = "", address: str = "") -> Enterprise:
        if keeper.kind in NOT_KEEPERS:
            raise rules.ENTERPRISE_KEEPER.refuse(field="org_id", kind=keeper.kind.label)  # type: ignore[union-attr]
        keeper.check_open()
        province = check_text("province", "所在省份", province, 20, required=False)
        city = check_text("city", "所在城市", city, 30, required=False)
        if bool(province) != bool(city):
            raise rules.ENTERPRISE_PLACE.refuse(field="city" if province else "province")
        return cls._start(EnterpriseRegistered, ctx, id, name=check_text("name", "企业名称", name, 60),
                          org_id=keeper.id, province=province, city=city,
                          address=check_text("address", "详细地址", address, 100, required=False))

    @property
    def in_county(self) -> bool:
        return not self.city

    def add_worker(self, ctx: Ctx, kind: WorkerKind, worker_id: UUID) -> None:
        self._record(WorkerJoined, ctx, worker_kind=str(kind), worker_id=worker_id)

    def remove_worker(self, ctx: Ctx, kind: WorkerKind, worker_id: UUID) -> None:
        self._record(WorkerLeft, ctx, worker_kind=str(kind), worker_id=worker_id)

    def link(self, ctx: Ctx, org: Organisation | None, org_name: str = "") -> None:
        if org is not None:
            if org.kind in NOT_ENTERPRISE_ORGS:
                raise rules.ENTERPRISE_ORG_KIND.refuse(field="org_id", kind=org.kind.label)  # type: ignore[union-attr]
            org.check_open()
        name = check_text("org_name", "企业党组织名称", org_name, 60, required=False)
        if (org is None) == (not name):
            raise rules.ENTERPRISE_ORG_ONE.refuse(field="org_id")
        self._record(OrganisationLinked, ctx, org_id=org.id if org else None, org_name="" if org else name)

    def unlink(self, ctx: Ctx, reason: str) -> None:
        self._record(OrganisationUnlinked, ctx, reason=check_text("reason", "撤销原因", reason, 200))

    def close(self, ctx: Ctx, reason: str) -> None:
        self._record(EnterpriseClosed, ctx, reason=check_text("reason", "注销原因", reason, 200))

    # Transition rules shared by live commands and corrected histories.

    def _check_open(self, day: date, since: date | None = None, other: str = "企业登记日期") -> None:
        if self.closed_on is not None:
            raise rules.ENTERPRISE_CLOSED.refuse(name=self.name, date=self.closed_on)
        for earliest, label in ((self.registered_on, "企业登记日期"), (since, other)):
            if earliest is not None and day < earliest:
                raise rules.DATE_ORDER.refuse(field="effective_on", label="发生日期", other=label, date=earliest)

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _registered(self, e: EnterpriseRegistered) -> None:
        self.name, self.org_id, self.address = e.name, e.org_id, e.address
        self.province, self.city, self.registered_on = e.province, e.city, e.effective_on

    @when.register
    def _joined(self, e: WorkerJoined) -> None:
        worker = (e.worker_kind, e.worker_id)
        self._check_open(e.effective_on, self.left.get(worker), "该党员上次离开日期")
        if worker in self.workers:
            raise rules.WORKER_THERE.refuse(field="member_id", date=self.workers[worker])
        self.workers = {**self.workers, worker: e.effective_on}

    @when.register
    def _left(self, e: WorkerLeft) -> None:
        worker = (e.worker_kind, e.worker_id)
        if worker not in self.workers:
            raise rules.WORKER_NOT_THERE.refuse(field="member_id")
        self._check_open(e.effective_on, self.workers[worker], "该党员到企业从业日期")
        self.workers = {k: v for k, v in self.workers.items() if k != worker}
        self.left = {**self.left, worker: e.effective_on}

    @when.register
    def _linked(self, e: OrganisationLinked) -> None:
        self._check_open(e.effective_on, self.unlinked_on, "上次撤销党组织关联日期")
        if self.organisation is not None:
            raise rules.ENTERPRISE_ORG_LINKED.refuse(field="org_id")
        self.organisation, self.linked_on = (e.org_id, e.org_name), e.effective_on

    @when.register
    def _unlinked(self, e: OrganisationUnlinked) -> None:
        if self.organisation is None:
            raise rules.ENTERPRISE_ORG_NONE.refuse()
        self._check_open(e.effective_on, self.linked_on, "党组织关联日期")
        self.organisation, self.unlinked_on = None, e.effective_on

    @when.register
    def _closed(self, e: EnterpriseClosed) -> None:
        latest = max((*self.workers.values(), *self.left.values(), self.linked_on or date.min,
                      self.unlinked_on or date.min))
        self._check_open(e.effective_on, latest if latest > date.min else None, "该企业上一次变化日期")
        self.closed_on = e.effective_on
