"""The county's signer of checkpoints (integrity/checkpoints.py): it signs the
sealed log's head as a C2SP signed note, keeps every checkpoint it signed in
`liudong_checkpoints`, and never signs a smaller tree than the last one (the
table is locked while it decides). Asked again with no new event, it gives the
same checkpoint back. Nor does it sign over a log whose tree at the last signed
size no longer has the signed root (a restore of an older backup, a rewrite):
that is a fork for people to look into (409)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain import rules
from integrity.checkpoints import Checkpoint, sign_checkpoint, vkey
from integrity.kept import TABLE  # read there too (proofs, the witness export)
from integrity.tables import SealReader
from service.process import Service

__all__ = ["TABLE", "Signer", "origin_for", "origin_of"]

SCHEMA = f"CREATE TABLE IF NOT EXISTS {TABLE} (size BIGINT PRIMARY KEY, root TEXT NOT NULL, note TEXT NOT NULL, " \
         "signed_at TEXT NOT NULL)"


def origin_for(code: str) -> str:
    """The origin line and signer name of a county's log, by its code."""
    return f"liudong.county/{code or 'uninitialised'}"


def origin_of(service: Service) -> str:
    return origin_for(service.county_code)


class Signer:
    def __init__(self, service: Service, seed: bytes | None):
        self.service = service
        self.key = Ed25519PrivateKey.from_private_bytes(seed) if seed is not None else None

    def vkey(self) -> str:
        return vkey(origin_of(self.service), self._key().public_key())

    def _key(self) -> Ed25519PrivateKey:
        if self.key is None:
            raise rules.SIGNING_KEY.refuse()
        return self.key

    def sign_head(self) -> dict[str, Any]:
        """The checkpoint of the sealed log's head: signed now, or the one signed before at this size."""
        key, name = self._key(), origin_of(self.service)
        head = SealReader(self.service.ledger.recorder).head()
        if head is None:
            raise rules.NO_SEALS.refuse()
        size = head.seq + 1
        store = self.service.store
        with store.transaction() as tx:
            tx.execute(SCHEMA)
            if store.is_postgres:
                tx.execute(f"LOCK TABLE {TABLE} IN EXCLUSIVE MODE")  # SQLite: BEGIN IMMEDIATE did
            last = tx.one(f"SELECT size, root, note FROM {TABLE} ORDER BY size DESC LIMIT 1")
            if last is not None and int(last["size"]) > size:
                raise rules.CHECKPOINT_SMALLER.refuse(size=size, signed=last["size"])
            if last is not None and self._root_at(int(last["size"])) != last["root"]:
                raise rules.CHECKPOINT_FORK.refuse(signed=last["size"])  # the log is not the one signed
            if last is not None and int(last["size"]) == size:
                note = last["note"]
            else:
                note = sign_checkpoint(Checkpoint(name, size, head.root), name, key)
                tx.execute(f"INSERT INTO {TABLE} (size, root, note, signed_at) VALUES (?, ?, ?, ?)",
                           [size, head.root.hex(), note, datetime.now(UTC).isoformat(timespec="seconds")])
        return {"origin": name, "size": size, "root": head.root.hex(), "note": note,
                "vkey": vkey(name, key.public_key())}

    def _root_at(self, size: int) -> str | None:
        """The sealed log's root at `size` leaves, as the table keeps roots (hex)."""
        seal = SealReader(self.service.ledger.recorder).at_seq(size - 1)
        return seal.root.hex() if seal is not None else None
