"""A form for every command route of the API (`api.routes.commands.ROUTES`),
generated from the route and its command dataclass: the same fields and
labels, checked by the same body model, built into the command as the
endpoint builds it (path values + body), so a form shows the API's messages.
Which forms a page offers and how they are grouped lives here too."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Annotated, Any, NamedTuple
from uuid import UUID

from pydantic import BaseModel, ValidationError, create_model
from pydantic import Field as Bound

from api.bodies import body_model
from api.errors import validation_message
from api.params import MAX_POSITION
from api.routes.commands import ROUTES, Route
from api.web.form_fields import Field, fields_of
from domain import commands as c
from domain.handlers import HANDLERS
from domain.vocab import Role

__all__ = ["ALIASES", "FORMS", "FormSpec", "Parsed", "by_tag", "find", "member_forms", "parse"]

# The names the first forms had, still answered.
ALIASES = {"departure": "record-departure", "report-in": "record-report-in", "contact": "record-contact",
           "dues": "record-dues", "certificate-request": "request-certificate", "approval": "approve-request",
           "certificate": "issue-certificate"}
# How the member page groups its forms; a command not named here goes under its route's tag.
MEMBER_GROUPS = {
    "外出与返回": ("RecordDeparture", "PlanDeparture", "CancelPlannedDeparture", "RecordReportIn",
              "RecordTemporaryReturn", "RecordGoingBack", "RecordReturn"),
    "联系与活动": ("RecordContact", "ChangeContactDetails", "AssignLiaison", "RecordActivity"),
    "党费": ("RecordDues",),
    "评议与转正": ("RecordReview", "DecideProbation"),
    "活动证": ("RequestCertificate",),
    "组织关系": ("IssueTransferLetter", "RecordTransferReceipt", "MoveToBranch", "EndMembership"),
    "个人信息": ("RevealPersonalData",),
}
_GROUP_OF = {name: group for group, names in MEMBER_GROUPS.items() for name in names}


@dataclass(frozen=True)
class FormSpec:
    name: str
    route: Route
    path_names: tuple[str, ...]
    body: type[BaseModel]
    path: type[BaseModel]
    fields: tuple[Field, ...]

    @property
    def command(self) -> type[c.Command]:
        return self.route.command

    @property
    def label(self) -> str:
        return self.route.command.label

    @property
    def tag(self) -> str:
        return self.route.tag

    def allows(self, role: Role) -> bool:
        """Whether an officer of `role` may run the command (the handlers' table decides)."""
        entry = HANDLERS.get(self.command)
        return entry is not None and role in entry[1]

    def about(self, name: str) -> bool:
        """Whether the form takes `name` (e.g. member_id) in its path or its body."""
        return any(f.name == name for f in self.fields)


def slug(command: type[c.Command]) -> str:
    """RecordDeparture -> record-departure: a form's stable name."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", command.__name__).lower()


def _path_model(command: type[c.Command], names: tuple[str, ...]) -> type[BaseModel]:
    """The path parameters as the endpoint types them (ids, a position in the log, a number)."""
    kinds: dict[str, Any] = {
        name: (Annotated[int, Bound(ge=1, le=MAX_POSITION)] if name == "position" else str if name == "number"
               else UUID, ...) for name in names}
    return create_model(f"{command.__name__}Path", **kinds)


def _spec(route: Route) -> FormSpec:
    names = tuple(part[1:-1] for part in route.path.split("/") if part.startswith("{"))
    return FormSpec(slug(route.command), route, names, body_model(route.command, set(names)),
                    _path_model(route.command, names), tuple(fields_of(route.command, names)))


FORMS: dict[str, FormSpec] = {spec.name: spec for spec in map(_spec, ROUTES)}


def find(name: str) -> FormSpec | None:
    return FORMS.get(ALIASES.get(name, name))


def _member_group(spec: FormSpec) -> str:
    """The member page's group of a form: named above, else its route's tag."""
    return _GROUP_OF.get(spec.command.__name__) or (spec.tag if spec.tag != "党员" else "其他")


def _grouped(specs: list[FormSpec], group: Any, order: list[str]) -> list[tuple[str, list[FormSpec]]]:
    found: dict[str, list[FormSpec]] = {name: [] for name in order}
    for spec in specs:
        found.setdefault(group(spec), []).append(spec)
    return [(name, forms) for name, forms in found.items() if forms]


def member_forms(role: Role) -> list[tuple[str, list[FormSpec]]]:
    """The forms about a member the role may run (member_id in the path or the body), grouped."""
    specs = [s for s in FORMS.values() if s.about("member_id") and s.allows(role)]
    return _grouped(specs, _member_group, list(MEMBER_GROUPS))


def by_tag(role: Role | None = None) -> list[tuple[str, list[FormSpec]]]:
    """Every form (the role may run, if one is given), grouped by its route's tag in the API's order."""
    specs = [s for s in FORMS.values() if role is None or s.allows(role)]
    return _grouped(specs, lambda spec: spec.tag, [])


class Parsed(NamedTuple):
    command: c.Command | None
    sent: dict[str, Any]  # what was asked, as JSON: the idempotency fingerprint's body
    field: str | None = None
    message: str | None = None


def _value(field: Field, text: str) -> Any:
    if field.kind in ("list",) or field.multiple:
        return [v.strip() for v in text.replace("，", ",").split(",") if v.strip()]
    if field.kind == "object":
        return _object(text)
    return text


def _object(text: str) -> Any:
    """An object typed as JSON, or as lines `字段=值` (each value read as JSON when it is JSON)."""
    if text.startswith("{"):
        try:
            return json.loads(text)
        except ValueError:
            return text  # the model says it is no object
    found: dict[str, Any] = {}
    for line in text.splitlines():
        key, sep, raw = line.partition("=")
        if not sep:
            return text
        try:
            found[key.strip()] = json.loads(raw.strip())
        except ValueError:
            found[key.strip()] = raw.strip()
    return found


def parse(spec: FormSpec, form: dict[str, str]) -> Parsed:
    """The command a form describes, built as the endpoint builds it, or the
    field at fault and the API's message for it (path first, as the API)."""
    path: dict[str, Any] = {}
    body: dict[str, Any] = {}
    for field in spec.fields:
        text = (form.get(field.name) or "").strip()
        if text or field.in_path:
            (path if field.in_path else body)[field.name] = _value(field, text) if text else text
    try:
        path_values = spec.path.model_validate({k: v for k, v in path.items() if v != ""}).model_dump()
        checked = spec.body.model_validate(body)
    except ValidationError as error:
        field, message = validation_message(list(error.errors()), spec.body)
        return Parsed(None, {}, field, message)
    sent = {**spec.path.model_validate(path_values).model_dump(mode="json"), **checked.model_dump(mode="json")}
    return Parsed(spec.command(**{**checked.model_dump(), **path_values}), sent)
