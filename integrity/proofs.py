"""Inclusion proofs: some events, and what an auditor needs to check offline
that they are in the log a digest commits to, without any key and without
the rest of the log.

A proof holds the head seal at the digest's position (its sequence number,
previous hash, leaf hash and Merkle root: from these the auditor recomputes
the digest's hash) and, for each event, its content as sealed (personal
fields as keyed commitments), the leaf format it was sealed with when that is
not 1 (then the proof's format is liudong-proof/2), and the Merkle path from
its leaf to that root. A proof made to the tree size of a signed checkpoint
also carries the checkpoint's note (`checkpoint`); `check_at_checkpoint`
checks it against a checkpoint the auditor opened with the signer's key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from domain.ids import certificate_id
from integrity.checkpoints import Checkpoint
from integrity.leaves import Leaves, leaf_bytes
from integrity.merkle import inclusion_path, leaf_hash, root_from_path
from integrity.seals import Seal, seal_hash
from integrity.tables import SealReader
from integrity.verify import Digest

__all__ = ["FORMAT", "PROOF_FORMATS", "ProofError", "build_proof", "check_at_checkpoint", "check_proof"]

FORMAT = "liudong-proof/1"
PROOF_FORMATS = (FORMAT, "liudong-proof/2")  # 2: an event may name its leaf format
HEX = re.compile(r"[0-9a-f]{64}")


class ProofError(ValueError):
    """A proof cannot be made (the store does not match its seals) or does not hold."""


def build_proof(recorder: Any, leaves: Leaves, positions: Sequence[int], subject: dict[str, Any],
                at: int | None = None) -> dict[str, Any]:
    """A proof for the events at `positions` against the chain head at
    position `at` (by default the newest seal)."""
    reader = SealReader(recorder)
    head = reader.at_position(at) if at is not None else reader.head()
    if head is None:
        raise ProofError(f"位置 {at} 没有封印" if at is not None else "日志中还没有封印")
    tree = reader.leaves_upto(head.seq)
    events = []
    for position in sorted(set(positions)):
        if position > head.position:
            raise ProofError(f"事件 {position} 在摘要位置 {head.position} 之后，须以更新的摘要生成证明")
        seal = reader.at_position(position)
        found = recorder.select_notifications(position, 1)
        if seal is None or not found or found[0].id != position:
            raise ProofError(f"位置 {position} 的事件或封印缺失，请运行 liudong verify")
        event = found[0]
        leaf_format = leaves.matching(seal.leaf_hash, position, event.originator_id, event.originator_version,
                                      event.topic, event.state, leaves.current)
        if leaf_format is None:
            raise ProofError(f"位置 {position} 的事件与其封印不符，请运行 liudong verify")
        entry = {"position": position, "seq": seal.seq, "originator_id": str(event.originator_id),
                 "version": event.originator_version, "topic": event.topic,
                 "content": leaves.content(event.state, leaf_format)}
        if leaf_format > 1:
            entry["leaf_format"] = leaf_format
        entry["path"] = [h.hex() for h in inclusion_path(seal.seq, tree)]
        events.append(entry)
    proof_format = PROOF_FORMATS[1] if any("leaf_format" in e for e in events) else FORMAT
    return {"format": proof_format, "subject": subject, "digest": str(Digest(head.hash.hex(), head.position)),
            "head": _head(head), "events": events}


def check_proof(proof: dict[str, Any], digest: Digest) -> list[str]:
    """What is wrong with `proof` against `digest` (an empty list: it holds)."""
    try:
        return _check(proof, digest)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return [f"证明文件格式不对：{error!r}"]


def _check(proof: dict[str, Any], digest: Digest) -> list[str]:
    if proof.get("format") not in PROOF_FORMATS:
        return [f"证明文件格式应为 {' 或 '.join(PROOF_FORMATS)}"]
    head = proof["head"]
    seq, position = int(head["seq"]), int(head["position"])
    prev, leaf, root = (_hash(head[k]) for k in ("prev_hash", "leaf_hash", "root"))
    if position != digest.position or proof["digest"] != str(digest):
        return [f"证明针对位置 {position} 的摘要，所持摘要的位置是 {digest.position}：请以该摘要位置重新生成证明"]
    if seal_hash(seq, position, prev, leaf, root, str(head["sealed_at"])).hex() != digest.hash:
        return ["证明中的链头与所持摘要的哈希不符"]
    return _events(proof, seq + 1, root, position, "摘要")


def check_at_checkpoint(proof: dict[str, Any], checkpoint: Checkpoint) -> list[str]:
    """What is wrong with `proof` against a signed checkpoint (opened, so its signature held):
    each event's leaf, recomputed from its content, is under the checkpoint's root by a path of
    exactly the length a tree of its size calls for. The proof's head seal is not trusted."""
    try:
        if proof.get("format") not in PROOF_FORMATS:
            return [f"证明文件格式应为 {' 或 '.join(PROOF_FORMATS)}"]
        head = proof["head"]
        if int(head["seq"]) + 1 != checkpoint.size or _hash(head["root"]) != checkpoint.root:
            return [f"证明针对大小为 {int(head['seq']) + 1} 的树，所持检查点的大小是 {checkpoint.size}"
                    f"（或根不同）：请以 size={checkpoint.size} 重新获取证明"]
        return _events(proof, checkpoint.size, checkpoint.root, None, "检查点")
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return [f"证明文件格式不对：{error!r}"]


def _events(proof: dict[str, Any], size: int, root: bytes, position: int | None, held: str) -> list[str]:
    """The certificate's issue is among the events, and each is under `root` in a tree of `size` leaves."""
    problems = []
    number = proof["subject"]["certificate_number"]
    if not any(e["originator_id"] == str(certificate_id(number)) and e["version"] == 1 for e in proof["events"]):
        problems.append(f"证明中没有活动证 {number} 的发放记录")
    for event in proof["events"]:
        path = [_hash(h) for h in event["path"]]
        if position is not None and int(event["position"]) > position:
            problems.append(f"事件 {event['position']} 在摘要位置之后")
        elif root_from_path(int(event["seq"]), size, _leaf(event), path) != root:
            problems.append(f"事件 {event['position']}（{event['topic']}）不在{held}所承诺的日志中，或内容已被改动")
    return problems


def _hash(text: str) -> bytes:
    """A hash as written in a proof: exactly 64 lowercase hex digits."""
    if not HEX.fullmatch(text):
        raise ValueError(f"哈希应为64位小写十六进制：{text!r}")
    return bytes.fromhex(text)


def _leaf(event: dict[str, Any]) -> bytes:
    return leaf_hash(leaf_bytes(int(event["position"]), str(event["originator_id"]), int(event["version"]),
                                str(event["topic"]), event["content"], int(event.get("leaf_format", 1))))


def _head(seal: Seal) -> dict[str, Any]:
    return {"seq": seal.seq, "position": seal.position, "prev_hash": seal.prev_hash.hex(),
            "leaf_hash": seal.leaf_hash.hex(), "root": seal.root.hex(), "sealed_at": seal.sealed_at}
