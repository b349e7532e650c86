"""POST endpoints: one per command of the core, made from one table.

Each turns its path parameters and JSON body into the command, runs it as
the caller (the token decides the actor), honours `Idempotency-Key`, and
answers once the views show its effect (read-your-writes).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any, NamedTuple
from uuid import UUID

from fastapi import APIRouter, Body, Header, Request, Response

from api.contract import errors
from api.auth import CurrentOfficer, ServiceDep
from api.bodies import body_model
from api.params import PositionPath
from api.schemas import CommandOut
from domain import commands as c
from service.callers import Caller
from service.idempotency import IdempotencyRecord, request_hash
from service.process import Service

__all__ = ["router"]

router = APIRouter()


class Route(NamedTuple):
    path: str
    command: type[c.Command]
    tag: str


ROUTES = [
    Route("/organisations", c.EstablishOrganisation, "组织"),
    Route("/organisations/{org_id}/handover", c.HandOverOrganisation, "组织"),
    Route("/organisations/{org_id}/close", c.CloseOrganisation, "组织"),
    Route("/officers", c.AppointOfficer, "工作人员"),
    Route("/officers/{officer_id}/revoke", c.RevokeOfficer, "工作人员"),
    Route("/officers/{officer_id}/tokens", c.IssueToken, "工作人员"),
    Route("/tokens/{credential_id}/revoke", c.RevokeToken, "工作人员"),
    Route("/policy", c.ChangePolicy, "政策参数"),
    Route("/members", c.RegisterMember, "党员"),
    Route("/members/{member_id}/departures", c.RecordDeparture, "党员"),
    Route("/report-ins", c.RecordReportIn, "党员"),
    Route("/members/{member_id}/contacts", c.RecordContact, "党员"),
    Route("/members/{member_id}/contact-details", c.ChangeContactDetails, "党员"),
    Route("/members/{member_id}/branch", c.MoveToBranch, "党员"),
    Route("/members/{member_id}/activities", c.RecordActivity, "党员"),
    Route("/members/{member_id}/dues", c.RecordDues, "党员"),
    Route("/members/{member_id}/reviews", c.RecordReview, "党员"),
    Route("/members/{member_id}/probation", c.DecideProbation, "党员"),
    Route("/members/{member_id}/transfer-letters", c.IssueTransferLetter, "党员"),
    Route("/members/{member_id}/transfer-receipts", c.RecordTransferReceipt, "党员"),
    Route("/members/{member_id}/returns", c.RecordReturn, "党员"),
    Route("/members/{member_id}/end", c.EndMembership, "党员"),
    Route("/members/{member_id}/reveal", c.RevealPersonalData, "党员"),
    # -- member lifecycle --
    Route("/members/{member_id}/planned-departures", c.PlanDeparture, "党员"),
    Route("/members/{member_id}/planned-departures/cancel", c.CancelPlannedDeparture, "党员"),
    Route("/members/{member_id}/temporary-returns", c.RecordTemporaryReturn, "党员"),
    Route("/members/{member_id}/going-back", c.RecordGoingBack, "党员"),
    Route("/members/{member_id}/liaison", c.AssignLiaison, "党员"),
    Route("/members/{member_id}/stop-proposals", c.ProposeMembershipStop, "停止党籍与恢复党籍"),
    Route("/members/{member_id}/stop-decisions", c.DecideMembershipStop, "停止党籍与恢复党籍"),
    Route("/members/{member_id}/removal-proposals", c.ProposeRemoval, "停止党籍与恢复党籍"),
    Route("/members/{member_id}/removal-decisions", c.DecideRemoval, "停止党籍与恢复党籍"),
    Route("/members/{member_id}/restoration-requests", c.RecordRestorationRequest, "停止党籍与恢复党籍"),
    Route("/members/{member_id}/restoration-resolutions", c.ResolveRestoration, "停止党籍与恢复党籍"),
    Route("/members/{member_id}/restoration-decisions", c.DecideRestoration, "停止党籍与恢复党籍"),
    # -- transfer letters --
    # -- inflow --
    Route("/inflow-members", c.RegisterInflowMember, "流入党员"),
    Route("/inflow-members/{inflow_member_id}/contacts", c.RecordInflowContact, "流入党员"),
    Route("/inflow-members/{inflow_member_id}/activities", c.RecordInflowActivity, "流入党员"),
    Route("/inflow-members/{inflow_member_id}/dues", c.CollectInflowDues, "流入党员"),
    Route("/inflow-members/{inflow_member_id}/review-opinions", c.SendInflowOpinion, "流入党员"),
    Route("/inflow-members/{inflow_member_id}/leave", c.RecordInflowLeaving, "流入党员"),
    Route("/inflow-members/{inflow_member_id}/legacy-summary", c.RecordInflowLegacySummary, "流入党员"),
    # -- enterprises --
    Route("/enterprises", c.RegisterEnterprise, "非公有制企业"),
    Route("/enterprises/{enterprise_id}/workers", c.AddEnterpriseWorker, "非公有制企业"),
    Route("/enterprises/{enterprise_id}/workers/leave", c.RemoveEnterpriseWorker, "非公有制企业"),
    Route("/enterprises/{enterprise_id}/organisation", c.LinkEnterpriseOrganisation, "非公有制企业"),
    Route("/enterprises/{enterprise_id}/organisation/unlink", c.UnlinkEnterpriseOrganisation, "非公有制企业"),
    Route("/enterprises/{enterprise_id}/close", c.CloseEnterprise, "非公有制企业"),
    # -- activities --
    Route("/activities", c.RecordOrgActivity, "活动记录"),
    # -- reviews and probation --
    Route("/members/{member_id}/review-opinions", c.RecordReviewOpinion, "民主评议与预备党员"),
    Route("/members/{member_id}/probation-assessments", c.RecordProbationAssessment, "民主评议与预备党员"),
    # -- dues --
    Route("/members/{member_id}/dues-reductions", c.ApproveDuesReduction, "党费"),
    # -- care --
    Route("/care-requests", c.RequestCare, "帮扶服务"),
    Route("/care-requests/{care_request_id}/services", c.RecordCareService, "帮扶服务"),
    Route("/care-requests/{care_request_id}/close", c.CloseCareRequest, "帮扶服务"),
    Route("/hotline-calls", c.LogHotlineCall, "帮扶服务"),
    Route("/blanks", c.AllocateBlanks, "活动证"),
    Route("/blanks/{number}/void", c.VoidBlank, "活动证"),
    Route("/certificate-requests", c.RequestCertificate, "活动证"),
    Route("/certificate-requests/{request_id}/approve", c.ApproveRequest, "活动证"),
    Route("/certificate-requests/{request_id}/decline", c.DeclineRequest, "活动证"),
    Route("/certificates", c.IssueCertificate, "活动证"),
    Route("/certificates/{number}/checks", c.CheckCertificate, "活动证"),
    Route("/certificates/{number}/loss", c.ReportCertificateLost, "活动证"),
    Route("/certificates/{number}/replacement", c.ReplaceCertificate, "活动证"),
    Route("/certificates/{number}/hand-back", c.HandBackCertificate, "活动证"),
    Route("/events/{position}/corrections", c.CorrectEvent, "更正与作废"),
    Route("/events/{position}/void", c.VoidEvent, "更正与作废"),
    Route("/legacy/certificates", c.RecordLegacyCertificate, "旧台账"),
    Route("/legacy/summaries", c.RecordLegacySummary, "旧台账"),
]

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200,
                                              description="幂等键：同一键、同一请求只办理一次，重试返回首次结果")]


def run(service: Service, caller: Caller, request: Request, response: Response, command: c.Command,
        key: str | None, body: dict[str, Any]) -> CommandOut:
    """Records the command through the service (once per idempotency key, views
    up to date); a replayed answer is 200, a new one 201."""
    fingerprint = request_hash(request.method, request.url.path, body)
    outcome = service.record(caller.id, command, IdempotencyRecord(str(caller.id), key, fingerprint) if key else None)
    if outcome.replayed:
        response.status_code = 200
    else:
        response.headers["X-Liudong-Position"] = str(outcome.last_position or "")
    return CommandOut(positions=list(outcome.positions),
                      subject_id=str(outcome.subject_id) if outcome.subject_id else None,
                      version=outcome.version, token=outcome.token, revealed=outcome.revealed,
                      replayed=outcome.replayed)


def _endpoint(route: Route) -> Callable[..., Any]:
    path_names = [part[1:-1] for part in route.path.split("/") if part.startswith("{")]
    model = body_model(route.command, set(path_names))

    def endpoint(service: ServiceDep, caller: CurrentOfficer, request: Request, response: Response,
                 key: IdempotencyKey = None, **values: Any) -> CommandOut:
        body = values.pop("body")
        command = route.command(**{**body.model_dump(), **values})
        return run(service, caller, request, response, command, key, body.model_dump(mode="json"))

    kinds = {name: PositionPath if name == "position" else (str if name == "number" else UUID) for name in path_names}
    params = [p for p in inspect.signature(endpoint).parameters.values() if p.kind != p.VAR_KEYWORD]
    params += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind)
               for name, kind in kinds.items()]
    params.append(inspect.Parameter("body", inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[model, Body()]))
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = route.command.__name__
    return endpoint


for _route in ROUTES:
    router.add_api_route(
        _route.path, _endpoint(_route), methods=["POST"], status_code=201, response_model=CommandOut,
        tags=[_route.tag], summary=_route.command.label,
        description=f"{_route.command.label}。办理人由令牌决定；规则不符时返回 422 并指明字段与规则，不保存任何记录。",
        responses={200: {"model": CommandOut, "description": "重复请求（同一 Idempotency-Key）：返回首次办理的结果"},
                   **errors(401, 403, 404, 409, 413, 422)})
