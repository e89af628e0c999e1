"""add_product: target += scale * (a @ b), with the all-zero target written directly."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pytorch_bridge.kernels._accumulate import add_product


@pytest.mark.parametrize("k", [1, 3])
@pytest.mark.parametrize("scale", [1.0, 0.5])
@pytest.mark.parametrize("start", ["zeros", "values", "first_zero", "nan"])
def test_add_product_matches_matmul_plus_add(
    xp: Any, host: Any, k: int, scale: float, start: str
) -> None:
    """Every kind of starting target ends as target + scale * a @ b, in float32."""
    rng = np.random.default_rng(k)
    a = rng.standard_normal((4, k)).astype(np.float32)
    b = rng.standard_normal((k, 5)).astype(np.float32)
    t0 = {
        "zeros": np.zeros((4, 5), np.float32),
        "values": rng.standard_normal((4, 5)).astype(np.float32),
        "first_zero": np.where(np.arange(20).reshape(4, 5) == 7, 2.0, 0.0).astype(np.float32),
        "nan": np.where(np.arange(20).reshape(4, 5) == 19, np.nan, 0.0).astype(np.float32),
    }[start]
    target = xp.array(t0)  # a copy: t0 stays the starting value
    add_product(xp, target, xp.asarray(a), xp.asarray(b), scale)
    want = t0 + np.float32(scale) * (a @ b)
    np.testing.assert_allclose(host(target), want, rtol=1e-6, atol=1e-6)
    assert target.dtype == np.float32


def test_add_product_writes_into_a_strided_target(xp: Any, host: Any) -> None:
    """A transposed (non-contiguous) zero target receives the product in place."""
    base = xp.zeros((5, 4), dtype=np.float64)
    a = np.arange(8.0).reshape(4, 2)
    b = np.arange(10.0).reshape(2, 5)
    add_product(xp, base.T, xp.asarray(a), xp.asarray(b), 2.0)
    np.testing.assert_array_equal(host(base).T, 2.0 * (a @ b))
