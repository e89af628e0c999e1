"""Depth-wise spatial convolution (THNN SpatialDepthWiseConvolution).

Arrays: ``input`` is ``([B,] C, H, W)``, ``weight`` ``(M, C*kH*kW)`` or ``(M, C, kH, kW)``,
``bias`` ``(M, C)``; output plane ``c * M + m`` is input plane ``c`` cross-correlated with
filter ``weight[m, c]``, giving ``([B,] C*M, oH, oW)``. The column buffers ``finput`` and
``fgradInput`` of the THNN signature are accepted but not used.
"""

from __future__ import annotations

import math
from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from ._pool_taps import taps2d


def _depthwise_setup(
    where: str,
    input: Any,
    weight: Any,
    k: tuple[int, int],
    d: tuple[int, int],
    pad: tuple[int, int],
) -> tuple[Any, Any, tuple[int, int]]:
    """Batched input, weight as (M, C, kH, kW) and the output size (oH, oW)."""
    x = input[None] if input.ndim == 3 else input
    if x.ndim != 4:
        raise ShapeError(f"{where}: input must be 3-D or 4-D, got shape {tuple(input.shape)}")
    c = x.shape[1]
    if weight.ndim == 0 or weight.size != weight.shape[0] * c * k[0] * k[1]:
        raise ShapeError(
            f"{where}: weight has shape {tuple(weight.shape)} but input has shape "
            f"{tuple(input.shape)} and the kernel is {k[0]}x{k[1]}"
        )
    w = weight.reshape(weight.shape[0], c, k[0], k[1])
    o = tuple((x.shape[2 + a] + 2 * pad[a] - k[a]) // d[a] + 1 for a in range(2))
    if min(o) < 1:
        raise ShapeError(f"{where}: input of shape {tuple(input.shape)} gives output {o}")
    return x, w, (o[0], o[1])


def _check_size(
    where: str, name: str, a: Any | None, want: tuple[int, ...], exact: bool = False
) -> None:
    """Raise ShapeError unless ``a`` (when given) holds as many elements as shape ``want``
    (has that very shape when ``exact``)."""
    if a is None:
        return
    if a.size != math.prod(want) or (exact and tuple(a.shape) != want):
        raise ShapeError(f"{where}: {name} has shape {tuple(a.shape)}, expected {want}")


def _depthwise_out(input: Any, w: Any, o: tuple[int, int]) -> tuple[int, ...]:
    """Shape of the output (and gradOutput): ``([B,] C*M, oH, oW)``."""
    return (*input.shape[:-3], w.shape[1] * w.shape[0], *o)


@kernel
def SpatialDepthWiseConvolution_updateOutput(
    input: Any,
    output: Any,
    weight: Any,
    bias: Any | None,
    finput: Any,
    fgradInput: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
) -> Any:
    """Mirror THNN SpatialDepthWiseConvolution_updateOutput: ``output`` ``([B,] C*M, oH, oW)``."""
    xp = array_module(input)
    where = "SpatialDepthWiseConvolution_updateOutput"
    k, d, pad = (kH, kW), (dH, dW), (padH, padW)
    x, w, o = _depthwise_setup(where, input, weight, k, d, pad)
    m, c = w.shape[0], w.shape[1]
    _check_size(where, "output", output, _depthwise_out(input, w, o))
    _check_size(where, "bias", bias, (m, c))
    acc = xp.zeros((x.shape[0], c, m) + o, dtype=output.dtype)
    for ky, kx, oi, ii in taps2d(x.shape, o, k, d, pad):  # taps inside the input only
        acc[oi] += x[ii][:, :, None] * w[:, :, ky, kx].T[None, :, :, None, None]
    if bias is not None:
        acc += bias.reshape(m, c).T[None, :, :, None, None]
    xp.copyto(output, acc.reshape(output.shape))
    return output


@kernel
def SpatialDepthWiseConvolution_updateGradInput(
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
) -> Any:
    """Mirror THNN SpatialDepthWiseConvolution_updateGradInput into ``gradInput``."""
    xp = array_module(input)
    where = "SpatialDepthWiseConvolution_updateGradInput"
    k, d, pad = (kH, kW), (dH, dW), (padH, padW)
    x, w, o = _depthwise_setup(where, input, weight, k, d, pad)
    m, c = w.shape[0], w.shape[1]
    _check_size(where, "gradOutput", gradOutput, _depthwise_out(input, w, o))
    _check_size(where, "gradInput", gradInput, tuple(input.shape))
    go = gradOutput.reshape((x.shape[0], c, m) + o)
    gi = xp.zeros(x.shape, input.dtype)
    for ky, kx, oi, ii in taps2d(x.shape, o, k, d, pad):
        gi[ii] += xp.einsum("bcmyx,mc->bcyx", go[oi], w[:, :, ky, kx])
    xp.copyto(gradInput, gi.reshape(gradInput.shape))
    return gradInput


@kernel
def SpatialDepthWiseConvolution_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    finput: Any,
    fgradInput: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    scale: float,
) -> Any:
    """Mirror THNN SpatialDepthWiseConvolution_accGradParameters: add ``scale`` times the
    weight and bias gradients."""
    xp = array_module(input)
    where = "SpatialDepthWiseConvolution_accGradParameters"
    k, d, pad = (kH, kW), (dH, dW), (padH, padW)
    if not gradWeight.flags.c_contiguous:  # a reshaped copy would lose the sums
        raise ShapeError(f"{where}: gradWeight must be contiguous")
    x, gw, o = _depthwise_setup(where, input, gradWeight, k, d, pad)
    m, c = gw.shape[0], gw.shape[1]
    _check_size(where, "gradOutput", gradOutput, _depthwise_out(input, gw, o))
    _check_size(where, "gradBias", gradBias, (m, c), exact=True)
    go = gradOutput.reshape((x.shape[0], c, m) + o)
    s = gradWeight.dtype.type(scale)
    for ky, kx, oi, ii in taps2d(x.shape, o, k, d, pad):
        gw[:, :, ky, kx] += s * xp.einsum("bcmyx,bcyx->mc", go[oi], x[ii])
    if gradBias is not None:
        gradBias += s * go.sum(axis=(0, 3, 4)).T
    return gradWeight
