"""The fields of a generated form: one per path parameter and body field of a
command route, with the command's Chinese labels. A field's kind says how the
page asks for it (text, date, number, a choice, a list, an object, or a pick
from the county's organisations, officers, enterprises or inflow members);
choices come from the field's type or from the vocabularies (domain/vocab.py)."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any
from uuid import UUID

from domain import commands as c
from domain import vocab
from domain.vocab import Labelled

__all__ = ["CONTEXT", "Field", "fields_of", "vocabulary"]

# Ids a page hands to a form it links to: kept hidden when given.
CONTEXT = {"member_id", "org_id", "officer_id", "credential_id", "request_id", "number", "position",
           "inflow_member_id", "enterprise_id"}
# Where a picked id comes from (the page fills the choices): field name -> lookup.
LOOKUPS = {"org_id": "orgs", "branch_id": "orgs", "parent_id": "orgs", "acts_for_id": "orgs", "to_org_id": "orgs",
           "officer_id": "officers", "approver_id": "officers", "handler_officer_id": "officers", "enterprise_id": "enterprises",
           "inflow_member_id": "inflow_members"}
# A field whose name does not say its vocabulary: (command, field) first, then the field alone. Names of
# domain/vocab.py, read when used (a vocabulary another area adds is found once it exists).
BY_COMMAND: dict[tuple[str, str], str] = {
    ("EstablishOrganisation", "kind"): "OrgKind", ("RecordActivity", "kind"): "ActivityKind",
    ("RecordInflowActivity", "kind"): "ActivityKind", ("RecordOrgActivity", "kind"): "OrgActivityKind",
    ("RecordContact", "outcome"): "ContactOutcome", ("RecordInflowContact", "outcome"): "ContactOutcome",
    ("DecideProbation", "outcome"): "ProbationOutcome",
    ("EndMembership", "reason"): "EndReason", ("HandBackCertificate", "reason"): "HandBackReason",
    ("RequestCare", "kind"): "CareKind", ("LogHotlineCall", "kind"): "CareKind",
    ("CloseCareRequest", "outcome"): "CareOutcome",
}
BY_NAME: dict[str, str] = {
    "method": "ContactMethod", "lost_reason": "LostReason", "collector": "DuesCollector", "basis": "DuesBasis",
    "grade": "ReviewGrade", "review_grade": "ReviewGrade", "opinion_grade": "ReviewGrade",
    "suggested_grade": "ReviewGrade", "last_contact_by": "ContactInitiator", "fields": "PersonalField",
    "initiated_by": "ContactInitiator", "attendance": "Attendance",
}
_BOOL = re.compile(r"true\s*([^、，）)]+)[、，]\s*false\s*([^、，）)]+)")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # text, date, number, select, list, object, pick (choices from `lookup`)
    required: bool
    choices: tuple[tuple[str, str], ...] = ()
    default: str = ""  # what the command takes when the field is left out (a choice shown as chosen)
    in_path: bool = False
    lookup: str = ""  # orgs, officers, enterprises, inflow_members (kind "pick")
    multiple: bool = False  # a list of choices


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _vocabularies() -> dict[str, Any]:
    """Every vocabulary of domain/vocab.py by its name in snake case (gender -> Gender): new ones included."""
    return {_snake(name): value for name, value in vars(vocab).items()
            if isinstance(value, type) and issubclass(value, Labelled) and value is not Labelled}


def vocabulary(command: type[c.Command], name: str, hint: Any) -> Any:
    """The codes a field takes, if it is a choice: from its type (an enum or a Literal), else
    the vocabulary named for it here or named like it in domain/vocab.py; None if free."""
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if typing.get_origin(hint) is typing.Literal:
        return [(str(v), str(v)) for v in typing.get_args(hint)]
    named = next((BY_COMMAND[(k.__name__, name)] for k in command.__mro__ if (k.__name__, name) in BY_COMMAND),
                 None) or BY_NAME.get(name)
    found = getattr(vocab, named, None) if named else _vocabularies().get(name)
    on_entry = getattr(found, "on_entry", None)  # the codes a command may record (never "unrecorded")
    return on_entry() if on_entry is not None and name != "last_contact_by" else found


def _pairs(codes: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(m.value), getattr(m, "label", str(m.value))) if isinstance(m, Enum) else (str(m[0]), str(m[1]))
                 for m in codes)


def _inner(hint: Any) -> tuple[Any, bool]:
    """The type inside `X | None`, and whether None was allowed."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return (args[0] if len(args) == 1 else hint), True
    return hint, False


def _field(command: type[c.Command], name: str, label: str, hint: Any, required: bool, default: Any,
           in_path: bool) -> Field:
    inner, _ = _inner(hint)
    item = typing.get_args(inner)[0] if typing.get_origin(inner) in (tuple, list) and typing.get_args(inner) else None
    codes = vocabulary(command, name, item if item is not None else inner)
    shown = str(default).lower() if isinstance(default, bool) else str(default) if isinstance(default, str | int) \
        and default is not None else ""
    common = {"name": name, "label": label, "required": required, "default": shown, "in_path": in_path}
    if codes is not None and inner is not bool:
        return Field(kind="select", choices=_pairs(codes), multiple=item is not None, **common)
    if inner is bool:
        words = _BOOL.search(label)
        return Field(kind="select", choices=(("true", words[1] if words else "是"), ("false", words[2] if words else "否")),
                     **common)
    if inner is UUID and name in LOOKUPS and "留空自动生成" not in label:  # else a new id, typed in
        return Field(kind="pick", lookup=LOOKUPS[name], **common)
    if inner is date:
        return Field(kind="date", **common)
    if inner is int:
        return Field(kind="number", **common)
    if item is not None:
        return Field(kind="list", **common)
    if typing.get_origin(inner) is dict or inner is dict:
        return Field(kind="object", **common)
    return Field(kind="text", **common)


def fields_of(command: type[c.Command], path_names: tuple[str, ...]) -> list[Field]:
    """The form's fields: the path's first (as the API reads them), then the body's; never `expected_version`."""
    hints = typing.get_type_hints(command)
    own = {f.name: f for f in dataclasses.fields(command)}
    found = []
    for name in path_names:
        spec = own.get(name)
        hint = hints.get(name, int if name == "position" else str if name == "number" else UUID)
        found.append(_field(command, name, spec.metadata["label"] if spec else name, hint, True, None, True))
    for f in dataclasses.fields(command):
        if f.name == "expected_version" or f.name in path_names:
            continue
        required = f.default is dataclasses.MISSING
        default = None if required else f.default
        found.append(_field(command, f.name, f.metadata["label"], hints[f.name], required, default, False))
    return found
