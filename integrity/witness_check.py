"""Checks a witness export (integrity/witness.py) with nothing but the files and
the verifier key the auditor pinned: every checkpoint's signature, that its file
is named by its size, and the consistency proof between each two consecutive
ones, so each later tree extends every earlier one. With the auditor's previous
copy, also that every checkpoint kept there is here, byte for byte."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from integrity.checkpoints import Checkpoint, CheckpointError, open_checkpoint, vkey
from integrity.consistency import FORMAT, consistent
from integrity.witness import Layout, proof_text, size_of

__all__ = ["Checked", "check_directory"]

HEX = re.compile(r"[0-9a-f]{64}")


@dataclass
class Checked:
    sizes: list[int] = field(default_factory=list)  # the checkpoints that opened, smallest first
    problems: list[str] = field(default_factory=list)  # empty: the copy holds
    kept_before: int = 0  # checkpoints of the previous copy found here unchanged


def check_directory(root: Path, name: str, key: Ed25519PublicKey, previous: Path | None = None) -> Checked:
    layout, checked = Layout(root), Checked()
    if layout.vkey.exists() and layout.vkey.read_bytes() != f"{vkey(name, key)}\n".encode():
        checked.problems.append("目录中的 vkey 与所持公钥不同（以所持公钥为准）：签名者换了密钥，或目录不是本县的")
    opened: list[Checkpoint] = []
    for path in layout.checkpoint_files():
        point = _open(path, name, key, checked.problems)
        if point is not None:
            opened.append(point)
    if not opened and not checked.problems:
        checked.problems.append(f"{layout.root / 'checkpoints'} 中没有检查点")
    opened.sort(key=lambda point: point.size)
    checked.sizes = [point.size for point in opened]
    for first, second in zip(opened, opened[1:], strict=False):
        problem = _consistency(layout.proof(first.size, second.size), first, second)
        if problem:
            checked.problems.append(problem)
    if previous is not None:
        _against_previous(layout, Layout(previous), checked)
    return checked


def _open(path: Path, name: str, key: Ed25519PublicKey, problems: list[str]) -> Checkpoint | None:
    try:
        point = open_checkpoint(path.read_bytes().decode("utf-8"), name, key)
    except (OSError, UnicodeDecodeError, CheckpointError) as error:
        problems.append(f"检查点 {path.name} 签名无效或已被改动：{error}")
        return None
    if size_of(path) != point.size:  # a renamed file would put a tree out of its order
        problems.append(f"检查点文件 {path.name} 中的树大小是 {point.size}，与文件名不符")
        return None
    return point


def _consistency(path: Path, first: Checkpoint, second: Checkpoint) -> str | None:
    """What is wrong with the proof that `second` extends `first` (None: it holds)."""
    gap = f"大小 {first.size} 与 {second.size} 之间"
    try:
        text = path.read_bytes().decode("utf-8")
        proof: Any = json.loads(text)
        hashes = [_hash(h) for h in proof["path"]]
        fields = (proof["format"], proof["from"], proof["to"], _hash(proof["from_root"]), _hash(proof["to_root"]))
    except FileNotFoundError:
        return f"缺少{gap}的一致性证明 {path.name}（两者之间的检查点被删除或无效，或导出未完成）"
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        return f"{gap}的一致性证明 {path.name} 无法读取或已被改动：{error}"
    if fields != (FORMAT, first.size, second.size, first.root, second.root) \
            or text != proof_text(first.size, second.size, first.root, second.root, hashes):
        return f"{gap}的一致性证明 {path.name} 与两个检查点不符，或已被改动"
    if not consistent(first.size, second.size, first.root, second.root, hashes):
        return f"一致性证明不成立：大小为 {second.size} 的日志不包含大小为 {first.size} 的日志（历史被改写）"
    return None


def _against_previous(layout: Layout, previous: Layout, checked: Checked) -> None:
    """Every checkpoint of the copy kept before is here unchanged: none dropped, none re-signed."""
    if not previous.checkpoint_files():
        checked.problems.append(f"上次保存的副本 {previous.root} 中没有检查点")
    for path in previous.checkpoint_files():
        here = layout.root / "checkpoints" / path.name
        if not here.exists():
            checked.problems.append(f"上次保存的检查点 {path.name} 在新副本中缺失")
        elif here.read_bytes() != path.read_bytes():
            checked.problems.append(f"检查点 {path.name} 与上次保存的不同：同一大小两个检查点，即分叉，请立即报告")
        else:
            checked.kept_before += 1


def _hash(text: Any) -> bytes:
    if not isinstance(text, str) or not HEX.fullmatch(text):
        raise ValueError(f"哈希应为64位小写十六进制：{text!r}")
    return bytes.fromhex(text)
