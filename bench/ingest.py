"""Bulk ingest: the demo county loaded through the rules, beside two baselines
measured in the same run on the same store kind: raw `executemany` of the same
rows, and the crypto floor (the same events encrypted, sealed and inserted
through the ledger's own recorder, without any rule)."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import groupby
from typing import Any

import psycopg
from eventsourcing.persistence import StoredEvent
from psycopg import sql

from bench.harness import END, RUNS, spread
from bench.report import Figure
from demo import load_demo
from domain.ledger import Ledger
from integrity.tables import SealReader
from service.bootstrap import open_ledger
from service.process import Service

__all__ = ["crypto_floor", "ingest", "raw_insert"]

Event = tuple[Any, int, str, bytes]  # originator id, version, topic, plaintext or stored state


def ingest(kind: str, service: Service, scale: float) -> tuple[list[Figure], Any]:
    """The demo load's rate beside both baselines (medians of RUNS, their spread in the note)."""
    started = time.perf_counter()
    county = load_demo(service.ledger, end=END, scale=scale)
    rate = county.events / (time.perf_counter() - started)
    ledger = service.ledger
    stored = ledger.recorder.select_notifications(1, 10**7)
    rows = [(n.originator_id, n.originator_version, n.topic, n.state) for n in stored]
    raw = spread(raw_insert(kind, service, rows) for _ in range(RUNS))
    cipher = ledger.mapper.cipher
    plain = [(n.originator_id, n.originator_version, n.topic, cipher.decrypt(n.state) if cipher else n.state)
             for n in stored]
    sizes = transaction_sizes(ledger)
    floor = spread(crypto_floor(ledger, plain, sizes) for _ in range(RUNS))
    loaded = (f"loading {county.events} events through the rules in the order recorded, "
              f"{len(sizes)} transactions (one run: it fills the store)")
    return [
        Figure(kind, "bulk ingest (demo county) vs raw executemany", rate, "events/s", raw.median, "≥ 0.25×",
               rate / raw.median >= 0.25,
               f"{loaded}; baseline: executemany of the same rows into an event-shaped table, one transaction "
               f"(median of {RUNS}: {raw.low:,.0f}–{raw.high:,.0f})"),
        Figure(kind, "bulk ingest (demo county) vs crypto floor", rate, "events/s", floor.median, "≥ 0.5×",
               rate / floor.median >= 0.5,
               f"{loaded}; baseline: the same events encrypted, sealed and inserted by the ledger's recorder "
               f"into a fresh store in the same transactions, no rule, no transcoding "
               f"(median of {RUNS}: {floor.low:,.0f}–{floor.high:,.0f})"),
    ], county


def transaction_sizes(ledger: Ledger) -> list[int]:
    """How many events each of the load's transactions stored: a transaction's seals
    share their `sealed_at`."""
    reader, seals, start = SealReader(ledger.recorder), [], 0
    while batch := reader.batch(start, 10_000):
        seals += [s.sealed_at for s in batch]
        start = batch[-1].seq + 1
    return [len(list(group)) for _, group in groupby(seals)]


def crypto_floor(ledger: Ledger, plain: Sequence[Event], sizes: Sequence[int]) -> float:
    """Events per second encrypting, sealing and inserting `plain` in transactions of `sizes`."""
    with _fresh_store(ledger.env_mapping) as env:
        target = open_ledger(env, ledger.identity_key)
        cipher, recorder = target.mapper.cipher, target.recorder
        assert cipher is not None
        started, at = time.perf_counter(), 0
        for size in sizes:
            recorder.insert_events([StoredEvent(originator_id=i, originator_version=v, topic=t,
                                                state=cipher.encrypt(p)) for i, v, t, p in plain[at:at + size]])
            at += size
        elapsed = time.perf_counter() - started
        target.close()
    return len(plain) / elapsed


@contextmanager
def _fresh_store(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """The same kind of store as `env`, empty: a new SQLite file or PostgreSQL schema."""
    if "POSTGRES_SCHEMA" not in env:
        with tempfile.TemporaryDirectory() as folder:
            yield {**env, "SQLITE_DBNAME": f"{folder}/floor.db"}
        return
    schema = sql.Identifier(f"{env['POSTGRES_SCHEMA']}_floor")
    with _connect(env) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
        conn.commit()
    try:
        yield {**env, "POSTGRES_SCHEMA": f"{env['POSTGRES_SCHEMA']}_floor"}
    finally:
        with _connect(env) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(schema))
            conn.commit()


def _connect(env: dict[str, str]) -> psycopg.Connection[Any]:
    return psycopg.connect(dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
                           user=env["POSTGRES_USER"], password=env["POSTGRES_PASSWORD"])


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
    with _connect(env) as conn:
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
