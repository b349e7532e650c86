"""管理: the county admin's lists of organisations, officers, tokens, blank
certificate allocations and the policy in force, each row linking to the
forms that change it. Admins and auditors read them; only what the role may
run is offered. The lists read the existing views (`page_reads`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from api.threads import ReadRoute
from api.auth import ServiceDep
from api.web import page_reads
from api.web.forms import FORMS
from api.web.guards import same_origin
from api.web.rendering import page
from api.web.session import PageCaller
from domain import rules
from domain.policy import KEYS
from domain.vocab import OrgKind, Role

__all__ = ["SECTIONS", "router"]

router = APIRouter(route_class=ReadRoute, prefix="/ui/admin", include_in_schema=False, dependencies=[Depends(same_origin)])
SECTIONS = {"organisations": "组织", "officers": "工作人员", "tokens": "令牌", "blanks": "空白活动证", "policy": "政策参数"}
STATES = {"open": "正常", "closed": "已撤销", "handed_over": "已移交"}


def _admin(caller: PageCaller) -> Any:
    """Only the county admin and the auditor see the admin lists."""
    if caller.role not in (Role.COUNTY_ADMIN, Role.AUDITOR):
        raise rules.ROLE.refuse(role=caller.role.label, action="管理")
    return caller


def _link(caller: Any, name: str, label: str | None = None, **query: str) -> tuple[str, str] | None:
    spec = FORMS.get(name)
    if spec is None or not spec.allows(caller.role):
        return None
    args = "&".join(f"{k}={v}" for k, v in query.items())
    return (label or spec.label, f"/ui/forms/{name}" + (f"?{args}" if args else ""))


def _page(request: Request, caller: Any, section: str, columns: list[str], rows: list[dict[str, Any]],
          actions: list[Any]) -> HTMLResponse:
    return page(request, "admin.html", caller, section=section, title=SECTIONS[section], sections=SECTIONS,
                columns=columns, rows=rows, actions=[a for a in actions if a])


@router.get("/organisations", response_class=HTMLResponse)
def organisations(request: Request, service: ServiceDep, caller: PageCaller) -> HTMLResponse:
    _admin(caller)
    rows = [{"cells": [(o["name"], f"/ui/organisations/{o['org_id']}"), OrgKind(o["kind"]).label,
                       STATES.get(o["status"], o["status"]), o["established_on"] or ""], "actions": []}
            for o in service.queries.organisations()]
    return _page(request, caller, "organisations", ["组织名称", "组织类型", "状态", "设立日期"], rows,
                 [_link(caller, "establish-organisation")])


@router.get("/officers", response_class=HTMLResponse)
def officers(request: Request, service: ServiceDep, caller: PageCaller) -> HTMLResponse:
    _admin(caller)
    rows = [{"cells": [o["name"], (o["org_name"] or "", f"/ui/organisations/{o['org_id']}"), o["role_label"],
                       o["appointed_on"] or "", "在任" if o["active"] else f"已撤销（{o['revoked_on'] or ''}）"],
             "actions": [a for a in (_link(caller, "issue-token", officer_id=o["officer_id"]),
                                     _link(caller, "revoke-officer", officer_id=o["officer_id"])) if a]
             if o["active"] else []}
            for o in page_reads.officers(service)]
    return _page(request, caller, "officers", ["姓名", "任职组织", "角色", "任职日期", "状态"], rows,
                 [_link(caller, "appoint-officer")])


@router.get("/tokens", response_class=HTMLResponse)
def tokens(request: Request, service: ServiceDep, caller: PageCaller) -> HTMLResponse:
    _admin(caller)
    rows = [{"cells": [t["subject_id"], (t["officer"] or {}).get("name", ""), t["recorded_at"][:16].replace("T", " "),
                       f"已吊销（{t['revoked']['recorded_at'][:10]}）" if t["revoked"] else "有效"],
             "actions": [] if t["revoked"] else [a for a in (_link(caller, "revoke-token",
                                                                   credential_id=t["subject_id"]),) if a]}
            for t in page_reads.tokens(service)]
    return _page(request, caller, "tokens", ["令牌编号", "工作人员", "签发时间", "状态"], rows,
                 [("签发令牌：在工作人员列表中选择", "/ui/admin/officers")])


@router.get("/blanks", response_class=HTMLResponse)
def blanks(request: Request, service: ServiceDep, caller: PageCaller) -> HTMLResponse:
    _admin(caller)
    rows = [{"cells": [r["effective_on"], r["summary"], r["actor_name"] or r["actor"]], "actions": []}
            for r in page_reads.topic_rows(service, "liudong.blanks.Allocated")]
    return _page(request, caller, "blanks", ["日期", "分配情况", "办理人"], rows,
                 [_link(caller, "allocate-blanks"), _link(caller, "void-blank")])


@router.get("/policy", response_class=HTMLResponse)
def policy(request: Request, service: ServiceDep, caller: PageCaller) -> HTMLResponse:
    _admin(caller)
    current = service.queries.policy_on(service.today()).to_dict()
    rows = [{"cells": [key, str(value), KEYS[key].unit if key in KEYS else "", KEYS[key].source if key in KEYS else ""],
             "actions": []} for key, value in current.items()]
    return _page(request, caller, "policy", ["参数", "现值", "单位", "来源"], rows, [_link(caller, "change-policy")])
