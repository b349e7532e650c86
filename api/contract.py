"""What the API documents about errors: the one body every refusal sends, and
for each route the statuses it can answer with, described in Chinese. The
routes list theirs with `errors(...)`; 500 is always listed (a bug fails the
request that met it, nothing else)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["ErrorDetail", "ErrorOut", "add_common_answers", "errors"]


class ErrorDetail(BaseModel):
    """拒绝或出错的原因"""

    code: str = Field(description="规则的固定编码，如 input.format、actor.jurisdiction（见接口文档的错误编码表）")
    rule: str = Field(description="规则的中文名称")
    message: str = Field(description="给人看的说明，以规则名称开头")
    field: str | None = Field(description="出错的字段（没有具体字段时为 null）")


class ErrorOut(BaseModel):
    """错误应答：未保存任何数据"""

    detail: ErrorDetail


DESCRIPTIONS = {
    401: "未认证：缺少令牌，或令牌无效、已被吊销，或工作人员已被撤销任职",
    403: "超出职责或管辖范围",
    404: "所指的党员、活动证、组织、工作人员或记录不存在",
    409: "并发冲突：记录已被他人修改，或幂等键已用于另一请求",
    413: "请求内容超过上限（命令 64 KB，导入 20 MB）",
    422: "字段格式或业务规则不符：指明字段与规则",
    429: "尝试过于频繁：请按 Retry-After 稍后再试",
    503: "视图（或只读副本）尚未更新到所要求的记录位置：请按 Retry-After 稍后再试（命令得到此答复时已经记录）",
    500: "服务器错误：该请求未能完成，未保存任何数据；其他请求不受影响",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a route that may answer these statuses (and 500)."""
    return {status: {"model": ErrorOut, "description": DESCRIPTIONS[status]} for status in (*statuses, 500)}


# Probes (no token) and metrics (its own token): nothing of a county's, no county's credential.
WITHOUT_TOKEN = frozenset({"/health", "/livez", "/readyz", "/metrics"})
COUNTY_HEADER = {"name": "X-Liudong-County", "in": "header", "required": False, "schema": {"type": "string"},
                 "description": "多县部署：市（省）委组织部查阅时写明所查县的县代码；县里的令牌写了别的县则 403（county.other）"}
POSITION_HEADER = {"name": "X-Liudong-Position", "in": "header", "required": False, "schema": {"type": "string"},
                   "description": "读己之写：命令应答的记录位置；视图（或只读副本）追上该位置后才回答，"
                                  "超过等待上限则 503 并带 Retry-After"}


def add_common_answers(document: dict[str, Any]) -> dict[str, Any]:
    """What every route with a token may answer whatever its own: the county headers' refusals
    (api/counties.py: 403, 422), and for queries and commands 503 when the views stay behind the
    position asked for (api/consistency.py, service/process.py)."""
    common = errors(403, 422, 503)
    for path, methods in document["paths"].items():
        if path in WITHOUT_TOKEN:
            continue
        for method, operation in methods.items():
            parameters = operation.setdefault("parameters", [])
            parameters.append(COUNTY_HEADER)
            if method == "get":
                parameters.append(POSITION_HEADER)
            for status, answer in common.items():
                operation["responses"].setdefault(str(status), {
                    "description": answer["description"],
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}})
    return document
