"""The figures measured over HTTP: queries and commands against
`liudong serve` under load from bench/load.py, the projection lag, and on
PostgreSQL the same commands against a CRUD baseline (bench/crud_app.py)."""

from __future__ import annotations

import os
import random
import sys
from typing import Any

import psycopg
from psycopg import sql

from bench.crud_app import SCHEMA_SQL
from bench.harness import RUNS, env_for, load, median_load, served
from bench.report import Figure
from service.process import Service
from service.settings import Settings

__all__ = ["crud", "http_figures"]


def http_figures(kind: str, service: Service, settings: Settings, county: Any, seconds: float) -> list[Figure]:
    views = service.queries
    townships = [o["org_id"] for o in views.organisations() if o["kind"] == "township_committee"]
    away = [r["member_id"] for r in views.register(status="away_any", size=10_000).rows]
    numbers = [r["certificate_number"] for r in views.audit(topic="liudong.certificate.Issued", size=5000).rows]
    random.Random(1).shuffle(away)
    figures = []
    with served([sys.executable, "-m", "cli.main", "serve", "--no-access-log"], env_for(settings)) as url:
        queries = {
            "register page (township, status, 50 rows)": [
                {"method": "GET", "path": f"/register?org_id={t}&status=reported_in&size=50"} for t in townships],
            "member history": [{"method": "GET", "path": f"/members/{m}/history"} for m in away[:500]],
            "certificate by number": [{"method": "GET", "path": f"/certificates/{n}"} for n in numbers[:500]],
            "statistics": [{"method": "GET", "path": "/statistics"}],
        }
        for name, plan in queries.items():
            result = median_load(url, county.auditor_token, plan, 32, seconds)
            target = 1500 if name.startswith("register") else None
            met = result["p99_ms"] <= 10 and (target is None or result["per_second"] >= target)
            figures.append(Figure(kind, f"query under load: {name}", result["per_second"], "req/s", None,
                                  f"p99 ≤ 10 ms{', ≥ 1,500 req/s' if target else ''}", met,
                                  f"32 clients, median of {RUNS} runs × {seconds:.0f} s; p50 {result['p50_ms']:.1f} ms, "
                                  f"p99 {result['p99_ms']:.1f} ms"))
        half = len(away) // 2
        contacts = [{"method": "POST", "path": f"/members/{m}/contacts",
                     "json": {"method": "phone", "outcome": "reached"}} for m in away[:half]]
        result = median_load(url, county.admin_token, contacts, 16, seconds)
        commands = result["per_second"]
        figures.append(Figure(kind, "single commands through HTTP", commands, "cmd/s", None,
                              "≥ 800 cmd/s, p99 ≤ 25 ms", commands >= 800 and result["p99_ms"] <= 25,
                              f"16 clients, median of {RUNS} runs × {seconds:.0f} s, posting 联系 (contact) "
                              f"commands; each answers once the views show it; p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms"))
        lost = [{"method": "POST", "path": f"/members/{m}/contacts",
                 "json": {"method": "visit", "outcome": "lost", "lost_reason": "moved"},
                 "follow": f"/members/{m}", "expect": "lost_contact"} for m in away[half:]]
        result = load(url, county.admin_token, lost, 16, 120, limit=min(1000, len(lost)), follow="status")
        figures.append(Figure(kind, "projection lag", result["lag_p99_ms"], "ms (p99)", None, "≤ 50 ms",
                              result["lag_p99_ms"] <= 50,
                              f"{result['requests']} commands from 16 clients; time from each command's answer "
                              "until the register shows it (one run: each command changes a member for good)"))
    if kind == "postgres":
        figures.append(crud(settings, contacts, commands, seconds))
    return figures


def crud(settings: Settings, plan: list[dict[str, Any]], commands: float,
         seconds: float) -> Figure:
    url = settings.database_url or ""
    schema = settings.pg_schema
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        conn.execute(SCHEMA_SQL)
        with conn.cursor() as cursor:
            cursor.executemany("INSERT INTO crud_members (member_id, status) VALUES (%s, 'away') "
                               "ON CONFLICT DO NOTHING", [(p["path"].split("/")[2],) for p in plan])
    env = {**os.environ, "DATABASE_URL": url, "CRUD_SCHEMA": schema}
    with served([sys.executable, "-m", "uvicorn", "--factory", "bench.crud_app:create_app",
                 "--log-level", "warning"], env) as base:
        result = median_load(base, "-", plan, 16, seconds)
    return Figure("postgres", "commands vs CRUD + audit trigger", commands, "cmd/s", result["per_second"],
                  "≥ 1.0×", commands >= result["per_second"],
                  f"the same 16 clients and contact stream; baseline: UPDATE of a member row with an audit row "
                  f"written by a trigger, same HTTP stack, one transaction per request, "
                  f"median of {RUNS} runs (p99 {result['p99_ms']:.1f} ms)")
