"""The accumulating BLAS product behind Linear's accGradParameters (kernels/_gemm.py)."""

from __future__ import annotations

import numpy as np
import pytest

from pytorch_bridge.kernels import _gemm, linear

needs_blas = pytest.mark.skipif(not _gemm.available(), reason="numpy's OpenBLAS not found")


def _arrays(dtype: type, k: int = 64, m: int = 96, n: int = 80) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(7)
    a = rng.standard_normal((k, m)).astype(dtype)
    b = rng.standard_normal((k, n)).astype(dtype)
    c = rng.standard_normal((m, n)).astype(dtype)
    return a, b, c


@needs_blas
@pytest.mark.parametrize("dtype,tol", [(np.float32, 1e-4), (np.float64, 1e-12)])
@pytest.mark.parametrize("alpha", [1.0, 0.25])
def test_accumulates_alpha_at_b(dtype: type, tol: float, alpha: float) -> None:
    a, b, c = _arrays(dtype)
    expected = c.astype(np.float64) + alpha * (a.astype(np.float64).T @ b.astype(np.float64))
    assert _gemm.add_at_b(c, a, b, alpha) is True
    np.testing.assert_allclose(c, expected, rtol=tol, atol=tol)


@pytest.mark.parametrize(
    "case",
    ["small", "strided", "transposed_out", "mixed_dtype", "integer", "overlap", "readonly"],
)
def test_declines_what_blas_cannot_take(case: str) -> None:
    a, b, c = _arrays(np.float64)
    if case == "small":
        a, b, c = a[:2, :3].copy(), b[:2, :4].copy(), c[:3, :4].copy()
    elif case == "strided":
        a = np.asfortranarray(a)
    elif case == "transposed_out":
        c = np.ascontiguousarray(c.T).T
    elif case == "mixed_dtype":
        b = b.astype(np.float32)
    elif case == "integer":
        a, b, c = (x.astype(np.int64) for x in (a, b, c))
    elif case == "overlap":  # both contiguous, a inside c's memory
        buf = np.ones(96 * 80)
        c, a = buf.reshape(96, 80), buf[100 : 100 + 64 * 96].reshape(64, 96)
    elif case == "readonly":
        c.flags.writeable = False
    before = c.copy()
    assert _gemm.add_at_b(c, a, b, 1.0) is False
    np.testing.assert_array_equal(c, before)


@pytest.mark.parametrize("dtype,tol", [(np.float32, 1e-4), (np.float64, 1e-12)])
def test_linear_weight_gradient_accumulates(dtype: type, tol: float) -> None:
    """Linear_accGradParameters adds scale * gradOutput.T @ input, by either route."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((128, 300)).astype(dtype)
    go = rng.standard_normal((128, 200)).astype(dtype)
    gw = rng.standard_normal((200, 300)).astype(dtype)
    gb = rng.standard_normal(200).astype(dtype)
    want_w = gw.astype(np.float64) + 0.5 * (go.astype(np.float64).T @ x.astype(np.float64))
    want_b = gb.astype(np.float64) + 0.5 * go.astype(np.float64).sum(axis=0)
    linear.Linear_accGradParameters(x, go, gw, gb, 0.5)
    np.testing.assert_allclose(gw, want_w, rtol=tol, atol=tol)
    np.testing.assert_allclose(gb, want_b, rtol=tol, atol=tol)
