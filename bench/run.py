"""`make bench`: every figure on SQLite and on PostgreSQL, each beside a
baseline measured in the same run, printed as one table.

    python -m bench.run [--stores sqlite,postgres] [--scale 1.0] [--seconds 8]

Both sides of a ratio use the same durability (SQLite synchronous=FULL in WAL
mode; PostgreSQL synchronous_commit on) and share the machine's cores with
the load generator, which runs as its own process (bench/load.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import psycopg
from psycopg import sql
from rich.console import Console
from rich.table import Table

from api.bootstrap import Service, build_service
from api.demo import load_demo
from api.settings import Settings
from api.sheets.export import cells, export_register, register_rows, write_xlsx
from bench.crud_app import SCHEMA_SQL
from bench.load import percentile
from integrity.verify import verify

END = date(2026, 11, 24)
RUNS = 3  # every timed figure is the median of this many runs
SECRET = "be" * 32
console = Console(width=230)


@dataclass
class Figure:
    store: str
    name: str
    value: float
    unit: str
    baseline: float | None
    goal: str
    met: bool | None
    timed: str

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


# Stores.

@contextmanager
def bench_store(kind: str, label: str) -> Iterator[Settings]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="liudong-bench-") as folder:
            yield Settings(db=Path(folder) / "ledger.db", database_url=None, secret_key=SECRET)
        return
    url = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"bench_{label}_{os.getpid()}"
    try:
        yield Settings(database_url=url, pg_schema=schema, secret_key=SECRET)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def env_for(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUDONG_") and k != "DATABASE_URL"}
    env["LIUDONG_SECRET_KEY"] = SECRET
    if settings.database_url:
        env.update(DATABASE_URL=settings.database_url, LIUDONG_PG_SCHEMA=settings.pg_schema)
    else:
        env["LIUDONG_DB"] = str(settings.db)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(command: list[str], env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([*command, "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{url}/docs", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def load(url: str, token: str, plan: list[dict[str, Any]], clients: int, seconds: float,
         limit: int | None = None, follow: str | None = None) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(plan, handle)
    args = [sys.executable, "-m", "bench.load", "--url", url, "--token", token, "--clients", str(clients),
            "--seconds", str(seconds), "--plan", handle.name]
    if limit:
        args += ["--limit", str(limit)]
    if follow:
        args += ["--follow", follow]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    os.unlink(handle.name)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def median_of(run: Callable[[], float]) -> float:
    return statistics.median(run() for _ in range(RUNS))


def median_load(*args: Any) -> dict[str, float]:
    """The median of each figure over RUNS load runs of the same plan."""
    results = [load(*args) for _ in range(RUNS)]
    return {key: statistics.median(r[key] for r in results) for key in ("per_second", "p50_ms", "p99_ms")}


# Figures.

def ingest(kind: str, service: Service, scale: float) -> tuple[Figure, Any]:
    started = time.perf_counter()
    county = load_demo(service.ledger, end=END, scale=scale)
    rate = county.events / (time.perf_counter() - started)
    rows = [(n.originator_id, n.originator_version, n.topic, n.state)
            for n in service.ledger.recorder.select_notifications(1, 10**7)]
    raw = median_of(lambda: raw_insert(kind, service, rows))
    return Figure(kind, "bulk ingest (demo county)", rate, "events/s", raw, "≥ 0.5×", rate / raw >= 0.5,
                  f"loading {county.events} events through the rules, 60 members per transaction (one run: it "
                  f"fills the store); baseline: executemany of the same rows into an event-shaped table, one "
                  f"transaction (median of {RUNS})"), county


def raw_insert(kind: str, service: Service, rows: list[tuple[Any, ...]]) -> float:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            conn = sqlite3.connect(f"{folder}/raw.db", isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("CREATE TABLE e (originator_id TEXT, originator_version INTEGER, topic TEXT, state BLOB, "
                         "PRIMARY KEY (originator_id, originator_version))")
            started = time.perf_counter()
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO e VALUES (?,?,?,?)", [(str(a), b, c, d) for a, b, c, d in rows])
            conn.execute("COMMIT")
            elapsed = time.perf_counter() - started
            conn.close()
        return len(rows) / elapsed
    env = service.ledger.env_mapping
    with psycopg.connect(dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
                         user=env["POSTGRES_USER"], password=env["POSTGRES_PASSWORD"]) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(env["POSTGRES_SCHEMA"])))
        conn.execute("CREATE TABLE raw_events (originator_id uuid, originator_version bigint, topic text, "
                     "state bytea, PRIMARY KEY (originator_id, originator_version))")
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as cursor:
            cursor.executemany("INSERT INTO raw_events VALUES (%s, %s, %s, %s)", rows)
        conn.commit()
        elapsed = time.perf_counter() - started
        conn.execute("DROP TABLE raw_events")
        conn.commit()
    return len(rows) / elapsed


def rebuild(kind: str, service: Service) -> Figure:
    events = service.ledger.recorder.max_notification_id() or 0

    def rebuilt() -> float:
        started = time.perf_counter()
        service.runner.rebuild(grace=0)
        return events / (time.perf_counter() - started)

    rate, baseline = median_of(rebuilt), median_of(lambda: decode_rate(service))
    return Figure(kind, "rebuild of all views", rate, "events/s", baseline, "≥ 0.5×", rate / baseline >= 0.5,
                  "`liudong rebuild` from position 0 to the head, swap included; baseline: reading and decoding "
                  f"the same events (select_notifications + mapper.to_domain_event), no view; medians of {RUNS}")


def decode_rate(service: Service) -> float:
    started = time.perf_counter()
    start, count = 1, 0
    while batch := service.ledger.recorder.select_notifications(start, 5000):
        count += len([service.ledger.mapper.to_domain_event(n) for n in batch])
        start = batch[-1].id + 1
    return count / (time.perf_counter() - started)


def verification(kind: str, service: Service) -> Figure:
    recorder = service.ledger.recorder

    def verified() -> float:
        started = time.perf_counter()
        report = verify(recorder, recorder.sealer.leaves)
        assert report.ok, report.problem
        return report.checked / (time.perf_counter() - started)

    rate, baseline = median_of(verified), median_of(lambda: decode_rate(service))
    return Figure(kind, "verify the sealed log", rate, "events/s", baseline, "≥ 0.5×", rate / baseline >= 0.5,
                  "`liudong verify`: every event decrypted, its leaf, Merkle root and seal recomputed and compared; "
                  f"baseline: reading and decoding the same events, no view; medians of {RUNS}")


def export(kind: str, service: Service) -> Figure:
    """The whole register as xlsx (what GET /register.xlsx does) against openpyxl writing the same cells."""
    with tempfile.TemporaryDirectory() as folder:
        def exported() -> float:
            started = time.perf_counter()
            export_register(service, {}, Path(folder) / "register.xlsx", as_of=END)
            return time.perf_counter() - started

        rows = [cells(r, None) for r in register_rows(service.views, {})]

        def written() -> float:
            started = time.perf_counter()
            write_xlsx(Path(folder) / "raw.xlsx", rows, service.views.statistics(), [], "raw")
            return time.perf_counter() - started

        seconds, baseline = median_of(exported), median_of(written)
    return Figure(kind, "export the register (xlsx)", seconds, "s", baseline, "< 10 s", seconds < 10,
                  f"{len(rows)} members read from the views a page at a time, statistics and flags sheets included; "
                  f"baseline: openpyxl writing the same cells already in memory; medians of {RUNS}")


def http_figures(kind: str, service: Service, settings: Settings, county: Any, seconds: float) -> list[Figure]:
    views = service.views
    townships = [o["org_id"] for o in views.organisations() if o["kind"] == "township_committee"]
    away = [r["member_id"] for r in views.register(status="away_any", size=10_000).rows]
    numbers = [r["certificate_number"] for r in views.audit(topic="liudong.certificate.Issued", size=5000).rows]
    random.Random(1).shuffle(away)
    figures = []
    with served([sys.executable, "-m", "api.cli", "serve", "--no-access-log"], env_for(settings)) as url:
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
        figures.append(crud(service, settings, contacts, commands, seconds))
    return figures


def crud(service: Service, settings: Settings, plan: list[dict[str, Any]], commands: float,
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


def growth(kind: str, big: Settings, scale: float) -> list[Figure]:
    runs = {}
    with bench_store(kind, "small") as small:
        service = build_service(small)
        load_demo(service.ledger, end=END, scale=scale / 10)
        service.close()
        for label, settings in (("small", small), ("big", big)):
            done = subprocess.run([sys.executable, "-m", "bench.child"], env=env_for(settings),
                                  capture_output=True, text=True, check=True)
            runs[label] = json.loads(done.stdout)
            runs[label]["p99"] = register_p99(settings)
    events = runs["big"]["events"] / runs["small"]["events"]
    seconds = runs["big"]["seconds"] / runs["small"]["seconds"]
    memory = runs["big"]["max_rss_mb"] / runs["small"]["max_rss_mb"]
    p99 = runs["big"]["p99"] / runs["small"]["p99"]
    sizes = f"{runs['small']['events']} → {runs['big']['events']} events (×{events:.1f})"
    return [
        Figure(kind, "growth: rebuild time", seconds, "× time", None, f"≤ 1.1 × events (×{1.1 * events:.1f})",
               seconds <= 1.1 * events, f"{sizes}; {runs['small']['seconds']:.1f} s → {runs['big']['seconds']:.1f} s"),
        Figure(kind, "growth: rebuild peak memory", memory, "× RSS", None, "≤ 1.2×", memory <= 1.2,
               f"{sizes}; {runs['small']['max_rss_mb']:.0f} MB → {runs['big']['max_rss_mb']:.0f} MB"),
        Figure(kind, "growth: register query p99", p99, "× p99", None, "≤ 1.2× (must not grow)", p99 <= 1.2,
               f"{sizes}; in-process register page (township, status) "
               f"{1000 * runs['small']['p99']:.2f} ms → {1000 * runs['big']['p99']:.2f} ms"),
    ]


def register_p99(settings: Settings) -> float:
    service = build_service(settings)
    townships = [o["org_id"] for o in service.views.organisations() if o["kind"] == "township_committee"]
    times = []
    for i in range(300):
        started = time.perf_counter()
        service.views.register(org_id=townships[i % len(townships)], status="reported_in", size=50)
        times.append(time.perf_counter() - started)
    service.close()
    return percentile(times, 0.99)


def measure(kind: str, scale: float, seconds: float) -> list[Figure]:
    with bench_store(kind, "main") as settings:
        service = build_service(settings)
        first, county = ingest(kind, service, scale)
        figures = [first, rebuild(kind, service), verification(kind, service), export(kind, service)]
        figures += http_figures(kind, service, settings, county, seconds)
        service.close()
        figures += growth(kind, settings, scale)
    return figures


def show(figures: list[Figure]) -> None:
    table = Table(title=f"Liudong benchmarks, {date.today()} ({os.cpu_count()} cores)", show_lines=True)
    for column in ("store", "figure", "Liudong", "baseline", "ratio", "goal", "met?", "timed region"):
        table.add_column(column, overflow="fold")
    for f in figures:
        table.add_row(f.store, f.name, f"{f.value:,.1f} {f.unit}", f"{f.baseline:,.1f}" if f.baseline else "–",
                      f"{f.ratio:.2f}×" if f.ratio else "–", f.goal,
                      {True: "yes", False: "NO", None: "–"}[f.met], f.timed)
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each load run")
    parser.add_argument("--json", default="bench/latest.json")
    args = parser.parse_args()
    figures: list[Figure] = []
    for kind in args.stores.split(","):
        console.print(f"[bold]{kind}[/bold] …")
        figures += measure(kind, args.scale, args.seconds)
    show(figures)
    Path(args.json).write_text(json.dumps([asdict(f) | {"ratio": f.ratio} for f in figures], indent=1,
                                          ensure_ascii=False))


if __name__ == "__main__":
    main()
