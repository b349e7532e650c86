"""AES-GCM for stored event state, with key rotation.

New events are encrypted with the current key (`CIPHER_KEY`, base64 of 32
bytes); events written under earlier keys (`CIPHER_OLD_KEYS`, comma-separated)
stay readable until `liudong rekey` has rewritten them under the current one.
GCM's tag tells which key fits, so no key id is stored. The stored layout
(12-byte nonce, 16-byte tag, ciphertext) is the eventsourcing library's own,
so its `AESCipher` reads these events with the same key.

The sealer opens each event right after it was encrypted, in the same
transaction: the cipher keeps what it encrypted last (`RECENT` states) and
hands that back for the very same ciphertext instead of decrypting it.
"""

from __future__ import annotations

import os
from base64 import b64decode
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.persistence import Cipher

__all__ = ["RECENT", "RotatingCipher"]

RECENT = 8192  # states kept (plaintext by ciphertext): a large transaction's (the demo loader's), then cleared


def _aes(key_b64: str) -> AESGCM:
    key = b64decode(key_b64.strip())
    if len(key) != 32:
        raise ValueError("加密密钥须为32字节（base64 编码）")
    return AESGCM(key)


class RotatingCipher(Cipher):
    def __init__(self, environment: Any):
        current = environment.get("CIPHER_KEY")
        if not current:
            raise OSError("'CIPHER_KEY' not in env")
        old = environment.get("CIPHER_OLD_KEYS") or ""
        self.current = _aes(current)
        self.old = [_aes(k) for k in old.split(",") if k.strip()]
        self._recent: dict[bytes, bytes] = {}

    def encrypt(self, plaintext: bytes) -> bytes:
        nonce = os.urandom(12)
        sealed = self.current.encrypt(nonce, plaintext, None)
        ciphertext = nonce + sealed[-16:] + sealed[:-16]
        if len(self._recent) >= RECENT:
            self._recent.clear()
        self._recent[ciphertext] = plaintext
        return ciphertext

    def decrypt(self, ciphertext: bytes) -> bytes:
        if isinstance(ciphertext, bytes) and (plaintext := self._recent.get(ciphertext)) is not None:
            return plaintext  # encrypted here moments ago: the same bytes decrypting would give
        for aes in (self.current, *self.old):
            try:
                return self._open(aes, ciphertext)
            except InvalidTag:
                continue
        raise ValueError("事件内容无法用任何已配置的密钥解密")

    def is_current(self, ciphertext: bytes) -> bool:
        """Whether the current key opens this state (else `rekey` rewrites it)."""
        try:
            self._open(self.current, ciphertext)
        except InvalidTag:
            return False
        return True

    @staticmethod
    def _open(aes: AESGCM, ciphertext: bytes) -> bytes:
        if len(ciphertext) < 28:
            raise InvalidTag
        return aes.decrypt(ciphertext[:12], ciphertext[28:] + ciphertext[12:28], None)
