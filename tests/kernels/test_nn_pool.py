"""Pooling, padding and up-sampling kernels: exact agreement with a direct transcription of
THNN's loops (values and max-pooling indices, ties included), and finite-difference checks
of the full Jacobian (central differences, step 1e-6, float64, inputs in [-2, 2], max error
1e-5).
"""

from __future__ import annotations

import math
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
rng = seeded_rng(4321)


def out_len(n: int, k: int, d: int, pad: int, ceil: bool) -> int:
    """THNN's output length, with the last window starting inside the input or padding."""
    span = (n - k + 2 * pad) / d
    o = (math.ceil(span) if ceil else math.floor(span)) + 1
    if pad and (o - 1) * d >= n + pad:
        o -= 1
    return o


def ref_maxpool(
    x: Any, k: tuple[int, int], d: tuple[int, int], p: tuple[int, int], ceil: bool
) -> tuple[Any, Any]:
    """THNN SpatialMaxPooling's loops, transcribed (one plane at a time)."""
    ih, iw = x.shape[-2:]
    oh, ow = out_len(ih, k[0], d[0], p[0], ceil), out_len(iw, k[1], d[1], p[1], ceil)
    planes = x.reshape(-1, ih, iw)
    out = np.zeros((planes.shape[0], oh, ow), x.dtype)
    ind = np.zeros((planes.shape[0], oh, ow), np.int64)
    for c, plane in enumerate(planes):
        for i in range(oh):
            for j in range(ow):
                hs, ws = i * d[0] - p[0], j * d[1] - p[1]
                he, we = min(hs + k[0], ih), min(ws + k[1], iw)
                best, where = -np.inf, -1
                for y in range(max(hs, 0), he):
                    for xx in range(max(ws, 0), we):
                        if plane[y, xx] > best:
                            best, where = plane[y, xx], y * iw + xx
                out[c, i, j], ind[c, i, j] = best, where + 1
    return out.reshape(x.shape[:-2] + (oh, ow)), ind.reshape(x.shape[:-2] + (oh, ow))


def ref_avgpool(
    x: Any, k: tuple[int, int], d: tuple[int, int], p: tuple[int, int], ceil: bool, include: bool
) -> Any:
    """THNN SpatialAveragePooling's loops, transcribed."""
    ih, iw = x.shape[-2:]
    oh, ow = out_len(ih, k[0], d[0], p[0], ceil), out_len(iw, k[1], d[1], p[1], ceil)
    planes = x.reshape(-1, ih, iw)
    out = np.zeros((planes.shape[0], oh, ow), x.dtype)
    for c, plane in enumerate(planes):
        for i in range(oh):
            for j in range(ow):
                hs, ws = i * d[0] - p[0], j * d[1] - p[1]
                he, we = min(hs + k[0], ih + p[0]), min(ws + k[1], iw + p[1])
                size = (he - hs) * (we - ws)
                hs, ws, he, we = max(hs, 0), max(ws, 0), min(he, ih), min(we, iw)
                s = x.dtype.type(0)
                for y in range(hs, he):
                    for xx in range(ws, we):
                        s = s + plane[y, xx]
                div = size if include else (he - hs) * (we - ws)
                out[c, i, j] = s / x.dtype.type(div)
    return out.reshape(x.shape[:-2] + (oh, ow))


POOL_CASES = [
    # (shape, (kH, kW), (dH, dW), (padH, padW), ceil)
    ((2, 3, 7, 8), (3, 3), (2, 2), (1, 1), True),
    ((2, 3, 7, 8), (3, 3), (2, 2), (1, 1), False),
    ((3, 6, 6), (2, 2), (2, 2), (0, 0), False),
    ((1, 2, 5, 5), (2, 2), (2, 2), (0, 0), True),
    ((2, 9, 7), (3, 2), (1, 2), (1, 0), True),
    ((1, 2, 6, 5), (4, 2), (3, 3), (2, 1), True),
]


def _max_forward(xp: Any, x: Any, k: Any, d: Any, p: Any, ceil: bool) -> tuple[Any, Any]:
    """SpatialMaxPooling_updateOutput into fresh ``xp`` arrays: (output, indices)."""
    ih, iw = x.shape[-2:]
    shape = x.shape[:-2] + (
        out_len(ih, k[0], d[0], p[0], ceil),
        out_len(iw, k[1], d[1], p[1], ceil),
    )
    out, ind = xp.empty(shape, x.dtype), xp.empty(shape, xp.int64)
    K["SpatialMaxPooling_updateOutput"](x, out, ind, k[1], k[0], d[1], d[0], p[1], p[0], ceil)
    return out, ind


@pytest.mark.parametrize("case", POOL_CASES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_maxpool_indices_match_thnn_loops_with_ties(
    xp: Any, host: Any, case: Any, dtype: Any
) -> None:
    """Small-integer inputs (many ties) give THNN's values and first-maximum indices."""
    shape, k, d, p, ceil = case
    x = rng().integers(-2, 3, shape).astype(dtype)
    ref_out, ref_ind = ref_maxpool(x, k, d, p, ceil)
    out, ind = _max_forward(xp, xp.asarray(x), k, d, p, ceil)
    assert ref_ind.tolist() == ind.tolist()
    assert ref_out.tolist() == out.tolist()


def test_maxpool_strided_input_and_nan_and_inf(xp: Any, host: Any) -> None:
    """A transposed view, NaNs (never a maximum) and all -inf windows (index 0) match THNN."""
    x = xp.asarray(rng().uniform(-2, 2, (2, 3, 8, 7))).transpose(0, 1, 3, 2)
    x[0, 0, 0, 0] = np.nan
    x[1, 2, :2, :2] = -np.inf
    ref_out, ref_ind = ref_maxpool(host(x), (2, 2), (2, 2), (0, 0), False)
    out, ind = _max_forward(xp, x, (2, 2), (2, 2), (0, 0), False)
    assert ref_ind.tolist() == ind.tolist()
    np.testing.assert_array_equal(ref_out, host(out))


@pytest.mark.parametrize("case", POOL_CASES)
def test_maxpool_jacobian(xp: Any, host: Any, case: Any) -> None:
    """The max-pooling backward is the Jacobian of its forward."""
    shape, k, d, p, ceil = case
    x = xp.asarray(rng().uniform(-2, 2, shape))
    state: dict[str, Any] = {}

    def fwd(v: Any) -> Any:
        state["out"], state["ind"] = _max_forward(xp, v, k, d, p, ceil)
        return state["out"]

    def bwd(v: Any, go: Any) -> Any:
        gi = xp.empty_like(v)
        K["SpatialMaxPooling_updateGradInput"](
            v, go, gi, state["ind"], k[1], k[0], d[1], d[0], p[1], p[0], ceil
        )
        return gi

    assert jacobian_error(xp, host, fwd, bwd, x) < TOL


@pytest.mark.parametrize("case", POOL_CASES)
@pytest.mark.parametrize("include", [True, False])
def test_avgpool_matches_thnn_loops_and_jacobian(
    xp: Any, host: Any, case: Any, include: bool
) -> None:
    """Average pooling equals THNN's loops bit for bit (float32) and its backward is exact."""
    shape, k, d, p, ceil = case
    x32 = rng().uniform(-2, 2, shape).astype(np.float32)
    ref = ref_avgpool(x32, k, d, p, ceil, include)
    out = xp.empty(ref.shape, xp.float32)
    args = (k[1], k[0], d[1], d[0], p[1], p[0], ceil, include)
    K["SpatialAveragePooling_updateOutput"](xp.asarray(x32), out, *args)
    assert ref.tolist() == out.tolist()

    def fwd(v: Any) -> Any:
        o = xp.empty(ref.shape)
        return K["SpatialAveragePooling_updateOutput"](v, o, *args)

    def bwd(v: Any, go: Any) -> Any:
        return K["SpatialAveragePooling_updateGradInput"](v, go, xp.empty_like(v), *args)

    assert jacobian_error(xp, host, fwd, bwd, xp.asarray(rng().uniform(-2, 2, shape))) < TOL


def test_temporal_maxpool_indices_and_jacobian(xp: Any, host: Any) -> None:
    """TemporalMaxPooling keeps 0-based window offsets and its backward is exact."""
    x = rng().integers(-2, 3, (2, 9, 3)).astype(np.float64)
    out, ind = xp.empty((2, 4, 3)), xp.empty((2, 4, 3), xp.int64)
    K["TemporalMaxPooling_updateOutput"](xp.asarray(x), out, ind, 3, 2)
    out_h, ind_h = host(out), host(ind)
    for b in range(2):
        for t in range(4):
            for f in range(3):
                win = x[b, 2 * t : 2 * t + 3, f]
                assert int(np.argmax(win)) == ind_h[b, t, f]
                assert win.max() == out_h[b, t, f]
    xr = xp.asarray(rng().uniform(-2, 2, (9, 3)))
    o2, i2 = xp.empty((4, 3)), xp.empty((4, 3), xp.int64)

    def fwd(v: Any) -> Any:
        return K["TemporalMaxPooling_updateOutput"](v, o2, i2, 3, 2).copy()

    def bwd(v: Any, go: Any) -> Any:
        return K["TemporalMaxPooling_updateGradInput"](v, go, xp.empty_like(v), i2, 3, 2)

    assert jacobian_error(xp, host, fwd, bwd, xr) < TOL


@pytest.mark.parametrize("shape,size", [((2, 7, 8), (3, 2)), ((1, 2, 5, 9), (4, 4))])
def test_adaptive_pooling_windows_and_jacobian(xp: Any, host: Any, shape: Any, size: Any) -> None:
    """Adaptive max/average pooling use THNN's window bounds and have exact backwards."""
    oh, ow = size
    ih, iw = shape[-2:]
    x = xp.asarray(rng().uniform(-2, 2, shape))
    out = xp.empty(shape[:-2] + size)
    ind = xp.empty((2,) + out.shape, xp.int64)
    K["SpatialAdaptiveMaxPooling_updateOutput"](x, out, ind, ow, oh)
    avg = K["SpatialAdaptiveAveragePooling_updateOutput"](x, xp.empty_like(out), ow, oh)
    x_h, out_h, avg_h = host(x), host(out), host(avg)
    for i in range(oh):
        y0, y1 = math.floor(i / oh * ih), math.ceil((i + 1) / oh * ih)
        for j in range(ow):
            x0, x1 = math.floor(j / ow * iw), math.ceil((j + 1) / ow * iw)
            win = x_h[..., y0:y1, x0:x1]
            np.testing.assert_array_equal(win.max(axis=(-2, -1)), out_h[..., i, j])
            a0, a1 = (i * ih) // oh, -((-(i + 1) * ih) // oh)
            b0, b1 = (j * iw) // ow, -((-(j + 1) * iw) // ow)
            np.testing.assert_allclose(
                x_h[..., a0:a1, b0:b1].mean(axis=(-2, -1)), avg_h[..., i, j]
            )

    def fmax(v: Any) -> Any:
        return K["SpatialAdaptiveMaxPooling_updateOutput"](v, out, ind, ow, oh).copy()

    def bmax(v: Any, go: Any) -> Any:
        return K["SpatialAdaptiveMaxPooling_updateGradInput"](v, go, xp.empty_like(v), ind)

    def favg(v: Any) -> Any:
        return K["SpatialAdaptiveAveragePooling_updateOutput"](v, xp.empty_like(out), ow, oh)

    def bavg(v: Any, go: Any) -> Any:
        return K["SpatialAdaptiveAveragePooling_updateGradInput"](v, go, xp.empty_like(v))

    assert jacobian_error(xp, host, fmax, bmax, x) < TOL
    assert jacobian_error(xp, host, favg, bavg, x) < TOL


def test_unpooling_inverts_maxpool_positions(xp: Any, host: Any) -> None:
    """SpatialMaxUnpooling puts each maximum back where the pooling found it."""
    x = xp.asarray(rng().uniform(-2, 2, (2, 3, 6, 4)))
    out, ind = _max_forward(xp, x, (2, 2), (2, 2), (0, 0), False)
    up = K["SpatialMaxUnpooling_updateOutput"](out, xp.empty_like(x), ind, 4, 6)
    up_h = host(up)
    np.testing.assert_array_equal(np.where(up_h != 0, host(x), 0), up_h)
    assert out.size == int((up != 0).sum())
    go = xp.asarray(rng().uniform(-2, 2, x.shape))
    gi = K["SpatialMaxUnpooling_updateGradInput"](out, go, xp.empty_like(out), ind, 4, 6)
    np.testing.assert_array_equal(
        host(out),
        host(K["SpatialMaxUnpooling_updateGradInput"](out, x, xp.empty_like(out), ind, 4, 6)),
    )
    assert gi.shape == out.shape
    with pytest.raises(ShapeError):
        K["SpatialMaxUnpooling_updateOutput"](out, xp.empty_like(x), ind + 100, 4, 6)


PADS = [(1, 2, 0, 1), (2, 1, 1, 2), (0, 0, 0, 0)]


@pytest.mark.parametrize(
    "name,mode",
    [
        ("SpatialReflectionPadding", "reflect"),
        ("SpatialReplicationPadding", "edge"),
        ("SpatialZeroPadding", "constant"),
    ],
)
@pytest.mark.parametrize("pads", PADS)
def test_padding_matches_numpy_pad_and_jacobian(
    xp: Any, host: Any, name: str, mode: Any, pads: Any
) -> None:
    """Padding forwards equal numpy.pad and their backwards are exact."""
    pl, pr, pt, pb = pads
    x = rng().uniform(-2, 2, (2, 3, 4, 5))
    shape = (2, 3, 4 + pt + pb, 5 + pl + pr)
    out = K[f"{name}_updateOutput"](xp.asarray(x), xp.empty(shape), *pads)
    np.testing.assert_array_equal(
        np.pad(x, ((0, 0), (0, 0), (pt, pb), (pl, pr)), mode=mode), host(out)
    )

    def bwd(v: Any, go: Any) -> Any:
        return K[f"{name}_updateGradInput"](v, go, xp.empty_like(v), *pads)

    small = xp.asarray(rng().uniform(-2, 2, (1, 2, 4, 5)))
    sshape = (1, 2, 4 + pt + pb, 5 + pl + pr)

    def fwd2(v: Any) -> Any:
        return K[f"{name}_updateOutput"](v, xp.empty(sshape), *pads)

    assert jacobian_error(xp, host, fwd2, bwd, small) < TOL


def test_zero_padding_negative_pads_crop(xp: Any, host: Any) -> None:
    """Negative pads of SpatialZeroPadding crop the input."""
    x = np.arange(20.0).reshape(1, 4, 5)
    out = K["SpatialZeroPadding_updateOutput"](xp.asarray(x), xp.empty((1, 5, 4)), 1, -2, 2, -1)
    expected = np.zeros((1, 5, 4))
    expected[:, 2:, 1:] = x[:, :3, :3]
    np.testing.assert_array_equal(expected, host(out))


def test_upsampling_nearest_and_bilinear(xp: Any, host: Any) -> None:
    """Nearest repeats pixels; bilinear keeps the corners and is linear in between; both
    backwards are exact."""
    x = xp.asarray(rng().uniform(-2, 2, (2, 3, 3, 4)))
    x_h = host(x)
    near = K["SpatialUpSamplingNearest_updateOutput"](x, xp.empty((2, 3, 6, 8)), 2)
    np.testing.assert_array_equal(np.repeat(np.repeat(x_h, 2, axis=2), 2, axis=3), host(near))
    bil = host(K["SpatialUpSamplingBilinear_updateOutput"](x, xp.empty((2, 3, 5, 7)), 5, 7))
    np.testing.assert_allclose(x_h, bil[..., ::2, ::2], rtol=1e-6)
    np.testing.assert_allclose((x_h[..., 0, 0] + x_h[..., 1, 0]) / 2, bil[..., 1, 0], rtol=1e-6)

    def fn(v: Any) -> Any:
        return K["SpatialUpSamplingNearest_updateOutput"](v, xp.empty((2, 3, 6, 8)), 2)

    def bn(v: Any, go: Any) -> Any:
        return K["SpatialUpSamplingNearest_updateGradInput"](v, go, xp.empty_like(v), 2)

    def fb(v: Any) -> Any:
        return K["SpatialUpSamplingBilinear_updateOutput"](v, xp.empty((2, 3, 5, 7)), 5, 7)

    def bb(v: Any, go: Any) -> Any:
        return K["SpatialUpSamplingBilinear_updateGradInput"](
            go, xp.empty_like(v), 2, 3, 3, 4, 5, 7
        )

    assert jacobian_error(xp, host, fn, bn, x) < TOL
    assert jacobian_error(xp, host, fb, bb, x) < TOL


def ref_volmaxpool(x: Any, k: Any, d: Any, p: Any, ceil: bool) -> tuple[Any, Any]:
    """THNN VolumetricMaxPooling's loops, transcribed: maxima and packed window offsets."""
    it, ih, iw = x.shape[-3:]
    o = [out_len(n, k[a], d[a], p[a], ceil) for a, n in enumerate((it, ih, iw))]
    vols = x.reshape((-1, it, ih, iw))
    out = np.zeros((vols.shape[0], *o), x.dtype)
    ind = np.zeros((vols.shape[0], *o), np.int64)
    for c, vol in enumerate(vols):
        for pos in np.ndindex(*o):
            start = [pos[a] * d[a] - p[a] for a in range(3)]
            best, where = -np.inf, (255, 255, 255)
            for off in np.ndindex(*k):
                z = [start[a] + off[a] for a in range(3)]
                if all(0 <= z[a] < (it, ih, iw)[a] for a in range(3)) and vol[tuple(z)] > best:
                    best, where = vol[tuple(z)], off
            out[(c, *pos)] = best
            ind[(c, *pos)] = where[0] | where[1] << 8 | where[2] << 16
    return out.reshape(x.shape[:-3] + tuple(o)), ind.reshape(x.shape[:-3] + tuple(o))


VOL_CASES = [
    ((2, 4, 5, 4), (2, 2, 2), (2, 2, 2), (0, 0, 0), False),
    ((1, 2, 5, 4, 3), (3, 3, 2), (2, 2, 1), (1, 1, 0), True),
]


@pytest.mark.parametrize("case", VOL_CASES)
def test_volumetric_maxpool_matches_thnn_and_jacobian(xp: Any, host: Any, case: Any) -> None:
    """Volumetric max pooling gives THNN's maxima and packed offsets; its backward is exact."""
    shape, k, d, p, ceil = case
    x = rng().integers(-2, 3, shape).astype(np.float64)
    ref_out, ref_ind = ref_volmaxpool(x, k, d, p, ceil)
    out, ind = xp.empty(ref_out.shape), xp.empty(ref_out.shape, xp.int64)
    args = (k[0], k[2], k[1], d[0], d[2], d[1], p[0], p[2], p[1], ceil)
    K["VolumetricMaxPooling_updateOutput"](xp.asarray(x), out, ind, *args)
    assert ref_ind.tolist() == ind.tolist()
    assert ref_out.tolist() == out.tolist()

    def fwd(v: Any) -> Any:
        return K["VolumetricMaxPooling_updateOutput"](v, out, ind, *args).copy()

    def bwd(v: Any, go: Any) -> Any:
        return K["VolumetricMaxPooling_updateGradInput"](v, go, xp.empty_like(v), ind, *args)

    assert jacobian_error(xp, host, fwd, bwd, xp.asarray(rng().uniform(-2, 2, shape))) < TOL


@pytest.mark.parametrize("case", VOL_CASES)
def test_volumetric_avgpool_jacobian(xp: Any, host: Any, case: Any) -> None:
    """Volumetric average pooling matches window means and its backward is exact."""
    shape, k, d, p, ceil = case
    x = xp.asarray(rng().uniform(-2, 2, shape))
    o = tuple(out_len(n, k[a], d[a], p[a], ceil) for a, n in enumerate(shape[-3:]))
    args = (k[0], k[2], k[1], d[0], d[2], d[1], p[0], p[2], p[1], ceil, True)

    def fwd(v: Any) -> Any:
        return K["VolumetricAveragePooling_updateOutput"](v, xp.empty(shape[:-3] + o), *args)

    def bwd(v: Any, go: Any) -> Any:
        return K["VolumetricAveragePooling_updateGradInput"](v, go, xp.empty_like(v), *args)

    if p == (0, 0, 0):
        np.testing.assert_allclose(
            host(x)[..., :2, :2, :2].mean(axis=(-3, -2, -1)),
            host(fwd(x))[..., 0, 0, 0],
            rtol=1e-12,
        )
    assert jacobian_error(xp, host, fwd, bwd, x) < TOL


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_fractional_maxpool_windows_from_samples(xp: Any, host: Any, dtype: Any) -> None:
    """Fractional max pooling places windows by THNN's interval formula in the input's type."""
    g = rng()
    x = g.uniform(-2, 2, (2, 3, 9, 11)).astype(dtype)
    samples = g.uniform(0, 1, (2, 3, 2)).astype(dtype)
    oh, ow, ph, pw = 4, 5, 2, 3
    out, ind = xp.empty((2, 3, oh, ow), dtype), xp.empty((2, 3, oh, ow), xp.int64)
    K["SpatialFractionalMaxPooling_updateOutput"](
        xp.asarray(x), out, ow, oh, pw, ph, ind, xp.asarray(samples)
    )
    out_h, ind_h = host(out), host(ind)

    def starts(u: Any, n_in: int, n_out: int, pool: int) -> list[int]:
        alpha = dtype(n_in - pool) / dtype(n_out - 1)
        seq = [int((dtype(i) + u) * alpha) - int(u * alpha) for i in range(n_out - 1)]
        return seq + [n_in - pool]

    for b in range(2):
        for c in range(3):
            sw = starts(samples[b, c, 0], 11, ow, pw)
            sh = starts(samples[b, c, 1], 9, oh, ph)
            for i in range(oh):
                for j in range(ow):
                    win = x[b, c, sh[i] : sh[i] + ph, sw[j] : sw[j] + pw]
                    a = int(np.argmax(win))
                    assert win.max() == out_h[b, c, i, j]
                    assert (sh[i] + a // pw) * 11 + sw[j] + a % pw + 1 == ind_h[b, c, i, j]

    small = xp.asarray(g.uniform(-2, 2, (1, 2, 6, 7)))
    u = xp.asarray(g.uniform(0, 1, (1, 2, 2)))
    o, ind2 = xp.empty((1, 2, 3, 3)), xp.empty((1, 2, 3, 3), xp.int64)

    def fwd(v: Any) -> Any:
        return K["SpatialFractionalMaxPooling_updateOutput"](v, o, 3, 3, 2, 2, ind2, u).copy()

    def bwd(v: Any, go: Any) -> Any:
        return K["SpatialFractionalMaxPooling_updateGradInput"](
            v, go, xp.empty_like(v), 3, 3, 2, 2, ind2
        )

    assert jacobian_error(xp, host, fwd, bwd, small) < TOL


def _ref_unpool(shape: Any, go: Any, ind: Any) -> Any:
    """THNN's max-pooling backward loop: zero, then ``gradInput[index - 1] += gradOutput``."""
    want = np.zeros(shape, go.dtype)
    planes = want.reshape(-1, shape[-2] * shape[-1])
    gplanes = go.reshape(planes.shape[0], -1)
    for p, row in enumerate(ind.reshape(planes.shape[0], -1)):
        for j, i in enumerate(row):
            if i > 0:
                planes[p, i - 1] += gplanes[p, j]
    return want


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_maxpool_2x2_fast_path_matches_thnn_loops(xp: Any, host: Any, dtype: Any) -> None:
    """2x2 stride-2 pooling (ties, NaN, -inf windows) and its backward match THNN exactly."""
    x = rng().integers(-2, 3, (3, 4, 10, 12)).astype(dtype)
    x[0, 0, 0, 1] = np.nan
    x[0, 1, 2, 2] = np.nan
    x[2, 3, 4:6, 6:8] = -np.inf
    ref_out, ref_ind = ref_maxpool(x, (2, 2), (2, 2), (0, 0), False)
    out, ind = _max_forward(xp, xp.asarray(x), (2, 2), (2, 2), (0, 0), False)
    assert ref_ind.tolist() == ind.tolist()
    np.testing.assert_array_equal(ref_out, host(out))
    go = rng().uniform(-2, 2, out.shape).astype(dtype)
    for indices in (ind, xp.where(xp.arange(ind.size).reshape(ind.shape) == 0, 61, ind)):
        gi = xp.empty(x.shape, dtype)
        K["SpatialMaxPooling_updateGradInput"](
            xp.asarray(x), xp.asarray(go), gi, indices, 2, 2, 2, 2, 0, 0, False
        )
        assert _ref_unpool(x.shape, go, host(indices)).tobytes() == host(gi).tobytes()


def test_maxpool_backward_writes_into_a_non_contiguous_gradinput(xp: Any) -> None:
    """A transposed (non-contiguous) gradInput receives the gradient, not a copy of it."""
    x = xp.asarray(np.arange(16.0).reshape(1, 4, 4))
    out = xp.zeros((1, 2, 2))
    idx = xp.zeros((1, 2, 2), dtype=xp.int64)
    K["SpatialMaxPooling_updateOutput"](x, out, idx, 2, 2, 2, 2, 0, 0, False)
    storage = xp.zeros((4, 4, 1))
    gi = storage.transpose(2, 1, 0)  # shape (1, 4, 4), not C-contiguous
    assert not gi.flags.c_contiguous
    go = xp.ones((1, 2, 2))
    K["SpatialMaxPooling_updateGradInput"](x, go, gi, idx, 2, 2, 2, 2, 0, 0, False)
    expected = np.zeros((4, 4))
    expected[1, 1] = expected[1, 3] = expected[3, 1] = expected[3, 3] = 1
    assert expected.tolist() == gi[0].tolist()


def _transposed_zeros(xp: Any, shape: tuple[int, ...]) -> Any:
    """A zero ``xp`` array of ``shape`` whose memory is laid out in reverse order (not
    C-contiguous)."""
    a = xp.zeros(shape[::-1]).transpose(*range(len(shape) - 1, -1, -1))
    assert a.shape == shape and not a.flags.c_contiguous
    return a


def test_scatter_kernels_write_into_non_contiguous_destinations(xp: Any, host: Any) -> None:
    """Adaptive max, fractional max and unpooling fill strided outputs, not copies of them."""
    x = xp.asarray(rng().uniform(-2, 2, (2, 6, 5)))
    out, ind = xp.empty((2, 3, 2)), xp.empty((2, 2, 3, 2), xp.int64)
    K["SpatialAdaptiveMaxPooling_updateOutput"](x, out, ind, 2, 3)
    go = xp.asarray(rng().uniform(-2, 2, out.shape))
    want = K["SpatialAdaptiveMaxPooling_updateGradInput"](x, go, xp.empty_like(x), ind)
    got = _transposed_zeros(xp, x.shape)
    K["SpatialAdaptiveMaxPooling_updateGradInput"](x, go, got, ind)
    np.testing.assert_array_equal(host(want), host(got))

    pooled, pind = _max_forward(xp, x[None, :, :, :4].copy(), (2, 2), (2, 2), (0, 0), False)
    want = K["SpatialMaxUnpooling_updateOutput"](pooled, xp.empty((1, 2, 6, 4)), pind, 4, 6)
    got = _transposed_zeros(xp, (1, 2, 6, 4))
    got += 5  # stale values must be cleared too
    K["SpatialMaxUnpooling_updateOutput"](pooled, got, pind, 4, 6)
    np.testing.assert_array_equal(host(want), host(got))

    samples = xp.asarray(rng().uniform(0, 1, (2, 2)))
    fout, find = xp.empty((2, 3, 3)), xp.empty((2, 3, 3), xp.int64)
    K["SpatialFractionalMaxPooling_updateOutput"](x, fout, 3, 3, 2, 2, find, samples)
    fgo = xp.asarray(rng().uniform(-2, 2, fout.shape))
    fmp = K["SpatialFractionalMaxPooling_updateGradInput"]
    want = fmp(x, fgo, xp.empty_like(x), 3, 3, 2, 2, find)
    got = _transposed_zeros(xp, x.shape)
    fmp(x, fgo, got, 3, 3, 2, 2, find)
    np.testing.assert_array_equal(host(want), host(got))
