"""Request bodies, made from the command dataclasses (one source for the
fields and their labels), and the Chinese label of each field for the
messages people read."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator
from pydantic_core import PydanticCustomError

from api.examples import EXAMPLES
from domain.commands import Command
from domain.fields import storable

__all__ = ["FIELD_LABELS", "body_model"]

FIELD_LABELS: dict[str, str] = {}  # a command field's name -> its Chinese label, for error messages


def body_model(command: type[Command], from_path: set[str]) -> type[BaseModel]:
    """The JSON body of a command: its fields but those taken from the path."""
    hints = typing.get_type_hints(command)
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(command):
        FIELD_LABELS.setdefault(field.name, field.metadata["label"])  # path values too: their messages name them
        if field.name in from_path:
            continue
        default = ... if field.default is dataclasses.MISSING else field.default
        fields[field.name] = (hints[field.name], Field(default, description=field.metadata["label"]))
    config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLES[command.__name__]]}
                        if command.__name__ in EXAMPLES else None)
    return create_model(f"{command.__name__}In", __config__=config, __doc__=command.label,
                        __validators__={"storable_text": _STORABLE}, **fields)


def _refuse_unstorable(value: Any) -> Any:
    """Refuses a string (also inside a list or an object) with a control character
    or a lone surrogate, before anything else reads it."""
    if isinstance(value, str) and not storable(value):
        raise PydanticCustomError("unstorable_text", "含有不能保存的字符")
    if isinstance(value, list | tuple):
        for item in value:
            _refuse_unstorable(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_unstorable(key)
            _refuse_unstorable(item)
    return value


_STORABLE = field_validator("*", mode="before")(lambda cls, value: _refuse_unstorable(value))
