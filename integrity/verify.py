"""Recomputes the chain from the stored events and compares it with the
seals and, optionally, with a digest an auditor kept outside the system.

Nothing stored is trusted: every leaf, root and seal hash is recomputed from
the events themselves (under the leaf format each was sealed with, see
`integrity.leaves`); the stored seals are only compared. The first event
that does not match is named, with what is wrong with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from integrity.leaves import Leaves
from integrity.merkle import Frontier
from integrity.seals import GENESIS, Seal, seal_hash
from integrity.tables import SealReader

__all__ = ["Digest", "Problem", "Report", "verify"]

BATCH = 2000


@dataclass(frozen=True)
class Digest:
    """A chain head as auditors keep it: `HASH@POSITION`."""

    hash: str
    position: int

    @classmethod
    def parse(cls, text: str) -> Digest:
        value, _, position = text.strip().partition("@")
        if len(value) != 64 or not position.isdigit():
            raise ValueError("摘要格式应为 哈希@位置（64位十六进制哈希）")
        bytes.fromhex(value)
        return cls(value.lower(), int(position))

    def __str__(self) -> str:
        return f"{self.hash}@{self.position}"


@dataclass(frozen=True)
class Problem:
    position: int
    kind: str  # edited, undecryptable, deleted, unsealed, seal_altered, seal_missing
    message: str


@dataclass
class Report:
    checked: int = 0
    head: Digest | None = None
    problem: Problem | None = None
    digest_held: bool | None = None  # None: no digest given
    digest_message: str = ""
    leaf_formats: Counter[int] = field(default_factory=Counter)  # leaf format -> events sealed with it

    @property
    def ok(self) -> bool:
        return self.problem is None and self.digest_held is not False


MESSAGES = {
    "unsealed": "该事件没有封印（在系统之外写入）",
    "deleted": "该事件已被删除（其封印仍在）",
    "undecryptable": "该事件无法解密或解析（存储内容被改动或密钥不符）",
    "edited": "该事件的内容与封印不符（已被改动）",
    "seal_missing": "该事件之前的封印缺失（封印或事件被删除）",
    "seal_altered": "该事件的封印被改动（与重新计算的哈希链不符）",
}


def verify(recorder: Any, leaves: Leaves, digest: Digest | None = None,
           progress: Callable[[int], None] = lambda n: None) -> Report:
    report = Report()
    frontier, prev, seq, leaf_format = Frontier(), GENESIS, 0, min(leaves.formats)
    events, seals = _events(recorder), _seals(SealReader(recorder))
    event, seal = next(events, None), next(seals, None)

    def fail(position: int, kind: str) -> Report:
        report.problem = Problem(position, kind, MESSAGES[kind])
        if digest is not None and report.digest_held is None:
            report.digest_held = False
            report.digest_message = f"摘要位置 {digest.position} 之前（含）的链已不完整"
        return report

    while event is not None or seal is not None:
        if seal is None or (event is not None and event.id < seal.position):
            return fail(event.id, "unsealed")
        if event is None or seal.position < event.id:
            return fail(seal.position, "deleted")
        if seal.seq != seq:
            return fail(seal.position, "seal_missing")
        try:
            found = leaves.matching(seal.leaf_hash, event.id, event.originator_id, event.originator_version,
                                    event.topic, event.state, leaf_format)
        except Exception:  # any failure to open the state is the finding
            return fail(event.id, "undecryptable")
        if found is None:
            return fail(event.id, "edited")
        leaf, leaf_format = seal.leaf_hash, found
        report.leaf_formats[leaf_format] += 1
        frontier.append(leaf)
        root = frontier.root()
        computed = seal_hash(seq, event.id, prev, leaf, root, seal.sealed_at)
        if (seal.prev_hash, seal.root, seal.hash) != (prev, root, computed):
            return fail(event.id, "seal_altered")
        if digest is not None and event.id == digest.position:
            report.digest_held = computed.hex() == digest.hash
            if not report.digest_held:
                report.digest_message = (f"位置 {digest.position} 处重新计算的链哈希与摘要不符："
                                         "该位置及之前的事件在摘要之后被改写")
        prev, seq = computed, seq + 1
        report.checked += 1
        report.head = Digest(computed.hex(), event.id)
        if report.checked % BATCH == 0:
            progress(BATCH)
        event, seal = next(events, None), next(seals, None)
    progress(report.checked % BATCH)
    if digest is not None and report.digest_held is None:
        report.digest_held = False
        last = report.head.position if report.head else 0
        report.digest_message = (f"摘要位置 {digest.position} 不是已封印事件的位置" if digest.position <= last
                                 else f"日志在摘要位置 {digest.position} 之前结束（末尾事件被删除）")
    return report


def _events(recorder: Any) -> Iterator[Any]:
    start = 1
    while batch := recorder.select_notifications(start, BATCH):
        yield from batch
        start = batch[-1].id + 1


def _seals(reader: SealReader) -> Iterator[Seal]:
    start = 0
    while batch := reader.batch(start, BATCH):
        yield from batch
        start = batch[-1].seq + 1
