"""Direct BLAS gemm (``kernels._gemm``): results against numpy for every operand layout, the
operands it must refuse (so that BLAS never reads or writes outside an array), and
``add_product`` on both of its paths."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from pytorch_bridge.kernels import _gemm
from pytorch_bridge.kernels._accumulate import add_product

M, K, N = 256, 96, 300  # c has 76,800 elements: above MIN_ELEMENTS
assert M * N >= _gemm.MIN_ELEMENTS


def _numpy_ships_openblas() -> bool:
    libs = os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs")
    return any(
        i.get("internal_api") == "openblas" and str(i.get("filepath", "")).startswith(libs)
        for i in threadpool_info()
    )


needs_blas = pytest.mark.skipif(
    not _gemm.available(), reason="numpy's BLAS gemm was not found (numpy built on another BLAS)"
)


def operands(dtype: Any, a_order: str, b_order: str) -> tuple[Any, Any, Any]:
    rng = np.random.default_rng(7)
    a = np.asarray(rng.standard_normal((M, K)), dtype=dtype, order=a_order)
    b = np.asarray(rng.standard_normal((K, N)), dtype=dtype, order=b_order)
    return a, b, rng.standard_normal((M, N)).astype(dtype)


def test_found_wherever_numpy_ships_openblas() -> None:
    """pip's numpy wheels carry OpenBLAS; the direct path must not silently switch off."""
    if _numpy_ships_openblas():
        assert _gemm.available()


@needs_blas
@pytest.mark.parametrize("dtype,tol", [(np.float32, 1e-4), (np.float64, 1e-12)])
@pytest.mark.parametrize("a_order", ["C", "F"])
@pytest.mark.parametrize("b_order", ["C", "F"])
@pytest.mark.parametrize("alpha,beta", [(1.0, 1.0), (0.5, 1.0), (2.0, 0.0)])
def test_gemm_matches_numpy(
    dtype: Any, tol: float, a_order: str, b_order: str, alpha: float, beta: float
) -> None:
    """c = alpha a b + beta c for C- and F-ordered (transposed) a and b."""
    a, b, c = operands(dtype, a_order, b_order)
    want = alpha * (a.astype(np.float64) @ b) + beta * c
    assert _gemm.gemm(a, b, c, alpha, beta)
    assert c.dtype == dtype
    np.testing.assert_allclose(c, want, rtol=tol, atol=tol)


@needs_blas
def test_gemm_reads_transposed_views_of_the_weight() -> None:
    """``gradOutput.T @ input``, the form Linear's accGradParameters passes."""
    rng = np.random.default_rng(3)
    go = rng.standard_normal((128, 512)).astype(np.float32)
    x = rng.standard_normal((128, 784)).astype(np.float32)
    gw = np.zeros((512, 784), np.float32)
    assert _gemm.gemm(go.T, x, gw, 1.0, 1.0)
    np.testing.assert_allclose(gw, go.T @ x, rtol=1e-4, atol=1e-4)


def _refusals() -> dict[str, Any]:
    a, b, c = operands(np.float32, "C", "C")
    wide = np.zeros((M, 2 * N), np.float32)
    ro = c.copy()
    ro.flags.writeable = False
    raw = np.zeros(M * N * 4 + 1, np.uint8)
    unaligned = raw[1:].view(np.float32).reshape(M, N)
    square, eye = np.ones((N, N), np.float32), np.eye(N, dtype=np.float32)
    flat = np.ones(N * N * 3 // 2, np.float32)  # two N x N matrices that overlap by half
    return {
        "small": (a[:8], b[:, :8], c[:8, :8]),
        "strided c": (a, b, wide[:, ::2]),
        "column block of c": (a, b, wide[:, :N]),
        "read-only c": (a, b, ro),
        "unaligned c": (a, b, unaligned),
        "strided a": (np.zeros((M, 2 * K), np.float32)[:, ::2], b, c),
        "mixed dtypes": (a.astype(np.float64), b, c),
        "integers": (a.astype(np.int32), b.astype(np.int32), c.astype(np.int32)),
        "half": (a.astype(np.float16), b.astype(np.float16), c.astype(np.float16)),
        "byte-swapped": (a, b, c.astype(c.dtype.newbyteorder())),
        "inner sizes differ": (a, b[1:], c),
        "c of another shape": (a, b, c[1:]),
        "1-D b": (a, b[:, 0], c[:, 0]),
        "c is a": (square, eye, square),
        "c overlaps b": (eye, flat[: N * N].reshape(N, N), flat[N * N // 2 :].reshape(N, N)),
        "a list": (a.tolist(), b, c),
    }


@pytest.mark.parametrize("case", list(_refusals()))
def test_gemm_refuses_what_blas_cannot_take_safely(case: str) -> None:
    """Each refused call returns False and leaves c as it was."""
    a, b, c = _refusals()[case]
    before = np.array(c, copy=True)
    assert not _gemm.fits(a, b, c)
    assert not _gemm.gemm(a, b, c, 1.0, 1.0)
    np.testing.assert_array_equal(np.asarray(c), before)


def test_switched_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTORCH_BRIDGE_DIRECT_BLAS", "0")
    assert _gemm._load() is None


@pytest.fixture(params=[True, False], ids=["blas", "numpy"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Each test twice: through numpy's BLAS gemm (skipped where it was not found), and with
    the direct path switched off."""
    if request.param and not _gemm.available():
        pytest.skip("numpy's BLAS gemm was not found")
    if not request.param:
        monkeypatch.setattr(_gemm, "_gemms", None)
    return bool(request.param)


@pytest.mark.parametrize("start", ["zeros", "values"])
def test_add_product_on_both_paths(path: bool, start: str) -> None:
    """Large products accumulate alike through BLAS (beta = 1) and through numpy."""
    a, b, c = operands(np.float32, "F", "C")
    assert path is _gemm.fits(a, b, c)
    if start == "zeros":
        c[...] = 0
    want = c.astype(np.float64) + 0.5 * (a.astype(np.float64) @ b)
    add_product(np, c, a, b, 0.5)
    np.testing.assert_allclose(c, want, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("into", ["t", "out"])
@pytest.mark.parametrize("alpha,beta", [(1.0, 1.0), (-0.5, 2.0)])
def test_addmm_on_both_paths(path: bool, into: str, alpha: float, beta: float) -> None:
    """THTensor addmm (``blas_addprod('mm', ...)``), into ``t`` itself or another array."""
    from pytorch_bridge.kernels.blas import blas_addprod

    x, y, t = operands(np.float32, "C", "F")
    assert path is _gemm.fits(x, y, t)
    want = beta * t.astype(np.float64) + alpha * (x.astype(np.float64) @ y)
    out = t if into == "t" else np.full_like(t, np.nan)
    blas_addprod("mm", out, beta, t, alpha, x, y)
    np.testing.assert_allclose(out, want, rtol=1e-4, atol=1e-4)


@needs_blas
@pytest.mark.parametrize("a_order", ["C", "F"])
@pytest.mark.parametrize("b_order", ["C", "F"])
def test_gemm_writes_nothing_outside_c(a_order: str, b_order: str) -> None:
    """c cut out of a larger buffer: every element around it keeps its sentinel value."""
    a, b, _ = operands(np.float32, a_order, b_order)
    pad = 1000
    buf = np.full(M * N + 2 * pad, -7.0, np.float32)
    c = buf[pad : pad + M * N].reshape(M, N)
    c[...] = 1.0
    assert _gemm.gemm(a, b, c, 1.0, 1.0)
    assert (buf[:pad] == -7.0).all() and (buf[pad + M * N :] == -7.0).all()
    np.testing.assert_allclose(c, 1.0 + a.astype(np.float64) @ b, rtol=1e-4, atol=1e-4)
