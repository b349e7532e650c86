"""The witness export: a county's signed checkpoints and the consistency proof
between each consecutive two, as plain files an outside verifier (a county
auditor, the prefecture) keeps and checks without the database:

    DIR/vkey                       the verifier key (check against one pinned elsewhere)
    DIR/checkpoints/<size>         each signed note, byte for byte as signed
    DIR/consistency/<m>-<n>.json   liudong-consistency/1: the tree of n leaves extends that of m
    DIR/README.txt                 what is here and how to check it

`export` only adds: a file already there must be what it would write, else it
writes nothing and says which (another checkpoint of the same size is a fork).
Checking a directory is integrity/witness_check.py.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from integrity.checkpoints import CheckpointError, open_checkpoint, parse_vkey
from integrity.consistency import FORMAT, consistency_path, consistent
from integrity.kept import Kept

__all__ = ["Exported", "Layout", "WitnessError", "export", "proof_text", "size_of"]

SIZE = re.compile(r"[1-9][0-9]{0,18}")

README = """本目录是 {origin} 台账日志的签名检查点及其一致性证明（liudong checkpoint export 导出），
无需数据库即可核验：

  vkey                        核验公钥（请以另行保管的公钥为准，不要只信本目录中的这一份）
  checkpoints/<大小>           每个签名检查点（C2SP 签名文本：日志名、树大小、默克尔根、Ed25519 签名）
  consistency/<m>-<n>.json    一致性证明：大小为 n 的日志完整包含大小为 m 的日志（RFC 9162）

核验：liudong checkpoint verify 本目录 --vkey '所持公钥' [--previous 上次保存的副本]
已有的文件不会被改写；同一大小出现不同的检查点即为分叉，请报告上级组织部和纪检机关。
说明：docs/integrity.md 中 “Keeping and checking checkpoints (保存和核验检查点)” 一节。
"""


class WitnessError(ValueError):
    """The export cannot go on: what is already in the directory, or in the store, does not agree."""


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def vkey(self) -> Path:
        return self.root / "vkey"

    @property
    def readme(self) -> Path:
        return self.root / "README.txt"

    def checkpoint(self, size: int) -> Path:
        return self.root / "checkpoints" / str(size)

    def proof(self, first: int, second: int) -> Path:
        return self.root / "consistency" / f"{first}-{second}.json"

    def checkpoint_files(self) -> list[Path]:
        """The files under checkpoints/, but for an interrupted write's leftovers (names from a dot)."""
        folder = self.root / "checkpoints"
        return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def size_of(path: Path) -> int | None:
    """The tree size a checkpoint file's name says: decimal, written the one way."""
    return int(path.name) if SIZE.fullmatch(path.name) else None


@dataclass
class Exported:
    checkpoints: list[int] = field(default_factory=list)  # sizes added by this run
    proofs: list[str] = field(default_factory=list)  # file names added by this run


def proof_text(first: int, second: int, first_root: bytes, second_root: bytes, path: Sequence[bytes]) -> str:
    """A consistency proof as the export writes it: the one spelling the verifier accepts."""
    return json.dumps({"format": FORMAT, "from": first, "to": second, "from_root": first_root.hex(),
                       "to_root": second_root.hex(), "path": [h.hex() for h in path]},
                      separators=(",", ":")) + "\n"


def export(root: Path, vkey_text: str, kept: Sequence[Kept], leaves_upto: Callable[[int], Sequence[bytes]]) -> Exported:
    """Adds to `root` the checkpoints in `kept` and the proofs between consecutive ones that it
    lacks; `leaves_upto(seq)` gives the log's leaf hashes 0..seq (read only if a proof is new)."""
    name, key = parse_vkey(vkey_text)
    layout, done = Layout(root), Exported()
    for point in kept:
        try:
            opened = open_checkpoint(point.note, name, key)
        except CheckpointError:
            opened = None
        if opened is None or (opened.size, opened.root) != (point.size, point.root):
            raise WitnessError(f"库中大小为 {point.size} 的检查点不能用本县的核验公钥打开，或与其记录的根不符")
    sizes = {point.size for point in kept}
    _same(layout.vkey, vkey_text + "\n", "目录中的核验公钥与本县的不同，请换一个目录导出并查明原因")
    for path in layout.checkpoint_files():
        if size_of(path) not in sizes:
            raise WitnessError(f"目录中的检查点 {path.name} 不在库中（库被恢复到更早的备份，或检查点表被改动）："
                               "未导出，请查明原因")
    writes: dict[Path, str] = {}
    for point in kept:
        target = layout.checkpoint(point.size)
        _same(target, point.note, f"目录中大小为 {point.size} 的检查点与库中签发的不同：同一大小两个检查点，即分叉。未导出，请立即报告")
        if not target.exists():
            writes[target] = point.note
            done.checkpoints.append(point.size)
    pairs = [(a, b) for a, b in zip(kept, kept[1:], strict=False) if not layout.proof(a.size, b.size).exists()]
    leaves = leaves_upto(pairs[-1][1].size - 1) if pairs else []
    for first, second in pairs:
        path = consistency_path(first.size, leaves[:second.size]) if len(leaves) >= second.size else []
        if len(leaves) < second.size or not consistent(first.size, second.size, first.root, second.root, path):
            raise WitnessError(f"库中的封印不能证明大小 {second.size} 的日志包含大小 {first.size} 的日志："
                               "请运行 liudong verify")
        target = layout.proof(first.size, second.size)
        writes[target] = proof_text(first.size, second.size, first.root, second.root, path)
        done.proofs.append(target.name)
    writes[layout.vkey] = vkey_text + "\n"
    writes[layout.readme] = README.format(origin=name)
    for target, text in writes.items():  # checkpoints first: a proof is never there without its two ends
        _write(target, text)
    return done


def _same(path: Path, text: str, why: str) -> None:
    if path.exists() and path.read_bytes() != text.encode():
        raise WitnessError(f"{why}（{path}）")


def _write(path: Path, text: str) -> None:
    """Whole or not at all: a half-written file would later read as a fork."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as out:
        out.write(text.encode())
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
