"""Kernels of conv_depthwise.py: the depth-wise spatial convolution
(SpatialDepthWiseConvolution).

Values must equal plain loops written from the definition; each backward must give the full
Jacobian of its forward by central differences (the helpers of kernel_checks.py: float64,
max error 1e-5), weight and bias gradients included, with ``scale`` divided out; bad shapes
raise ShapeError naming the kernel.
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
from kernel_checks import TOL, multi_jacobian_error, seeded_rng  # noqa: E402 - path set above

K = kernels.load_all()
rng = seeded_rng(2718)


def ref_depthwise(x: Any, w: Any, b: Any, d: Any, p: Any) -> Any:
    """Output plane ``c * M + m`` is plane ``c`` cross-correlated with ``w[m, c]`` (``w``
    ``(M, C, kH, kW)``) plus ``b[m, c]``; ``x`` is ``(B, C, H, W)``."""
    (bn, c, ih, iw), (m, _, kh, kw) = x.shape, w.shape
    oh, ow = (ih + 2 * p[0] - kh) // d[0] + 1, (iw + 2 * p[1] - kw) // d[1] + 1
    out = np.zeros((bn, c * m, oh, ow))
    for n, ci, mi, i, j in np.ndindex(bn, c, m, oh, ow):
        s = 0.0 if b is None else b[mi, ci]
        for ty, tx in np.ndindex(kh, kw):
            y, z = i * d[0] - p[0] + ty, j * d[1] - p[1] + tx
            if 0 <= y < ih and 0 <= z < iw:
                s += x[n, ci, y, z] * w[mi, ci, ty, tx]
        out[n, ci * m + mi, i, j] = s
    return out


# (input shape, filters per plane M, (kH, kW), (dH, dW), (padH, padW))
DEPTHWISE = [
    ((2, 2, 4, 5), 3, (2, 3), (1, 2), (1, 0)),
    ((3, 5, 4), 2, (3, 2), (2, 1), (1, 1)),
    ((1, 1, 3, 3), 2, (2, 2), (1, 1), (0, 0)),
]


def _depthwise_out(shape: Any, m: int, k: Any, d: Any, p: Any) -> tuple[int, ...]:
    oh, ow = ((shape[a - 2] + 2 * p[a] - k[a]) // d[a] + 1 for a in range(2))
    return (*shape[:-3], shape[-3] * m, oh, ow)


@pytest.mark.parametrize("case", DEPTHWISE)
@pytest.mark.parametrize("with_bias", [True, False])
def test_depthwise_conv_matches_loops(xp: Any, host: Any, case: Any, with_bias: bool) -> None:
    """The forward equals the loop definition, for a 2-D and a 4-D weight alike."""
    shape, m, k, d, p = case
    r = rng()
    c = shape[-3]
    x, w, b0 = r.uniform(-2, 2, shape), r.uniform(-2, 2, (m, c, *k)), r.uniform(-2, 2, (m, c))
    b = b0 if with_bias else None
    ref = ref_depthwise(x if len(shape) == 4 else x[None], w, b, d, p)
    ref = ref if len(shape) == 4 else ref[0]
    args = (k[1], k[0], d[1], d[0], p[1], p[0])
    for weight in (w, w.reshape(m, -1)):
        out = xp.full(ref.shape, 9.0)
        bias = None if b is None else xp.asarray(b)
        K["SpatialDepthWiseConvolution_updateOutput"](
            xp.asarray(x), out, xp.asarray(weight), bias, xp.empty(0), xp.empty(0), *args
        )
        np.testing.assert_allclose(host(out), ref, rtol=0, atol=1e-12)


@pytest.mark.parametrize("case", DEPTHWISE)
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_depthwise_conv_jacobians(xp: Any, host: Any, case: Any, scale: float) -> None:
    """Input, weight and bias gradients (parameters accumulated with ``scale`` onto what was
    there) are the Jacobians of the forward."""
    shape, m, k, d, p = case
    r = rng()
    c = shape[-3]
    x = xp.asarray(r.uniform(-2, 2, shape))
    w = xp.asarray(r.uniform(-2, 2, (m, c * k[0] * k[1])))
    b = xp.asarray(r.uniform(-2, 2, (m, c)))
    args = (k[1], k[0], d[1], d[0], p[1], p[0])
    oshape = _depthwise_out(shape, m, k, d, p)
    scratch = (xp.empty(0), xp.empty(0))

    def forward() -> Any:
        out = xp.empty(oshape)
        K["SpatialDepthWiseConvolution_updateOutput"](x, out, w, b, *scratch, *args)
        return out

    def grads(go: Any) -> tuple[Any, ...]:
        gi, gw, gb = xp.empty_like(x), xp.ones_like(w), xp.ones_like(b)
        K["SpatialDepthWiseConvolution_updateGradInput"](x, go, gi, w, *scratch, *args)
        K["SpatialDepthWiseConvolution_accGradParameters"](x, go, gw, gb, *scratch, *args, scale)
        return gi, (gw - 1) / scale, (gb - 1) / scale

    assert multi_jacobian_error(xp, host, forward, grads, [x, w, b]) < TOL


def test_depthwise_conv_without_bias_gradient(xp: Any, host: Any) -> None:
    """accGradParameters with no gradBias still accumulates the weight gradient."""
    r = rng()
    x, go = xp.asarray(r.uniform(-2, 2, (2, 4, 4))), xp.asarray(r.uniform(-2, 2, (6, 3, 3)))
    gw, ref = xp.zeros((3, 8)), xp.zeros((3, 8))
    args = (2, 2, 1, 1, 0, 0)
    K["SpatialDepthWiseConvolution_accGradParameters"](
        x, go, gw, None, xp.empty(0), xp.empty(0), *args, 1.0
    )
    K["SpatialDepthWiseConvolution_accGradParameters"](
        x, go, ref, xp.zeros((3, 2)), xp.empty(0), xp.empty(0), *args, 1.0
    )
    assert host(ref).tolist() == host(gw).tolist()


@pytest.mark.parametrize(
    "kernel",
    [
        "SpatialDepthWiseConvolution_updateOutput",
        "SpatialDepthWiseConvolution_updateGradInput",
        "SpatialDepthWiseConvolution_accGradParameters",
    ],
)
def test_depthwise_conv_bad_shapes(xp: Any, kernel: str) -> None:
    """A wrong input rank, a too-small input or a weight or gradOutput of the wrong size raise
    ShapeError naming the kernel."""
    scratch = (xp.empty(0), xp.empty(0))
    args = (2, 2, 1, 1, 0, 0)
    tail = (1.0,) if kernel.endswith("accGradParameters") else ()

    def call(x: Any, w: Any, out: Any) -> None:
        if kernel.endswith("updateOutput"):
            K[kernel](x, out, w, None, *scratch, *args)
        elif kernel.endswith("updateGradInput"):
            K[kernel](x, out, xp.empty_like(x), w, *scratch, *args)
        else:
            K[kernel](x, out, w, None, *scratch, *args, *tail)

    w = xp.ones((3, 8))
    cases = [
        (xp.ones((2, 4)), w, xp.ones((6, 1, 3))),
        (xp.ones((2, 1, 4)), w, xp.ones((6, 1, 3))),
        (xp.ones((2, 4, 4)), xp.ones((3, 9)), xp.ones((6, 3, 3))),
        (xp.ones((2, 4, 4)), w, xp.ones((6, 3, 2))),
    ]
    for x, weight, out in cases:
        with pytest.raises(ShapeError, match=kernel):
            call(x, weight, out)


def test_depthwise_conv_bad_parameters(xp: Any) -> None:
    """A bias or gradBias of the wrong shape, or a non-contiguous gradWeight, raise ShapeError
    naming the kernel instead of broadcasting or summing into a copy."""
    fwd = "SpatialDepthWiseConvolution_updateOutput"
    acc = "SpatialDepthWiseConvolution_accGradParameters"
    scratch = (xp.empty(0), xp.empty(0))
    args = (2, 2, 1, 1, 0, 0)
    x, go = xp.ones((2, 4, 4)), xp.ones((6, 3, 3))
    with pytest.raises(ShapeError, match=f"{fwd}: bias has shape"):
        K[fwd](x, xp.empty((6, 3, 3)), xp.ones((3, 8)), xp.ones((1, 2)), *scratch, *args)
    with pytest.raises(ShapeError, match=f"{acc}: gradBias has shape"):
        K[acc](x, go, xp.zeros((3, 8)), xp.zeros(6), *scratch, *args, 1.0)
    with pytest.raises(ShapeError, match=f"{acc}: gradWeight must be contiguous"):
        K[acc](x, go, xp.zeros((8, 3)).T, None, *scratch, *args, 1.0)
