"""The only place that turns errors into HTTP statuses.

Every refusal answers `{"detail": {"code", "rule", "message", "field"}}`:
`code` is the rule's stable code, `rule` its Chinese term, `message` the
sentence people read, `field` the field at fault (if one is).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.bodies import FIELD_LABELS
from domain.errors import (
    Conflict, InvalidInput, LedgerError, NotAuthenticated, NotFound, NotPermitted, RuleBroken, Throttled,
    Unavailable,
)

__all__ = ["STATUS", "ServerErrors", "error_body", "install", "validation_message"]

log = logging.getLogger("liudong.api")

STATUS: dict[type[LedgerError], int] = {
    InvalidInput: 422, RuleBroken: 422, NotAuthenticated: 401, NotPermitted: 403, NotFound: 404,
    Conflict: 409, Throttled: 429, Unavailable: 503,
}
_PYDANTIC = {  # pydantic's error types, in the words people read
    "missing": "不能为空",
    "uuid_parsing": "应为编号（UUID）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "string_type": "应为文字",
    "bool_parsing": "应为 true 或 false",
    "json_invalid": "不是有效的 JSON",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "extra_forbidden": "不是可识别的字段",
    "unstorable_text": "含有不能保存的字符（控制字符或无效的 Unicode 字符）",
    "less_than_equal": "应不大于 {le}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "greater_than": "应大于 {gt}",
    "string_too_long": "最多 {max_length} 个字符",
    "too_long": "最多 {max_length} 项",
    "uuid_type": "应为编号（UUID）",
    "datetime_from_date_parsing": "应为时间（YYYY-MM-DDTHH:MM:SS）",
    "datetime_parsing": "应为时间（YYYY-MM-DDTHH:MM:SS）",
}


def error_body(code: str, rule: str, message: str, field: str | None) -> dict[str, Any]:
    return {"detail": {"code": code, "rule": rule, "message": message, "field": field}}


def _ledger_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, LedgerError)
    return refusal_response(error)


def refusal_response(error: LedgerError) -> JSONResponse:
    """The answer to a refusal, also where no route runs (the middleware's)."""
    status = next(s for cls, s in STATUS.items() if isinstance(error, cls))
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if isinstance(error, Throttled | Unavailable):
        headers = {"Retry-After": str(error.retry_after)}
    if isinstance(error, Unavailable) and error.position:
        headers = {**(headers or {}), "X-Liudong-Position": str(error.position)}
    return JSONResponse(error_body(error.code, error.term, error.text, error.field), status, headers=headers)


def validation_message(errors: list[Any], model: type[BaseModel] | None = None) -> tuple[str | None, str]:
    """The first validation error: the field at fault and the sentence people read,
    with the field's label in the command it belongs to (`model`, a request body)."""
    first = errors[0]
    location = [str(part) for part in first["loc"] if part not in ("body", "query", "path", "header")]
    field = ".".join(location) or None
    name = location[0] if location else None
    own = model.model_fields[name].description if model is not None and name in model.model_fields else None
    known = own or FIELD_LABELS.get(name or "")
    label = f"{known}（{name}）" if known else (name or "请求")
    rule = _PYDANTIC[first["type"]].format(**first.get("ctx", {})) if first["type"] in _PYDANTIC \
        else f"格式不正确（{first['msg']}）"
    return field, f"字段格式：{label}{rule}"


def _body_model(request: Request) -> type[BaseModel] | None:
    """The request body's model of the route that answered, if it has one."""
    body = getattr(request.scope.get("route"), "body_field", None)
    annotation = getattr(getattr(body, "field_info", None), "annotation", None)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    field, message = validation_message(list(error.errors()), _body_model(request))
    return JSONResponse(error_body("input.format", "字段格式", message, field), 422)


class ServerErrors:
    """A bug answers 500 with the usual error body for that request alone, and is
    logged; the connection stays open (an exception reaching the server would make
    it close the connection). A response already under way cannot change its
    status: then the exception goes on and the connection ends."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            if started:
                raise
            route = getattr(scope.get("route"), "path", None) or "unmatched"  # the template: a path may hold an ID number
            log.exception("request failed: %s %s", scope.get("method"), route)
            body = error_body("server.error", "服务器错误", "服务器错误：请求未能完成，已记录，未保存任何数据；请稍后重试或联系管理员", None)
            await JSONResponse(body, 500)(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(LedgerError, _ledger_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(ServerErrors)
