"""What a seal commits to: a leaf per stored event.

A leaf is the canonical JSON of the event's position, originator id, version,
topic and stored plaintext (never upcast), with personal fields replaced by
keyed commitments. It depends on neither the cipher key nor the encryption's
random nonce, so seals survive key rotation, and an auditor can recompute a
leaf from a proof without any key.

Which fields are personal is the leaf format (`FORMATS`). A format is never
changed once seals use it: a new personal field makes a new format, which
new seals use and which the leaf names (`leaf_format`, from format 2 on);
seals made with an older format keep verifying with it (`Leaves.matching`).

The sealer also reads each event's `timestamp` (recorded_at) from the content
it opens anyway, to keep the log in the order it was recorded (`recorded_at`).
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson

from integrity.merkle import leaf_hash

__all__ = ["FORMATS", "PERSONAL_FIELDS", "Leaves", "canonical", "leaf_bytes", "recorded_at"]

# Leaf format -> the fields it hides (at any depth, e.g. inside a correction's changes).
FORMATS: dict[int, frozenset[str]] = {
    1: frozenset({"id_number", "phone", "contact_phone", "inflow_contact_phone"}),
}
PERSONAL_FIELDS = FORMATS[max(FORMATS)]  # what new seals hide


def canonical(value: Any) -> bytes:
    """Compact UTF-8 JSON with sorted keys: one byte string per value."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def leaf_bytes(position: int, originator_id: str, version: int, topic: str, content: Any,
               leaf_format: int = 1) -> bytes:
    fields = {"position": position, "originator_id": originator_id, "version": version,
              "topic": topic, "content": content}
    if leaf_format > 1:  # format 1 leaves keep their bytes
        fields["leaf_format"] = leaf_format
    return canonical(fields)


def recorded_at(content: Any) -> datetime | None:
    """When an event was recorded (its `timestamp`, as the library's transcoder
    stores it), read from its content; None if it has none."""
    stamp = content.get("timestamp") if isinstance(content, dict) else None
    data = stamp.get("_data_") if isinstance(stamp, dict) else None
    if not isinstance(data, str):
        return None
    at = datetime.fromisoformat(data)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _needles(hidden: frozenset[str]) -> tuple[bytes, ...]:
    """What stored JSON holds if it has one of these fields (its name before the value),
    less the names ending with another one (`contact_phone"` holds `phone"`): scanned for
    in every event sealed."""
    names = [f'{name}"'.encode() for name in hidden]
    return tuple(sorted(n for n in names if not any(m != n and n.endswith(m) for m in names)))


class Leaves:
    """Turns stored events into leaves; needs the mapper (to open the state),
    the commitment key (to hide personal fields) and the leaf formats."""

    def __init__(self, mapper: Any, commitment_key: bytes, formats: Mapping[int, frozenset[str]] = FORMATS):
        self.mapper = mapper
        self.key = commitment_key
        self.formats = dict(formats)
        self.current = max(self.formats)
        self._needles = {n: _needles(hidden) for n, hidden in self.formats.items()}

    def plaintext(self, state: bytes) -> bytes:
        """The stored state, decrypted and decompressed: no transcoding, no upcast."""
        if self.mapper.cipher:
            state = self.mapper.cipher.decrypt(state)
        if self.mapper.compressor:
            state = self.mapper.compressor.decompress(state)
        return state

    def content(self, state: bytes, leaf_format: int | None = None) -> Any:
        """The event's content as an auditor sees it under a leaf format (by
        default the current one); raises ValueError if the state cannot be opened."""
        chosen = leaf_format or self.current
        plain = self.plaintext(state)
        content = orjson.loads(plain)
        if any(needle in plain for needle in self._needles[chosen]):  # else nothing to hide
            self._hide(content, self.formats[chosen])
        return content

    def leaf(self, position: int, originator_id: Any, version: int, topic: str, state: bytes,
             leaf_format: int | None = None) -> bytes:
        """The leaf hash under a leaf format (by default the current one: new seals)."""
        chosen = leaf_format or self.current
        return self.leaf_of(position, originator_id, version, topic, self.content(state, chosen), chosen)

    def leaf_of(self, position: int, originator_id: Any, version: int, topic: str, content: Any,
                leaf_format: int | None = None) -> bytes:
        """The leaf hash of content already opened (`content`) under the same leaf format."""
        chosen = leaf_format or self.current
        return leaf_hash(leaf_bytes(position, str(originator_id), version, topic, content, chosen))

    def matching(self, sealed: bytes, position: int, originator_id: Any, version: int, topic: str,
                 state: bytes, first: int = 1) -> int | None:
        """The leaf format whose leaf of this event is `sealed`, trying `first`
        (the format of the seal before), then the newest down; None if none is."""
        for leaf_format in dict.fromkeys([first, *sorted(self.formats, reverse=True)]):
            if leaf_format in self.formats and \
                    self.leaf(position, originator_id, version, topic, state, leaf_format) == sealed:
                return leaf_format
        return None

    def commitment(self, field: str, value: str) -> str:
        return hmac.digest(self.key, f"{field}\x00{value}".encode(), "sha256").hex()

    def _hide(self, value: dict[str, Any] | list[Any], hidden: frozenset[str]) -> None:
        """Replaces personal fields in place (the content was just parsed, nobody else
        holds it), descending only into dicts and lists: the sealer meets every event."""
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            if isinstance(item, dict | list):
                self._hide(item, hidden)
            elif key in hidden and isinstance(item, str) and item:
                value[key] = {"commitment": self.commitment(key, item)}  # type: ignore[index]
