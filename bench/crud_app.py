"""What a user would pick instead: a member table updated in place, and an
audit row written by a trigger, behind the same HTTP stack (FastAPI, uvicorn)
and a connection pool of the same size. Serve with

    DATABASE_URL=... uvicorn --factory bench.crud_app:create_app
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from fastapi import FastAPI, Request
from psycopg_pool import ConnectionPool
from pydantic import BaseModel

__all__ = ["SCHEMA_SQL", "create_app"]

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


class ContactIn(BaseModel):
    method: str
    outcome: str
    note: str = ""


def create_app() -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        schema = os.environ.get("CRUD_SCHEMA", "public")
        pool = ConnectionPool(os.environ["DATABASE_URL"], min_size=4, max_size=12, open=True,
                              kwargs={"options": f"-c search_path={schema}"})
        app.state.pool = pool
        yield
        pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.post("/members/{member_id}/contacts", status_code=201)
    def contact(member_id: str, body: ContactIn, request: Request) -> dict[str, Any]:
        status = "lost_contact" if body.outcome == "lost" else "away"
        with request.app.state.pool.connection() as conn:
            row = conn.execute("UPDATE crud_members SET status = %s, last_contact_on = %s, contacts = contacts + 1 "
                               "WHERE member_id = %s RETURNING contacts", [status, date.today(), member_id]).fetchone()
        return {"member_id": member_id, "contacts": row[0] if row else None}

    @app.get("/members/{member_id}")
    def member(member_id: str, request: Request) -> dict[str, Any]:
        with request.app.state.pool.connection() as conn:
            row = conn.execute("SELECT status FROM crud_members WHERE member_id = %s", [member_id]).fetchone()
        return {"member_id": member_id, "status": row[0] if row else None}

    return app
