"""Bulk ingest: the demo county loaded through the rules, beside raw
`executemany` of the same rows (and, once measured, the crypto floor)."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from typing import Any

import psycopg
from psycopg import sql

from bench.harness import END, RUNS, median_of
from bench.report import Figure
from demo import load_demo
from service.process import Service

__all__ = ["ingest", "raw_insert"]


def ingest(kind: str, service: Service, scale: float) -> tuple[Figure, Any]:
    started = time.perf_counter()
    county = load_demo(service.ledger, end=END, scale=scale)
    rate = county.events / (time.perf_counter() - started)
    rows = [(n.originator_id, n.originator_version, n.topic, n.state)
            for n in service.ledger.recorder.select_notifications(1, 10**7)]
    raw = median_of(lambda: raw_insert(kind, service, rows))
    return Figure(kind, "bulk ingest (demo county)", rate, "events/s", raw, "≥ 0.5×", rate / raw >= 0.5,
                  f"loading {county.events} events through the rules in the order recorded, 500 commands per transaction (one run: it "
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
