"""Tests of the reduction kernels against plain numpy."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pytorch_bridge.kernels import reduce


def data(xp: Any, shape: tuple[int, ...], dtype: Any = np.float64, seed: int = 0) -> Any:
    """A reproducible random array of small integers (as ``dtype``)."""
    rng = np.random.default_rng(seed)
    return xp.asarray(rng.integers(-9, 10, size=shape).astype(dtype))


@pytest.mark.parametrize("op", ["sum", "prod", "max", "min", "mean"])
def test_reduce_all_matches_numpy(xp: Any, op: str) -> None:
    """Whole-array reductions equal numpy's and come back as Python numbers."""
    a = data(xp, (4, 5))[:, ::2]
    got = reduce.reduce_all(op, a)
    assert float(getattr(xp, op)(a)) == pytest.approx(got)
    assert isinstance(got, float)


def test_reduce_all_integers_return_int(xp: Any) -> None:
    """Integer sums return a Python int accumulated without uint8 wrapping."""
    a = xp.full((3,), 200, dtype=np.uint8)
    assert 600 == reduce.reduce_all("sum", a)
    assert isinstance(reduce.reduce_all("max", a), int)


@pytest.mark.parametrize("biased", [0, 1])
def test_var_std_all_follow_the_flag(xp: Any, biased: int) -> None:
    """The flag picks n (biased) or n - 1 (unbiased) as the divisor."""
    a = data(xp, (6, 3))
    ddof = 0 if biased else 1
    assert float(xp.var(a, ddof=ddof)) == pytest.approx(reduce.reduce_all("var", a, biased))
    assert float(xp.std(a, ddof=ddof)) == pytest.approx(reduce.reduce_all("std", a, biased))


@pytest.mark.parametrize("p", [0.0, 1.0, 2.0, 3.0])
def test_norm_all_matches_numpy(xp: Any, p: float) -> None:
    """The p-norm of all elements equals numpy's vector norm."""
    a = data(xp, (5, 4))
    assert float(xp.linalg.norm(a.reshape(-1), ord=p)) == pytest.approx(
        reduce.reduce_all("norm", a, p)
    )


@pytest.mark.parametrize("op", ["sum", "prod", "mean"])
@pytest.mark.parametrize("axis", [0, 1, 2])
def test_reduce_dim_keeps_the_dimension(xp: Any, op: str, axis: int) -> None:
    """Reducing along an axis writes numpy's keepdims result into ``out``."""
    a = data(xp, (3, 4, 5)).transpose(2, 0, 1)
    expected = getattr(xp, op)(a, axis=axis, keepdims=True)
    out = xp.empty(expected.shape)
    reduce.reduce_dim(op, a, axis, out)
    xp.testing.assert_allclose(out, expected)


def test_reduce_dim_float32_accumulates_in_double(xp: Any) -> None:
    """Float32 sums accumulate in float64 before the final rounding to float32."""
    a = xp.full((1, 100000), 0.1, dtype=np.float32)
    out = xp.empty((1, 1), dtype=np.float32)
    reduce.reduce_dim("sum", a, 1, out)
    assert np.float32(float(xp.sum(a, dtype=np.float64))) == float(out[0, 0])


def test_reduce_dim_integer_sum_wraps(xp: Any) -> None:
    """An integer sum along an axis wraps into the result's type, as a C cast does."""
    a = xp.asarray([[200, 100]], dtype=np.uint8)
    out = xp.empty((1, 1), dtype=np.uint8)
    reduce.reduce_dim("sum", a, 1, out)
    assert 44 == int(out[0, 0])


@pytest.mark.parametrize("biased", [0, 1])
def test_var_std_and_norm_along_an_axis(xp: Any, biased: int) -> None:
    """var, std and norm along an axis equal numpy's."""
    a = data(xp, (4, 6))
    out = xp.empty((4, 1))
    reduce.reduce_dim("var", a, 1, out, biased)
    xp.testing.assert_allclose(out, xp.var(a, axis=1, ddof=1 - biased, keepdims=True))
    reduce.reduce_dim("std", a, 1, out, biased)
    xp.testing.assert_allclose(out, xp.std(a, axis=1, ddof=1 - biased, keepdims=True))
    reduce.reduce_dim("norm", a, 1, out, 3.0)
    xp.testing.assert_allclose(out, xp.linalg.norm(a, ord=3, axis=1, keepdims=True))


@pytest.mark.parametrize("op", ["cumsum", "cumprod"])
def test_cumulate_matches_numpy(xp: Any, op: str) -> None:
    """Running sums and products equal numpy's."""
    a = data(xp, (3, 4))
    out = xp.empty_like(a)
    reduce.cumulate(op, a, 1, out)
    xp.testing.assert_array_equal(getattr(xp, op)(a, axis=1), out)


@pytest.mark.parametrize("op", ["max", "min"])
def test_extreme_dim_gives_first_position_one_based(xp: Any, op: str) -> None:
    """Values and 1-based positions of the first extreme along an axis."""
    a = xp.asarray([[3.0, 7.0, 7.0], [1.0, 1.0, 0.0]])
    out = xp.empty((2, 1))
    idx = xp.empty((2, 1), dtype=np.int64)
    reduce.extreme_dim(op, a, 1, out, idx)
    arg = xp.argmax if op == "max" else xp.argmin
    xp.testing.assert_array_equal(arg(a, axis=1)[:, None] + 1, idx)
    xp.testing.assert_array_equal(getattr(xp, op)(a, axis=1, keepdims=True), out)


def test_extreme_dim_nan_wins(xp: Any) -> None:
    """A NaN is the maximum (and minimum) of its slice, at its first position."""
    a = xp.asarray([[1.0, np.nan, 5.0, np.nan]])
    out = xp.empty((1, 1))
    idx = xp.empty((1, 1), dtype=np.int64)
    reduce.extreme_dim("max", a, 1, out, idx)
    assert 2 == int(idx[0, 0])
    assert np.isnan(float(out[0, 0]))


@pytest.mark.parametrize("descending", [False, True])
def test_sort_dim_is_stable(xp: Any, host: Any, descending: bool) -> None:
    """Sorting keeps equal elements in their original order, both directions."""
    a = data(xp, (5, 40), seed=3)
    out = xp.empty_like(a)
    idx = xp.empty(a.shape, dtype=np.int64)
    reduce.sort_dim(a, 1, descending, out, idx)
    key = -a if descending else a
    order = np.argsort(host(key), axis=1, kind="stable")
    xp.testing.assert_array_equal(order + 1, idx)
    xp.testing.assert_array_equal(np.take_along_axis(host(a), order, axis=1), out)


def test_topk_and_kthvalue(xp: Any) -> None:
    """topk takes the k smallest (or largest) in order; kthvalue the k-th smallest."""
    a = xp.asarray([[5.0, 1.0, 4.0, 2.0, 3.0]])
    out = xp.empty((1, 2))
    idx = xp.empty((1, 2), dtype=np.int64)
    reduce.topk_dim(a, 2, 1, True, out, idx)
    assert [5.0, 4.0] == out[0].tolist()
    assert [1, 3] == idx[0].tolist()
    reduce.topk_dim(a, 2, 1, False, out, idx)
    assert [1.0, 2.0] == out[0].tolist()
    one = xp.empty((1, 1))
    one_idx = xp.empty((1, 1), dtype=np.int64)
    reduce.kthvalue_dim(a, 3, 1, one, one_idx)
    assert 3.0 == float(one[0, 0])
    assert 5 == int(one_idx[0, 0])


def test_mode_dim_picks_most_frequent_smallest_on_ties(xp: Any) -> None:
    """The mode is the most frequent value, the smallest among equally frequent ones."""
    a = xp.asarray([[1, 2, 2, 3, 3, 1, 1], [4, 2, 4, 2, 9, 9, 0]], dtype=np.int32).T
    out = xp.empty((1, 2), dtype=np.int32)
    idx = xp.empty((1, 2), dtype=np.int64)
    reduce.mode_dim(a, 0, out, idx)
    assert [1, 2] == out[0].tolist()
    assert 1 == int(a[int(idx[0, 0]) - 1, 0])
    assert 2 == int(a[int(idx[0, 1]) - 1, 1])


def test_mode_dim_large_matches_counting(xp: Any, host: Any) -> None:
    """On many rows the mode matches a per-row count with numpy."""
    a = data(xp, (50, 30), dtype=np.int64, seed=5) % 4
    out = xp.empty((50, 1), dtype=np.int64)
    idx = xp.empty((50, 1), dtype=np.int64)
    reduce.mode_dim(a, 1, out, idx)
    a, out, idx = host(a), host(out), host(idx)
    for r in range(50):
        vals, counts = np.unique(a[r], return_counts=True)
        assert vals[np.argmax(counts)] == out[r, 0]
        assert out[r, 0] == a[r, idx[r, 0] - 1]


def test_renorm_scales_only_large_slices(xp: Any) -> None:
    """Slices whose norm is above maxnorm are scaled to it; others are copied."""
    a = xp.asarray([[3.0, 4.0], [0.3, 0.4]])
    out = xp.empty_like(a)
    reduce.renorm(a, 2.0, 0, 1.0, out)
    xp.testing.assert_allclose(out, [[3 / (5 + 1e-7), 4 / (5 + 1e-7)], [0.3, 0.4]])


def test_dist_all_any_equal_histc(xp: Any) -> None:
    """dist, all, any, tensors_equal and histc agree with numpy."""
    a, b = data(xp, (3, 3)), data(xp, (3, 3), seed=1)
    assert float(xp.linalg.norm((a - b).reshape(-1))) == pytest.approx(reduce.dist(a, b, 2.0))
    assert reduce.all_any("all", xp.asarray([1, 1], dtype=np.uint8))
    assert not reduce.all_any("any", xp.zeros(2, dtype=np.uint8))
    assert reduce.tensors_equal(a, a.copy())
    assert not reduce.tensors_equal(a, b)
    out = xp.empty(4)
    reduce.histc(xp.asarray([1.0, 2.0, 1.0, 3.0, 5.0]), 4, 0.0, 0.0, out)
    assert [2.0, 1.0, 1.0, 1.0] == out.tolist()
