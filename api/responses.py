"""Answers to queries, serialised once with orjson.

The views already hold rows in their final shape; validating them again
against the response models (which still document them in /docs) costs more
than the query. Only the documented fields leave the service.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Response
from pydantic import BaseModel

__all__ = ["checked", "page", "rows", "row"]


def _only(model: type[BaseModel], item: dict[str, Any]) -> dict[str, Any]:
    return {name: item.get(name) for name in model.model_fields}


def _json(content: Any) -> Response:
    return Response(orjson.dumps(content), media_type="application/json")


def row(model: type[BaseModel], item: dict[str, Any]) -> Response:
    return _json(_only(model, item))


def rows(model: type[BaseModel], items: list[dict[str, Any]]) -> Response:
    return _json([_only(model, item) for item in items])


def page(model: type[BaseModel], result: Any) -> Response:
    return _json({"rows": [_only(model, item) for item in result.rows], "total": result.total,
                  "page": result.page, "size": result.size})


def checked(model: type[BaseModel], content: dict[str, Any]) -> Response:
    """Validated against the model and cut to it, nested parts too (for answers off the hot path)."""
    return _json(model.model_validate(content).model_dump(mode="json"))
