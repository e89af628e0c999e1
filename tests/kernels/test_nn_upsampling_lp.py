"""Volumetric up-sampling and feature Lp pooling kernels: agreement with direct loop
references written from THNN's definitions, and finite-difference checks of the full
Jacobian (central differences, step 1e-6, float64, inputs in [-2, 2], max error 1e-5).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge import kernels
from pytorch_bridge.errors import ShapeError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_checks import TOL, jacobian_error, seeded_rng  # noqa: E402 - path set above

K = kernels.load_all()
rng = seeded_rng(2718)


# --- VolumetricUpSamplingNearest ---------------------------------------------------------


@pytest.mark.parametrize("shape", [(2, 2, 3, 2), (1, 2, 2, 3, 2)])
def test_volumetric_nearest_repeats_each_voxel(xp: Any, host: Any, shape: Any) -> None:
    """Every voxel is repeated s times along depth, height and width, 4-D or 5-D."""
    x = xp.asarray(rng().uniform(-2, 2, shape))
    s = 2
    big = tuple(shape[:-3]) + tuple(n * s for n in shape[-3:])
    out = host(K["VolumetricUpSamplingNearest_updateOutput"](x, xp.empty(big), s))
    expected = host(x)
    for axis in (-3, -2, -1):
        expected = np.repeat(expected, s, axis=axis)
    np.testing.assert_array_equal(expected, out)


def test_volumetric_nearest_jacobian(xp: Any, host: Any) -> None:
    """The nearest backward sums each s x s x s block: the exact transposed forward."""
    x = xp.asarray(rng().uniform(-2, 2, (1, 2, 2, 2, 3)))

    def fwd(v: Any) -> Any:
        return K["VolumetricUpSamplingNearest_updateOutput"](v, xp.empty((1, 2, 4, 4, 6)), 2)

    def bwd(v: Any, go: Any) -> Any:
        return K["VolumetricUpSamplingNearest_updateGradInput"](v, go, xp.empty_like(v), 2)

    assert jacobian_error(xp, host, fwd, bwd, x) < TOL


def test_volumetric_nearest_strided_gradoutput(xp: Any, host: Any) -> None:
    """A non-contiguous gradOutput gives the same gradient as its contiguous copy."""
    x = xp.zeros((2, 1, 2, 2))
    g = xp.asarray(rng().uniform(-2, 2, (6, 6, 6, 4))).transpose(3, 0, 1, 2)[:2, :2, :4, :4]
    grad = K["VolumetricUpSamplingNearest_updateGradInput"]
    a = host(grad(x, g, xp.empty_like(x), 2))
    b = host(grad(x, xp.ascontiguousarray(g), xp.empty_like(x), 2))
    np.testing.assert_allclose(b, a, rtol=1e-12)
    np.testing.assert_allclose(host(g)[0, :2, :2, :2].sum(), a[0, 0, 0, 0])


def test_volumetric_nearest_rejects_bad_shapes(xp: Any) -> None:
    """A 3-D input or an output of the wrong size raises ShapeError."""
    f = K["VolumetricUpSamplingNearest_updateOutput"]
    with pytest.raises(ShapeError, match="4-D or 5-D"):
        f(xp.zeros((2, 2, 2)), xp.zeros((4, 4, 4)), 2)
    with pytest.raises(ShapeError, match="output has shape"):
        f(xp.zeros((1, 2, 2, 2)), xp.zeros((1, 4, 4, 3)), 2)


# --- VolumetricUpSamplingTrilinear -------------------------------------------------------


def ref_trilinear(x: Any, size: tuple[int, int, int]) -> Any:
    """Corner-aligned trilinear interpolation, one output voxel at a time (float32 ratios and
    weights, as THNN computes them)."""
    n, c = x.shape[:2]
    ins = x.shape[2:]
    out = np.zeros((n, c, *size), x.dtype)
    taps = []
    for n_in, n_out in zip(ins, size, strict=True):
        r = np.float32((n_in - 1) / np.float32(n_out - 1)) if n_out > 1 else np.float32(0)
        axis = []
        for o in range(n_out):
            pos = np.float32(r * np.float32(o))
            lo = int(pos)
            lam = float(np.float32(pos - np.float32(lo)))
            axis.append((lo, min(lo + 1, n_in - 1), lam))
        taps.append(axis)
    for t, (t0, t1, lt) in enumerate(taps[0]):
        for h, (h0, h1, lh) in enumerate(taps[1]):
            for w, (w0, w1, lw) in enumerate(taps[2]):
                acc = 0.0
                for ti, wt in ((t0, 1 - lt), (t1, lt)):
                    for hi, wh in ((h0, 1 - lh), (h1, lh)):
                        for wi, ww in ((w0, 1 - lw), (w1, lw)):
                            acc = acc + wt * wh * ww * x[:, :, ti, hi, wi]
                out[:, :, t, h, w] = acc
    return out


@pytest.mark.parametrize(
    "shape,size",
    [
        ((1, 2, 2, 3, 2), (4, 6, 4)),
        ((2, 1, 3, 2, 2), (7, 3, 1)),
        ((1, 1, 2, 2, 3), (2, 2, 3)),
    ],
)
def test_trilinear_matches_loops(xp: Any, host: Any, shape: Any, size: Any) -> None:
    """Output voxels equal the weighted sum of their eight neighbours, sizes 1 and equal too."""
    x_h = rng().uniform(-2, 2, shape)
    out = K["VolumetricUpSamplingTrilinear_updateOutput"](
        xp.asarray(x_h), xp.empty(shape[:2] + size), *size
    )
    np.testing.assert_allclose(ref_trilinear(x_h, size), host(out), rtol=1e-12, atol=1e-12)


def test_trilinear_keeps_corners(xp: Any, host: Any) -> None:
    """With sizes (n - 1) * 2 + 1 every input voxel reappears at the even output positions."""
    x = xp.asarray(rng().uniform(-2, 2, (2, 2, 2, 3, 2)))
    out = host(
        K["VolumetricUpSamplingTrilinear_updateOutput"](x, xp.empty((2, 2, 3, 5, 3)), 3, 5, 3)
    )
    np.testing.assert_allclose(host(x), out[..., ::2, ::2, ::2], rtol=1e-7)


def test_trilinear_jacobian(xp: Any, host: Any) -> None:
    """The trilinear backward is the transposed interpolation."""
    x = xp.asarray(rng().uniform(-2, 2, (1, 2, 2, 3, 2)))

    def fwd(v: Any) -> Any:
        return K["VolumetricUpSamplingTrilinear_updateOutput"](
            v, xp.empty(v.shape[:2] + (3, 4, 5)), 3, 4, 5
        )

    def bwd(v: Any, go: Any) -> Any:
        return K["VolumetricUpSamplingTrilinear_updateGradInput"](
            go, xp.empty(v.shape), *v.shape, 3, 4, 5
        )

    assert jacobian_error(xp, host, fwd, bwd, x) < TOL


def test_trilinear_strided_arrays(xp: Any, host: Any) -> None:
    """Non-contiguous input and gradOutput give the results of their contiguous copies."""
    x = xp.asarray(rng().uniform(-2, 2, (2, 3, 2, 1, 2))).transpose(3, 4, 0, 1, 2)
    g = xp.asarray(rng().uniform(-2, 2, (5, 3, 2, 1, 4))).transpose(3, 2, 4, 1, 0)
    f = K["VolumetricUpSamplingTrilinear_updateOutput"]
    b = K["VolumetricUpSamplingTrilinear_updateGradInput"]
    xc, gc = xp.ascontiguousarray(x), xp.ascontiguousarray(g)
    np.testing.assert_allclose(
        host(f(xc, xp.empty((1, 2, 4, 3, 5)), 4, 3, 5)),
        host(f(x, xp.empty((1, 2, 4, 3, 5)), 4, 3, 5)),
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        host(b(gc, xp.empty(x.shape), *x.shape, 4, 3, 5)),
        host(b(g, xp.empty(x.shape), *x.shape, 4, 3, 5)),
        rtol=1e-12,
    )


def test_trilinear_float32_close_to_float64(xp: Any, host: Any) -> None:
    """Float32 arrays get float32 results within float32 rounding of the float64 ones."""
    x = rng().uniform(-2, 2, (1, 2, 3, 2, 3))
    f = K["VolumetricUpSamplingTrilinear_updateOutput"]
    a = host(f(xp.asarray(x, dtype=xp.float32), xp.empty((1, 2, 5, 4, 7), xp.float32), 5, 4, 7))
    b = host(f(xp.asarray(x), xp.empty((1, 2, 5, 4, 7)), 5, 4, 7))
    assert a.dtype == np.float32
    np.testing.assert_allclose(b, a, atol=1e-5)


def test_trilinear_rejects_bad_shapes(xp: Any) -> None:
    """A 4-D input, a mismatched output or gradInput raises ShapeError."""
    f = K["VolumetricUpSamplingTrilinear_updateOutput"]
    g = K["VolumetricUpSamplingTrilinear_updateGradInput"]
    with pytest.raises(ShapeError, match="5-D"):
        f(xp.zeros((2, 2, 2, 2)), xp.zeros((2, 2, 4, 4)), 4, 4, 4)
    with pytest.raises(ShapeError, match="5-D"):
        f(xp.zeros((1, 1, 2, 2, 2)), xp.zeros((1, 1, 3, 3, 4)), 3, 3, 3)
    with pytest.raises(ShapeError, match="gradInput"):
        g(xp.zeros((1, 1, 3, 3, 3)), xp.zeros((1, 1, 2, 2, 1)), 1, 1, 2, 2, 2, 3, 3, 3)


# --- FeatureLPPooling --------------------------------------------------------------------


def ref_feature_lp(x: Any, p: float, width: int, stride: int, batch: bool) -> Any:
    """THNN FeatureLPPooling's loops: the p-norm of each window of features."""
    x4 = x.reshape((1,) * (not batch) + x.shape + (1,) * (4 - x.ndim - (not batch)))
    n_out = (x4.shape[1] - width) // stride + 1
    out = np.zeros((x4.shape[0], n_out, *x4.shape[2:]))
    for k in range(n_out):
        for i in range(width):
            out[:, k] += x4[:, k * stride + i] ** p
    out = out ** (1.0 / p)
    shape = list(x.shape)
    shape[1 if batch else 0] = n_out
    return out.reshape(shape)


LP_CASES = [
    ((7,), 2.0, 3, 2, False),
    ((9, 2), 1.0, 4, 1, False),
    ((6, 2, 2), 4.0, 2, 2, False),
    ((2, 8), 2.0, 5, 3, True),
    ((2, 11, 2), 4.0, 3, 4, True),
    ((1, 5, 2, 2), 1.0, 2, 1, True),
]


def lp_out_shape(shape: Any, width: int, stride: int, batch: bool) -> tuple[int, ...]:
    """The forward output shape."""
    out = list(shape)
    f = 1 if batch else 0
    out[f] = (out[f] - width) // stride + 1
    return tuple(out)


@pytest.mark.parametrize("shape,p,width,stride,batch", LP_CASES)
def test_feature_lp_matches_loops(
    xp: Any, host: Any, shape: Any, p: float, width: int, stride: int, batch: bool
) -> None:
    """Every rank, with and without batch mode, matches the loop reference."""
    x_h = rng().uniform(-2, 2, shape)
    out = K["FeatureLPPooling_updateOutput"](
        xp.asarray(x_h),
        xp.empty(lp_out_shape(shape, width, stride, batch)),
        p,
        width,
        stride,
        batch,
    )
    np.testing.assert_allclose(ref_feature_lp(x_h, p, width, stride, batch), host(out), rtol=1e-12)


@pytest.mark.parametrize("shape,p,width,stride,batch", LP_CASES)
def test_feature_lp_jacobian(
    xp: Any, host: Any, shape: Any, p: float, width: int, stride: int, batch: bool
) -> None:
    """The backward is the derivative (x / y) ** (p - 1) summed over overlapping windows."""
    x = xp.asarray(rng().uniform(-2, 2, shape))
    out_shape = lp_out_shape(shape, width, stride, batch)

    def fwd(v: Any) -> Any:
        return K["FeatureLPPooling_updateOutput"](v, xp.empty(out_shape), p, width, stride, batch)

    def bwd(v: Any, go: Any) -> Any:
        y = fwd(v).copy()
        return K["FeatureLPPooling_updateGradInput"](
            go, v, y, xp.empty_like(v), p, width, stride, batch
        )

    assert jacobian_error(xp, host, fwd, bwd, x) < TOL


def test_feature_lp_fractional_power_positive_inputs(xp: Any, host: Any) -> None:
    """A fractional power on positive inputs has the right Jacobian."""
    x = xp.asarray(rng().uniform(0.5, 2, (10, 3)))

    def fwd(v: Any) -> Any:
        return K["FeatureLPPooling_updateOutput"](v, xp.empty((4, 3)), 2.5, 4, 2, False)

    def bwd(v: Any, go: Any) -> Any:
        y = fwd(v).copy()
        return K["FeatureLPPooling_updateGradInput"](go, v, y, xp.empty_like(v), 2.5, 4, 2, False)

    assert jacobian_error(xp, host, fwd, bwd, x) < TOL


def test_feature_lp_strided_arrays(xp: Any, host: Any) -> None:
    """Non-contiguous input and gradOutput give the results of their contiguous copies."""
    x = xp.asarray(rng().uniform(-2, 2, (3, 10, 2))).transpose(2, 1, 0)
    g = xp.asarray(rng().uniform(-2, 2, (3, 4, 2))).transpose(2, 1, 0)
    f = K["FeatureLPPooling_updateOutput"]
    b = K["FeatureLPPooling_updateGradInput"]
    xc, gc = xp.ascontiguousarray(x), xp.ascontiguousarray(g)
    y = host(f(x, xp.empty((2, 4, 3)), 2.0, 4, 2, True))
    np.testing.assert_allclose(host(f(xc, xp.empty((2, 4, 3)), 2.0, 4, 2, True)), y, rtol=1e-12)
    yd = xp.asarray(y)
    np.testing.assert_allclose(
        host(b(gc, xc, yd, xp.empty(x.shape), 2.0, 4, 2, True)),
        host(b(g, x, yd, xp.empty(x.shape), 2.0, 4, 2, True)),
        rtol=1e-12,
    )


def test_feature_lp_zero_output_passes_no_gradient(xp: Any, host: Any) -> None:
    """Windows whose norm is 0 send no gradient back (instead of 0 / 0)."""
    x = xp.zeros((6, 2))
    x[4:, 1] = 3.0
    y = K["FeatureLPPooling_updateOutput"](x, xp.empty((4, 2)), 2.0, 3, 1, False)
    g = K["FeatureLPPooling_updateGradInput"](
        xp.ones((4, 2)), x, y, xp.empty_like(x), 2.0, 3, 1, False
    )
    gi = host(g)
    assert np.isfinite(gi).all()
    np.testing.assert_array_equal(np.zeros(6), gi[:, 0])
    r = 1 / np.sqrt(2)  # 3 / 3 from the window [0, 0, 3], 3 / sqrt(18) from [0, 3, 3]
    np.testing.assert_allclose([0, 0, 0, 0, 1 + r, r], gi[:, 1])


def test_feature_lp_float32(xp: Any, host: Any) -> None:
    """Float32 arrays are pooled to float32 within float32 rounding of the float64 result."""
    x = rng().uniform(-2, 2, (2, 9, 3))
    out = K["FeatureLPPooling_updateOutput"](
        xp.asarray(x, dtype=xp.float32), xp.empty((2, 7, 3), xp.float32), 2.0, 3, 1, True
    )
    assert out.dtype == xp.float32
    np.testing.assert_allclose(ref_feature_lp(x, 2.0, 3, 1, True), host(out), rtol=1e-6)


def test_feature_lp_rejects_bad_arguments(xp: Any) -> None:
    """Bad ranks, windows, steps and output or gradient shapes raise ShapeError."""
    f = K["FeatureLPPooling_updateOutput"]
    g = K["FeatureLPPooling_updateGradInput"]
    with pytest.raises(ShapeError, match="batch mode"):
        f(xp.zeros(5), xp.zeros(4), 2.0, 2, 1, True)
    with pytest.raises(ShapeError, match="non-batch mode"):
        f(xp.zeros((1, 5, 1, 1)), xp.zeros((1, 4, 1, 1)), 2.0, 2, 1, False)
    with pytest.raises(ShapeError, match="width must be"):
        f(xp.zeros(40), xp.zeros(24), 2.0, 17, 1, False)
    with pytest.raises(ShapeError, match=">= width"):
        f(xp.zeros(3), xp.zeros(1), 2.0, 4, 1, False)
    with pytest.raises(ShapeError, match="output has shape"):
        f(xp.zeros(5), xp.zeros(3), 2.0, 2, 1, False)
    with pytest.raises(ShapeError, match="do not agree"):
        g(xp.zeros(3), xp.zeros(5), xp.zeros(4), xp.zeros(5), 2.0, 2, 1, False)
