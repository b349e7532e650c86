"""Logs as one JSON line per request and per command (standard logging with
python-json-logger's formatter), for a log collector to read.

A line holds ids, codes, positions and times: never a name, an ID number, a
phone or any other field of a command (a command is named by its type only),
and never a query string. The request's line and its commands' lines share
the request id: the HTTP layer puts the request's context in `REQUEST`, and
`command_line` adds what the command recorded to it."""

from __future__ import annotations

import logging
import time
from contextvars import ContextVar
from typing import Any
from uuid import UUID

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.orjson import OrjsonFormatter

__all__ = ["REQUEST", "command_line", "json_formatter", "logging_config", "requests_log"]

# The request being served: a dict the HTTP layer's line is made from (None outside a request).
REQUEST: ContextVar[dict[str, Any] | None] = ContextVar("liudong_request", default=None)
requests_log = logging.getLogger("liudong.requests")
commands_log = logging.getLogger("liudong.commands")


def command_line(county: str, actor: UUID, command: str, outcome: str, started: float,
                 positions: tuple[int, ...] = (), code: str | None = None) -> None:
    """The line of one command run through the service (`outcome` as the metrics count it)."""
    request = REQUEST.get()
    if request is not None:  # the request's own line names its command and positions too
        request["command"] = command
        if positions:
            request["positions"] = [positions[0], positions[-1]]
    if not commands_log.isEnabledFor(logging.INFO):
        return
    commands_log.info("command", extra={
        "request_id": request.get("request_id") if request else None, "officer_id": str(actor), "county": county,
        "command": command, "outcome": outcome, "code": code, "events": len(positions),
        "first_position": positions[0] if positions else None, "last_position": positions[-1] if positions else None,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2)})


def json_formatter() -> logging.Formatter:
    """The lines' form: level, logger, message, time (ISO 8601, UTC) and the line's fields."""
    return OrjsonFormatter("%(levelname)s %(name)s %(message)s", timestamp="time",
                           rename_fields={"levelname": "level", "name": "logger"},
                           reserved_attrs=[*RESERVED_ATTRS, "color_message"])  # uvicorn's, with escapes


def logging_config(requests: bool = True, level: str = "INFO") -> dict[str, Any]:
    """The `logging.config.dictConfig` of a serving process: every logger's lines as JSON on
    stderr; uvicorn's own access lines off (each request has ours); `requests=False` drops
    the request lines too (`liudong serve --no-access-log`), keeping the commands'."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "service.logs.json_formatter"}},
        "handlers": {"stderr": handler},
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            "liudong": {"level": level},
            "liudong.requests": {"level": level if requests else "WARNING"},
            "uvicorn": {"level": level},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"level": "WARNING"},
            # gunicorn's worker hands these loggers' handlers to uvicorn's (which then stop propagating)
            "gunicorn.error": {"level": level, "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "WARNING", "handlers": ["stderr"], "propagate": False},
        },
    }
