"""Locally connected spatial convolution kernels (THNN's SpatialConvolutionLocal).

Every output location has its own filters. Arrays: ``input`` is ``([B,] C, iH, iW)``;
``weight`` is ``(oH, oW, O, C, kH, kW)`` or the same numbers as ``(oH*oW, O, C*kH*kW)``;
``bias`` is ``(O, oH, oW)``; ``output``/``gradOutput`` are ``([B,] O, oH, oW)``.
``finput`` holds the columns ``(C*kH*kW, B, oH*oW)``, ``fgradInput`` the padded input and
the input-gradient columns; see :mod:`._convnd` for the buffer protocol.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from ._convnd import (
    Need,
    batched,
    conv_input,
    grad_output,
    grad_weight2d,
    layout,
    out_view,
    weight2d,
)
from ._unfold import Geometry, big_enough, carve, fold, interior, padded, unfold

Dims = tuple[int, int]
LocalGeo = tuple[Dims, Dims, Dims, Dims, Dims]


def _einsum_into(xp: Any, spec: str, a: Any, b: Any, out: Any) -> None:
    """Write ``einsum(spec, a, b)`` into ``out`` (cupy's einsum takes no ``out=``)."""
    if xp is np:
        np.einsum(spec, a, b, out=out)
    else:
        xp.copyto(out, xp.einsum(spec, a, b))


def _plan(where: str, input: Any, weight: Any, geo: LocalGeo) -> tuple[Any, Any, Geometry]:
    """Batched input, weight as (oH*oW, O, C*kH*kW) and the geometry.

    ``geo`` is (kernel, stride, padding, input size, output size), each as (H, W).
    """
    k, d, pad, size, out = geo
    x, g = conv_input(where, input, k, d, pad, (1, 1), wide=False)
    if g.S != size or g.o != out:
        raise ShapeError(
            f"{where}: input has shape {tuple(input.shape)}, expected a "
            f"{size[0]}x{size[1]} input giving {out[0]}x{out[1]} outputs"
        )
    n = out[0] * out[1]
    o = weight.size // (n * g.C * g.nk)
    return x, weight2d(where, weight, n * o, g.C * g.nk).reshape(n, o, -1), g


@kernel
def SpatialConvolutionLocal_updateOutput(
    input: Any,
    output: Any,
    weight: Any,
    bias: Any,
    finput: Any,
    fgradInput: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    inputWidth: int,
    inputHeight: int,
    outputWidth: int,
    outputHeight: int,
) -> Need:
    """THNN SpatialConvolutionLocal_updateOutput: output ``([B,] O, oH, oW)``."""
    where = "SpatialConvolutionLocal_updateOutput"
    xp = array_module(input)
    geo = (kH, kW), (dH, dW), (padH, padW), (inputHeight, inputWidth), (outputHeight, outputWidth)
    x, w3, g = _plan(where, input, weight, geo)
    short, views = layout([(finput, [(g.C * g.nk, g.B, g.L)]), (fgradInput, [(g.B, g.C, *g.P)])])
    if short:
        return short
    cols, xpad = views
    unfold(xp, padded(xp, x, xpad, g), cols, g)
    out = out_view(where, output, (g.B, w3.shape[1], g.L))
    _einsum_into(xp, "lok,kbl->bol", w3, cols, out)
    xp.add(out, bias.reshape(w3.shape[1], g.L), out=out)
    return None


@kernel
def SpatialConvolutionLocal_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    finput: Any,
    fgradInput: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    inputWidth: int,
    inputHeight: int,
    outputWidth: int,
    outputHeight: int,
) -> Need:
    """THNN SpatialConvolutionLocal_updateGradInput: gradInput shaped like input."""
    where = "SpatialConvolutionLocal_updateGradInput"
    xp = array_module(gradOutput)
    geo = (kH, kW), (dH, dW), (padH, padW), (inputHeight, inputWidth), (outputHeight, outputWidth)
    x, w3, g = _plan(where, input, weight, geo)
    go = grad_output(where, gradOutput, (g.B, w3.shape[1], *g.o))
    short, views = layout([(fgradInput, [(g.B, g.C, *g.P), (g.C * g.nk, g.B, g.L)])])
    if short:
        return short
    gpad, fcols = views
    _einsum_into(xp, "lok,bol->kbl", w3, go.reshape(g.B, w3.shape[1], g.L), fcols)
    gi = out_view(where, gradInput, x.shape)
    fold(xp, fcols, gpad, g)
    xp.copyto(gi, interior(gpad, g))
    return None


@kernel
def SpatialConvolutionLocal_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any,
    finput: Any,
    fgradInput: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    inputWidth: int,
    inputHeight: int,
    outputWidth: int,
    outputHeight: int,
    scale: float,
) -> Need:
    """THNN SpatialConvolutionLocal_accGradParameters: reads the forward call's columns."""
    where = "SpatialConvolutionLocal_accGradParameters"
    xp = array_module(gradOutput)
    geo = (kH, kW), (dH, dW), (padH, padW), (inputHeight, inputWidth), (outputHeight, outputWidth)
    x, gw3, g = _plan(where, input, grad_weight2d(where, gradWeight, 1, gradWeight.size), geo)
    if not big_enough(finput, g.ncols):
        raise ShapeError(f"{where}: no columns from a forward call on this input")
    cols = carve(xp, finput, (g.C * g.nk, g.B, g.L))[0]
    go = batched(where, "gradOutput", gradOutput, 2).reshape(g.B, gw3.shape[1], g.L)
    step = xp.einsum("bol,kbl->lok", go, cols)
    if scale != 1:
        step *= scale
    xp.add(gw3, step, out=gw3)
    xp.add(
        gradBias,
        (go.sum(axis=0) * gradBias.dtype.type(scale)).reshape(gradBias.shape),
        out=gradBias,
    )
    return None
