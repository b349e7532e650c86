"""The files a SQLite store keeps beside it hold personal data or keys: the
database and its -wal and -shm files, `<db>.key` and the demo's `<db>.tokens`
are readable by their owner only, under the usual umask (022)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from cli.main import _keep
from service.bootstrap import build_service
from service.settings import Settings
from tests.support.helpers import cli_env, liudong


def mode(path: Path) -> str:
    return oct(os.stat(path).st_mode & 0o777)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """Group and others may read new files unless the service says otherwise (so may its subprocesses)."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_a_new_store_its_wal_shm_and_key_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "county" / "ledger.db"
    service = build_service(Settings(db=db, database_url=None, secret_key=None))  # the key is generated
    try:
        service.ledger.initialise("511922", "南江县", "王明")
        files = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), db.with_name("ledger.db.key")]
        assert {f.name: mode(f) for f in files} == {f.name: "0o600" for f in files}
    finally:
        service.close()


def test_liudong_init_leaves_the_store_and_its_key_readable_by_their_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    env = cli_env(SimpleNamespace(settings=Settings(db=db, database_url=None)))
    del env["LIUDONG_SECRET_KEY"]
    done = liudong(env, "init", "--county-code", "511922", "--county-name", "南江县", "--admin", "王明")
    assert done.returncode == 0, done.stderr
    stored = sorted(tmp_path.glob("ledger.db*"))
    assert stored and {f.name: mode(f) for f in stored} == {f.name: "0o600" for f in stored}


def test_demo_tokens_written_over_an_older_readable_file_become_readable_by_their_owner_only(
        tmp_path: Path) -> None:
    tokens = tmp_path / "ledger.db.tokens"
    tokens.write_text("old-admin\nold-auditor\n")
    assert mode(tokens) == "0o644"
    _keep(tokens, "admin\nauditor\n")
    assert mode(tokens) == "0o600" and tokens.read_text() == "admin\nauditor\n"
