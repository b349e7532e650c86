"""The only place that turns errors into HTTP statuses.

Every refusal answers `{"detail": {"code", "rule", "message", "field"}}`:
`code` is the rule's stable code, `rule` its Chinese term, `message` the
sentence people read, `field` the field at fault (if one is).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api.bodies import FIELD_LABELS
from domain.errors import Conflict, InvalidInput, LedgerError, NotAuthenticated, NotFound, NotPermitted, RuleBroken

__all__ = ["STATUS", "error_body", "install", "validation_message"]

STATUS: dict[type[LedgerError], int] = {
    InvalidInput: 422, RuleBroken: 422, NotAuthenticated: 401, NotPermitted: 403, NotFound: 404,
    Conflict: 409,
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
}


def error_body(code: str, rule: str, message: str, field: str | None) -> dict[str, Any]:
    return {"detail": {"code": code, "rule": rule, "message": message, "field": field}}


def _ledger_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, LedgerError)
    status = next(s for cls, s in STATUS.items() if isinstance(error, cls))
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(error.code, error.term, error.text, error.field), status, headers=headers)


def validation_message(errors: list[Any]) -> tuple[str | None, str]:
    """The first validation error: the field at fault and the sentence people read."""
    first = errors[0]
    location = [str(part) for part in first["loc"] if part not in ("body", "query", "path", "header")]
    field = ".".join(location) or None
    label = f"{FIELD_LABELS[location[0]]}（{location[0]}）" if location and location[0] in FIELD_LABELS \
        else (location[0] if location else "请求")
    rule = _PYDANTIC.get(first["type"], f"格式不正确（{first['msg']}）")
    return field, f"字段格式：{label}{rule}"


def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    field, message = validation_message(list(error.errors()))
    return JSONResponse(error_body("input.format", "字段格式", message, field), 422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(LedgerError, _ledger_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
