"""A mistyped `LIUDONG_DB` or `LIUDONG_PG_SCHEMA` must not become a new empty
store: `serve` (and the commands that read a store) say the county was never
initialised and stop at once, creating nothing; `run` still creates it."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from uuid import uuid4

import httpx
import psycopg
import pytest

from domain.county import County
from domain.ids import county_id
from service.settings import Settings
from tests.support.helpers import cli_env, liudong
from tests.support.network import free_port
from tests.support.stores import TEST_KEY, Store

NOT_INITIALISED = "数据存储中还没有初始化的县：请先运行 liudong init 或 liudong run；当前存储："


def schema_exists(url: str, schema: str) -> bool:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is not None


def test_serve_on_a_store_never_initialised_says_so_and_creates_nothing(store: Store) -> None:
    done = liudong(cli_env(store), "serve", "--port", str(free_port()), timeout=60)
    assert done.returncode != 0
    assert done.stderr.strip() == NOT_INITIALISED + store.settings.store_label
    assert not store.settings.db.exists(), "serve created a SQLite file"


@pytest.mark.postgres
def test_serve_on_a_mistyped_schema_creates_no_schema(postgres_url: str) -> None:
    typo = f"t_missing_{uuid4().hex[:12]}"
    env = cli_env(SimpleNamespace(settings=Settings(database_url=postgres_url, pg_schema=typo,
                                                    secret_key=TEST_KEY.hex())))
    try:
        done = liudong(env, "serve", "--port", str(free_port()), timeout=60)
        assert done.returncode != 0 and done.stderr.startswith(NOT_INITIALISED), done.stderr
        assert not schema_exists(postgres_url, typo), "serve created the mistyped schema"
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{typo}" CASCADE')


READERS = {"digest": ["digest"], "verify": ["verify"], "rekey": ["rekey"], "rebuild": ["rebuild"],
           "officer token": ["officer", "token", "--as", str(uuid4()), str(uuid4())],
           "export register": ["export", "register", "/tmp/liudong-never-written.csv"],
           "import register": ["import", "register", "/tmp/liudong-never-read.xlsx", "--as", str(uuid4())]}


def test_commands_that_read_a_store_do_not_create_a_missing_sqlite_file(tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "typo.db", database_url=None, secret_key=TEST_KEY.hex())
    env = cli_env(SimpleNamespace(settings=settings))
    with ThreadPoolExecutor(max_workers=4) as pool:  # one process each, at once: none may create anything
        answers = dict(zip(READERS, pool.map(lambda args: liudong(env, *args, timeout=60), READERS.values()),
                           strict=True))
    for command, done in answers.items():
        assert done.returncode != 0, command
        assert done.stderr.strip() == NOT_INITIALISED + settings.store_label, command
    assert list(tmp_path.iterdir()) == []


def test_run_on_an_empty_store_still_initialises_it_and_serves(store: Store) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "run", "--no-demo", "--port", str(port)],
                              env=cli_env(store), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        assert server.poll() is None, server.communicate()[1]
        assert store.ledger().load(County, county_id()).code == "511922"
    finally:
        server.terminate()
        server.wait(timeout=30)
