"""Wires settings to the ledger: the one place where configuration meets code."""

from __future__ import annotations

from api.settings import Settings, store_env
from domain.clock import Clock, system_clock
from domain.service import Ledger

__all__ = ["build_ledger"]


def build_ledger(settings: Settings, clock: Clock = system_clock) -> Ledger:
    if settings.uses_postgres and settings.pg_schema != "public":
        _ensure_schema(settings)
    return Ledger(store_env(settings), identity_key=settings.identity_key(), clock=clock)


def _ensure_schema(settings: Settings) -> None:
    import psycopg
    from psycopg import sql

    assert settings.database_url is not None
    with psycopg.connect(settings.database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(settings.pg_schema)))
