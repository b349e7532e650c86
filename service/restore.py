"""`restore`: a backup (service/backup.py) copied into an empty store, then each
county checked against its last signed checkpoint and its seals, and its views
rebuilt (service/restore_check.py). A store that holds events is refused with
nothing changed; a restore that fails its checks is taken back, leaving the
store empty. The keys are never in the backup: restore names the one it needs."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from service.backup import PAGES, sqlite_events
from service.pg_tools import BackupError, Progress, entries, find_tool, run_tool, schema_contents, toc
from service.published import published_notes
from service.restore_check import Restored, check_and_rebuild
from service.settings import Settings

__all__ = ["Restored", "Steps", "restore"]


@dataclass(frozen=True)
class Steps:
    """Progress of each step: copying the backup in, verifying the chain, rebuilding the views."""

    copying: Progress
    verifying: Progress
    rebuilding: Progress


def restore(settings: Settings, path: Path, steps: Steps, published: Path | None = None) -> list[Restored]:
    """Restores `path` into the configured, empty store; one `Restored` per county checked, against
    the checkpoints kept off the machine too when `published` names them (service/published.py)."""
    if not path.is_file():
        raise BackupError(f"找不到备份文件 {path}")
    notes = published_notes(published) if published is not None else None
    if published is not None and not notes:
        raise BackupError(f"{published} 中没有检查点（应为 liudong checkpoint --append 写的文件，或见证导出的目录）")
    if settings.uses_postgres:
        counties, undo = _into_postgres(settings, path, steps.copying)
    else:
        counties, undo = [settings], _into_sqlite(settings, path, steps.copying)
    try:
        return [check_and_rebuild(county, steps.verifying, steps.rebuilding, notes) for county in counties]
    except BaseException:
        undo()
        raise


def _into_sqlite(settings: Settings, path: Path, progress: Progress) -> Callable[[], None]:
    db, kept = settings.db, settings.db.with_name(settings.db.name + ".key")
    try:
        if not sqlite_events(path):
            raise BackupError(f"{path} 中没有事件日志：不是 liudong backup 做的 SQLite 备份")
    except sqlite3.DatabaseError:
        raise BackupError(f"{path} 不是 SQLite 备份（PostgreSQL 的备份须在设置 DATABASE_URL 后恢复）") from None
    if db.exists() and (held := sqlite_events(db)):
        raise BackupError(f"目标存储 {db} 中已有 {held} 条事件：只能恢复到空的存储，未做任何改动")
    if settings.secret_key is None and not kept.exists():  # never generated here: it would open nothing
        raise BackupError(f"恢复需要备份时的密钥（备份中不含密钥）：请设置 LIUDONG_SECRET_KEY，"
                          f"或把原数据文件旁的 .key 文件复制为 {kept}")
    db.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(db, os.O_WRONLY | os.O_CREAT, 0o600))
    source, target = sqlite3.connect(f"file:{path}?mode=ro", uri=True), sqlite3.connect(db)
    try:
        source.backup(target, pages=PAGES, progress=lambda _, left, total: progress(total - left, total))
        target.execute("PRAGMA journal_mode=WAL")  # as the service keeps it
    finally:
        target.close()
        source.close()

    def undo() -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            db.with_name(db.name + suffix).unlink(missing_ok=True)

    return undo


def _into_postgres(settings: Settings, path: Path, progress: Progress) -> tuple[list[Settings], Callable[[], None]]:
    url = settings.database_url
    assert url is not None
    tool = find_tool("pg_restore", url)
    lines = toc(tool, path)
    schemas, tables = [name for _, name in entries(lines, "SCHEMA")], entries(lines, "TABLE")
    deployment = (settings.deployment_schema, "counties") in tables
    if not any(name == "liudong_events" for _, name in tables):
        raise BackupError(f"{path} 中没有事件日志：不是 liudong backup 做的备份")
    if not deployment and schemas != [settings.pg_schema]:
        raise BackupError(f"备份保存的是模式 {'、'.join(schemas)}，当前配置的是 {settings.pg_schema}："
                          f"请设置 LIUDONG_PG_SCHEMA={schemas[0]} 后再恢复（恢复不改模式名）")
    existing = []
    for schema in schemas:
        exists, held_tables, held_events = schema_contents(url, schema)
        if held_events:
            raise BackupError(f"目标存储的模式 {schema} 中已有 {held_events} 条事件：只能恢复到空的存储，未做任何改动")
        if held_tables:
            raise BackupError(f"目标存储的模式 {schema} 中已有 {held_tables} 张表（没有事件）：只能恢复到空的存储，"
                              "请先删除该模式；未做任何改动")
        if exists:
            existing.append(schema)
    # A schema that exists (e.g. public) is restored into, not created again.
    wanted = [line for line in lines if not any(f" SCHEMA - {s} " in line or f" - SCHEMA {s} " in line
                                                 for s in existing)]
    with tempfile.NamedTemporaryFile("w", suffix=".list") as listing:
        listing.write("\n".join(wanted) + "\n")
        listing.flush()
        run_tool(tool, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
                        f"--use-list={listing.name}", str(path)],
                 url, progress, len(entries(lines, "TABLE DATA")), "processing data for table")
    counties = _deployment_counties(settings, url) if deployment else [settings]
    return counties, lambda: _drop(url, schemas, existing)


def _deployment_counties(settings: Settings, url: str) -> list[Settings]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(sql.SQL("SELECT code, schema_name FROM {}.counties ORDER BY code")
                            .format(sql.Identifier(settings.deployment_schema))).fetchall()
    return [settings.for_county(code, schema) for code, schema in rows]


def _drop(url: str, schemas: list[str], existing: list[str]) -> None:
    """Takes a restore back: the schemas it created, and the tables it made in those that were there, empty."""
    with psycopg.connect(url, autocommit=True) as conn:
        for schema in schemas:
            if schema not in existing:
                conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
                continue
            for (table,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [schema]).fetchall():
                conn.execute(sql.SQL("DROP TABLE IF EXISTS {}.{} CASCADE")
                             .format(sql.Identifier(schema), sql.Identifier(table)))
            for kind, query in (("FUNCTION", FUNCTIONS), ("TYPE", TYPES)):  # the library's insert function
                for (name,) in conn.execute(query, [schema]).fetchall():
                    conn.execute(sql.SQL(f"DROP {kind} IF EXISTS {{}} CASCADE").format(sql.SQL(name)))


FUNCTIONS = ("SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
             "WHERE n.nspname = %s")
TYPES = ("SELECT t.oid::regtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
         "JOIN pg_class c ON c.oid = t.typrelid WHERE n.nspname = %s AND c.relkind = 'c'")
