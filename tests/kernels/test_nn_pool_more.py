"""Kernels of pool_more.py and conv_pool_more.py: dilated max pooling (2-D and 3-D),
volumetric max unpooling and volumetric dilated convolution.

Values (and max-pooling indices, ties included) must equal plain loops written from the
definitions; each backward must give the full Jacobian of its forward by central differences
(step 1e-6, float64, inputs in [-2, 2], max error 1e-5), parameter gradients included, with
``scale`` divided out; bad shapes raise ShapeError naming the kernel.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge import kernels
from pytorch_bridge.errors import ShapeError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_checks import TOL, multi_jacobian_error, seeded_rng  # noqa: E402 - path set above

K = kernels.load_all()
rng = seeded_rng(2718)
NO_TAP = 255 | 255 << 8 | 255 << 16


def out_len(n: int, k: int, d: int, pad: int, dil: int, ceil: bool) -> int:
    """Pooling output length for ``k`` taps ``dil`` apart; the last window starts inside the
    input or its left padding."""
    room = (n + 2 * pad - dil * (k - 1) - 1) / d
    o = (math.ceil(room) if ceil else math.floor(room)) + 1
    if pad and (o - 1) * d >= n + pad:
        o -= 1
    return o


# ---------------------------------------------------------------- SpatialDilatedMaxPooling


def ref_dilated_pool2d(
    x: Any, k: Any, d: Any, p: Any, dil: Any, ceil: bool
) -> tuple[Any, Any, tuple[int, int]]:
    """Maxima over the taps ``start + t * dil`` inside the plane, first maximum kept; indices
    are 1-based flat positions in the plane, 0 where nothing beats -inf."""
    ih, iw = x.shape[-2:]
    oh, ow = (out_len(n, k[a], d[a], p[a], dil[a], ceil) for a, n in enumerate((ih, iw)))
    planes = x.reshape(-1, ih, iw)
    out = np.full((planes.shape[0], oh, ow), -np.inf, x.dtype)
    ind = np.zeros((planes.shape[0], oh, ow), np.int64)
    for c, i, j in np.ndindex(planes.shape[0], oh, ow):
        for ty, tx in np.ndindex(*k):
            y, z = i * d[0] - p[0] + ty * dil[0], j * d[1] - p[1] + tx * dil[1]
            if 0 <= y < ih and 0 <= z < iw and planes[c, y, z] > out[c, i, j]:
                out[c, i, j], ind[c, i, j] = planes[c, y, z], y * iw + z + 1
    lead = x.shape[:-2]
    return out.reshape(lead + (oh, ow)), ind.reshape(lead + (oh, ow)), (oh, ow)


def dilated_pool2d(xp: Any, x: Any, k: Any, d: Any, p: Any, dil: Any, ceil: bool) -> Any:
    """SpatialDilatedMaxPooling_updateOutput into fresh arrays: (output, indices)."""
    o = tuple(out_len(x.shape[a - 2], k[a], d[a], p[a], dil[a], ceil) for a in range(2))
    out, ind = xp.empty(x.shape[:-2] + o, x.dtype), xp.empty(x.shape[:-2] + o, xp.int64)
    args = (k[1], k[0], d[1], d[0], p[1], p[0], dil[1], dil[0], ceil)
    assert out is K["SpatialDilatedMaxPooling_updateOutput"](x, out, ind, *args)
    return out, ind


# (input shape, (kH, kW), (dH, dW), (padH, padW), (dilationH, dilationW), ceil)
POOL2D = [
    ((2, 3, 7, 8), (3, 3), (2, 2), (1, 1), (2, 2), True),
    ((3, 6, 7), (2, 3), (1, 2), (1, 1), (2, 1), False),
    ((1, 2, 9, 6), (3, 2), (3, 1), (1, 0), (3, 2), True),
    ((2, 5, 5), (2, 2), (2, 2), (0, 0), (1, 1), False),
]


@pytest.mark.parametrize("case", POOL2D)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_dilated_maxpool2d_matches_loops_with_ties(
    xp: Any, host: Any, case: Any, dtype: Any
) -> None:
    """Small integers (many ties) give the loop maxima and first-maximum flat indices."""
    shape, k, d, p, dil, ceil = case
    x = rng().integers(-2, 3, shape).astype(dtype)
    ref_out, ref_ind, _ = ref_dilated_pool2d(x, k, d, p, dil, ceil)
    out, ind = dilated_pool2d(xp, xp.asarray(x), k, d, p, dil, ceil)
    assert ref_ind.tolist() == host(ind).tolist()
    assert ref_out.tolist() == host(out).tolist()


def test_dilated_maxpool2d_strided_input_nan_and_inf(xp: Any, host: Any) -> None:
    """A transposed view is read correctly, NaN is never a maximum and a window of -inf
    keeps -inf with index 0."""
    x = xp.asarray(rng().uniform(-2, 2, (2, 6, 7))).transpose(0, 2, 1)
    x[0, 0, 0] = np.nan
    x[1, :3, :3] = -np.inf
    args = ((2, 2), (2, 2), (0, 0), (2, 2), False)
    ref_out, ref_ind, _ = ref_dilated_pool2d(host(x), *args)
    out, ind = dilated_pool2d(xp, x, *args)
    assert ref_ind.tolist() == host(ind).tolist()
    np.testing.assert_array_equal(ref_out, host(out))
    assert 0 == int(ind[1, 0, 0]) and -np.inf == float(out[1, 0, 0])


@pytest.mark.parametrize("case", POOL2D)
def test_dilated_maxpool2d_jacobian(xp: Any, host: Any, case: Any) -> None:
    """SpatialMaxPooling_updateGradInput, told the dilated span, is the forward's Jacobian."""
    shape, k, d, p, dil, ceil = case
    x = xp.asarray(rng().uniform(-2, 2, shape))
    span = tuple((k[a] - 1) * dil[a] + 1 for a in range(2))
    state: dict[str, Any] = {}

    def forward() -> Any:
        state["out"], state["ind"] = dilated_pool2d(xp, x, k, d, p, dil, ceil)
        return state["out"]

    def grads(go: Any) -> tuple[Any, ...]:
        gi = xp.empty_like(x)
        args = (span[1], span[0], d[1], d[0], p[1], p[0], ceil)
        K["SpatialMaxPooling_updateGradInput"](x, go, gi, state["ind"], *args)
        return (gi,)

    assert multi_jacobian_error(xp, host, forward, grads, [x]) < TOL


def test_dilated_maxpool2d_bad_shapes(xp: Any) -> None:
    """A 2-D input, or an output whose leading dimensions differ, raises ShapeError."""
    where = "SpatialDilatedMaxPooling_updateOutput"
    args = (2, 2, 1, 1, 0, 0, 1, 1, False)
    for shape_in, shape_out in [((4, 4), (3, 3)), ((2, 4, 4), (3, 3, 3))]:
        out = xp.empty(shape_out)
        with pytest.raises(ShapeError, match=where):
            K[where](xp.ones(shape_in), out, xp.empty(shape_out, xp.int64), *args)


# ------------------------------------------------------------- VolumetricDilatedMaxPooling


def ref_dilated_pool3d(x: Any, k: Any, d: Any, p: Any, dil: Any, ceil: bool) -> Any:
    """Maxima over the taps ``start + t * dil`` inside the volume; indices pack the tap numbers
    of the first maximum as ``t | h << 8 | w << 16`` (255 each where nothing beats -inf)."""
    size = x.shape[-3:]
    o = tuple(out_len(size[a], k[a], d[a], p[a], dil[a], ceil) for a in range(3))
    vols = x.reshape((-1, *size))
    out = np.full((vols.shape[0], *o), -np.inf, x.dtype)
    ind = np.full((vols.shape[0], *o), NO_TAP, np.int64)
    for c, *pos in np.ndindex(vols.shape[0], *o):
        for tap in np.ndindex(*k):
            z = tuple(pos[a] * d[a] - p[a] + tap[a] * dil[a] for a in range(3))
            inside = all(0 <= z[a] < size[a] for a in range(3))
            if inside and vols[(c, *z)] > out[(c, *pos)]:
                out[(c, *pos)] = vols[(c, *z)]
                ind[(c, *pos)] = tap[0] | tap[1] << 8 | tap[2] << 16
    return out.reshape(x.shape[:-3] + o), ind.reshape(x.shape[:-3] + o)


# (input shape, (kT, kH, kW), (dT, dH, dW), (padT, padH, padW), (dilT, dilH, dilW), ceil)
POOL3D = [
    ((2, 5, 5, 4), (2, 2, 2), (2, 2, 2), (0, 0, 0), (2, 1, 2), False),
    ((1, 2, 5, 6, 5), (3, 2, 3), (2, 2, 1), (1, 1, 1), (1, 2, 2), True),
    ((2, 1, 4, 3, 6), (2, 1, 2), (1, 1, 3), (1, 0, 1), (3, 1, 2), True),
]


def _pool3d_args(k: Any, d: Any, p: Any, dil: Any, ceil: bool) -> tuple[Any, ...]:
    """The kernels' argument order: T, W, H for window, stride, padding and dilation."""
    return (k[0], k[2], k[1], d[0], d[2], d[1], p[0], p[2], p[1], dil[0], dil[2], dil[1], ceil)


@pytest.mark.parametrize("case", POOL3D)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_dilated_maxpool3d_matches_loops_with_ties(
    xp: Any, host: Any, case: Any, dtype: Any
) -> None:
    """Small integers (many ties) give the loop maxima and first-maximum packed taps."""
    shape, k, d, p, dil, ceil = case
    x = rng().integers(-2, 3, shape).astype(dtype)
    ref_out, ref_ind = ref_dilated_pool3d(x, k, d, p, dil, ceil)
    out, ind = xp.empty(ref_out.shape, dtype), xp.empty(ref_out.shape, xp.int64)
    K["VolumetricDilatedMaxPooling_updateOutput"](
        xp.asarray(x), out, ind, *_pool3d_args(k, d, p, dil, ceil)
    )
    assert ref_ind.tolist() == host(ind).tolist()
    assert ref_out.tolist() == host(out).tolist()


def test_dilated_maxpool3d_all_minus_inf_window(xp: Any, host: Any) -> None:
    """A window of -inf and NaN keeps -inf, gets the no-tap index and receives no gradient."""
    x = xp.asarray(rng().uniform(-2, 2, (1, 4, 4, 4)))
    x[0, :2, :2, :2] = -np.inf
    x[0, 0, 0, 0] = np.nan
    args = _pool3d_args((2, 2, 2), (2, 2, 2), (0, 0, 0), (1, 1, 1), False)
    out, ind = xp.empty((1, 2, 2, 2)), xp.empty((1, 2, 2, 2), xp.int64)
    K["VolumetricDilatedMaxPooling_updateOutput"](x, out, ind, *args)
    assert -np.inf == float(out[0, 0, 0, 0]) and NO_TAP == int(ind[0, 0, 0, 0])
    gi = K["VolumetricDilatedMaxPooling_updateGradInput"](
        x, xp.ones(out.shape), xp.empty_like(x), ind, *args
    )
    assert 0.0 == float(host(gi)[0, :2, :2, :2].sum())
    assert 7.0 == float(host(gi).sum())


@pytest.mark.parametrize("case", POOL3D)
def test_dilated_maxpool3d_jacobian(xp: Any, host: Any, case: Any) -> None:
    """VolumetricDilatedMaxPooling_updateGradInput is the Jacobian of its forward."""
    shape, k, d, p, dil, ceil = case
    x = xp.asarray(rng().uniform(-2, 2, shape))
    args = _pool3d_args(k, d, p, dil, ceil)
    o = tuple(out_len(shape[a - 3], k[a], d[a], p[a], dil[a], ceil) for a in range(3))
    out, ind = xp.empty(shape[:-3] + o), xp.empty(shape[:-3] + o, xp.int64)

    def forward() -> Any:
        return K["VolumetricDilatedMaxPooling_updateOutput"](x, out, ind, *args).copy()

    def grads(go: Any) -> tuple[Any, ...]:
        gi = xp.empty_like(x)
        K["VolumetricDilatedMaxPooling_updateGradInput"](x, go, gi, ind, *args)
        return (gi,)

    assert multi_jacobian_error(xp, host, forward, grads, [x]) < TOL


def test_dilated_maxpool3d_bad_shapes(xp: Any) -> None:
    """A 3-D input, mismatched leading dimensions or gradOutput unlike indices raise."""
    args = _pool3d_args((2, 2, 2), (1, 1, 1), (0, 0, 0), (1, 1, 1), False)
    fwd, bwd = (
        "VolumetricDilatedMaxPooling_updateOutput",
        "VolumetricDilatedMaxPooling_updateGradInput",
    )
    for shape_in, shape_out in [((3, 3, 3), (2, 2, 2)), ((2, 3, 3, 3), (1, 2, 2, 2))]:
        out = xp.empty(shape_out)
        with pytest.raises(ShapeError, match=fwd):
            K[fwd](xp.ones(shape_in), out, xp.empty(shape_out, xp.int64), *args)
    x = xp.ones((1, 3, 3, 3))
    with pytest.raises(ShapeError, match=bwd):
        K[bwd](x, xp.ones((1, 2, 2, 2)), xp.empty_like(x), xp.zeros((1, 2, 2, 1), xp.int64), *args)


# ----------------------------------------------------------------- VolumetricMaxUnpooling


def ref_unpool3d(x: Any, ind: Any, size: Any, d: Any, p: Any) -> Any:
    """Each input value written at ``position * d - p + tap`` of its unpooled volume."""
    vols, taps = x.reshape((-1, *x.shape[-3:])), ind.reshape((-1, *x.shape[-3:]))
    out = np.zeros((vols.shape[0], *size), x.dtype)
    for c, *pos in np.ndindex(*vols.shape):
        code = int(taps[(c, *pos)])
        tap = (code & 255, code >> 8 & 255, code >> 16 & 255)
        out[(c, *(pos[a] * d[a] - p[a] + tap[a] for a in range(3)))] = vols[(c, *pos)]
    return out.reshape(x.shape[:-3] + tuple(size))


def _unpool_args(size: Any, d: Any, p: Any) -> tuple[int, ...]:
    """The kernels' argument order: T, W, H for unpooled size, stride and padding."""
    return (size[0], size[2], size[1], d[0], d[2], d[1], p[0], p[2], p[1])


# (pooled input shape, unpooled size (T, H, W), stride = window (T, H, W), padding (T, H, W))
UNPOOL = [
    ((2, 2, 2, 3), (4, 5, 6), (2, 2, 2), (0, 0, 0)),
    ((2, 1, 2, 3, 2), (3, 5, 4), (2, 2, 3), (1, 1, 1)),
]


@pytest.mark.parametrize("case", UNPOOL)
def test_unpool3d_matches_loops_and_inverts_maxpool(xp: Any, host: Any, case: Any) -> None:
    """Unpooling writes each value at its recorded tap, and after max pooling with window =
    stride it puts every maximum back in place, zeros elsewhere."""
    shape, size, d, p = case
    r = rng()
    lead = shape[:-3]
    big = r.uniform(-2, 2, lead + size)
    pool_args = (d[0], d[2], d[1], d[0], d[2], d[1], p[0], p[2], p[1], False)
    pooled, ind = xp.empty(shape), xp.empty(shape, xp.int64)
    K["VolumetricMaxPooling_updateOutput"](xp.asarray(big), pooled, ind, *pool_args)
    x = r.uniform(-2, 2, shape)
    ref = ref_unpool3d(x, host(ind), size, d, p)
    out = xp.full(lead + size, 9.0)
    assert out is K["VolumetricMaxUnpooling_updateOutput"](
        xp.asarray(x), out, ind, *_unpool_args(size, d, p)
    )
    assert ref.tolist() == host(out).tolist()
    back = K["VolumetricMaxUnpooling_updateOutput"](
        pooled, xp.empty(lead + size), ind, *_unpool_args(size, d, p)
    )
    kept = host(back) != 0
    assert host(pooled).size == int(kept.sum())
    np.testing.assert_array_equal(big[kept], host(back)[kept])


def test_unpool3d_writes_into_a_non_contiguous_output(xp: Any, host: Any) -> None:
    """A transposed output view receives the same values as a contiguous one."""
    x = xp.asarray(rng().uniform(-2, 2, (2, 1, 2, 2)))
    ind = xp.asarray(np.array([[1 << 8, 1 << 16, 1, 0], [65793, 0, 256, 1]]).reshape(2, 1, 2, 2))
    args = _unpool_args((2, 4, 4), (2, 2, 2), (0, 0, 0))
    ref = K["VolumetricMaxUnpooling_updateOutput"](x, xp.empty((2, 2, 4, 4)), ind, *args)
    out = xp.empty((2, 4, 4, 2)).transpose(0, 3, 1, 2)
    K["VolumetricMaxUnpooling_updateOutput"](x, out, ind, *args)
    assert host(ref).tolist() == host(out).tolist()


@pytest.mark.parametrize("case", UNPOOL)
def test_unpool3d_jacobian(xp: Any, host: Any, case: Any) -> None:
    """VolumetricMaxUnpooling_updateGradInput is the Jacobian of its forward."""
    shape, size, d, p = case
    r = rng()
    lead = shape[:-3]
    ind = np.zeros(shape, np.int64)
    for a in range(3):
        ind |= r.integers(0, d[a], shape) << (8 * a)
    # taps that would land in the padding are moved inside
    pos = [np.arange(shape[a - 3]) * d[a] - p[a] for a in range(3)]
    for a in range(3):
        start = pos[a].reshape((-1,) + (1,) * (2 - a))
        tap = (ind >> (8 * a)) & 255
        fix = np.clip(start + tap, 0, size[a] - 1) - start
        ind = ind & ~(255 << (8 * a)) | fix << (8 * a)
    x, ind = xp.asarray(r.uniform(-2, 2, shape)), xp.asarray(ind)
    args = _unpool_args(size, d, p)

    def forward() -> Any:
        return K["VolumetricMaxUnpooling_updateOutput"](x, xp.empty(lead + size), ind, *args)

    def grads(go: Any) -> tuple[Any, ...]:
        gi = xp.empty_like(x)
        assert gi is K["VolumetricMaxUnpooling_updateGradInput"](x, go, gi, ind, *args)
        return (gi,)

    assert multi_jacobian_error(xp, host, forward, grads, [x]) < TOL


def test_unpool3d_bad_shapes_and_indices(xp: Any) -> None:
    """Shape mismatches and taps outside the unpooled volume raise ShapeError naming the
    kernel."""
    fwd, bwd = "VolumetricMaxUnpooling_updateOutput", "VolumetricMaxUnpooling_updateGradInput"
    args = _unpool_args((2, 4, 4), (2, 2, 2), (0, 0, 0))
    x, ind = xp.ones((1, 1, 2, 2)), xp.zeros((1, 1, 2, 2), xp.int64)
    with pytest.raises(ShapeError, match=fwd):
        K[fwd](x, xp.empty((1, 2, 4, 4)), xp.zeros((1, 1, 2, 1), xp.int64), *args)
    with pytest.raises(ShapeError, match=fwd):
        K[fwd](xp.ones((1, 2, 2)), xp.empty((2, 4, 4)), xp.zeros((1, 2, 2), xp.int64), *args)
    with pytest.raises(ShapeError, match=fwd):
        K[fwd](x, xp.empty((2, 2, 4, 4)), ind, *args)
    bad = ind.copy()
    bad[0, 0, 1, 1] = 2 << 16  # w = 1 * 2 + 2 = 4, outside a width of 4
    with pytest.raises(ShapeError, match=f"{fwd}: invalid max index"):
        K[fwd](x, xp.empty((1, 2, 4, 4)), bad, *args)
    with pytest.raises(ShapeError, match=f"{bwd}: invalid max index"):
        K[bwd](x, xp.ones((1, 2, 4, 4)), xp.empty_like(x), bad, *args)
    with pytest.raises(ShapeError, match=f"{bwd}: gradOutput has shape"):
        K[bwd](x, xp.ones((1, 2, 4, 3)), xp.empty_like(x), ind, *args)


# ------------------------------------------------------------ VolumetricDilatedConvolution


class Buffers:
    """finput and fgradInput, grown when a kernel answers with the counts it needs."""

    def __init__(self, xp: Any) -> None:
        self.xp = xp
        self.bufs = [xp.empty(0), xp.empty(0)]

    def run(self, fn: Callable[..., Any], before: tuple[Any, ...], n: int, after: Any) -> None:
        """Call ``fn(*before, *first n buffers, *after)``, growing the buffers on request."""
        for _ in range(2):
            need = fn(*before, *self.bufs[:n], *after)
            if need is None:
                return
            assert n == len(need)
            self.bufs[:n] = [self.xp.empty(int(c)) for c in need]
        raise AssertionError("buffers did not fit after growing")


def ref_conv3d(x: Any, w: Any, b: Any, d: Any, p: Any, dil: Any) -> Any:
    """Cross-correlation over dilated taps, ``x`` ``(B, C, T, H, W)``, ``w`` ``(O, C, *k)``."""
    size, k = x.shape[2:], w.shape[2:]
    o = tuple((size[a] + 2 * p[a] - dil[a] * (k[a] - 1) - 1) // d[a] + 1 for a in range(3))
    out = np.zeros((x.shape[0], w.shape[0], *o))
    for n, f, *pos in np.ndindex(*out.shape):
        s = 0.0 if b is None else b[f]
        for c, *tap in np.ndindex(*w.shape[1:]):
            z = tuple(pos[a] * d[a] - p[a] + tap[a] * dil[a] for a in range(3))
            if all(0 <= z[a] < size[a] for a in range(3)):
                s += x[(n, c, *z)] * w[(f, c, *tap)]
        out[(n, f, *pos)] = s
    return out


# (input shape, weight shape (O, C, kT, kH, kW), stride, padding, dilation; all T, H, W)
CONV3D = [
    ((2, 4, 3, 5), (2, 2, 2, 1, 2), (1, 2, 1), (1, 0, 1), (2, 1, 2)),
    ((2, 1, 3, 4, 4), (3, 1, 2, 2, 2), (1, 1, 2), (0, 1, 1), (1, 2, 1)),
]


def _conv3d_args(k: Any, d: Any, p: Any, dil: Any) -> tuple[int, ...]:
    """The kernels' argument order: T, W, H for window, stride, padding and dilation."""
    return (k[0], k[2], k[1], d[0], d[2], d[1], p[0], p[2], p[1], dil[0], dil[2], dil[1])


@pytest.mark.parametrize("case", CONV3D)
@pytest.mark.parametrize("with_bias", [True, False])
def test_dilated_conv3d_matches_loops(xp: Any, host: Any, case: Any, with_bias: bool) -> None:
    """The forward equals the loop cross-correlation over dilated, padded taps."""
    shape, wshape, d, p, dil = case
    r = rng()
    x, w, b = r.uniform(-2, 2, shape), r.uniform(-2, 2, wshape), r.uniform(-2, 2, wshape[0])
    b = b if with_bias else None
    ref = ref_conv3d(x if len(shape) == 5 else x[None], w, b, d, p, dil)
    ref = ref if len(shape) == 5 else ref[0]
    out = xp.empty(ref.shape)
    bufs = Buffers(xp)
    before = (xp.asarray(x), out, xp.asarray(w), None if b is None else xp.asarray(b))
    args = _conv3d_args(wshape[2:], d, p, dil)
    bufs.run(K["VolumetricDilatedConvolution_updateOutput"], before, 2, args)
    np.testing.assert_allclose(host(out), ref, rtol=0, atol=1e-12)


@pytest.mark.parametrize("case", CONV3D)
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_dilated_conv3d_jacobians(xp: Any, host: Any, case: Any, scale: float) -> None:
    """Input, weight and bias gradients (bias gradient accumulated with ``scale``) are the
    Jacobians of the forward."""
    shape, wshape, d, p, dil = case
    r = rng()
    x, w = xp.asarray(r.uniform(-2, 2, shape)), xp.asarray(r.uniform(-2, 2, wshape))
    b = xp.asarray(r.uniform(-2, 2, wshape[0]))
    args = _conv3d_args(wshape[2:], d, p, dil)
    o = tuple(
        (shape[a - 3] + 2 * p[a] - dil[a] * (wshape[a + 2] - 1) - 1) // d[a] + 1 for a in range(3)
    )
    oshape = (*shape[:-4], wshape[0], *o)
    bufs = Buffers(xp)

    def forward() -> Any:
        out = xp.empty(oshape)
        bufs.run(K["VolumetricDilatedConvolution_updateOutput"], (x, out, w, b), 2, args)
        return out

    def grads(go: Any) -> tuple[Any, ...]:
        gi, gw, gb = xp.empty_like(x), xp.zeros_like(w), xp.zeros_like(b)
        bufs.run(K["VolumetricDilatedConvolution_updateGradInput"], (x, go, gi, w), 1, args)
        bufs.run(
            K["VolumetricDilatedConvolution_accGradParameters"],
            (x, go, gw, gb),
            2,
            (*args, scale),
        )
        return gi, gw / scale, gb / scale

    assert multi_jacobian_error(xp, host, forward, grads, [x, w, b]) < TOL


def test_dilated_conv3d_bad_shapes(xp: Any) -> None:
    """A wrong input rank, a weight of the wrong size, a too-small input and a gradOutput of
    the wrong shape raise ShapeError naming the kernel."""
    fwd = "VolumetricDilatedConvolution_updateOutput"
    bwd = "VolumetricDilatedConvolution_updateGradInput"
    acc = "VolumetricDilatedConvolution_accGradParameters"
    args = _conv3d_args((2, 2, 2), (1, 1, 1), (0, 0, 0), (1, 1, 1))
    big = xp.empty(1000)
    x, w = xp.ones((1, 2, 3, 3, 3)), xp.ones((2, 2, 2, 2, 2))
    with pytest.raises(ShapeError, match=fwd):
        K[fwd](xp.ones((3, 3, 3)), xp.empty(16), w, None, big, big, *args)
    with pytest.raises(ShapeError, match=fwd):
        K[fwd](x, xp.empty(16), xp.ones((2, 3, 2, 2, 2)), None, big, big, *args)
    with pytest.raises(ShapeError, match=f"{fwd}.*too small"):
        K[fwd](xp.ones((2, 1, 3, 3)), xp.empty(16), w, None, big, big, *args)
    with pytest.raises(ShapeError, match=f"{bwd}: gradOutput has shape"):
        K[bwd](x, xp.ones((1, 2, 2, 2, 1)), xp.empty_like(x), w, big, *args)
    with pytest.raises(ShapeError, match=f"{acc}: gradOutput has shape"):
        K[acc](x, xp.ones((1, 3, 2, 2, 2)), xp.zeros_like(w), None, big, big, *args, 1.0)
