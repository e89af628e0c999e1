"""Batch normalization kernels: agreement with a transcription of THNN's per-feature loops
(batch statistics, running estimates, evaluate mode) and finite-difference checks of the
full Jacobian for input, weight and bias, with the ``scale`` argument.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge import kernels

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_checks import TOL, jacobian_error, multi_jacobian_error, seeded_rng  # noqa: E402 - path set above

K = kernels.load_all()
rng = seeded_rng(2468)


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

    _, sm, ss = run_forward(xp, x, w, b, rm.copy(), rv.copy(), train)

    def grads(go: Any) -> tuple[Any, Any, Any]:
        gi, gw, gb = xp.empty_like(x), xp.zeros(c), xp.zeros(c)
        K["BatchNormalization_backward"](x, go, gi, gw, gb, w, rm, rv, sm, ss, train, scale, 1e-5)
        return gi, gw / scale, gb / scale

    assert multi_jacobian_error(xp, host, fwd, grads, [x, w, b]) < TOL


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

    def fwd(inp: Any) -> Any:
        return K["SpatialCrossMapLRN_updateOutput"](inp, xp.empty_like(inp), scale, *args)

    def bwd(inp: Any, go: Any) -> Any:
        y = fwd(inp)  # also refills ``scale`` for the unperturbed input
        return K["SpatialCrossMapLRN_updateGradInput"](
            inp, go, xp.empty_like(inp), scale, y, *args
        )

    assert jacobian_error(xp, host, fwd, bwd, x) < TOL
