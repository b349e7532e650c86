"""The checkpoints a county's signer kept (`liudong_checkpoints`, written by
service/checkpoints.py), read through the views' store: for proofs against a
signed checkpoint and for the witness export. Reading never creates the table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["TABLE", "Kept", "kept_at", "kept_checkpoints"]

TABLE = "liudong_checkpoints"  # the signer's table (service/checkpoints.py writes it under this name)


@dataclass(frozen=True)
class Kept:
    size: int
    root: bytes
    note: str  # the signed note, byte for byte as signed


def kept_checkpoints(store: Any) -> list[Kept]:
    """Every checkpoint signed so far, smallest tree first."""
    return _select(store, "", ())


def kept_at(store: Any, size: int) -> Kept | None:
    """The checkpoint signed for a tree of `size` leaves, if one was."""
    found = _select(store, " WHERE size = ?", (size,))
    return found[0] if found else None


def _select(store: Any, where: str, params: tuple[Any, ...]) -> list[Kept]:
    with store.read() as tx:
        # A store where nothing was signed yet has no table; a read must not create it.
        exists = ("SELECT to_regclass(?) IS NOT NULL AS found" if store.is_postgres
                  else "SELECT count(*) > 0 AS found FROM sqlite_master WHERE type = 'table' AND name = ?")
        if not tx.value(exists, (TABLE,)):
            return []
        rows = tx.all(f"SELECT size, root, note FROM {TABLE}{where} ORDER BY size", params)
    return [Kept(int(r["size"]), bytes.fromhex(r["root"]), r["note"]) for r in rows]
