"""Commands of the care area (帮扶服务、服务热线): care requests with their services and
closing, and calls to the public consultation line."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.commands.base import Command, f

__all__ = ["CareCommand", "CloseCareRequest", "LogHotlineCall", "RecordCareService", "RequestCare"]

_PERSON = "（本县党员编号、身份证号与流入党员编号填写一项）"
_HANDLER = "经办人（工作人员；与经办人姓名都不填即由本人经办）"


@dataclass(frozen=True, kw_only=True)
class RequestCare(Command):
    """effective_on: the day the request was taken (受理)."""

    label = "受理帮扶申请"
    kind: str = f("帮扶类别")
    org_id: UUID = f("受理组织（流动党员服务中心、服务站、服务点或党支部）")
    summary: str = f("需求内容（不填写电话号码、身份证号）")
    member_id: UUID | None = f(f"本县党员{_PERSON}", None)
    id_number: str | None = f("本县党员或流入党员的身份证号（未给编号时按身份证号查找）", None)
    inflow_member_id: UUID | None = f("流入党员", None)
    handler_officer_id: UUID | None = f(_HANDLER, None)
    handler_name: str | None = f("经办人姓名（不是工作人员时填写）", None)
    care_request_id: UUID | None = f("帮扶申请编号（留空自动生成）", None)


@dataclass(frozen=True, kw_only=True)
class CareCommand(Command):
    care_request_id: UUID = f("帮扶申请")


@dataclass(frozen=True, kw_only=True)
class RecordCareService(CareCommand):
    """effective_on: the day the service was given."""

    label = "记录帮扶服务"
    content: str = f("服务内容（不填写电话号码、身份证号）")


@dataclass(frozen=True, kw_only=True)
class CloseCareRequest(CareCommand):
    label = "帮扶申请办结"
    outcome: str = f("办结结果")
    note: str = f("办结说明", "")


@dataclass(frozen=True, kw_only=True)
class LogHotlineCall(Command):
    """The caller is named only when a registered member (by id or ID number, which is not
    stored): an unknown caller's name, phone and ID number are never recorded."""

    label = "登记热线来电"
    org_id: UUID = f("接听组织（流动党员服务中心、服务站或服务点）")
    kind: str = f("咨询类别")
    topic: str = f("来电事项（不填写来电人姓名、电话号码、身份证号）")
    outcome: str = f("答复与处理结果")
    member_id: UUID | None = f("来电的本县党员（已登记的党员才填）", None)
    id_number: str | None = f("来电党员的身份证号（未给编号时按身份证号查找，不保存）", None)
    inflow_member_id: UUID | None = f("来电的流入党员", None)
    handler_officer_id: UUID | None = f(_HANDLER, None)
    handler_name: str | None = f("接听人姓名（不是工作人员时填写）", None)
    call_id: UUID | None = f("来电记录编号（留空自动生成）", None)
