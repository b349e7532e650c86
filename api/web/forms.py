"""Forms for the everyday commands, generated from the command dataclasses
(the same fields and labels as the API) and checked by the same model, so a
form shows the same messages as the API."""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from api.errors import validation_message
from api.bodies import body_model
from domain import commands as c
from domain.vocab import (
    ActivityKind, ContactInitiator, ContactMethod, ContactOutcome, DuesBasis, DuesCollector, Industry, LostReason,
)

__all__ = ["FORMS", "Field", "fields_of", "parse"]

# The forms the pages offer: name in the URL -> command.
FORMS: dict[str, type[c.Command]] = {
    "departure": c.RecordDeparture, "report-in": c.RecordReportIn, "contact": c.RecordContact,
    "dues": c.RecordDues, "certificate-request": c.RequestCertificate, "approval": c.ApproveRequest,
    "certificate": c.IssueCertificate,
}
CHOICES = {"industry": Industry, "method": ContactMethod, "outcome": ContactOutcome, "lost_reason": LostReason,
           "collector": DuesCollector, "basis": DuesBasis, "kind": ActivityKind,
           "initiated_by": ContactInitiator.on_entry()}  # never "unrecorded"
HIDDEN = {"expected_version", "request_id", "member_id"}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # text, date, number, select, hidden, list
    required: bool
    choices: tuple[tuple[str, str], ...] = ()
    default: str = ""  # what the command takes when the field is left out (a choice shown as chosen)


def fields_of(command: type[c.Command]) -> list[Field]:
    hints = typing.get_type_hints(command)
    found = []
    for f in dataclasses.fields(command):
        if f.name == "expected_version":
            continue
        hint = hints[f.name]
        required = f.default is dataclasses.MISSING
        optional = typing.get_origin(hint) in (typing.Union, types.UnionType)
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = args[0] if optional and args else hint
        if f.name in HIDDEN and inner is UUID:
            kind = "hidden"
        elif f.name in CHOICES:
            kind = "select"
        elif inner is date:
            kind = "date"
        elif inner is int:
            kind = "number"
        elif typing.get_origin(inner) is tuple:
            kind = "list"
        else:
            kind = "text"
        choices = tuple((m.value, m.label) for m in CHOICES[f.name]) if kind == "select" else ()
        default = str(f.default) if kind == "select" and isinstance(f.default, str) else ""
        found.append(Field(f.name, f.metadata["label"], kind, required and f.name != "effective_on", choices, default))
    return found


def parse(command: type[c.Command], form: dict[str, str]) -> tuple[c.Command | None, str | None, str | None]:
    """The command a form describes, or the field at fault and the API's message for it."""
    data: dict[str, Any] = {}
    for field in fields_of(command):
        value = (form.get(field.name) or "").strip()
        if not value:
            continue
        data[field.name] = [v.strip() for v in value.replace("，", ",").split(",") if v.strip()] \
            if field.kind == "list" else value
    model = body_model(command, set())
    try:
        body = model.model_validate(data)
    except ValidationError as error:
        field, message = validation_message(list(error.errors()), model)
        return None, field, message
    return command(**body.model_dump()), None, None
