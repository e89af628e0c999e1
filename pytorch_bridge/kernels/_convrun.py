"""Argument checks and buffer layout shared by the convolution kernels (2-D and 3-D).

Each function here is the body of a family of THNN kernels: it checks the arrays, cuts its
scratch views out of the Lua-owned buffers (see :mod:`._convnd` for the protocol) and runs
the column math of :mod:`._convnd`. The kernels in conv2d.py, conv2d_full.py and conv3d.py
only fix the argument order: they pass their name (for error messages), their arrays and the
geometry as one tuple, per dimension in (T,) H, W order: ``(k, d, pad, dil)`` for a
convolution, ``(d, pad, adj)`` for a full convolution (its kernel size comes from the weight).
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from ._convnd import (
    Need,
    batched,
    conv_grad_input,
    conv_grad_params,
    conv_input,
    conv_output,
    full_geometry,
    full_grad_input,
    full_grad_params,
    full_output,
    grad_output,
    grad_weight2d,
    layout,
    out_view,
    weight2d,
)
from ._unfold import Geometry, big_enough, padded, unfold

Dims = tuple[int, ...]
ConvGeo = tuple[Dims, Dims, Dims, Dims]
FullGeo = tuple[Dims, Dims, Dims]


def conv_forward(
    where: str,
    input: Any,
    output: Any,
    weight: Any,
    bias: Any | None,
    cols_buf: Any,
    scratch: Any | None,
    geo: ConvGeo,
) -> Need:
    """Shared forward of the convolutions over any number of spatial dims.

    Scratch comes from ``scratch``, or after the columns in ``cols_buf`` when it is None.
    """
    xp = array_module(input)
    x, g = conv_input(where, input, *geo)
    o = weight.shape[0]
    w2 = weight2d(where, weight, o, g.C * g.nk)
    bl = g.B * g.L
    short, views = layout([(cols_buf, [(g.C * g.nk, bl)]), (scratch, [(o, bl), (g.B, g.C, *g.P)])])
    if short:
        return short
    cols, ow, xpad = views
    conv_output(xp, x, out_view(where, output, (g.B, o, *g.o)), w2, bias, cols, ow, xpad, g)
    return None


def conv_backward_input(
    where: str,
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    buf: Any,
    geo: ConvGeo,
) -> Need:
    """Shared input gradient; all scratch comes from ``buf``."""
    xp = array_module(gradOutput)
    x, g = conv_input(where, input, *geo)
    o = weight.shape[0]
    go = grad_output(where, gradOutput, (g.B, o, *g.o))
    w2 = weight2d(where, weight, o, g.C * g.nk)
    short, views = layout([(buf, [(o, g.B, g.L), (g.B, g.C, *g.P), (g.C * g.nk, g.B * g.L)])])
    if short:
        return short
    gow, gpad, fcols = views
    conv_grad_input(xp, go, out_view(where, gradInput, x.shape), w2, gow, gpad, fcols, g)
    return None


def conv_backward_params(
    where: str,
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    cols_buf: Any,
    scratch: Any | None,
    geo: ConvGeo,
    scale: float,
    fresh: bool,
) -> Need:
    """Shared parameter gradients; ``fresh`` recomputes the columns from the input.

    Scratch comes from ``scratch``, or after the columns in ``cols_buf`` when it is None.
    """
    xp = array_module(gradOutput)
    x, g = conv_input(where, input, *geo)
    o = gradWeight.shape[0]
    go = grad_output(where, gradOutput, (g.B, o, *g.o))
    gw2 = grad_weight2d(where, gradWeight, o, g.C * g.nk)
    if not fresh and not big_enough(cols_buf, g.ncols):
        raise ShapeError(f"{where}: no columns from a forward call on this input")
    short, views = layout(
        [(cols_buf, [(g.C * g.nk, g.B * g.L)]), (scratch, [(o, g.B, g.L), (g.B, g.C, *g.P)])]
    )
    if short:
        return short
    cols, gow, xpad = views
    if fresh:
        unfold(xp, padded(xp, x, xpad, g), cols, g)
    conv_grad_params(xp, go, gw2, gradBias, cols, gow, g, scale)
    return None


def plan_full(where: str, input: Any, weight: Any, geo: FullGeo) -> tuple[Any, Any, Geometry]:
    """Batched input, weight as (Cin, Cout*K) and the geometry of a full convolution."""
    d, pad, adj = geo
    nd = len(d)
    x = batched(where, "input", input, nd)
    if weight.ndim != nd + 2 or weight.shape[0] != x.shape[1]:
        raise ShapeError(
            f"{where}: weight has shape {tuple(weight.shape)} but input has shape "
            f"{tuple(input.shape)}"
        )
    k = tuple(int(s) for s in weight.shape[2:])
    g = full_geometry(where, x, k, d, pad, adj, int(weight.shape[1]))
    return x, weight2d(where, weight, x.shape[1], g.C * g.nk), g


def full_forward(
    where: str,
    input: Any,
    output: Any,
    weight: Any,
    bias: Any | None,
    columns: Any,
    ones: Any,
    geo: FullGeo,
) -> Need:
    """Shared forward of the full convolutions."""
    xp = array_module(input)
    x, w2, g = plan_full(where, input, weight, geo)
    short, views = layout(
        [(columns, [(g.C * g.nk, g.B * g.L)]), (ones, [(x.shape[1], g.B * g.L), (g.B, g.C, *g.P)])]
    )
    if short:
        return short
    cols, xw, ypad = views
    full_output(xp, x, out_view(where, output, (g.B, g.C, *g.S)), w2, bias, cols, xw, ypad, g)
    return None


def full_backward_input(
    where: str,
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    buf: Any,
    geo: FullGeo,
) -> Need:
    """Shared input gradient of the full convolutions; all scratch in ``buf``."""
    xp = array_module(gradOutput)
    x, w2, g = plan_full(where, input, weight, geo)
    go = grad_output(where, gradOutput, (g.B, g.C, *g.S))
    short, views = layout(
        [(buf, [(g.C * g.nk, g.B * g.L), (g.B, g.C, *g.P), (x.shape[1], g.B * g.L)])]
    )
    if short:
        return short
    cols, gopad, gxw = views
    full_grad_input(xp, go, out_view(where, gradInput, x.shape), w2, cols, gopad, gxw, g)
    return None


def full_backward_params(
    where: str,
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    columns: Any,
    ones: Any,
    geo: FullGeo,
    scale: float,
) -> Need:
    """Shared parameter gradients of the full convolutions (columns recomputed)."""
    xp = array_module(gradOutput)
    x, _, g = plan_full(where, input, gradWeight, geo)
    gw2 = grad_weight2d(where, gradWeight, x.shape[1], g.C * g.nk)
    go = grad_output(where, gradOutput, (g.B, g.C, *g.S))
    short, views = layout(
        [(columns, [(g.C * g.nk, g.B * g.L), (g.B, g.C, *g.P)]), (ones, [(x.shape[1], g.B * g.L)])]
    )
    if short:
        return short
    cols, gopad, xw = views
    full_grad_params(xp, x, go, gw2, gradBias, cols, gopad, xw, g, scale)
    return None
