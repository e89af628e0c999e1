"""Finite-difference checks of the convolution kernels (2-D, full, local, temporal, 3-D).

Each check builds the full Jacobian of a forward kernel by central differences (step 1e-6,
float64, inputs in [-2, 2]) with respect to the input, the weight and the bias, and compares
it with the one the backward kernels give for unit output gradients (parameter gradients
accumulated with ``scale`` and divided by it); the largest error must stay below 1e-5.
Buffers follow the kernels' protocol: a call that answers with element counts is repeated
with buffers of that size.
"""

from __future__ import annotations

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
rng = seeded_rng(4321)


class Buffers:
    """Scratch buffers that grow when a kernel asks for more, as the Lua modules do."""

    def __init__(self, xp: Any, n: int) -> None:
        self.xp = xp
        self.bufs = [xp.empty(0) for _ in range(n)]

    def run(
        self,
        fn: Callable[..., Any],
        before: tuple[Any, ...],
        slots: list[int],
        after: tuple[Any, ...],
        grow: list[int] | None = None,
    ) -> None:
        """Call ``fn(*before, *buffers[slots], *after)``; grow buffers ``grow`` on request."""
        for _ in range(2):
            need = fn(*before, *(self.bufs[i] for i in slots), *after)
            if need is None:
                return
            for i, n in zip(slots if grow is None else grow, need, strict=True):
                self.bufs[i] = self.xp.empty(int(n))
        raise AssertionError("buffers did not fit after growing")


# (weight shape, input shape, kw, kh, dw, dh, pw, ph, dilationW, dilationH)
SPATIAL = [
    ((3, 2, 2, 3), (2, 2, 4, 5), 3, 2, 1, 1, 0, 0, 1, 1),
    ((2, 2, 3, 2), (2, 5, 4), 2, 3, 1, 2, 1, 0, 1, 1),
    ((2, 1, 2, 2), (2, 1, 5, 5), 2, 2, 2, 1, 1, 1, 2, 1),
    ((2, 2, 2, 2), (2, 4, 5), 2, 2, 1, 1, 1, 1, 1, 2),
]


@pytest.mark.parametrize("case", SPATIAL)
@pytest.mark.parametrize("with_bias", [True, False])
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_spatial_convolution_jacobians(
    xp: Any, host: Any, case: Any, with_bias: bool, scale: float
) -> None:
    """SpatialDilatedConvolution (and MM when undilated) gradients match finite differences."""
    wshape, xshape, kw, kh, dw, dh, pw, ph, lw, lh = case
    r = rng()
    x, w = xp.asarray(r.uniform(-2, 2, xshape)), xp.asarray(r.uniform(-2, 2, wshape))
    b = xp.asarray(r.uniform(-2, 2, wshape[0])) if with_bias else None
    args = (kw, kh, dw, dh, pw, ph, lw, lh)
    bufs = Buffers(xp, 2)
    oh = (xshape[-2] + 2 * ph - (lh * (kh - 1) + 1)) // dh + 1
    ow = (xshape[-1] + 2 * pw - (lw * (kw - 1) + 1)) // dw + 1
    oshape = (*xshape[:-3], wshape[0], oh, ow)

    def forward() -> Any:
        out = xp.empty(oshape)
        bufs.run(K["SpatialDilatedConvolution_updateOutput"], (x, out, w, b), [0, 1], args)
        if lw == lh == 1:
            mm = xp.empty(oshape)
            bufs.run(K["SpatialConvolutionMM_updateOutput"], (x, mm, w, b), [0, 1], args[:6])
            assert bool(xp.array_equal(out, mm))
        return out

    def grads(go: Any) -> tuple[Any, ...]:
        gi, gw = xp.empty_like(x), xp.zeros_like(w)
        gb = xp.zeros(wshape[0]) if with_bias else None
        bufs.run(K["SpatialDilatedConvolution_updateGradInput"], (x, go, gi, w), [0], args)
        bufs.run(
            K["SpatialDilatedConvolution_accGradParameters"],
            (x, go, gw, gb),
            [0, 1],
            (*args, scale),
        )
        return gi, gw / scale, (gb / scale if gb is not None else None)

    err = multi_jacobian_error(xp, host, forward, grads, [x, w, b])
    assert 0.0 == pytest.approx(err, abs=TOL)


def test_mm_parameter_gradients_use_forward_columns(xp: Any) -> None:
    """SpatialConvolutionMM_accGradParameters reads the columns its forward call left."""
    r = rng()
    x, w = xp.asarray(r.uniform(-2, 2, (2, 2, 4, 4))), xp.asarray(r.uniform(-2, 2, (3, 18)))
    bufs = Buffers(xp, 2)
    out = xp.empty((2, 3, 4, 4))
    args = (3, 3, 1, 1, 1, 1)
    bufs.run(K["SpatialConvolutionMM_updateOutput"], (x, out, w, None), [0, 1], args)
    go = xp.asarray(r.uniform(-1, 1, out.shape))
    gw = xp.zeros_like(w)
    bufs.run(K["SpatialConvolutionMM_accGradParameters"], (x, go, gw, None), [0, 1], (*args, 1.0))
    ref = xp.zeros_like(w)
    bufs.run(
        K["SpatialDilatedConvolution_accGradParameters"],
        (x, go, ref.reshape(3, 2, 3, 3), None),
        [0, 1],
        (*args, 1, 1, 1.0),
    )
    assert 1e-12 > float(abs(gw - ref).max())


def test_buffer_protocol_reports_sizes(xp: Any) -> None:
    """A kernel given too-small buffers returns the counts it needs and writes nothing."""
    out = xp.full((1, 2, 3, 3), 7.0)
    need = K["SpatialConvolutionMM_updateOutput"](
        xp.ones((1, 1, 4, 4)),
        out,
        xp.ones((2, 4)),
        None,
        xp.empty(0),
        xp.empty(0),
        2,
        2,
        1,
        1,
        0,
        0,
    )
    assert 2 == len(need) and all(n > 0 for n in need)
    assert 7.0 == float(out.min())


# (weight shape, input shape, kw, kh, dw, dh, pw, ph, aw, ah)
FULL = [
    ((2, 3, 3, 2), (2, 2, 3, 2), 2, 3, 2, 1, 0, 1, 1, 0),
    ((2, 2, 2, 2), (2, 3, 3), 2, 2, 1, 1, 0, 0, 0, 0),
]


@pytest.mark.parametrize("case", FULL)
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_spatial_full_convolution_jacobians(xp: Any, host: Any, case: Any, scale: float) -> None:
    """SpatialFullConvolution gradients match finite differences."""
    wshape, xshape, kw, kh, dw, dh, pw, ph, aw, ah = case
    r = rng()
    x, w = xp.asarray(r.uniform(-2, 2, xshape)), xp.asarray(r.uniform(-2, 2, wshape))
    b = xp.asarray(r.uniform(-2, 2, wshape[1]))
    args = (kw, kh, dw, dh, pw, ph, aw, ah)
    oshape = (
        *xshape[:-3],
        wshape[1],
        (xshape[-2] - 1) * dh - 2 * ph + kh + ah,
        (xshape[-1] - 1) * dw - 2 * pw + kw + aw,
    )
    bufs = Buffers(xp, 2)

    def forward() -> Any:
        out = xp.empty(oshape)
        bufs.run(K["SpatialFullConvolution_updateOutput"], (x, out, w, b), [0, 1], args)
        return out

    def grads(go: Any) -> tuple[Any, ...]:
        gi, gw, gb = xp.empty_like(x), xp.zeros_like(w), xp.zeros_like(b)
        bufs.run(K["SpatialFullConvolution_updateGradInput"], (x, go, gi, w), [0], args)
        bufs.run(
            K["SpatialFullConvolution_accGradParameters"], (x, go, gw, gb), [0, 1], (*args, scale)
        )
        return gi, gw / scale, gb / scale

    err = multi_jacobian_error(xp, host, forward, grads, [x, w, b])
    assert 0.0 == pytest.approx(err, abs=TOL)


@pytest.mark.parametrize("batch", [None, 2])
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_spatial_convolution_local_jacobians(
    xp: Any, host: Any, batch: int | None, scale: float
) -> None:
    """SpatialConvolutionLocal gradients match finite differences."""
    r = rng()
    xshape = (2, 4, 3) if batch is None else (batch, 2, 4, 3)
    kw, kh, dw, dh, pw, ph = 2, 2, 1, 2, 0, 1
    oh, ow = (4 + 2 - 2) // 2 + 1, 3 - 2 + 1
    x = xp.asarray(r.uniform(-2, 2, xshape))
    w = xp.asarray(r.uniform(-2, 2, (oh, ow, 2, 2, kh, kw)))
    b = xp.asarray(r.uniform(-2, 2, (2, oh, ow)))
    args = (kw, kh, dw, dh, pw, ph, 3, 4, ow, oh)
    bufs = Buffers(xp, 2)

    def forward() -> Any:
        out = xp.empty((*xshape[:-3], 2, oh, ow))
        bufs.run(K["SpatialConvolutionLocal_updateOutput"], (x, out, w, b), [0, 1], args)
        return out

    def grads(go: Any) -> tuple[Any, ...]:
        gi, gw, gb = xp.empty_like(x), xp.zeros_like(w), xp.zeros_like(b)
        bufs.run(
            K["SpatialConvolutionLocal_updateGradInput"], (x, go, gi, w), [0, 1], args, grow=[1]
        )
        forward()
        K["SpatialConvolutionLocal_accGradParameters"](x, go, gw, gb, *bufs.bufs, *args, scale)
        return gi, gw / scale, gb / scale

    err = multi_jacobian_error(xp, host, forward, grads, [x, w, b])
    assert 0.0 == pytest.approx(err, abs=TOL)


@pytest.mark.parametrize("xshape,kw,dw", [((7, 3), 3, 2), ((2, 5, 3), 2, 1), ((2, 6, 3), 2, 3)])
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_temporal_convolution_jacobians(
    xp: Any, host: Any, xshape: Any, kw: int, dw: int, scale: float
) -> None:
    """TemporalConvolution gradients match finite differences."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, xshape))
    w, b = xp.asarray(r.uniform(-2, 2, (2, kw * 3))), xp.asarray(r.uniform(-2, 2, 2))
    n = (xshape[-2] - kw) // dw + 1

    def forward() -> Any:
        out = xp.empty((*xshape[:-2], n, 2))
        K["TemporalConvolution_updateOutput"](x, out, w, b, kw, dw, 3, 2)
        return out

    def grads(go: Any) -> tuple[Any, ...]:
        gi, gw, gb = xp.empty_like(x), xp.zeros_like(w), xp.zeros_like(b)
        K["TemporalConvolution_updateGradInput"](x, go, gi, w, kw, dw)
        K["TemporalConvolution_accGradParameters"](x, go, gw, gb, kw, dw, scale)
        return gi, gw / scale, gb / scale

    err = multi_jacobian_error(xp, host, forward, grads, [x, w, b])
    assert 0.0 == pytest.approx(err, abs=TOL)


@pytest.mark.parametrize("batch", [None, 2])
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_volumetric_convolution_jacobians(
    xp: Any, host: Any, batch: int | None, scale: float
) -> None:
    """VolumetricConvolutionMM gradients match finite differences (columns in finput)."""
    r = rng()
    xshape = (2, 3, 3, 4) if batch is None else (batch, 2, 3, 3, 4)
    x = xp.asarray(r.uniform(-2, 2, xshape))
    w, b = xp.asarray(r.uniform(-2, 2, (2, 2, 2, 2, 3))), xp.asarray(r.uniform(-2, 2, 2))
    args = (2, 3, 2, 1, 2, 1, 1, 0, 1)  # kT, kw, kh, dT, dw, dh, pT, pW, pH
    oshape = (*xshape[:-4], 2, 4, 4, 1)
    bufs = Buffers(xp, 2)

    def forward() -> Any:
        out = xp.empty(oshape)
        bufs.run(K["VolumetricConvolutionMM_updateOutput"], (x, out, w, b), [0], args)
        return out

    def grads(go: Any) -> tuple[Any, ...]:
        gi, gw, gb = xp.empty_like(x), xp.zeros_like(w), xp.zeros_like(b)
        bufs.run(
            K["VolumetricConvolutionMM_updateGradInput"], (x, go, gi, w), [0, 1], args, grow=[1]
        )
        forward()
        bufs.run(
            K["VolumetricConvolutionMM_accGradParameters"], (x, go, gw, gb), [0], (*args, scale)
        )
        return gi, gw / scale, gb / scale

    err = multi_jacobian_error(xp, host, forward, grads, [x, w, b])
    assert 0.0 == pytest.approx(err, abs=TOL)


@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_volumetric_full_convolution_jacobians(xp: Any, host: Any, scale: float) -> None:
    """VolumetricFullConvolution gradients match finite differences."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, (2, 2, 2, 2, 2)))
    w, b = xp.asarray(r.uniform(-2, 2, (2, 2, 2, 3, 2))), xp.asarray(r.uniform(-2, 2, 2))
    args = (2, 1, 2, 1, 0, 0, 1, 0, 1)  # dT, dw, dh, pT, pW, pH, aT, aW, aH
    oshape = (2, 2, 3, 6, 3)
    bufs = Buffers(xp, 2)

    def forward() -> Any:
        out = xp.empty(oshape)
        bufs.run(K["VolumetricFullConvolution_updateOutput"], (x, out, w, b), [0, 1], args)
        return out

    def grads(go: Any) -> tuple[Any, ...]:
        gi, gw, gb = xp.empty_like(x), xp.zeros_like(w), xp.zeros_like(b)
        bufs.run(
            K["VolumetricFullConvolution_updateGradInput"], (x, go, gi, w), [0, 1], args, grow=[0]
        )
        bufs.run(
            K["VolumetricFullConvolution_accGradParameters"],
            (x, go, gw, gb),
            [0, 1],
            (*args, scale),
        )
        return gi, gw / scale, gb / scale

    err = multi_jacobian_error(xp, host, forward, grads, [x, w, b])
    assert 0.0 == pytest.approx(err, abs=TOL)


@pytest.mark.parametrize(
    "kind,batch",
    [
        ("SpatialConvolutionMap", None),
        ("SpatialConvolutionMap", 2),
        ("SpatialFullConvolutionMap", None),
    ],
)
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_spatial_convolution_map_jacobians(
    xp: Any, host: Any, kind: str, batch: int | None, scale: float
) -> None:
    """SpatialConvolutionMap and SpatialFullConvolutionMap gradients match finite differences,
    with a table where input plane 2 feeds two outputs, output plane 3 sums two rows and input
    plane 4 is unread."""
    r = rng()
    table = xp.asarray([[1, 1], [2, 1], [2, 3], [3, 3], [2, 2]], dtype=np.float64)
    xshape = (4, 5, 6) if batch is None else (batch, 4, 5, 6)
    kw, kh, dw, dh = 2, 3, 2, 1
    if kind == "SpatialConvolutionMap":
        oh, ow = (5 - kh) // dh + 1, (6 - kw) // dw + 1
    else:
        oh, ow = (5 - 1) * dh + kh, (6 - 1) * dw + kw
    x = xp.asarray(r.uniform(-2, 2, xshape))
    w = xp.asarray(r.uniform(-2, 2, (5, kh, kw)))
    b = xp.asarray(r.uniform(-2, 2, 3))
    args = (table, 4, 3, dw, dh)

    def forward() -> Any:
        out = xp.empty((*xshape[:-3], 3, oh, ow))
        return K[f"{kind}_updateOutput"](x, out, w, b, *args)

    def grads(go: Any) -> tuple[Any, ...]:
        gi, gw, gb = xp.empty_like(x), xp.zeros_like(w), xp.zeros_like(b)
        K[f"{kind}_updateGradInput"](x, go, gi, w, b, *args)
        K[f"{kind}_accGradParameters"](x, go, gw, gb, *args, scale)
        return gi, gw / scale, gb / scale

    err = multi_jacobian_error(xp, host, forward, grads, [x, w, b])
    assert 0.0 == pytest.approx(err, abs=TOL)
    with pytest.raises(ShapeError, match="connTable refers to planes"):
        K[f"{kind}_updateOutput"](x, forward(), w, b, table * 2, 4, 3, dw, dh)


def test_bad_shapes_raise_shape_error(xp: Any) -> None:
    """Mismatched planes or a too-small input raise ShapeError naming the kernel."""
    with pytest.raises(ShapeError, match="SpatialConvolutionMM_updateOutput"):
        K["SpatialConvolutionMM_updateOutput"](
            xp.ones((1, 2, 4, 4)),
            xp.empty(0),
            xp.ones((2, 4)),
            None,
            xp.empty(0),
            xp.empty(0),
            2,
            2,
            1,
            1,
            0,
            0,
        )
    with pytest.raises(ShapeError, match="too small"):
        K["SpatialConvolutionMM_updateOutput"](
            xp.ones((1, 2, 2)),
            xp.empty(0),
            xp.ones((2, 9)),
            None,
            xp.empty(0),
            xp.empty(0),
            3,
            3,
            1,
            1,
            0,
            0,
        )
    with pytest.raises(ShapeError, match="shorter than the kernel"):
        K["TemporalConvolution_updateOutput"](
            xp.ones((2, 3)), xp.empty(0), xp.ones((2, 9)), None, 3, 1, 3, 2
        )
