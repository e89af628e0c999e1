"""Tests of the BLAS kernels (blas.py) against numpy, and of the signal kernels."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pytorch_bridge.errors import ShapeError
from pytorch_bridge.kernels import signal
from pytorch_bridge.kernels.blas import blas_addprod, blas_cross, blas_dot
from pytorch_bridge.kernels.signal import signal_conv

SHAPES = {
    "mv": ((4, 3), (3,), (4,)),
    "mm": ((4, 3), (3, 5), (4, 5)),
    "r": ((4,), (5,), (4, 5)),
    "bmm": ((2, 4, 3), (2, 3, 5), (2, 4, 5)),
    "addbmm": ((2, 4, 3), (2, 3, 5), (4, 5)),
}


def reference(kind: str, x: Any, y: Any) -> Any:
    if kind == "r":
        return np.outer(x, y)
    if kind == "addbmm":
        return sum(x[b] @ y[b] for b in range(x.shape[0]))
    return x @ y


@pytest.mark.parametrize("kind", sorted(SHAPES))
def test_addprod_matches_numpy(xp: Any, host: Any, kind: str) -> None:
    """Each product kind computes beta * t + alpha * (x . y) like numpy."""
    rng = np.random.default_rng(0)
    sx, sy, st = SHAPES[kind]
    x, y, t = (rng.standard_normal(s) for s in (sx, sy, st))
    out = xp.empty(st)
    blas_addprod(kind, out, 0.5, xp.asarray(t), 2.0, xp.asarray(x), xp.asarray(y))
    np.testing.assert_allclose(0.5 * t + 2.0 * reference(kind, x, y), host(out), rtol=1e-12)


def test_addprod_in_place_and_beta_zero(xp: Any) -> None:
    """With out being t the product accumulates; beta 0 ignores NaNs in t."""
    x = xp.arange(6.0).reshape(2, 3)
    y = xp.ones((3, 2))
    acc = xp.ones((2, 2))
    blas_addprod("mm", acc, 1.0, acc, 1.0, x, y)
    assert [[4.0, 4.0], [13.0, 13.0]] == acc.tolist()
    nan = xp.full((2, 2), np.nan)
    blas_addprod("mm", nan, 0.0, nan, 3.0, x, y)
    assert [[9.0, 9.0], [36.0, 36.0]] == nan.tolist()


def test_addprod_float32_and_integers_keep_their_type(xp: Any) -> None:
    """float32 stays float32; integer products wrap like C."""
    f = xp.ones((3, 3), dtype=np.float32)
    out = xp.empty((3, 3), dtype=np.float32)
    blas_addprod("mm", out, 0.0, out, 1.0, f, f)
    assert np.float32 == out.dtype
    assert 3.0 == float(out[0, 0])
    b = xp.full((1, 1), 16, dtype=np.uint8)
    ob = xp.empty((1, 1), dtype=np.uint8)
    blas_addprod("mm", ob, 0, ob, 1, b, b + 1)
    assert (16 * 17) % 256 == int(ob[0, 0])


def test_dot_and_cross(xp: Any, host: Any) -> None:
    """dot pairs elements in row-major order; cross works along any axis."""
    assert 38.0 == blas_dot(xp.arange(4.0).reshape(2, 2), xp.arange(4.0) + 4)
    with pytest.raises(ShapeError):
        blas_dot(xp.ones(3), xp.ones(4))
    a = np.random.default_rng(1).standard_normal((2, 3, 4))
    b = np.random.default_rng(2).standard_normal((2, 3, 4))
    out = xp.empty((2, 3, 4))
    blas_cross(out, xp.asarray(a), xp.asarray(b), 1)
    np.testing.assert_allclose(np.cross(a, b, axis=1), host(out))


def test_cross_may_write_into_an_operand(xp: Any) -> None:
    """The result may be one of the operands."""
    a = xp.asarray([1.0, 0.0, 0.0])
    blas_cross(a, a, xp.asarray([0.0, 1.0, 0.0]), 0)
    assert [0.0, 0.0, 1.0] == a.tolist()


def direct_conv2(x: Any, k: Any, full: bool, flip: bool) -> Any:
    """2-D convolution by its definition (scatter form, then the valid crop)."""
    if not flip:
        k = k[::-1, ::-1]
    kr, kc = k.shape
    out = np.zeros((x.shape[0] + kr - 1, x.shape[1] + kc - 1))
    for a in range(kr):
        for b in range(kc):
            out[a : a + x.shape[0], b : b + x.shape[1]] += k[a, b] * x
    if full:
        return out
    return out[kr - 1 : x.shape[0], kc - 1 : x.shape[1]]


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("flip", [False, True])
def test_signal_conv_matches_definition(xp: Any, host: Any, full: bool, flip: bool) -> None:
    """conv2/xcorr2 in 'V' and 'F' modes, single, per-plane and kernel-bank forms."""
    rng = np.random.default_rng(3)
    x, k = rng.standard_normal((3, 7, 6)), rng.standard_normal((4, 3, 3, 2))
    dx, dk = xp.asarray(x), xp.asarray(k)
    single = direct_conv2(x[0], k[0, 0], full, flip)
    out = xp.empty(single.shape)
    signal_conv(out, dx[0], dk[0, 0], 2, full, flip)
    np.testing.assert_allclose(single, host(out), atol=1e-12)
    planes = xp.empty((3,) + single.shape)
    signal_conv(planes, dx, dk[0], 2, full, flip)
    for p in range(3):
        np.testing.assert_allclose(direct_conv2(x[p], k[0, p], full, flip), host(planes[p]))
    bank = xp.empty((4,) + single.shape)
    signal_conv(bank, dx, dk, 2, full, flip)
    want = sum(direct_conv2(x[i], k[1, i], full, flip) for i in range(3))
    np.testing.assert_allclose(want, host(bank[1]), atol=1e-12)


@pytest.mark.parametrize("full", [False, True])
def test_signal_conv_large_problems_add_shifted_slices(
    xp: Any, host: Any, full: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the window limit the shift-and-add path gives the same results."""
    rng = np.random.default_rng(4)
    x = xp.asarray(rng.standard_normal((2, 6, 5, 4)))
    k = xp.asarray(rng.standard_normal((3, 2, 2, 3, 2)))
    osize = (7, 7, 5) if full else (5, 3, 3)
    outs = []
    for limit in (1 << 30, 0):
        monkeypatch.setattr(signal, "WINDOW_LIMIT", limit)
        for xs, ks, shape in (
            (x[0], k[0, 0], osize),
            (x, k[0], (2,) + osize),
            (x, k, (3,) + osize),
        ):
            out = xp.empty(shape)
            signal_conv(out, xs, ks, 3, full, True)
            outs.append(out)
    for small, large in zip(outs[:3], outs[3:], strict=True):
        np.testing.assert_allclose(host(small), host(large), atol=1e-12)


def test_signal_conv_rejects_other_dimensions(xp: Any) -> None:
    """A 2-D input with a 3-D kernel is not a Torch7 convolution form."""
    with pytest.raises(ShapeError):
        signal_conv(xp.empty((2, 2)), xp.ones((3, 3)), xp.ones((2, 2, 2)), 2, False, True)
