"""`liudong checkpoint export DIR` on each store and `liudong checkpoint verify`
offline: three checkpoints with events between, exported in two runs; the
copy verifies with the pinned key, also against the auditor's previous copy;
a checkpoint re-signed for the same size (a fork) is refused by the export."""

from __future__ import annotations

import shutil
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import SecretStr
from typer.testing import CliRunner

from cli.main import app
from domain.commands import IssueToken
from integrity.checkpoints import Checkpoint, sign_checkpoint
from integrity.kept import TABLE
from service.bootstrap import build_service
from service.checkpoints import Signer, origin_of
from tests.support.county import build_small_county
from tests.support.helpers import cli_env, liudong
from tests.support.stores import Store

SEED = "3c9a71e5" * 8


def _offline(*args: str) -> tuple[int, str]:
    """An offline command in this process (no store, no settings): as fast as a function call."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_export_adds_only_the_new_and_the_copy_verifies(store: Store, tmp_path: Path) -> None:
    service = build_service(store.settings.model_copy(update={"signing_key": SecretStr(SEED)}))
    env, out = {**cli_env(store), "LIUDONG_SIGNING_KEY": SEED}, tmp_path / "witness"
    try:
        county = build_small_county(service.ledger)
        signer = Signer(service, service.signing_seed)
        sizes = [signer.sign_head()["size"]]
        first = liudong(env, "checkpoint", "export", str(out))
        assert first.returncode == 0 and f"新增检查点 1 个（大小 {sizes[0]}）" in first.stdout, first.stderr
        shutil.copytree(out, tmp_path / "kept")  # the auditor's copy of last month
        for _ in range(2):
            service.ledger.execute(county.admin, IssueToken(officer_id=county.t1_officer))
            sizes.append(signer.sign_head()["size"])
        vkey = signer.vkey()
        again = liudong(env, "checkpoint", "export", str(out))
        assert again.returncode == 0 and "新增检查点 2 个" in again.stdout, again.stderr
        assert sorted(p.name for p in (out / "checkpoints").iterdir()) == sorted(map(str, sizes))
        assert sorted(p.name for p in (out / "consistency").iterdir()) == sorted(
            [f"{sizes[0]}-{sizes[1]}.json", f"{sizes[1]}-{sizes[2]}.json"])
        assert (out / "vkey").read_text() == vkey + "\n" and "liudong checkpoint verify" in (out / "README.txt").read_text()
        code, text = _offline("checkpoint", "verify", str(out), "--vkey", vkey, "--previous", str(tmp_path / "kept"))
        assert code == 0 and "3 个检查点签名有效" in text and "上次保存的 1 个检查点均原样在新副本中" in text, text
        middle = out / "checkpoints" / str(sizes[1])
        note = middle.read_text()
        middle.write_text(note.replace(f"\n{sizes[1]}\n", f"\n{sizes[1] + 1}\n"))  # edited: the signature breaks
        assert _offline("checkpoint", "verify", str(out), "--vkey", vkey)[0] == 1
        middle.write_text(note)
        # The store's middle checkpoint re-signed with the county's own key over another root: a fork.
        assert service.signing_seed is not None
        name, key = origin_of(service), Ed25519PrivateKey.from_private_bytes(service.signing_seed)
        forged = sign_checkpoint(Checkpoint(name, sizes[1], b"\x07" * 32), name, key)
        with service.store.transaction() as tx:
            tx.execute(f"UPDATE {TABLE} SET root = ?, note = ? WHERE size = ?", ["07" * 32, forged, sizes[1]])
        refused = liudong(env, "checkpoint", "export", str(out))
        assert refused.returncode == 1 and "分叉" in refused.stderr
        assert middle.read_text() == note, "a refused export changes nothing"
    finally:
        service.close()
