"""The HTTP side of the bench: wrk (bench/wrk.py) against `liudong serve`,
the ceiling (bench/ceiling_app.py) and the CRUD baseline (bench/crud_app.py),
each RUNS times; the rows are made in bench/http_rows.py. Every server runs
alone on the store (one process follows the views: two would share the
lease), the ceiling after the service, with the body size measured on it."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import psycopg
from psycopg import sql

from bench.crud_app import SCHEMA_SQL, fill_sqlite
from bench.harness import RUNS, env_for, load
from bench.http_rows import WRITE_RATE, Measured, rows
from bench.plans import Plans, build_plans, sent_once
from bench.report import Figure, show
from bench.servers import CEILING, CRUD, SERVICE, served
from bench.wrk import Request, WrkFailed, WrkRun, finish_wrk, plan_file, run_wrk, start_wrk
from service.settings import Settings, get_settings

__all__ = ["http_figures", "main"]

WARM_UP = 1.0  # seconds of wrk before a figure's runs, not counted
LAG_COMMANDS = 400  # a run's; RUNS runs


def http_figures(kind: str, settings: Settings, county: Any, seconds: float,
                 env: dict[str, str] | None = None) -> list[Figure]:
    """`county`: its admin_token and auditor_token; `env`: the servers' (default: the bench store's)."""
    env = env or env_for(settings)
    measured = Measured(seconds=seconds)
    with served(SERVICE, env, ready="/health") as service, ExitStack() as files:
        plans = build_plans(service.url, county.admin_token, county.auditor_token)
        measured.plans, measured.stack = plans, service.stack()
        paths = {name: files.enter_context(plan_file(plan)) for name, plan in plans.reads().items()}
        contacts = files.enter_context(plan_file(plans.contacts))
        for name, path in paths.items():
            _warm(service.url, path, plans.reads()[name])
        for _ in range(RUNS):  # rounds: a slow minute on the box touches every figure alike
            for name, path in paths.items():
                measured.add(name, run_wrk(service.url, path, 32, seconds), run_wrk(service.url, path, 8, seconds))
        for _ in range(RUNS):
            measured.add_mixed(*_register_under_writes(service.url, paths["register page"], contacts, seconds))
        run_wrk(service.url, contacts, 16, WARM_UP)
        measured.commands = [run_wrk(service.url, contacts, 16, seconds) for _ in range(RUNS)]
        share = min(LAG_COMMANDS, len(plans.lost) // RUNS)  # each run its own members: a command changes one for good
        for run in range(RUNS):
            lag = load(service.url, county.admin_token, plans.lost[run * share:(run + 1) * share], 16, 120,
                       limit=share, follow="lost_on")
            if lag["errors"] or lag["unseen"]:
                raise RuntimeError(f"the projection lag's commands met errors {lag['errors']}, "
                                   f"effects never shown: {lag['unseen'][:5]}")
            measured.lags.append(lag)
    with served([*SERVICE, "--workers", "2"], env, ready="/health") as two, plan_file(plans.register) as path:
        run_wrk(two.url, path, 32, WARM_UP)
        measured.two_workers = [run_wrk(two.url, path, 32, seconds) for _ in range(RUNS)]
    _metrics_cost(env, plans, seconds, measured)
    with served(CEILING, {**env, "CEILING_BYTES": str(plans.register_bytes)}, ready="/health") as ceiling, \
            plan_file(_ceiling_plan(plans)) as path:
        measured.ceiling_stack = ceiling.stack()
        run_wrk(ceiling.url, path, 32, WARM_UP)
        for _ in range(RUNS):
            measured.add("ceiling", run_wrk(ceiling.url, path, 32, seconds), run_wrk(ceiling.url, path, 8, seconds))
    with _crud_served(kind, settings, plans) as crud, plan_file(plans.contacts) as path:
        measured.crud_stack = crud.stack()
        run_wrk(crud.url, path, 16, WARM_UP)
        measured.crud = [run_wrk(crud.url, path, 16, seconds) for _ in range(RUNS)]
    return rows(kind, measured)


def _metrics_cost(env: dict[str, str], plans: Plans, seconds: float, measured: Measured) -> None:
    """The register page with metrics off, on, and on with a JSON line per request: three servers at
    once (reads: the one holding the views' lease keeps them current for all), runs interleaved so
    that a slow minute of the machine falls on each alike."""
    variants = {"off": (SERVICE, {**env, "LIUDONG_METRICS": "false"}), "on": (SERVICE, env),
                "lines": ([*SERVICE[:-1], "--access-log"], env)}
    with ExitStack() as servers, plan_file(plans.register) as path:
        urls = {name: servers.enter_context(served(command, server_env, ready="/health")).url
                for name, (command, server_env) in variants.items()}
        for url in urls.values():
            run_wrk(url, path, 32, WARM_UP)
        names = list(urls)
        for round_ in range(RUNS):
            for name in names[round_ % 3:] + names[:round_ % 3]:
                measured.metrics.setdefault(name, []).append(run_wrk(urls[name], path, 32, seconds))


def _warm(url: str, path: Path, plan: list[Request]) -> None:
    """A run not counted; if it met a refusal, the plan's first refused request is named."""
    try:
        run_wrk(url, path, 32, WARM_UP)
    except WrkFailed:
        sent_once(url, plan)
        raise


def _ceiling_plan(plans: Plans) -> list[Request]:
    """The register plan's tokens on the ceiling's path, padded to the register's request size."""
    return [Request("GET", f"/bench/ceiling?pad={'x' * max(0, len(r.path) - 19)}", r.token) for r in plans.register]


def _register_under_writes(url: str, register: Path, contacts: Path, seconds: float) -> tuple[WrkRun, WrkRun]:
    """The register's p99 at 8 connections while a paced writer holds WRITE_RATE commands a second
    (16 connections: room for slow answers); the writer starts first and ends last."""
    writer = start_wrk(url, contacts, 16, seconds + 2, rate=WRITE_RATE)
    try:
        time.sleep(1)
        reader = run_wrk(url, register, 8, seconds)
    finally:
        written = finish_wrk(writer)
    return reader, written


@contextmanager
def _crud_served(kind: str, settings: Settings, plans: Plans) -> Iterator[Any]:
    """The CRUD baseline on its own tables, one row per member the contact plan names."""
    members = sorted({r.path.split("/")[2] for r in plans.contacts})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIUDONG_", "CRUD_")) and k != "DATABASE_URL"}
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="liudong-crud-") as folder:
            fill_sqlite(Path(folder) / "crud.db", members)
            with served(CRUD, {**env, "CRUD_DB": str(Path(folder) / "crud.db")}) as crud:
                yield crud
        return
    url, schema = settings.database_url or "", settings.pg_schema
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        conn.execute(SCHEMA_SQL)
        with conn.cursor() as cursor:
            cursor.executemany("INSERT INTO crud_members (member_id, status) VALUES (%s, 'away') "
                               "ON CONFLICT DO NOTHING", [(m,) for m in members])
    with served(CRUD, {**env, "DATABASE_URL": url, "CRUD_SCHEMA": schema}) as crud:
        yield crud


def main() -> None:
    """Only the HTTP figures, on the store the environment names (LIUDONG_DB or DATABASE_URL,
    LIUDONG_SECRET_KEY), e.g. a demo county loaded by `liudong demo`: a developer's quick look."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--admin-token", required=True)
    parser.add_argument("--auditor-token", required=True)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    settings = get_settings()
    county = SimpleNamespace(admin_token=args.admin_token, auditor_token=args.auditor_token)
    show(http_figures("postgres" if settings.database_url else "sqlite", settings, county, args.seconds,
                      dict(os.environ)))


if __name__ == "__main__":
    main()
