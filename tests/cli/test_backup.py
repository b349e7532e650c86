"""`liudong backup` and `liudong restore` as real processes on each store: a
small demo county with a signed checkpoint, backed up and restored into an
empty store, has the same figures and chain head; a store holding events is
refused and left as it was; the backup holds no key and none is written beside
it; restore names the signing key it needs; a tampered backup fails its check."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from psycopg import sql

from demo import load_demo
from domain.commands import IssueToken
from integrity.checkpoints import Checkpoint, key_id, sign_checkpoint
from integrity.tables import SealReader
from service.bootstrap import build_service
from service.pg_tools import find_tool
from service.settings import Settings
from tests.support.helpers import cli_env, liudong
from tests.support.stores import Store, open_store

END = date(2026, 11, 24)
SEED = "3c9a71e5" * 8  # PostgreSQL's signing key; SQLite's is generated into <db>.signing.key
OTHER_SEED = "5d2e8f1a" * 8
ORIGIN = "liudong.county/511922"


def _backed_up(store: Store, tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A small demo county, a checkpoint signed of its head, and a backup in a folder of its own."""
    store.demo = load_demo(store.ledger(), end=END, scale=0.005)  # type: ignore[attr-defined]
    env = {**cli_env(store), **({"LIUDONG_SIGNING_KEY": SEED} if store.kind == "postgres" else {})}
    signed = liudong(env, "checkpoint")
    assert signed.returncode == 0, signed.stderr
    folder = tmp_path / "backups"
    folder.mkdir()
    path = folder / "county.backup"
    taken = liudong(env, "backup", str(path))
    assert taken.returncode == 0, taken.stderr
    return env, path


def _seed(store: Store) -> bytes:
    if store.kind == "postgres":
        return bytes.fromhex(SEED)
    return bytes.fromhex(store.settings.db.with_name("ledger.db.signing.key").read_text())


@contextmanager
def _emptied(store: Store, env: dict[str, str], tmp_path: Path) -> Iterator[tuple[dict[str, str], Settings]]:
    """An empty store to restore into: a new SQLite file, or the same PostgreSQL schema dropped
    (a backup restores into the schema it was taken from); created again for the fixture to drop."""
    if store.kind == "sqlite":
        db = tmp_path / "restored" / "ledger.db"
        yield {**env, "LIUDONG_DB": str(db)}, store.settings.model_copy(update={"db": db})
        return
    url, schema = store.settings.database_url, sql.Identifier(store.settings.pg_schema)
    assert url is not None
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(schema))
    try:
        yield env, store.settings
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))


def _figures(settings: Settings, rebuild: bool = False) -> tuple[Any, ...]:
    """The county's statistics, register counts and chain head, as the views and seals show them."""
    service = build_service(settings)
    try:
        if rebuild:
            service.runner.rebuild(grace=0.0)
        queries, head = service.queries, SealReader(service.ledger.recorder).head()
        assert head is not None
        return (queries.statistics(None, END), queries.register(include_ended=True, size=1).total,
                queries.register(size=1).total, head.hash.hex(), head.position)
    finally:
        service.close()


def _is_empty(store: Store, target: Settings) -> bool:
    if store.kind == "sqlite":
        return not target.db.exists()
    assert target.database_url is not None
    with psycopg.connect(target.database_url) as conn:
        return conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [target.pg_schema]).fetchone() is None


def _plain(store: Store, path: Path) -> bytes:
    """The backup's bytes, and a PostgreSQL dump's (compressed) contents as SQL text too."""
    if store.kind == "sqlite":
        return path.read_bytes()
    url = store.settings.database_url
    assert url is not None
    text = subprocess.run([find_tool("pg_restore", url), "--file=-", str(path)], capture_output=True, check=True)
    return path.read_bytes() + text.stdout


def test_a_backup_holds_no_key_and_restores_into_an_empty_store_with_its_signing_key_only(
        store: Store, tmp_path: Path) -> None:
    env, path = _backed_up(store, tmp_path)
    before = _figures(store.settings, rebuild=True)
    # 1. no key in the backup, and no key file written beside it
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    seed, settings = _seed(store), store.settings
    cipher, held = settings.cipher_env(), _plain(store, path)
    for key in (seed, seed.hex(), settings.identity_key(), cipher["CIPHER_KEY"], cipher["SEAL_COMMITMENT_KEY"],
                env["LIUDONG_SECRET_KEY"], bytes.fromhex(env["LIUDONG_SECRET_KEY"])):
        raw = key if isinstance(key, bytes) else key.encode()
        assert raw not in held and raw.upper() not in held
    needed = f"{ORIGIN}+{key_id(ORIGIN, Ed25519PrivateKey.from_private_bytes(seed).public_key()).hex()}"
    with _emptied(store, {k: v for k, v in env.items() if k != "LIUDONG_SIGNING_KEY"}, tmp_path) as (bare, target):
        # 2. without the signing key (SQLite: its key file), or with another, restore names the one it needs
        if store.kind == "sqlite":
            missing = liudong(bare, "restore", str(path))
            assert missing.returncode == 1 and needed in missing.stderr, missing.stderr
            assert _is_empty(store, target) and not target.db.with_name("ledger.db.signing.key").exists()
        wrong = liudong({**bare, "LIUDONG_SIGNING_KEY": OTHER_SEED}, "restore", str(path))
        assert wrong.returncode == 1 and "签名密钥不符" in wrong.stderr and needed in wrong.stderr, wrong.stderr
        assert _is_empty(store, target)
        # 3. with it, the same figures and chain head, checked against the checkpoint
        keyed = {**bare, "LIUDONG_SIGNING_KEY": seed.hex()}
        restored = liudong(keyed, "restore", str(path))
        assert restored.returncode == 0, restored.stderr
        assert "与签名检查点相符" in restored.stdout and f"链头 {before[3]}@{before[4]}" in restored.stdout
        assert _figures(target) == before
        # 4. a store that holds events is refused, and left as it was
        again = liudong(keyed, "restore", str(path))
        assert again.returncode == 1 and f"已有 {before[4]} 条事件" in again.stderr, again.stderr
        assert _figures(target) == before


def test_a_backup_with_an_event_changed_fails_verification_and_leaves_the_store_empty(tmp_path: Path) -> None:
    with open_store("sqlite", tmp_path) as store:  # edited as a SQLite file; a dump is checked by the same code
        env, path = _backed_up(store, tmp_path)
        seed = _seed(store)
    with sqlite3.connect(path) as conn:
        state = bytearray(conn.execute("SELECT state FROM stored_events WHERE rowid = 100").fetchone()[0])
        state[-1] ^= 1
        conn.execute("UPDATE stored_events SET state = ? WHERE rowid = 100", [bytes(state)])
    conn.close()
    target = tmp_path / "restored" / "ledger.db"
    target.parent.mkdir()
    target.with_name("ledger.db.signing.key").write_text(seed.hex())
    failed = liudong({**env, "LIUDONG_DB": str(target)}, "restore", str(path))
    assert failed.returncode == 1 and "核验未通过：位置 100" in failed.stderr, failed.stderr
    assert not target.exists()


def test_a_restore_is_checked_against_the_checkpoints_kept_off_the_machine(tmp_path: Path) -> None:
    with open_store("sqlite", tmp_path) as store:
        env, path = _backed_up(store, tmp_path)
        seed, published = _seed(store), tmp_path / "published.checkpoints"
        assert liudong(env, "checkpoint", "--append", str(published)).returncode == 0  # the backup's size
        admin = UUID(store.demo.admin_id)  # type: ignore[attr-defined]
        ledger = store.ledger()
        for _ in range(3):  # events after the backup, published in a later checkpoint
            ledger.execute(admin, IssueToken(officer_id=admin))
        later = liudong(env, "checkpoint", "--append", str(published))
        assert later.returncode == 0, later.stderr
        size = int(later.stdout.splitlines()[1])
        # the signer signs over no log whose tree at the last signed size lost the signed root
        with sqlite3.connect(store.settings.db) as conn:
            conn.execute("UPDATE liudong_checkpoints SET root = ? WHERE size = ?", ["00" * 32, size])
        conn.close()
        ledger.execute(admin, IssueToken(officer_id=admin))
        forked = liudong(env, "checkpoint")
        assert forked.returncode == 1 and f"已签发的大小为 {size} 的检查点与当前日志不符" in forked.stderr, forked.stderr

    def target(name: str) -> dict[str, str]:
        db = tmp_path / name / "ledger.db"
        db.parent.mkdir()
        db.with_name("ledger.db.signing.key").write_text(seed.hex())
        return {**env, "LIUDONG_DB": str(db)}

    # 1. the backup is older than the last publication: matched, the later checkpoint kept, signing refused
    older = target("older")
    restored = liudong(older, "restore", str(path), "--checkpoints", str(published))
    assert restored.returncode == 0, restored.stderr
    assert "与保存在系统之外的检查点相符：2 份" in restored.stdout
    assert f"已发布的检查点到树大小 {size}" in restored.stderr and "少了已发布的 3 条" in restored.stderr
    refused = liudong(older, "checkpoint")
    assert refused.returncode == 1 and f"已签发过大小为 {size} 的检查点" in refused.stderr, refused.stderr
    # 2. a published checkpoint of the county, signed with its key, that the backup's log does not match
    key = Ed25519PrivateKey.from_private_bytes(seed)
    fork = sign_checkpoint(Checkpoint(ORIGIN, 5, b"\x01" * 32), ORIGIN, key)
    (tmp_path / "forked.checkpoints").write_text(fork + "\n")
    other = target("forked")
    mismatch = liudong(other, "restore", str(path), "--checkpoints", str(tmp_path / "forked.checkpoints"))
    assert mismatch.returncode == 1 and "树大小 5 处的根哈希不同" in mismatch.stderr, mismatch.stderr
    assert not Path(other["LIUDONG_DB"]).exists()
    # 3. a checkpoint changed in the file does not open
    lines = published.read_text().split("\n")
    lines[2] = lines[2][:-2] + ("AA" if not lines[2].endswith("AA") else "BB")
    (tmp_path / "changed.checkpoints").write_text("\n".join(lines))
    changed = liudong(target("changed"), "restore", str(path), "--checkpoints", str(tmp_path / "changed.checkpoints"))
    assert changed.returncode == 1 and "打不开" in changed.stderr, changed.stderr
