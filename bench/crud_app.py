"""What a user would pick instead: a member table updated in place, and an
audit row written by a trigger, behind the same HTTP stack (FastAPI, uvicorn,
the settings of `liudong serve`; bench/ceiling_app.py `serve`). On
PostgreSQL a connection pool; on SQLite a connection per thread, WAL with
synchronous=FULL (the ledger's durability). Serve with

    DATABASE_URL=... CRUD_SCHEMA=...   python -m bench.ceiling_app --factory bench.crud_app:create_app --port P
    CRUD_DB=/tmp/crud.db               python -m bench.ceiling_app --factory bench.crud_app:create_app --port P
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from psycopg_pool import ConnectionPool
from pydantic import BaseModel

__all__ = ["SCHEMA_SQL", "SQLITE_SCHEMA_SQL", "create_app", "fill_sqlite"]

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS crud_members (
    member_id TEXT PRIMARY KEY, status TEXT NOT NULL, last_contact_on DATE, contacts INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS crud_audit (
    id BIGSERIAL PRIMARY KEY, member_id TEXT NOT NULL, changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    old_status TEXT, new_status TEXT, contacts INTEGER);
CREATE OR REPLACE FUNCTION crud_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO crud_audit (member_id, old_status, new_status, contacts)
    VALUES (NEW.member_id, OLD.status, NEW.status, NEW.contacts);
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS crud_audit_trigger ON crud_members;
CREATE TRIGGER crud_audit_trigger AFTER UPDATE ON crud_members FOR EACH ROW EXECUTE FUNCTION crud_audit_row();
"""

SQLITE_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS crud_members (
    member_id TEXT PRIMARY KEY, status TEXT NOT NULL, last_contact_on TEXT, contacts INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS crud_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, member_id TEXT NOT NULL,
    changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    old_status TEXT, new_status TEXT, contacts INTEGER);
CREATE TRIGGER IF NOT EXISTS crud_audit_trigger AFTER UPDATE ON crud_members FOR EACH ROW BEGIN
    INSERT INTO crud_audit (member_id, old_status, new_status, contacts)
    VALUES (NEW.member_id, OLD.status, NEW.status, NEW.contacts);
END;
"""

UPDATE = ("UPDATE crud_members SET status = {p}, last_contact_on = {p}, contacts = contacts + 1 "
          "WHERE member_id = {p} RETURNING contacts")


class ContactIn(BaseModel):
    method: str
    outcome: str
    note: str = ""
    lost_reason: str | None = None


def _sqlite(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def fill_sqlite(path: Path, member_ids: Iterable[str]) -> None:
    """The baseline's store: its schema and one row per member, status away."""
    conn = _sqlite(str(path))
    conn.executescript(SQLITE_SCHEMA_SQL)
    conn.execute("BEGIN")
    conn.executemany("INSERT OR IGNORE INTO crud_members (member_id, status) VALUES (?, 'away')",
                     [(m,) for m in member_ids])
    conn.execute("COMMIT")
    conn.close()


def _sqlite_runner(path: str) -> Callable[[str, list[Any]], Any]:
    """One connection per worker thread; writes one at a time through a lock, as a sensible
    SQLite app does (and the ledger's group commit): else writers meet SQLITE_BUSY and
    SQLite's busy handler sleeps them, which would make the baseline slow for nothing."""
    local = threading.local()
    writing = threading.Lock()

    def run(sql: str, params: list[Any]) -> Any:
        if not hasattr(local, "conn"):
            local.conn = _sqlite(path)
        if not sql.startswith("UPDATE"):
            return local.conn.execute(sql.format(p="?"), params).fetchone()
        with writing:
            return local.conn.execute(sql.format(p="?"), params).fetchone()
    return run


def create_app() -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if path := os.environ.get("CRUD_DB"):
            app.state.run = _sqlite_runner(path)
            yield
            return
        schema = os.environ.get("CRUD_SCHEMA", "public")
        pool = ConnectionPool(os.environ["DATABASE_URL"], min_size=4, max_size=12, open=True,
                              kwargs={"options": f"-c search_path={schema}"})

        def run(sql: str, params: list[Any]) -> Any:
            with pool.connection() as conn:
                return conn.execute(sql.format(p="%s"), params).fetchone()
        app.state.run = run
        yield
        pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.post("/members/{member_id}/contacts", status_code=201)
    def contact(member_id: str, body: ContactIn, request: Request) -> dict[str, Any]:
        status = "lost_contact" if body.outcome == "lost" else "away"
        row = request.app.state.run(UPDATE, [status, date.today().isoformat(), member_id])
        return {"member_id": member_id, "contacts": row[0] if row else None}

    @app.get("/members/{member_id}")
    def member(member_id: str, request: Request) -> dict[str, Any]:
        row = request.app.state.run("SELECT status FROM crud_members WHERE member_id = {p}", [member_id])
        return {"member_id": member_id, "status": row[0] if row else None}

    return app
