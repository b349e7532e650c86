"""The HTTP figures as rows of the table (bench/serving.py measures them):
each a median of RUNS wrk runs with its spread, each read's throughput
against the ceiling measured in the same run, the commands against the CRUD
baseline. Goals are issue 17's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.harness import RUNS, spread
from bench.plans import Plans
from bench.report import Figure
from bench.wrk import WrkRun

__all__ = ["Measured", "READ_GOALS", "WRITE_RATE", "rows"]

READ_GOALS = {"register page": 0.25, "member history": 0.25, "certificate by number": 0.4, "statistics": 0.5}
READ_P99 = 15.0  # ms, at 8 connections
MIXED_P99 = 25.0  # ms, the register at 8 connections while commands are written
COMMAND_P99 = 25.0  # ms, at 16 connections
LAG_P99 = 20.0  # ms
WRITE_RATE = 100  # commands a second beside the register's readers (bench/serving.py)


@dataclass
class Measured:
    seconds: float
    plans: Plans | None = None
    stack: str = ""
    ceiling_stack: str = ""
    crud_stack: str = ""
    busy: dict[str, list[WrkRun]] = field(default_factory=dict)  # 32 connections
    quiet: dict[str, list[WrkRun]] = field(default_factory=dict)  # 8 connections
    mixed: list[WrkRun] = field(default_factory=list)
    writers: list[WrkRun] = field(default_factory=list)
    commands: list[WrkRun] = field(default_factory=list)
    crud: list[WrkRun] = field(default_factory=list)
    lags: list[dict[str, Any]] = field(default_factory=list)  # bench/load.py's results, one a run
    two_workers: list[WrkRun] = field(default_factory=list)  # the register page, `serve --workers 2`
    # The register page on three servers at once, runs interleaved (bench/serving.py `_metrics_cost`).
    metrics: dict[str, list[WrkRun]] = field(default_factory=dict)

    def add(self, name: str, busy: WrkRun, quiet: WrkRun) -> None:
        self.busy.setdefault(name, []).append(busy)
        self.quiet.setdefault(name, []).append(quiet)

    def add_mixed(self, reader: WrkRun, writer: WrkRun) -> None:
        self.mixed.append(reader)
        self.writers.append(writer)


def _rate(runs: list[WrkRun]) -> tuple[float, tuple[float, float]]:
    s = spread(r.per_second for r in runs)
    return s.median, (s.low, s.high)


def _p99(runs: list[WrkRun]) -> tuple[float, tuple[float, float]]:
    s = spread(r.p99_ms for r in runs)
    return s.median, (s.low, s.high)


def _p50(runs: list[WrkRun]) -> str:
    return f"p50 {spread(r.p50_ms for r in runs).median:.1f} ms"


def rows(kind: str, m: Measured) -> list[Figure]:
    assert m.plans is not None
    how = f"wrk -t1, median of {RUNS} runs × {m.seconds:.0f} s (spread: lowest–highest)"
    ceiling, ceiling_spread = _rate(m.busy["ceiling"])
    quiet, quiet_spread = _p99(m.quiet["ceiling"])
    figures = [
        Figure(kind, "ceiling: prebuilt body, 32 connections", ceiling, "req/s", None, "–", None,
               f"GET /bench/ceiling: a {m.plans.register_bytes:,} B JSON body (the average register page of this run) "
               f"through the service's own app and middleware, async, no query; {m.ceiling_stack} "
               f"(service: {m.stack}); {_p50(m.busy['ceiling'])}; {how}", ceiling_spread),
        Figure(kind, "ceiling: p99, 8 connections", quiet, "ms", None, "–", None,
               f"{_p50(m.quiet['ceiling'])}; {how}", quiet_spread),
    ]
    for name, share in READ_GOALS.items():
        plan = m.plans.reads()[name]
        rate, rate_spread = _rate(m.busy[name])
        p99, p99_spread = _p99(m.quiet[name])
        what = f"{len(plan)} URLs, {len({r.token for r in plan})} tokens, rotated"
        figures += [
            Figure(kind, f"{name}: throughput, 32 connections", rate, "req/s", ceiling, f"≥ {share}× the ceiling",
                   rate >= share * ceiling, f"{what}; {_p50(m.busy[name])}; {how}", rate_spread),
            Figure(kind, f"{name}: p99, 8 connections", p99, "ms", None, f"≤ {READ_P99:.0f} ms", p99 <= READ_P99,
                   f"{what}; {_p50(m.quiet[name])}; {how}", p99_spread),
        ]
    written, _ = _rate(m.writers)
    p99, p99_spread = _p99(m.mixed)
    figures.append(Figure(
        kind, f"register page p99 while {WRITE_RATE} cmd/s are written", p99, "ms", None, f"≤ {MIXED_P99:.0f} ms",
        p99 <= MIXED_P99 and written >= 0.9 * WRITE_RATE,
        f"8 connections reading the register plan while a paced wrk (16 connections) posts 联系 commands: "
        f"{written:.0f} cmd/s held (p99 {_p99(m.writers)[0]:.1f} ms; met needs ≥ 90% of {WRITE_RATE}); {how}",
        p99_spread))
    one, _ = _rate(m.busy["register page"])
    two, two_spread = _rate(m.two_workers)
    figures.append(Figure(
        kind, "register page, 2 worker processes, 32 connections", two, "req/s", one, "– (1 worker = baseline)", None,
        f"`liudong serve --workers 2` (one applies the views, both answer), the register plan; baseline: the "
        f"register page with 1 worker above; {_p50(m.two_workers)}; {how}", two_spread))
    figures += _metrics_rows(kind, m, how)
    commands, commands_spread = _rate(m.commands)
    crud, crud_spread = _rate(m.crud)
    p99, p99_spread = _p99(m.commands)
    posts = f"{len(m.plans.contacts)} members rotated, each POST with a fresh Idempotency-Key"
    lag = spread(run["lag_p99_ms"] for run in m.lags)
    figures += [
        Figure(kind, "commands through HTTP, 16 connections", commands, "cmd/s", crud, "≥ 1.0× CRUD + audit trigger",
               commands >= crud, f"联系 (contact) commands by township officers, {posts}; each answers once the views "
               f"show it; {_p50(m.commands)}; {how}", commands_spread),
        Figure(kind, "commands: p99, 16 connections", p99, "ms", None, f"≤ {COMMAND_P99:.0f} ms",
               p99 <= COMMAND_P99, f"the same runs; {how}", p99_spread),
        Figure(kind, "baseline: CRUD + audit trigger, 16 connections", crud, "cmd/s", None, "–", None,
               f"bench/crud_app.py: the same requests; UPDATE of a member row, an audit row by trigger, one "
               f"transaction a request, same durability; {m.crud_stack}; p99 {_p99(m.crud)[0]:.1f} ms; {how}",
               crud_spread),
        Figure(kind, "projection lag after a command", lag.median, "ms (p99)", None, f"≤ {LAG_P99:.0f} ms",
               lag.median <= LAG_P99,
               f"{m.lags[0]['requests']} 联系 (lost) commands a run from 16 clients (bench/load.py): from each answer "
               "until GET /members/{id} shows it (lost_on); median of the runs' p99, each run on members of its own "
               "(a command changes a member for good)", (lag.low, lag.high)),
    ]
    return figures


def _metrics_rows(kind: str, m: Measured, how: str) -> list[Figure]:
    """What metrics and JSON request lines cost the register page, against the same server without them."""
    off, _ = _rate(m.metrics["off"])
    on, on_spread = _rate(m.metrics["on"])
    lines, lines_spread = _rate(m.metrics["lines"])
    interleaved = (f"three servers on the store at once (LIUDONG_METRICS=false; metrics on; metrics on and a JSON "
                   f"line per request to a file), one run of each in turn, the order rotated each round; {how}")
    return [
        Figure(kind, "register page, metrics on, 32 connections", on, "req/s", off, "≥ 0.9× metrics off",
               on >= 0.9 * off, f"baseline {off:.0f} req/s: the same server with LIUDONG_METRICS=false; "
               f"{_p50(m.metrics['on'])}; {interleaved}", on_spread),
        Figure(kind, "register page, metrics and request log lines", lines, "req/s", off, "– (metrics off = baseline)",
               None, f"`liudong serve` with its request lines (the default); {_p50(m.metrics['lines'])}; {interleaved}",
               lines_spread),
    ]
