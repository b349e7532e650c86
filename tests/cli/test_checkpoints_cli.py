"""`liudong checkpoint` and `liudong verify-consistency` as real processes on each
store: checkpoints signed with the county's own key, the same one again while
nothing new is sealed, never a smaller tree; two checkpoints and the proof
between them verify offline with the public key alone, and nothing else does."""

from __future__ import annotations

import json
from pathlib import Path

from domain.county import County
from domain.ids import county_id
from integrity.consistency import consistency_path
from integrity.tables import SealReader
from service.bootstrap import build_ledger, build_service
from tests.support.helpers import cli_env, liudong
from tests.support.stores import Store

SEED = "3c9a71e5" * 8


def _proof(store: Store, first: int, second: int, folder: Path) -> Path:
    ledger = build_ledger(store.settings.model_copy(update={"signing_key": None}))
    try:
        seals = SealReader(ledger.recorder)
        old, new = seals.at_seq(first - 1), seals.at_seq(second - 1)
        assert old is not None and new is not None
        path = consistency_path(first, seals.leaves_upto(second - 1))
    finally:
        ledger.close()
    proof = folder / "proof.json"
    proof.write_text(json.dumps({"format": "liudong-consistency/1", "from": first, "to": second,
                                 "from_root": old.root.hex(), "to_root": new.root.hex(),
                                 "path": [h.hex() for h in path]}))
    return proof


def test_checkpoints_signed_kept_and_verified_offline(store: Store, tmp_path: Path) -> None:
    env = {**cli_env(store), "LIUDONG_SIGNING_KEY": SEED}
    init = liudong(env, "init", "--county-code", "511922", "--county-name", "南江县", "--admin", "王明")
    assert init.returncode == 0, init.stderr
    kept = tmp_path / "checkpoints.txt"
    first = liudong(env, "checkpoint", "--append", str(kept))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("liudong.county/511922\n")
    assert liudong(env, "checkpoint").stdout == first.stdout  # nothing new sealed: the same checkpoint
    admin = next(line for line in init.stdout.splitlines() if "管理员编号" in line).split("：")[-1].strip()
    committee = str(store.ledger().load(County, county_id()).committee_id)
    added = liudong(env, "officer", "add", "--as", admin, "--name", "纪检员", "--org", committee, "--role", "auditor")
    assert added.returncode == 0, added.stderr
    second = liudong(env, "checkpoint", "--append", str(kept))
    assert second.returncode == 0 and second.stdout != first.stdout
    (tmp_path / "old.txt").write_text(first.stdout)
    (tmp_path / "new.txt").write_text(second.stdout)
    sizes = [int(note.splitlines()[1]) for note in (first.stdout, second.stdout)]
    proof = _proof(store, sizes[0], sizes[1], tmp_path)
    vkey = liudong(env, "checkpoint", "--public-key").stdout.strip()
    check = [str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), str(proof), "--vkey", vkey]
    verified = liudong(env, "verify-consistency", *check)
    assert verified.returncode == 0 and "一致" in verified.stdout, verified.stderr
    swapped = liudong(env, "verify-consistency", check[1], check[0], *check[2:])
    assert swapped.returncode == 1
    other = liudong({**env, "LIUDONG_SIGNING_KEY": "5d2e8f1a" * 8}, "checkpoint", "--public-key").stdout.strip()
    assert liudong(env, "verify-consistency", *check[:3], "--vkey", other).returncode == 1
    body = json.loads(proof.read_text())
    if body["path"]:
        body["path"][0] = ("0" if body["path"][0][0] != "0" else "1") + body["path"][0][1:]
        proof.write_text(json.dumps(body))
        assert liudong(env, "verify-consistency", *check).returncode == 1
    assert kept.read_text().count("liudong.county/511922\n") == 2


def test_a_smaller_tree_is_never_signed_and_postgresql_needs_a_key(store: Store) -> None:
    env = cli_env(store)
    assert liudong(env, "init", "--county-code", "511922", "--county-name", "南江县", "--admin", "王明").returncode == 0
    if store.kind == "postgres":
        refused = liudong(env, "checkpoint")
        assert refused.returncode == 1 and "LIUDONG_SIGNING_KEY" in refused.stderr
        env["LIUDONG_SIGNING_KEY"] = SEED
    assert liudong(env, "checkpoint").returncode == 0
    service = build_service(store.settings)  # as if a larger tree had been signed before
    try:
        with service.store.transaction() as tx:
            tx.execute("INSERT INTO liudong_checkpoints (size, root, note, signed_at) VALUES (?, ?, ?, ?)",
                       [10**9, "00" * 32, "later", "2099-01-01"])
    finally:
        service.close()
    refused = liudong(env, "checkpoint")
    assert refused.returncode == 1 and "不再签发更小的树" in refused.stderr
