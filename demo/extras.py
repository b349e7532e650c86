"""The demo's parts beyond the county's own members' stories: each is a
function of the directory, the demo's first and last day and the seed that
returns dated commands (in any order; the loader merges them by day)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from demo.member_plan import DatedCommand
from demo.setup import Directory

__all__ = ["EXTRAS"]

Plan = Callable[[Directory, date, date, int], list[DatedCommand]]

EXTRAS: list[Plan] = [
    # -- extras --
]
