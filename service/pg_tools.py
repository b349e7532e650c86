"""`pg_dump` and `pg_restore` for backups (service/backup.py, service/restore.py):
found on PATH or under /usr/lib/postgresql/<major>/bin (the server's major
version first), run with the password in the environment (never on the command
line), their --verbose lines counted into a progress callback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

__all__ = ["BackupError", "Progress", "entries", "find_tool", "run_tool", "schema_contents", "toc"]

Progress = Callable[[int, int], None]  # (done, in all)
INSTALLED = Path("/usr/lib/postgresql")


class BackupError(Exception):
    """A backup or restore that is not done; `text` says why, in Chinese, for people."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def _server_major(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.info.server_version // 10000


def find_tool(name: str, url: str) -> str:
    """The `pg_dump` or `pg_restore` of the server's major version if installed, else the one on PATH."""
    major = _server_major(url)
    candidates = [INSTALLED / str(major) / "bin" / name]
    if on_path := shutil.which(name):
        candidates.append(Path(on_path))
    candidates += sorted(INSTALLED.glob(f"*/bin/{name}"), reverse=True)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(f"找不到 {name}：请安装 PostgreSQL {major} 的客户端工具（postgresql-client-{major}），"
                      "或把其所在目录加入 PATH")


def run_tool(tool: str, args: Sequence[str], url: str, progress: Progress, total: int, marker: str) -> None:
    """Runs `tool ARGS --verbose` on the database `url`; each stderr line holding `marker` is one step done."""
    info = conninfo_to_dict(url)
    env = {**os.environ, "PGPASSWORD": str(info.pop("password", "") or os.environ.get("PGPASSWORD", ""))}
    command = [tool, *args, "--verbose", "--no-password", f"--dbname={make_conninfo(**info)}"]
    done, said = 0, []
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as child:
        assert child.stderr is not None
        for line in child.stderr:
            if marker in line:
                done += 1
                progress(min(done, total), total)
            elif "error" in line.lower() or "错误" in line:
                said.append(line.strip())
    if child.returncode != 0:
        raise BackupError(f"{Path(tool).name} 失败（退出码 {child.returncode}）：" + "；".join(said[-3:]))
    progress(total, total)


def toc(tool: str, dump: Path) -> list[str]:
    """The table of contents of a custom-format dump, one entry a line (`pg_restore --list`)."""
    listed = subprocess.run([tool, "--list", str(dump)], capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        raise BackupError(f"{dump} 不是 pg_dump 的自定义格式备份：{listed.stderr.strip()}")
    return [line for line in listed.stdout.splitlines() if line and not line.startswith(";")]


_ENTRY = re.compile(r"^\d+; \d+ \d+ (?P<kind>[A-Z ]+) (?P<schema>\S+) (?P<name>\S+) (?P<owner>\S+)$")


def entries(lines: Sequence[str], kind: str) -> list[tuple[str, str]]:
    """(schema, name) of the entries of one kind ("SCHEMA": schema is "-"; "TABLE DATA"...)."""
    found = (_ENTRY.match(line) for line in lines)
    return [(m["schema"], m["name"]) for m in found if m is not None and m["kind"] == kind]


def schema_contents(url: str, schema: str) -> tuple[bool, int, int]:
    """Whether `schema` exists, how many tables it holds, and how many events its log holds."""
    with psycopg.connect(url) as conn:
        tables = conn.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                              "WHERE n.nspname = %s AND c.relkind IN ('r', 'p')", [schema]).fetchall()
        exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema]).fetchone() is not None
        events = 0
        if ("liudong_events",) in tables:
            events = conn.execute(sql.SQL("SELECT count(*) FROM {}.liudong_events")
                                  .format(sql.Identifier(schema))).fetchone()[0]  # type: ignore[index]
    return exists, len(tables), int(events)
