"""What every page shares: the Jinja2 templates, the Chinese labels of the
vocabularies they show, and `page`, which renders a template with the
caller, the form token and the flash message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.web.session import COOKIE, csrf_for
from domain.vocab import Category, CertificateState, ContactInitiator, Industry, Labelled, MemberStatus, ReviewGrade, Standing

__all__ = ["label", "page", "templates"]

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def label(vocab: type[Labelled], code: str | None) -> str:
    """The Chinese label of a code, or the code itself if the vocabulary does not know it."""
    return vocab(code).label if code in {m.value for m in vocab} else (code or "")


templates.env.globals.update(
    status_label=lambda code: label(MemberStatus, code), industry_label=lambda code: label(Industry, code),
    category_label=lambda code: label(Category, code), standing_label=lambda code: label(Standing, code),
    grade_label=lambda code: label(ReviewGrade, code), cert_label=lambda code: label(CertificateState, code),
    initiator_label=lambda code: label(ContactInitiator, code))


def page(request: Request, template: str, caller: Any, **context: Any) -> HTMLResponse:
    token = request.cookies.get(COOKIE, "")
    reader = request.scope.get("liudong.reader")  # a prefecture's reader (api/counties.py)
    return templates.TemplateResponse(request, template, {
        "caller": caller, "csrf": csrf_for(request, token) if token else "",
        "role_label": "市（省）委组织部查阅" if reader else caller.role.label if caller else "", "reader": reader,
        "flash": request.query_params.get("done"), **context})
