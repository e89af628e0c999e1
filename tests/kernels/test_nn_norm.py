"""Batch normalization kernels: agreement with a transcription of THNN's per-feature loops
(batch statistics, running estimates, evaluate mode) and finite-difference checks of the
full Jacobian for input, weight and bias, with the ``scale`` argument.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pytest

from pytorch_bridge import kernels

K = kernels.load_all()
STEP = 1e-6
TOL = 1e-5
SEED = int(os.environ.get("NN_KERNEL_SEED", "2468"))


def rng() -> np.random.Generator:
    """A generator with the test seed (printed so that a failure can be replayed)."""
    print(f"NN_KERNEL_SEED={SEED}")
    return np.random.default_rng(SEED)


def ref_forward(
    x: Any, w: Any, b: Any, rm: Any, rv: Any, train: bool, momentum: float, eps: float
) -> tuple[Any, Any, Any, Any, Any]:
    """THNN BatchNormalization_updateOutput in float64, feature by feature."""
    c = x.shape[1]
    feats = np.moveaxis(x, 1, 0).reshape(c, -1)
    n = feats.shape[1]
    out, rm, rv = np.empty_like(feats), rm.copy(), rv.copy()
    smean, sstd = np.zeros(c), np.zeros(c)
    for f in range(c):
        if train:
            mean = feats[f].sum() / n
            ssq = ((feats[f] - mean) ** 2).sum()
            invstd = 1 / np.sqrt(ssq / n + eps)
            smean[f], sstd[f] = mean, invstd
            rm[f] = momentum * mean + (1 - momentum) * rm[f]
            rv[f] = momentum * ssq / (n - 1) + (1 - momentum) * rv[f]
        else:
            mean, invstd = rm[f], 1 / np.sqrt(rv[f] + eps)
        out[f] = (feats[f] - mean) * invstd * (1 if w is None else w[f]) + (
            0 if b is None else b[f]
        )
    shaped = np.moveaxis(out.reshape((c, x.shape[0]) + x.shape[2:]), 0, 1)
    return shaped, rm, rv, smean, sstd


def run_forward(
    xp: Any,
    x: Any,
    w: Any,
    b: Any,
    rm: Any,
    rv: Any,
    train: bool,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> tuple[Any, Any, Any]:
    """Call the kernel; return output, save_mean and save_std (rm, rv updated in place)."""
    out, sm, ss = xp.empty_like(x), xp.empty(x.shape[1], x.dtype), xp.empty(x.shape[1], x.dtype)
    K["BatchNormalization_updateOutput"](x, out, w, b, rm, rv, sm, ss, train, momentum, eps)
    return out, sm, ss


@pytest.mark.parametrize("shape", [(6, 4), (3, 2, 4, 5), (2, 3, 2, 3, 2)])
@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("train", [True, False])
def test_forward_matches_thnn_loops(
    xp: Any, host: Any, shape: Any, affine: bool, train: bool
) -> None:
    """Output, save_mean/save_std and running estimates match THNN's per-feature loops."""
    g = rng()
    x = g.uniform(-2, 2, shape)
    c = shape[1]
    w, b = (g.uniform(0, 1, c), g.uniform(-1, 1, c)) if affine else (None, None)
    rm, rv = g.uniform(-1, 1, c), g.uniform(0.5, 2, c)
    ref, ref_rm, ref_rv, ref_sm, ref_ss = ref_forward(x, w, b, rm, rv, train, 0.2, 1e-3)
    dw, db = (xp.asarray(w), xp.asarray(b)) if affine else (None, None)
    drm, drv = xp.asarray(rm), xp.asarray(rv)
    out, sm, ss = run_forward(xp, xp.asarray(x), dw, db, drm, drv, train, 0.2, 1e-3)
    np.testing.assert_allclose(ref, host(out), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(ref_rm, host(drm), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(ref_rv, host(drv), rtol=1e-12)
    if train:
        np.testing.assert_allclose(ref_sm, host(sm), rtol=1e-12, atol=1e-13)
        np.testing.assert_allclose(ref_ss, host(ss), rtol=1e-12)


def test_float32_forward_close_to_float64(xp: Any, host: Any) -> None:
    """Float tensors keep float32 arrays and agree with the float64 result to 1e-5."""
    g = rng()
    x = xp.asarray(g.uniform(-2, 2, (8, 3, 2, 2)))
    w, b = xp.asarray(g.uniform(0, 1, 3)), xp.asarray(g.uniform(-1, 1, 3))
    r64 = run_forward(xp, x, w, b, xp.zeros(3), xp.ones(3), True)[0]
    x32, w32, b32 = x.astype(xp.float32), w.astype(xp.float32), b.astype(xp.float32)
    r32 = run_forward(xp, x32, w32, b32, xp.zeros(3, xp.float32), xp.ones(3, xp.float32), True)[0]
    assert np.float32 == r32.dtype
    np.testing.assert_allclose(host(r64), host(r32), rtol=1e-5, atol=1e-5)


def _numeric(host: Any, f: Any, v: Any) -> Any:
    """d f() / d v by central differences, on the host; rows follow v's elements."""
    flat = v.reshape(-1)
    rows = []
    for i in range(flat.size):
        orig = flat[i].item()  # a number: a cupy 0-d element would be a view
        flat[i] = orig + STEP
        plus = host(f()).reshape(-1).copy()
        flat[i] = orig - STEP
        minus = host(f()).reshape(-1).copy()
        flat[i] = orig
        rows.append((plus - minus) / (2 * STEP))
    return np.array(rows)


@pytest.mark.parametrize("shape", [(5, 3), (2, 3, 2, 2)])
@pytest.mark.parametrize("train", [True, False])
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_jacobians_input_weight_bias(
    xp: Any, host: Any, shape: Any, train: bool, scale: float
) -> None:
    """gradInput, scale * gradWeight and scale * gradBias are the Jacobians of the forward."""
    g = rng()
    x = xp.asarray(g.uniform(-2, 2, shape))
    c = shape[1]
    w, b = xp.asarray(g.uniform(-2, 2, c)), xp.asarray(g.uniform(-2, 2, c))
    rv = xp.asarray(g.uniform(0.5, 2, c))
    rm = xp.asarray(g.uniform(-1, 1, c))

    def fwd() -> Any:
        return run_forward(xp, x, w, b, rm.copy(), rv.copy(), train)[0]

    out, sm, ss = run_forward(xp, x, w, b, rm.copy(), rv.copy(), train)
    n_out = out.size
    cols_in, cols_w, cols_b = [], [], []
    for j in range(n_out):
        go = xp.zeros(n_out)
        go[j] = 1
        gi, gw, gb = xp.empty_like(x), xp.zeros(c), xp.zeros(c)
        K["BatchNormalization_backward"](
            x, go.reshape(shape), gi, gw, gb, w, rm, rv, sm, ss, train, scale, 1e-5
        )
        cols_in.append(host(gi).reshape(-1))
        cols_w.append(host(gw) / scale)
        cols_b.append(host(gb) / scale)
    assert np.abs(_numeric(host, fwd, x) - np.array(cols_in).T).max() < TOL
    assert np.abs(_numeric(host, fwd, w) - np.array(cols_w).T).max() < TOL
    assert np.abs(_numeric(host, fwd, b) - np.array(cols_b).T).max() < TOL


def test_backward_parts_are_optional(xp: Any, host: Any) -> None:
    """gradInput alone, or the parameter gradients alone, can be asked for (None skips)."""
    g = rng()
    x, go = xp.asarray(g.uniform(-2, 2, (4, 3))), xp.asarray(g.uniform(-2, 2, (4, 3)))
    out, sm, ss = run_forward(xp, x, None, None, xp.zeros(3), xp.ones(3), True)
    gi = xp.empty_like(x)
    K["BatchNormalization_backward"](
        x, go, gi, None, None, None, xp.zeros(3), xp.ones(3), sm, ss, True, 1.0, 1e-5
    )
    gw = xp.zeros(3)
    K["BatchNormalization_backward"](
        x, go, None, gw, None, None, xp.zeros(3), xp.ones(3), sm, ss, True, 1.0, 1e-5
    )
    np.testing.assert_allclose((host(go) * host(out)).sum(axis=0), host(gw), rtol=1e-12)
    np.testing.assert_allclose(0, host(gi).sum(axis=0), atol=1e-12)


def _lrn_reference(x: Any, size: int, alpha: float, beta: float, k: float) -> Any:
    half = (size - 1) // 2
    out = np.empty_like(x)
    c = x.shape[1]
    for ch in range(c):
        lo, hi = max(0, ch - half), min(c, ch + half + 1)
        scale = k + alpha / size * (x[:, lo:hi] ** 2).sum(axis=1)
        out[:, ch] = x[:, ch] * scale**-beta
    return out


@pytest.mark.parametrize("size", [1, 3, 5])
def test_cross_map_lrn_matches_definition_and_jacobian(xp: Any, host: Any, size: int) -> None:
    """SpatialCrossMapLRN equals its definition and its backward is the exact Jacobian."""
    x = xp.asarray(rng().uniform(-2, 2, (2, 4, 2, 3)))
    args = (size, 0.5, 0.75, 2.0)
    scale = xp.empty_like(x)
    out = K["SpatialCrossMapLRN_updateOutput"](x, xp.empty_like(x), scale, *args)
    np.testing.assert_allclose(_lrn_reference(host(x), *args), host(out), rtol=1e-13)

    def fwd() -> Any:
        return K["SpatialCrossMapLRN_updateOutput"](x, xp.empty_like(x), scale, *args)

    y = fwd().copy()
    cols = []
    for j in range(y.size):
        go = xp.zeros(y.size)
        go[j] = 1
        gi = K["SpatialCrossMapLRN_updateGradInput"](
            x, go.reshape(x.shape), xp.empty_like(x), scale, y, *args
        )
        cols.append(host(gi).reshape(-1).copy())
    assert np.abs(_numeric(host, fwd, x) - np.array(cols).T).max() < TOL
