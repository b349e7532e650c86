"""Consistency proofs (RFC 9162, section 2.1.4): that the tree of `second`
leaves extends the tree of `first` leaves, so everything an earlier
checkpoint committed to is still there, unchanged, in a later one.

`consistency_path` makes the proof from the leaves (the seals' leaf hashes);
`consistent` checks it with nothing but the two sizes, the two roots and
the path. Every size and length is checked before any hash is trusted: a
proof for other sizes, or a path one hash too long or too short, fails.
"""

from __future__ import annotations

from collections.abc import Sequence

from integrity.merkle import split_point, node_hash, tree_root

__all__ = ["FORMAT", "consistency_path", "consistent"]

FORMAT = "liudong-consistency/1"


def consistency_path(first: int, leaves: Sequence[bytes]) -> list[bytes]:
    """The proof that the tree of all `leaves` extends the tree of the first `first` of them."""
    if not 0 < first <= len(leaves):
        raise ValueError("the earlier tree must have between 1 and as many leaves as the later one")
    return _subproof(first, leaves, True)


def _subproof(m: int, leaves: Sequence[bytes], whole: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b) of RFC 9162, 2.1.4.1."""
    n = len(leaves)
    if m == n:
        return [] if whole else [tree_root(leaves)]
    k = split_point(n)
    if m <= k:
        return [*_subproof(m, leaves[:k], whole), tree_root(leaves[k:])]
    return [*_subproof(m - k, leaves[k:], False), tree_root(leaves[:k])]


def consistent(first: int, second: int, first_root: bytes, second_root: bytes, path: Sequence[bytes]) -> bool:
    """True when `path` proves the tree of `second` leaves with `second_root` extends the tree
    of `first` leaves with `first_root` (RFC 9162, 2.1.4.2)."""
    if not 0 < first <= second or any(len(h) != 32 for h in (first_root, second_root, *path)):
        return False
    if first == second:
        return not path and first_root == second_root
    if len(path) != _expected_length(first, second):
        return False
    if first & (first - 1) == 0:  # a perfect tree: its root is the first node of the proof
        path = [first_root, *path]
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0


def _expected_length(m: int, n: int) -> int:
    """How many hashes SUBPROOF(m, D[n], true) has: the length a proof of these sizes must have."""
    length, whole = 0, True
    while m != n:
        k = split_point(n)
        length += 1
        if m <= k:
            n = k
        else:
            m, n, whole = m - k, n - k, False
    return length + (0 if whole else 1)
