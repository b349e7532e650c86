"""Transfers between counties of one deployment (跨县转接, service/transfers.py):
county A's letter and county B's receipt, each posted by its own county's
officer, in either order; the list and one transfer, with the member's
history in both counties for a prefecture's reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from api.access import require, scope_for
from api.auth import CurrentOfficer, ServiceDep
from api.contract import errors
from api.params import PageQuery
from api.schemas import PageOut
from domain import rules
from domain.commands import IssueTransferLetter
from domain.county import County
from domain.errors import LedgerError
from domain.ids import county_id
from domain.member import Member
from domain.organisation import Organisation
from domain.vocab import OrgKind, Role
from service.process import Service
from service.transfers import Transfers, flag

__all__ = ["router"]

T = TypeVar("T")

router = APIRouter(tags=["跨县转接"])
Code = Annotated[str, Field(pattern=r"^\d{6}$", description="县代码（6位行政区划代码）")]
Number = Annotated[str, Field(min_length=1, max_length=30, description="介绍信编号（两县所写须相同）")]


class TransferLetterIn(BaseModel):
    member_id: UUID = Field(description="转出的党员（本县）")
    to_county: Code
    to_org_id: UUID = Field(description="接收的党支部（接收县的组织编号）")
    letter_number: Number
    validity_days: int | None = Field(None, ge=1, le=365, description="有效期（天），默认按政策")


class TransferReceiptIn(BaseModel):
    letter_number: Number
    from_county: Code
    org_id: UUID | None = Field(None, description="接收的党支部（本县）；不填则按介绍信所写")


class TransferOut(BaseModel):
    """一次跨县转接：两半各自的登记，以及进行到哪一步"""

    letter_number: str = Field(description="介绍信编号")
    from_county: str = Field(description="转出县代码")
    to_county: str = Field(description="接收县代码")
    from_member: str | None = Field(description="转出县的党员编号")
    to_member: str | None = Field(description="接收县的党员编号（已登记时）")
    to_org_id: str | None = Field(description="接收的党支部")
    letter_at: str | None = Field(description="转出县开具介绍信的时间（UTC）")
    receipt_at: str | None = Field(description="接收县登记回执的时间（UTC）")
    completed_at: str | None = Field(description="办结时间：接收县已登记、转出县已记录回执（UTC）")
    attempts: int = Field(description="未成功的尝试次数")
    last_error: str | None = Field(description="最近一次未成功的原因")
    flag: str | None = Field(description="提示：尚缺的一半、两县记录不一致等；办结时为 null")


class TransferHistoryOut(TransferOut):
    from_history: list[dict[str, Any]] = Field(description="在转出县的流动历程（查阅者可见时）")
    to_history: list[dict[str, Any]] = Field(description="在接收县的流动历程（查阅者可见时）")


def _transfers(request: Request) -> Transfers:
    found: Transfers | None = getattr(request.app.state, "transfers", None)
    if found is None:
        raise rules.TRANSFER_DEPLOYMENT.refuse()
    return found


def _code(service: Service) -> str:
    return service.ledger.load(County, county_id()).code  # type: ignore[no-any-return,union-attr]


def _out(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "from_county": row["from_code"], "to_county": row["to_code"], "to_org_id": row["to_org"],
            "flag": flag(row)}


def _other_county(transfers: Transfers, own: str, code: str, field: str) -> None:
    if code == own or code not in {c.code for c in transfers.counties.deployment.counties()}:
        raise rules.TRANSFER_COUNTY.refuse(field=field, county=code)


def _noted(note: Callable[[], T]) -> T:
    """A half noted in the registry; a number another transfer holds is 409."""
    try:
        return note()
    except ValueError as conflict:
        raise rules.TRANSFER_CONFLICT.refuse(field="letter_number", reason=str(conflict)) from None


def _status(response: Response, row: dict[str, Any]) -> dict[str, Any]:
    response.status_code = 201 if row["completed_at"] else 202
    return _out(row)


@router.post("/transfers", response_model=TransferOut, status_code=201, responses={
    202: {"model": TransferOut, "description": "已开具介绍信，等待接收县登记回执（或正在重试）"},
    **errors(401, 403, 404, 409, 413, 422, 503)},
    summary="跨县转接：开具组织关系介绍信，转往本部署中另一个县的党支部（转出县办理）")
def send_letter(request: Request, response: Response, service: ServiceDep, caller: CurrentOfficer,
                body: TransferLetterIn) -> Any:
    transfers, own = _transfers(request), _code(service)
    _other_county(transfers, own, body.to_county, "to_county")
    _noted(lambda: transfers.check(body.letter_number, own, body.to_county))  # before A's letter is recorded
    other = transfers.counties.service(body.to_county)
    org = other.ledger.load(Organisation, body.to_org_id)
    county_name = transfers.counties.names.get(body.to_county, body.to_county)
    if org is None or org.kind != OrgKind.BRANCH or not org.is_open:
        raise rules.TRANSFER_ORG.refuse(field="to_org_id", county=county_name, org=body.to_org_id)
    command = IssueTransferLetter(member_id=body.member_id, to_org_name=f"{county_name}{org.name}"[:60],
                                  letter_number=body.letter_number, validity_days=body.validity_days)
    try:
        service.record(caller.id, command)
    except LedgerError:
        member = service.ledger.load(Member, body.member_id)
        if member is None or member.letter is None or member.letter.number != body.letter_number:
            raise
        # sent before (a retry): the letter is in A's log already
    row = _noted(lambda: transfers.letter(body.letter_number, own, body.to_county, body.member_id, caller.id,
                                          body.to_org_id))
    return _status(response, row)


@router.post("/transfers/receipts", response_model=TransferOut, status_code=201, responses={
    202: {"model": TransferOut, "description": "已登记回执，等待转出县开具介绍信（或正在重试）"},
    **errors(401, 403, 404, 409, 413, 422, 503)},
    summary="跨县转接：登记收到的组织关系介绍信（接收县办理）；两县都已登记后，党员登记到本县，转出县记录回执")
def record_receipt(request: Request, response: Response, service: ServiceDep, caller: CurrentOfficer,
                   body: TransferReceiptIn) -> Any:
    transfers, own = _transfers(request), _code(service)
    _other_county(transfers, own, body.from_county, "from_county")
    if body.org_id is not None:
        scope_for(service, caller, body.org_id)  # refused outside the officer's own organisations
    row = _noted(lambda: transfers.receipt(body.letter_number, body.from_county, own, caller.id, body.org_id))
    return _status(response, row)


def _visible(request: Request, service: Service, caller: Any) -> list[str]:
    """The counties whose transfers the caller reads: a reader's, or a county's admin's and auditor's own."""
    if (reader := request.scope.get("liudong.reader")) is not None:
        return list(reader.counties)
    require(caller, (Role.COUNTY_ADMIN, Role.AUDITOR), "查阅跨县转接")
    return [_code(service)]


@router.get("/transfers", response_model=PageOut[TransferOut], responses=errors(401, 403, 422),
            summary="跨县转接：涉及本县（市、省委组织部：所辖各县）的转接，未办结的在前")
def transfer_list(request: Request, service: ServiceDep, caller: CurrentOfficer, page: PageQuery = 1,
                  size: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 50) -> Any:
    rows, total = _transfers(request).involving(_visible(request, service, caller), page, size)
    return {"rows": [TransferOut(**_out(r)).model_dump() for r in rows], "total": total, "page": page, "size": size}


@router.get("/transfers/{letter_number}", response_model=TransferHistoryOut, responses=errors(401, 403, 404, 422),
            summary="一次跨县转接，及党员在两县的流动历程（各县只见本县的；市、省委组织部见两县的）")
def transfer(request: Request, service: ServiceDep, caller: CurrentOfficer, letter_number: str) -> Any:
    transfers, visible = _transfers(request), _visible(request, service, caller)
    row = transfers.find(letter_number)
    if row is None or not {row["from_code"], row["to_code"]} & set(visible):
        raise rules.TRANSFER_NOT_FOUND.refuse(field="letter_number", letter_number=letter_number)
    histories = {}
    for side, code, member in (("from_history", row["from_code"], row["from_member"]),
                               ("to_history", row["to_code"], row["to_member"])):
        seen = code in visible and member is not None
        histories[side] = transfers.counties.service(code).queries.history(UUID(member)) if seen else []
    return {**_out(row), **histories}
