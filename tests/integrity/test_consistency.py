"""Consistency proofs (RFC 9162, 2.1.4) against trees built in the test: every
proof of a tree extending an earlier one holds, and it fails when a byte of
it is flipped, when the sizes or the path's length are not the ones it was
made for, or when the earlier history was rewritten (a widely used SDK once
accepted falsified consistency proofs by skipping such checks)."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrity.consistency import consistency_path, consistent
from integrity.merkle import leaf_hash, tree_root


def _leaves(n: int, salt: bytes = b"") -> list[bytes]:
    return [leaf_hash(salt + hashlib.sha256(str(i).encode()).digest()) for i in range(n)]


def _sizes() -> st.SearchStrategy[tuple[int, int]]:
    return st.integers(1, 70).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n)))


def test_every_earlier_tree_is_proved_consistent_with_every_later_one() -> None:
    leaves = _leaves(40)
    for n in range(1, 41):
        for m in range(1, n + 1):
            path = consistency_path(m, leaves[:n])
            assert consistent(m, n, tree_root(leaves[:m]), tree_root(leaves[:n]), path), (m, n)


@given(_sizes(), st.data())
def test_a_flipped_byte_fails(sizes: tuple[int, int], data: st.DataObject) -> None:
    m, n = sizes
    leaves = _leaves(n)
    path = consistency_path(m, leaves)
    if not path:
        return  # equal trees: nothing to flip (their roots are compared)
    node = data.draw(st.integers(0, len(path) - 1))
    byte = data.draw(st.integers(0, 31))
    flipped = list(path)
    flipped[node] = flipped[node][:byte] + bytes([flipped[node][byte] ^ 0x01]) + flipped[node][byte + 1:]
    assert not consistent(m, n, tree_root(leaves[:m]), tree_root(leaves), flipped)


@given(_sizes())
def test_other_sizes_and_path_lengths_fail(sizes: tuple[int, int]) -> None:
    m, n = sizes
    leaves = _leaves(n + 1)
    old, new, path = tree_root(leaves[:m]), tree_root(leaves[:n]), consistency_path(m, leaves[:n])
    for first, second in ((m + 1, n), (m - 1, n), (m, n + 1), (m, n - 1)):
        if 0 < first <= second <= n + 1 and consistency_path(first, leaves[:second]) != path:
            # the trees of those sizes, with their true roots: this proof is not theirs
            assert not consistent(first, second, tree_root(leaves[:first]), tree_root(leaves[:second]), path)
    assert not consistent(0, n, old, new, path) and not consistent(n + 1, n, new, old, path)
    assert not consistent(m, n, old, new, [*path, path[-1] if path else old])  # one hash too many
    if path:
        assert not consistent(m, n, old, new, path[:-1])  # one too few
    assert not consistent(m, n, old, new, [h[:31] for h in path] or [old[:31]])  # not hashes


@given(_sizes(), st.data())
def test_a_rewritten_history_cannot_prove_it_extends_the_earlier_tree(sizes: tuple[int, int],
                                                                        data: st.DataObject) -> None:
    m, n = sizes
    honest = _leaves(n)
    changed = data.draw(st.integers(0, m - 1))
    rewritten = [*honest[:changed], leaf_hash(b"rewritten"), *honest[changed + 1:]]
    path = consistency_path(m, rewritten)
    assert not consistent(m, n, tree_root(honest[:m]), tree_root(rewritten), path)


def test_equal_trees_need_an_empty_path_and_equal_roots() -> None:
    leaves = _leaves(5)
    root = tree_root(leaves)
    assert consistency_path(5, leaves) == []
    assert consistent(5, 5, root, root, [])
    assert not consistent(5, 5, root, root, [root])
    assert not consistent(5, 5, root, tree_root(leaves[:4]), [])
    with pytest.raises(ValueError):
        consistency_path(0, leaves)
    with pytest.raises(ValueError):
        consistency_path(6, leaves)
