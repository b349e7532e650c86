"""What a seal commits to: a leaf per stored event.

A leaf is the canonical JSON of the event's position, originator id, version,
topic and plaintext content, with personal fields (ID and phone numbers)
replaced by keyed commitments. It depends on neither the cipher key nor the
encryption's random nonce, so seals survive key rotation, and an auditor can
recompute a leaf from a proof without any key.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import orjson

from integrity.merkle import leaf_hash

__all__ = ["PERSONAL_FIELDS", "Leaves", "canonical", "leaf_bytes"]

PERSONAL_FIELDS = frozenset({"id_number", "phone", "contact_phone", "inflow_contact_phone"})
_MARKERS = (b'"id_number"', b'phone"')  # a state without them has no personal field to hide


def canonical(value: Any) -> bytes:
    """Compact UTF-8 JSON with sorted keys: one byte string per value."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def leaf_bytes(position: int, originator_id: str, version: int, topic: str, content: Any) -> bytes:
    return canonical({"position": position, "originator_id": originator_id, "version": version,
                      "topic": topic, "content": content})


class Leaves:
    """Turns stored events into leaves; needs the mapper (to open the state)
    and the commitment key (to hide personal fields)."""

    def __init__(self, mapper: Any, commitment_key: bytes):
        self.mapper = mapper
        self.key = commitment_key

    def plaintext(self, state: bytes) -> bytes:
        if self.mapper.cipher:
            state = self.mapper.cipher.decrypt(state)
        if self.mapper.compressor:
            state = self.mapper.compressor.decompress(state)
        return state

    def content(self, state: bytes) -> Any:
        """The event's content as an auditor sees it; raises ValueError if the
        state cannot be opened."""
        plain = self.plaintext(state)
        content = orjson.loads(plain)
        return self._hide(content) if any(m in plain for m in _MARKERS) else content

    def leaf(self, position: int, originator_id: Any, version: int, topic: str, state: bytes) -> bytes:
        content = self.content(state)
        return leaf_hash(leaf_bytes(position, str(originator_id), version, topic, content))

    def commitment(self, field: str, value: str) -> str:
        return hmac.new(self.key, f"{field}\x00{value}".encode(), hashlib.sha256).hexdigest()

    def _hide(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: {"commitment": self.commitment(k, v)} if k in PERSONAL_FIELDS and isinstance(v, str) and v
                    else self._hide(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._hide(v) for v in value]
        return value
