"""Checkpoints as C2SP signed notes: one signed with Ed25519 opens with the
signer's key and gives back its origin, size and root; a changed byte, another
key, another signer's name or a malformed text does not open."""

from __future__ import annotations

import hashlib
from base64 import b64decode

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from integrity.checkpoints import Checkpoint, CheckpointError, key_id, open_checkpoint, sign_checkpoint, vkey

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
NAME = "liudong.example/511922"
POINT = Checkpoint(NAME, 1843, hashlib.sha256(b"root").digest())


def test_a_signed_checkpoint_opens_with_its_signers_key() -> None:
    note = sign_checkpoint(POINT, NAME, KEY)
    assert note.startswith(f"{NAME}\n1843\n") and "\n\n\u2014 liudong.example/511922 " in note
    assert open_checkpoint(note, NAME, KEY.public_key()) == POINT
    name, hex_id, encoded = vkey(NAME, KEY.public_key()).split("+", 2)
    assert (name, bytes.fromhex(hex_id)) == (NAME, key_id(NAME, KEY.public_key()))
    assert b64decode(encoded)[0] == 1 and len(b64decode(encoded)) == 33  # Ed25519, then the 32-byte key


@settings(max_examples=60)
@given(st.data())
def test_any_changed_byte_does_not_open(data: st.DataObject) -> None:
    note = sign_checkpoint(POINT, NAME, KEY).encode()
    where = data.draw(st.integers(0, len(note) - 1))
    changed = note[:where] + bytes([note[where] ^ data.draw(st.integers(1, 255))]) + note[where + 1:]
    try:
        text = changed.decode()
    except UnicodeDecodeError:
        return  # not even text
    try:
        opened = open_checkpoint(text, NAME, KEY.public_key())
    except CheckpointError:
        return
    pytest.fail(f"a note with byte {where} changed opened: {opened}")


def test_another_key_or_signer_or_shape_does_not_open() -> None:
    note = sign_checkpoint(POINT, NAME, KEY)
    other = Ed25519PrivateKey.generate()
    for text, name, key in ((note, NAME, other.public_key()), (note, "another.example", KEY.public_key()),
                            (note.replace("\n\n", "\n"), NAME, KEY.public_key()),
                            (sign_checkpoint(POINT, NAME, other), NAME, KEY.public_key())):
        with pytest.raises(CheckpointError):
            open_checkpoint(text, name, key)
    with pytest.raises(CheckpointError):
        Checkpoint("two\nlines", 1, POINT.root).body()
