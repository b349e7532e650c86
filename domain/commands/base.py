"""The base of every command, and `f`, a field with its Chinese label.

Imperative names; each handler in `domain.handlers` turns one into events.
Every command may say on which date the thing happened (`effective_on`,
default today in Asia/Shanghai) and which version of its aggregate it
expects (`expected_version`, optimistic concurrency). Labels are the field
names people read (API descriptions, error messages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["Command", "f"]


def f(label: str, default: Any = ..., **kwargs: Any) -> Any:
    """A command field with its Chinese label."""
    if default is ...:
        return field(metadata={"label": label}, **kwargs)
    return field(default=default, metadata={"label": label}, **kwargs)


@dataclass(frozen=True, kw_only=True)
class Command:
    label = ""
    effective_on: date | None = f("发生日期", None)
    expected_version: int | None = f("预期版本", None)
