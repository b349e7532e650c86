"""The checkpoints kept off the machine, for `liudong restore --checkpoints`: a
file `liudong checkpoint --append` wrote to, or a witness directory (`liudong
checkpoint export`). Each of the county's, opened with its signing key, must
match the restored log wherever the log reaches its size. Those beyond it, which
a backup older than the last publication lacks, go back into the signer's table:
then the signer signs neither a smaller tree nor over a log that lost what was
published (service/checkpoints.py), and people decide what happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from integrity.checkpoints import DASH, Checkpoint, CheckpointError, open_checkpoint
from integrity.tables import SealReader
from service.checkpoints import SCHEMA, TABLE
from service.pg_tools import BackupError

__all__ = ["Published", "against_published", "published_notes"]


@dataclass(frozen=True)
class Published:
    checked: int  # the county's checkpoints found in the file and matched
    beyond: int | None  # the largest published tree size the restored log does not reach


def published_notes(path: Path) -> list[str]:
    """Every signed note in a checkpoints file (notes one after another) or a witness directory."""
    if path.is_dir():
        folder = path / "checkpoints"
        return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if not p.name.startswith(".")] \
            if folder.is_dir() else []
    try:
        blocks = path.read_text(encoding="utf-8").split("\n\n")
    except (OSError, UnicodeDecodeError) as error:
        raise BackupError(f"无法读取检查点文件 {path}：{error}") from None
    notes = []
    for body, signatures in zip(blocks, blocks[1:], strict=False):  # a note: its text, a blank line, signatures
        if signatures.startswith(DASH) and not body.lstrip("\n").startswith(DASH):
            notes.append(body.lstrip("\n") + "\n\n" + signatures.split("\n\n")[0].rstrip("\n") + "\n")
    return notes


def against_published(notes: list[str], name: str, key: Ed25519PublicKey, ledger: Any, store: Any) -> Published:
    """Checks the restored log against the county's published checkpoints; keeps those beyond it."""
    mine = [note for note in notes if note.partition("\n")[0] == name]
    opened: list[Checkpoint] = []
    for note in mine:
        try:
            opened.append(open_checkpoint(note, name, key))
        except CheckpointError as error:
            raise BackupError(f"检查点文件中有一份{name}的检查点打不开（{error}）：不是当前签名密钥签发的，"
                              "或已被改动") from None
    reader, beyond = SealReader(ledger.recorder), []
    for checkpoint, note in zip(opened, mine, strict=True):
        seal = reader.at_seq(checkpoint.size - 1)
        if seal is None:
            beyond.append((checkpoint, note))
        elif seal.root != checkpoint.root:
            raise BackupError(f"恢复的日志与已发布的检查点不符：树大小 {checkpoint.size} 处的根哈希不同"
                              "（备份不是发布检查点的那份日志，或已被改动）")
    if beyond:
        _keep(store, beyond)
    return Published(len(opened), max((c.size for c, _ in beyond), default=None))


def _keep(store: Any, beyond: list[tuple[Checkpoint, str]]) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction() as tx:
        tx.execute(SCHEMA)
        held = {int(row["size"]) for row in tx.all(f"SELECT size FROM {TABLE}")}
        for checkpoint, note in beyond:
            if checkpoint.size not in held:
                tx.execute(f"INSERT INTO {TABLE} (size, root, note, signed_at) VALUES (?, ?, ?, ?)",
                           [checkpoint.size, checkpoint.root.hex(), note, now])
