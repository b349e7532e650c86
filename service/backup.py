"""`backup`: a copy of the store in one file. SQLite through the online backup
API (safe while the service runs); PostgreSQL through `pg_dump --format=custom`
of the county's schema, or of a deployment's registry and every county's schema.
No key is ever written into it: keys are backed up apart (docs/operations.md,
"Backup and restore"); restoring is service/restore.py."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from service.counties import serves_counties
from service.pg_tools import BackupError, Progress, find_tool, run_tool
from service.settings import Settings

__all__ = ["Taken", "backup", "sqlite_events", "store_schemas"]

PAGES = 1024  # SQLite pages copied per step of the online backup (4 MiB with 4 KiB pages)


@dataclass(frozen=True)
class Taken:
    path: Path
    bytes: int
    events: int  # in the county's log (a deployment: in all its counties' logs)
    schemas: tuple[str, ...]  # PostgreSQL: the schemas dumped


def backup(settings: Settings, path: Path, progress: Progress) -> Taken:
    """Copies the store into `path` (a new file, readable by its owner only)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"备份文件 {path} 已存在：不覆盖已有的备份，请换一个文件名") from None
    except OSError as error:
        raise BackupError(f"无法创建备份文件 {path}：{error.strerror}") from None
    os.close(fd)
    try:
        if settings.uses_postgres:
            schemas = store_schemas(settings)
            events = _pg_dump(settings, schemas, path, progress)
        else:
            schemas, events = [], _sqlite_backup(settings.db, path, progress)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Taken(path, path.stat().st_size, events, tuple(schemas))


def _sqlite_backup(db: Path, path: Path, progress: Progress) -> int:
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # reads only: never creates the store
    target = sqlite3.connect(path)
    try:
        source.backup(target, pages=PAGES, progress=lambda _, left, total: progress(total - left, total))
        target.execute("PRAGMA journal_mode=DELETE")  # one file, with no -wal beside it
    finally:
        target.close()
        source.close()
    return sqlite_events(path)


def sqlite_events(db: Path) -> int:
    """How many events the SQLite file's log holds (0 for a file without a log)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stored_events'")
        return int(conn.execute("SELECT count(*) FROM stored_events").fetchone()[0]) if found.fetchone() else 0
    finally:
        conn.close()


def store_schemas(settings: Settings) -> list[str]:
    """The schemas a PostgreSQL backup holds: the county's, or a deployment's registry and its counties'."""
    if settings.county_code or not serves_counties(settings):
        return [settings.pg_schema]
    assert settings.database_url is not None
    with psycopg.connect(settings.database_url) as conn:
        rows = conn.execute(sql.SQL("SELECT schema_name FROM {}.counties ORDER BY code")
                            .format(sql.Identifier(settings.deployment_schema))).fetchall()
    return [settings.deployment_schema, *(row[0] for row in rows)]


def _pg_dump(settings: Settings, schemas: list[str], path: Path, progress: Progress) -> int:
    url = settings.database_url
    assert url is not None
    with psycopg.connect(url) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = ANY(%s)", [schemas]).fetchone()
        logs = conn.execute("SELECT schemaname FROM pg_tables WHERE schemaname = ANY(%s) "
                            "AND tablename = 'liudong_events'", [schemas]).fetchall()
        events = sum(conn.execute(sql.SQL("SELECT count(*) FROM {}.liudong_events").format(sql.Identifier(s)))
                     .fetchone()[0] for (s,) in logs)  # type: ignore[index]
    if not logs:
        raise BackupError(f"模式 {'、'.join(schemas)} 中没有事件日志：没有可备份的县")
    total = int(tables[0]) if tables else 0
    run_tool(find_tool("pg_dump", url), ["--format=custom", f"--file={path}", *(f"--schema={s}" for s in schemas)],
             url, progress, total, "dumping contents of table")
    return int(events)
