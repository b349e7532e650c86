"""`make bench-counties`: many counties at demo scale in one PostgreSQL deployment
(service/counties.py), each figure per county beside one county alone on the
same database, measured in the same run (goal ≥ 0.8×):

- ingest: the demo county loaded through the rules, events a second;
- rebuild: all of a county's views from position 0, events a second;
- register page: `liudong serve` with every county at once against the same
  server with one county, requests a second at 32 connections (wrk), the
  deployment's requests spread over every county's register pages.

    python -m bench.counties [--counties 20] [--scale 0.2] [--seconds 4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.harness import END, RUNS, SECRET, bench_store, env_for, spread
from bench.plans import build_plans
from bench.report import Figure, console, show, write_json
from bench.servers import SERVICE, served
from bench.wrk import Request, plan_file, run_wrk
from demo import load_demo
from service.bootstrap import build_service
from service.counties import Counties
from service.process import Service
from service.settings import Settings

__all__ = ["main"]

GOAL = 0.8


def _load(service: Service, scale: float) -> tuple[float, float, Any]:
    """Ingest and rebuild rates of the demo county at `scale` on this service."""
    started = time.perf_counter()
    county = load_demo(service.ledger, end=END, scale=scale)
    ingest = county.events / (time.perf_counter() - started)
    started = time.perf_counter()
    service.runner.rebuild(grace=0)
    return ingest, county.events / (time.perf_counter() - started), county


def _register_rate(env: dict[str, str], tokens: list[tuple[str, str]], seconds: float) -> tuple[float, float, float]:
    """The register page's requests a second at 32 connections (median of RUNS, and the spread),
    the pages of every county (admin, auditor) given, in turn."""
    with served(SERVICE, env, ready="/health") as server:
        requests: list[Request] = []
        for admin, auditor in tokens:
            requests += build_plans(server.url, admin, auditor).register
        with plan_file(_interleaved(requests, len(tokens))) as path:
            run_wrk(server.url, path, 32, 1.0)
            found = spread(run_wrk(server.url, path, 32, seconds).per_second for _ in range(RUNS))
    return found.median, found.low, found.high


def _interleaved(requests: list[Request], counties: int) -> list[Request]:
    """Each county's pages dealt in turn, so that every stretch of the plan asks all counties."""
    step = max(len(requests) // max(counties, 1), 1)
    return [requests[i] for start in range(step) for i in range(start, len(requests), step)]


@contextmanager
def _deployment(url: str) -> Iterator[Settings]:
    settings = Settings(database_url=url, deployment_schema=f"bench_d{os.getpid()}", secret_key=SECRET)
    try:
        yield settings
    finally:
        import psycopg
        from psycopg import sql

        with psycopg.connect(url, autocommit=True) as conn:
            for (schema,) in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname = %s OR nspname LIKE %s",
                                          [settings.deployment_schema, settings.deployment_schema + "\\_%"]).fetchall():
                conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def measure(counties: int, scale: float, seconds: float) -> list[Figure]:
    with bench_store("postgres", "one") as one:
        service = build_service(one)
        ingest, rebuild, county = _load(service, scale)
        service.close()
        register = _register_rate(env_for(one), [(county.admin_token, county.auditor_token)], seconds)
    console.print(f"  one county: {ingest:,.0f} / {rebuild:,.0f} events/s, {register[0]:,.0f} req/s")
    url = one.database_url or ""
    with _deployment(url) as settings:
        served_counties, ingests, rebuilds, tokens = Counties(settings), [], [], []
        try:
            for number in range(counties):
                code = f"52{number:04d}"
                served_counties.deployment.add_county(code, f"县{number + 1}")
                rates = _load(served_counties.service(code), scale)
                ingests.append(rates[0]), rebuilds.append(rates[1])
                tokens.append((rates[2].admin_token, rates[2].auditor_token))
                console.print(f"  county {number + 1}/{counties}: {rates[0]:,.0f} / {rates[1]:,.0f} events/s")
        finally:
            served_counties.close()
        env = {k: v for k, v in env_for(one).items() if k != "LIUDONG_PG_SCHEMA"}
        env["LIUDONG_DEPLOYMENT_SCHEMA"] = settings.deployment_schema
        many = _register_rate(env, tokens, seconds)
    note = f"{counties} counties at scale {scale} in one database, one server; baseline: one county alone, same run"
    return [
        Figure("postgres", f"ingest per county ({counties} counties)", statistics.median(ingests), "events/s", ingest,
               f"≥ {GOAL}×", statistics.median(ingests) / ingest >= GOAL,
               f"{note}; median over the counties ({min(ingests):,.0f}–{max(ingests):,.0f}), loaded one after another",
               (min(ingests), max(ingests))),
        Figure("postgres", f"rebuild per county ({counties} counties)", statistics.median(rebuilds), "events/s",
               rebuild, f"≥ {GOAL}×", statistics.median(rebuilds) / rebuild >= GOAL,
               f"{note}; median over the counties ({min(rebuilds):,.0f}–{max(rebuilds):,.0f})",
               (min(rebuilds), max(rebuilds))),
        Figure("postgres", f"register page, {counties} counties served together", many[0], "req/s", register[0],
               f"≥ {GOAL}×", many[0] / register[0] >= GOAL,
               f"{note}; 32 connections, every county's register pages in turn; median of {RUNS} "
               f"({many[1]:,.0f}–{many[2]:,.0f}; one county {register[1]:,.0f}–{register[2]:,.0f})",
               (many[1], many[2])),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counties", type=int, default=20)
    parser.add_argument("--scale", type=float, default=0.2)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--json", default="bench/counties.json")
    args = parser.parse_args()
    started = time.perf_counter()
    figures = measure(args.counties, args.scale, args.seconds)
    write_json(figures, Path(args.json))
    show(figures)
    console.print(f"bench-counties: {(time.perf_counter() - started) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
