"""What `restore` does once a backup is copied in, for each county: the last
checkpoint kept in the backup is opened with the configured signing key's
public half, the restored chain's root at that tree size must be its root,
the whole chain is verified to its head (integrity/verify.py), and the views
are rebuilt. Nothing here ever makes a key: a missing one is named."""

from __future__ import annotations

from base64 import b64decode
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.county import County
from domain.ids import county_id
from integrity.checkpoints import DASH, Checkpoint, CheckpointError, key_id, open_checkpoint
from integrity.kept import kept_checkpoints
from integrity.tables import SealReader
from integrity.verify import Digest, verify
from projections.runner import Runner
from projections.store import ViewStore
from service.bootstrap import build_ledger, starting
from service.checkpoints import origin_for
from service.pg_tools import BackupError, Progress
from service.published import Published, against_published
from service.settings import Settings, store_env

__all__ = ["Restored", "check_and_rebuild", "signers"]

KEY_HINT = "请设置 LIUDONG_SIGNING_KEY 为那把密钥（SQLite 也可把原数据文件旁的 .signing.key 复制到恢复后的数据文件旁）"
CIPHER_HINT = ("若备份未被改动，则是密钥不符：恢复需要备份时的 LIUDONG_SECRET_KEY"
               "（SQLite：原数据文件旁的 .key 文件）和 LIUDONG_CIPHER_KEY（若曾设置）")


@dataclass(frozen=True)
class Restored:
    county: str  # its code
    events: int
    head: Digest | None
    checkpoint: Checkpoint | None  # the last signed checkpoint the chain matched; None: none was ever signed
    generation: int  # of the rebuilt views
    store: str  # where it was restored to, for people
    published: Published | None = None  # checked against checkpoints kept off the machine, if given


def signers(note: str) -> str:
    """Who signed a checkpoint, as people match it with a verifier key: "name+key id" for each signature."""
    found = []
    for line in note.partition("\n\n")[2].splitlines():
        name, _, encoded = line.removeprefix(DASH).rpartition(" ")
        try:
            found.append(f"{name}+{b64decode(encoded, validate=True)[:4].hex()}")
        except ValueError:
            continue
    return "、".join(found) or "（无法识别的签名）"


def _signing_seed(settings: Settings) -> bytes | None:
    """The configured signing seed, or None: a SQLite store's missing key file is never generated here."""
    kept = settings.db.with_name(settings.db.name + ".signing.key")
    if settings.signing_key is None and not settings.uses_postgres and not kept.exists():
        return None
    return settings.signing_seed()


def against_checkpoint(settings: Settings, ledger: Any, store: ViewStore) -> Checkpoint | None:
    """The last checkpoint in the store, opened with the configured key, its root that of the restored chain."""
    kept = kept_checkpoints(store)
    if not kept:
        return None
    last, seed = kept[-1], _signing_seed(settings)
    note = last.note
    name, needed = note.partition("\n")[0], signers(note)
    if seed is None:
        raise BackupError(f"备份中最后的检查点（树大小 {last.size}）由签名密钥 {needed} 签发，"
                          f"核验需要它而当前没有配置签名密钥：{KEY_HINT}")
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    try:
        checkpoint = open_checkpoint(note, name, public)
    except CheckpointError:
        raise BackupError(f"签名密钥不符：当前配置的是 {name}+{key_id(name, public).hex()}，"
                          f"而备份中最后的检查点（树大小 {last.size}）由 {needed} 签发：{KEY_HINT}") from None
    seal = SealReader(ledger.recorder).at_seq(checkpoint.size - 1) if checkpoint.size else None
    if checkpoint.size and (seal is None or seal.root != checkpoint.root):
        raise BackupError(f"恢复的哈希链与签名检查点不符：树大小 {checkpoint.size} 处的根哈希"
                          + ("缺失（备份中少了事件）" if seal is None else "不同（备份中的事件或封印被改动）"))
    return checkpoint


def _against_published(settings: Settings, ledger: Any, notes: list[str] | None, store: ViewStore) -> Published | None:
    if notes is None:
        return None
    county, seed = ledger.load(County, county_id()), _signing_seed(settings)
    name = origin_for(county.code if county is not None else "")
    if seed is None:
        raise BackupError(f"核对检查点文件需要{name}的签名密钥，当前没有配置：{KEY_HINT}")
    return against_published(notes, name, Ed25519PrivateKey.from_private_bytes(seed).public_key(), ledger, store)


def check_and_rebuild(settings: Settings, verifying: Progress, rebuilding: Progress,
                      notes: list[str] | None = None) -> Restored:
    """Checks one restored county against its last checkpoint, the published ones (`notes`, kept off
    the machine) and its seals, then rebuilds its views."""
    ledger = build_ledger(settings)
    store = starting(lambda: ViewStore(store_env(settings)))
    try:
        checkpoint = against_checkpoint(settings, ledger, store)
        published = _against_published(settings, ledger, notes, store)
        recorder = ledger.recorder
        total, done = recorder.max_notification_id() or 0, [0]

        def step(n: int) -> None:
            done[0] += n
            verifying(done[0], total)

        report = verify(recorder, recorder.sealer.leaves, None, step)
        if report.problem is not None:
            problem = report.problem
            raise BackupError(f"哈希链核验未通过：位置 {problem.position}：{problem.message}"
                              + (f"。{CIPHER_HINT}" if problem.kind == "undecryptable" else ""))
        generation = Runner(ledger, store).rebuild(progress=rebuilding, grace=0.0)
        county = ledger.load(County, county_id())
        return Restored(county.code if county else "", report.checked, report.head, checkpoint, generation,
                        settings.store_label, published)
    finally:
        store.close()
        ledger.close()

