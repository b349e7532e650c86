"""The report of a bench run: the Figure each measurement returns, and the
figures printed as one table and written as JSON (bench/latest.json by
default)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

__all__ = ["Figure", "console", "figures_of", "show", "write_json"]

console = Console(width=230)


@dataclass
class Figure:
    """One row of the report: a measured value beside its baseline (if any) and its goal."""

    store: str
    name: str
    value: float
    unit: str
    baseline: float | None
    goal: str
    met: bool | None
    timed: str
    spread: tuple[float, float] | None = None  # the lowest and the highest of the runs `value` is the median of

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


def show(figures: list[Figure]) -> None:
    table = Table(title=f"Liudong benchmarks, {date.today()} ({os.cpu_count()} cores)", show_lines=True)
    for column in ("store", "figure", "Liudong", "baseline", "ratio", "goal", "met?", "timed region"):
        table.add_column(column, overflow="fold")
    for f in figures:
        value = f"{f.value:,.1f} {f.unit}" + (f"\n({f.spread[0]:,.1f}–{f.spread[1]:,.1f})" if f.spread else "")
        table.add_row(f.store, f.name, value, f"{f.baseline:,.1f}" if f.baseline else "–",
                      f"{f.ratio:.2f}×" if f.ratio else "–", f.goal,
                      {True: "yes", False: "NO", None: "–"}[f.met], f.timed)
    console.print(table)


def write_json(figures: list[Figure], path: Path) -> None:
    """Each figure's fields and its ratio, one object per figure."""
    path.write_text(json.dumps([asdict(f) | {"ratio": f.ratio} for f in figures], indent=1, ensure_ascii=False))


def figures_of(measured: Figure | Iterable[Figure]) -> list[Figure]:
    """A measurement's figures, whether it returns one or several."""
    return [measured] if isinstance(measured, Figure) else list(measured)
