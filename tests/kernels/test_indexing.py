"""Tests of the index kernels against plain numpy."""

from __future__ import annotations

from typing import Any

import numpy as np

from pytorch_bridge.kernels import indexing


def grid(xp: Any) -> Any:
    """The 3 x 3 matrix 1..9."""
    return xp.arange(1.0, 10.0).reshape(3, 3)


def test_index_select_matches_take(xp: Any) -> None:
    """Selecting 1-based indices equals numpy's take of the 0-based ones."""
    a = grid(xp)
    idx = xp.asarray([3, 1, 3], dtype=np.int64)
    out = xp.empty((3, 3))
    assert indexing.index_select(a, 1, idx, out) is None
    xp.testing.assert_array_equal(xp.take(a, idx - 1, axis=1), out)


def test_index_select_into_a_strided_or_overlapping_destination(xp: Any) -> None:
    """The destination may be a strided view, or the source itself: the result is the
    selection of the source as it was."""
    a = grid(xp)
    idx = xp.asarray([2, 2, 1], dtype=np.int64)
    want = xp.take(a, idx - 1, axis=0)
    base = xp.zeros((3, 6))
    assert indexing.index_select(a, 0, idx, base[:, ::2]) is None
    xp.testing.assert_array_equal(want, base[:, ::2])
    xp.testing.assert_array_equal(xp.zeros((3, 3)), base[:, 1::2])
    assert indexing.index_select(a, 0, idx, a) is None
    xp.testing.assert_array_equal(want, a)


def test_out_of_range_index_is_returned_and_nothing_written(xp: Any) -> None:
    """An index outside [1, size] is returned and the destination is left unchanged."""
    a = grid(xp)
    before = a.copy()
    assert 4 == indexing.index_fill(a, 0, xp.asarray([1, 4], dtype=np.int64), 0.0)
    assert 0 == indexing.index_put(a, 0, xp.asarray([0], dtype=np.int64), xp.ones((1, 3)), False)
    xp.testing.assert_array_equal(before, a)
    assert -2 == indexing.gather(
        a, 1, xp.asarray([[1], [-2], [1]], dtype=np.int64), xp.empty((3, 1))
    )


def test_index_put_copies_and_adds(xp: Any) -> None:
    """indexCopy assigns slices (the last of repeated indices wins); indexAdd accumulates."""
    a = xp.zeros((3, 2))
    indexing.index_put(
        a, 0, xp.asarray([3, 1], dtype=np.int64), xp.asarray([[1.0, 2], [3, 4]]), False
    )
    xp.testing.assert_array_equal([[3, 4], [0, 0], [1, 2]], a)
    indexing.index_put(a, 0, xp.asarray([2, 2], dtype=np.int64), xp.ones((2, 2)), True)
    xp.testing.assert_array_equal([[3, 4], [2, 2], [1, 2]], a)
    repeated = xp.asarray([1, 3, 1], dtype=np.int64)
    indexing.index_put(a, 0, repeated, xp.asarray([[5.0, 6], [0, 0], [7, 8]]), False)
    xp.testing.assert_array_equal([[7, 8], [2, 2], [0, 0]], a)


def test_gather_and_scatter_match_along_axis(xp: Any, host: Any) -> None:
    """gather equals take_along_axis; scatter equals put_along_axis."""
    a = grid(xp)
    idx = xp.asarray([[3, 1], [2, 2], [1, 3]], dtype=np.int64)
    out = xp.empty((3, 2))
    indexing.gather(a, 1, idx, out)
    xp.testing.assert_array_equal(xp.take_along_axis(a, idx - 1, axis=1), out)
    dst = xp.zeros((3, 3))
    indexing.scatter(dst, 1, idx, xp.asarray([[1.0, 2, 9], [3, 4, 9], [5, 6, 9]]), 0.0)
    expected = np.zeros((3, 3))
    np.put_along_axis(expected, host(idx) - 1, np.asarray([[1.0, 2], [3, 4], [5, 6]]), axis=1)
    xp.testing.assert_array_equal(expected, dst)
    indexing.scatter(dst, 0, xp.asarray([[1, 1, 1]], dtype=np.int64), None, 7.0)
    assert [7.0, 7.0, 7.0] == dst[0].tolist()


def test_masked_kernels(xp: Any) -> None:
    """Masked select, copy and fill work in row-major order on views."""
    a = grid(xp).T
    mask = xp.asarray([0, 1, 0, 1, 0, 0, 0, 0, 1], dtype=np.uint8)
    assert 3 == indexing.mask_count(mask)
    assert -1 == indexing.mask_count(xp.asarray([2], dtype=np.uint8))
    out = xp.empty(3)
    indexing.masked_select(a, mask, out)
    xp.testing.assert_array_equal(a.reshape(-1)[mask.astype(bool)], out)
    indexing.masked_copy(a, mask, xp.asarray([10.0, 20, 30, 40]))
    assert [10.0, 20.0, 30.0] == a.reshape(-1)[mask.astype(bool)].tolist()
    indexing.masked_fill(a, mask, -1.0)
    assert [-1.0] * 3 == a.reshape(-1)[mask.astype(bool)].tolist()


def test_masked_fill_wraps_integers(xp: Any) -> None:
    """Filling an integer array with an out-of-range value wraps as a C cast does."""
    a = xp.zeros(2, dtype=np.uint8)
    indexing.masked_fill(a, xp.asarray([1, 0], dtype=np.uint8), 257.0)
    assert [1, 0] == a.tolist()


def test_nonzero_is_one_based(xp: Any) -> None:
    """nonzero writes the 1-based subscripts of numpy's nonzero, one row per element."""
    a = xp.asarray([[0, 3], [4, 0]])
    n = indexing.count_nonzero(a)
    out = xp.empty((n, 2), dtype=np.int64)
    indexing.nonzero(a, out)
    xp.testing.assert_array_equal(xp.argwhere(a) + 1, out)
