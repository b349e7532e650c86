"""A Merkle tree over the sealed leaves, in the shape of RFC 9162 (Certificate
Transparency v2): leaves and inner nodes are hashed with distinct prefixes, a
tree of n leaves splits at the largest power of two below n, and an inclusion
proof is the list of sibling hashes from a leaf up to the root.

`Frontier` keeps only the roots of the perfect subtrees on the tree's right
edge (at most log2 n hashes), which is all that appending a leaf and taking
the root need.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

__all__ = ["Frontier", "inclusion_path", "leaf_hash", "node_hash", "root_from_path", "split_point", "tree_root"]


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def tree_root(leaves: Sequence[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = split_point(len(leaves))
    return node_hash(tree_root(leaves[:k]), tree_root(leaves[k:]))


def inclusion_path(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """Sibling hashes from leaf `index` up to the root of the tree of `leaves`."""
    if not 0 <= index < len(leaves):
        raise ValueError("leaf index outside the tree")
    path: list[bytes] = []
    while len(leaves) > 1:
        k = split_point(len(leaves))
        if index < k:
            path.append(tree_root(leaves[k:]))
            leaves = leaves[:k]
        else:
            path.append(tree_root(leaves[:k]))
            leaves, index = leaves[k:], index - k
    return path[::-1]


def root_from_path(index: int, size: int, leaf: bytes, path: Sequence[bytes]) -> bytes | None:
    """The root that `path` proves `leaf` at `index` is under, or None if the
    path cannot belong to a tree of `size` leaves (RFC 9162, 2.1.3.2)."""
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf
    for sibling in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(sibling, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, sibling)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


class Frontier:
    """The right edge of a growing tree: (height, hash) of each perfect subtree."""

    def __init__(self, size: int = 0, peaks: list[tuple[int, bytes]] | None = None):
        self.size = size
        self.peaks = peaks or []

    @classmethod
    def of(cls, leaves: Sequence[bytes]) -> Frontier:
        frontier = cls()
        for leaf in leaves:
            frontier.append(leaf)
        return frontier

    def append(self, leaf: bytes) -> None:
        height, current = 0, leaf
        while self.peaks and self.peaks[-1][0] == height:
            current = node_hash(self.peaks.pop()[1], current)
            height += 1
        self.peaks.append((height, current))
        self.size += 1

    def root(self) -> bytes:
        if not self.peaks:
            return tree_root([])
        current = self.peaks[-1][1]
        for _, peak in reversed(self.peaks[:-1]):
            current = node_hash(peak, current)
        return current

    def copy(self) -> Frontier:
        return Frontier(self.size, list(self.peaks))
