"""The witness export as files, with no store: checkpoints signed over a log of
made-up leaves, exported, then checked with the pinned key alone. Any changed
byte of a checkpoint, a proof or the vkey fails; a removed middle checkpoint
fails (its neighbours have no proof between them); a re-signed checkpoint of
the same size (a fork) is refused by the export and found by the check."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from integrity.checkpoints import Checkpoint, sign_checkpoint, vkey
from integrity.kept import Kept
from integrity.merkle import tree_root
from integrity.witness import WitnessError, export
from integrity.witness_check import check_directory

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
NAME = "liudong.county/511922"
VKEY = vkey(NAME, KEY.public_key())
LEAVES = [hashlib.sha256(b"leaf %d" % i).digest() for i in range(50)]


def kept(size: int, leaves: list[bytes] = LEAVES) -> Kept:
    root = tree_root(leaves[:size])
    return Kept(size, root, sign_checkpoint(Checkpoint(NAME, size, root), NAME, KEY))


def exported(folder: Path, *sizes: int) -> Path:
    export(folder, VKEY, [kept(size) for size in sizes], lambda seq: LEAVES[:seq + 1])
    return folder


def problems(folder: Path, previous: Path | None = None) -> list[str]:
    return check_directory(folder, NAME, KEY.public_key(), previous).problems


def test_an_export_checks_and_a_second_run_adds_only_the_new(tmp_path: Path) -> None:
    folder = exported(tmp_path / "w", 5, 17)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    done = export(folder, VKEY, [kept(5), kept(17), kept(40)], lambda seq: LEAVES[:seq + 1])
    assert (done.checkpoints, done.proofs) == ([40], ["17-40.json"])
    assert all(path.read_bytes() == text for path, text in before.items())
    assert sorted(p.name for p in (folder / "consistency").iterdir()) == ["17-40.json", "5-17.json"]
    checked = check_directory(folder, NAME, KEY.public_key(), previous=None)
    assert (checked.sizes, checked.problems) == ([5, 17, 40], [])
    assert export(folder, VKEY, [kept(5), kept(17), kept(40)], lambda seq: []).checkpoints == []


def test_any_changed_byte_of_a_checkpoint_a_proof_or_the_vkey_fails(tmp_path: Path) -> None:
    folder = exported(tmp_path / "w", 3, 17, 40)
    files = [*(folder / "checkpoints").iterdir(), *(folder / "consistency").iterdir(), folder / "vkey"]
    for path in files:
        data = path.read_bytes()
        for where in range(len(data)):
            path.write_bytes(data[:where] + bytes([data[where] ^ 1]) + data[where + 1:])
            assert problems(folder), f"{path.name}, byte {where}"
        path.write_bytes(data)
    assert problems(folder) == []


def test_a_removed_middle_checkpoint_or_a_renamed_one_fails(tmp_path: Path) -> None:
    folder = exported(tmp_path / "w", 5, 17, 40)
    (folder / "checkpoints" / "17").unlink()
    assert any("缺少大小 5 与 40 之间的一致性证明" in p for p in problems(folder))
    (folder / "checkpoints" / "40").rename(folder / "checkpoints" / "17")
    assert any("与文件名不符" in p for p in problems(folder))


def test_a_fork_is_refused_by_the_export_and_found_against_the_previous_copy(tmp_path: Path) -> None:
    folder = exported(tmp_path / "w", 5, 17)
    kept_copy = tmp_path / "kept"
    shutil.copytree(folder, kept_copy)
    other = [*LEAVES[:10], *(hashlib.sha256(b"rewritten %d" % i).digest() for i in range(40))]
    fork = kept(17, other)  # the same key re-signs another history of the same size
    with pytest.raises(WitnessError, match="分叉"):
        export(folder, VKEY, [kept(5), fork, kept(40, other)], lambda seq: other[:seq + 1])
    assert not (folder / "checkpoints" / "40").exists(), "a refused export writes nothing"
    (folder / "checkpoints" / "17").write_text(fork.note)
    assert any("与两个检查点不符" in p for p in problems(folder))
    assert any("分叉" in p for p in problems(folder, previous=kept_copy))
    (folder / "checkpoints" / "17").unlink()
    assert any("在新副本中缺失" in p for p in problems(folder, previous=kept_copy))


def test_the_export_refuses_what_it_cannot_vouch_for(tmp_path: Path) -> None:
    folder = exported(tmp_path / "w", 5, 17)
    with pytest.raises(WitnessError, match="不在库中"):  # the store lost a checkpoint it exported
        export(folder, VKEY, [kept(5), kept(40)], lambda seq: LEAVES[:seq + 1])
    other_key = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
    with pytest.raises(WitnessError, match="核验公钥"):
        export(folder, vkey(NAME, other_key.public_key()), [kept(5)], lambda seq: LEAVES[:seq + 1])
    wrong_leaves = [hashlib.sha256(b"x").digest()] * 50  # the seals no longer match what was signed
    with pytest.raises(WitnessError, match="liudong verify"):
        export(tmp_path / "v", VKEY, [kept(5), kept(17)], lambda seq: wrong_leaves[:seq + 1])


def test_a_copy_checked_with_another_key_fails(tmp_path: Path) -> None:
    folder = exported(tmp_path / "w", 5, 17)
    other = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33))).public_key()
    found = check_directory(folder, NAME, other).problems
    assert any("vkey" in p for p in found) and any("签名无效" in p for p in found)
