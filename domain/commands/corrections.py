"""Commands that correct (更正) or void (作废) an earlier event, cited by its
position in the county's log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.commands.base import Command, f

__all__ = ["CorrectEvent", "VoidEvent"]


@dataclass(frozen=True, kw_only=True)
class CorrectEvent(Command):
    label = "更正记录"
    position: int = f("被更正记录的位置")
    changes: dict[str, Any] = f("更正内容")
    reason: str = f("更正理由")


@dataclass(frozen=True, kw_only=True)
class VoidEvent(Command):
    label = "作废记录"
    position: int = f("被作废记录的位置")
    reason: str = f("作废理由")
