"""Checkpoints of a county's log as C2SP signed notes (tlog-checkpoint, signed-note):
the origin line naming the log, the tree size, the Merkle root in base64, then a
blank line and one signature line per signer, "— <name> <base64(key id || sig)>",
signed with Ed25519. Anyone holding the signer's verifier key (`vkey`) checks
a checkpoint with no store and no other key.

Only the text: which key signs, and that it never signs a smaller tree than it
signed last, belong to the service (service/checkpoints.py).
"""

from __future__ import annotations

import hashlib
from base64 import b64decode, b64encode
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

__all__ = ["DASH", "Checkpoint", "CheckpointError", "key_id", "open_checkpoint", "parse_vkey", "sign_checkpoint", "vkey"]

ED25519 = b"\x01"  # the signature type byte of signed notes
DASH = "\u2014 "  # a signature line starts with an em dash and a space


class CheckpointError(ValueError):
    """The text is not a checkpoint, or no good signature of the expected signer is on it."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str  # e.g. "liudong.example/511922": which log
    size: int  # how many leaves (sealed events)
    root: bytes  # the Merkle root of the tree of that size

    def body(self) -> str:
        if not self.origin or "\n" in self.origin or self.size < 0 or len(self.root) != 32:
            raise CheckpointError("a checkpoint needs a one-line origin, a size and a 32-byte root")
        return f"{self.origin}\n{self.size}\n{b64encode(self.root).decode()}\n"


def _public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(name: str, key: Ed25519PublicKey) -> bytes:
    """The 4-byte id a signature line carries: SHA-256 of the name, a newline, the type and the key."""
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + _public(key)).digest()[:4]


def vkey(name: str, key: Ed25519PublicKey) -> str:
    """The verifier key to publish: name+hex(key id)+base64(type || public key)."""
    return f"{name}+{key_id(name, key).hex()}+{b64encode(ED25519 + _public(key)).decode()}"


def parse_vkey(text: str) -> tuple[str, Ed25519PublicKey]:
    """The signer's name and key from a published verifier key; CheckpointError if it is not one."""
    name, _, rest = text.strip().partition("+")
    hex_id, _, encoded = rest.partition("+")
    raw = _canonical(encoded)
    if not name or raw is None or raw[:1] != ED25519 or len(raw) != 33:
        raise CheckpointError("a verifier key is name+key id+base64(0x01 || 32-byte Ed25519 key)")
    key = Ed25519PublicKey.from_public_bytes(raw[1:])
    if key_id(name, key).hex() != hex_id:
        raise CheckpointError("the key id does not match the name and the key")
    return name, key


def sign_checkpoint(checkpoint: Checkpoint, name: str, key: Ed25519PrivateKey) -> str:
    body = checkpoint.body()
    signature = key.sign(body.encode())
    return f"{body}\n{DASH}{name} {b64encode(key_id(name, key.public_key()) + signature).decode()}\n"


def open_checkpoint(note: str, name: str, key: Ed25519PublicKey) -> Checkpoint:
    """The checkpoint `note` holds, if the signer `name` with `key` signed it; else CheckpointError."""
    body, blank, signatures = note.partition("\n\n")
    if not blank or not body or not note.endswith("\n"):
        raise CheckpointError("not a signed note: a text, a blank line, then signature lines")
    body += "\n"
    lines = body.split("\n")[:-1]
    if len(lines) < 3 or not lines[1].isdigit() or (len(lines[1]) > 1 and lines[1][0] == "0"):
        raise CheckpointError("a checkpoint's text is the origin, the tree size and the root, one a line")
    root = _canonical(lines[2])
    if root is None:
        raise CheckpointError("the root is not base64")
    wanted = key_id(name, key)
    for line in signatures.rstrip("\n").split("\n"):
        signer, _, encoded = line.removeprefix(DASH).rpartition(" ")
        if not line.startswith(DASH) or signer != name:
            continue
        raw = _canonical(encoded)
        if raw is None or raw[:4] != wanted or len(raw) != 68:
            continue
        try:
            key.verify(raw[4:], body.encode())
        except InvalidSignature:
            continue
        return Checkpoint(lines[0], int(lines[1]), _root(root))
    raise CheckpointError(f"no good signature of {name} on this checkpoint")


def _canonical(text: str) -> bytes | None:
    """Base64 written the one way it encodes (no other spelling of the same bytes is taken)."""
    try:
        raw = b64decode(text, validate=True)
    except ValueError:
        return None
    return raw if b64encode(raw).decode() == text else None


def _root(root: bytes) -> bytes:
    if len(root) != 32:
        raise CheckpointError("the root is not 32 bytes")
    return root
