"""Dilated volumetric kernels (THNN VolumetricDilatedMaxPooling, VolumetricDilatedConvolution)
and the depth-wise spatial convolution (THNN SpatialDepthWiseConvolution).

Arrays: ``input`` is ``(C, iT, iH, iW)`` or ``(N, C, iT, iH, iW)``; outputs keep the leading
dimensions and have ``(oT, oH, oW)`` trailing ones, sized by the Lua side. Window taps sit
``dilation`` positions apart. Max-pooling indices pack the tap numbers of each maximum as
bytes, ``t | h << 8 | w << 16`` (tap numbers inside the full window; 255 where no element
beats ``-inf``). The volumetric convolutions follow the buffer protocol of :mod:`._convnd`.

SpatialDepthWiseConvolution: ``input`` is ``([B,] C, H, W)``, ``weight`` ``(M, C*kH*kW)`` or
``(M, C, kH, kW)``, ``bias`` ``(M, C)``; output plane ``c * M + m`` is input plane ``c``
convolved with filter ``weight[m, c]``. Its column buffers are not used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from ._convnd import Need
from ._convrun import conv_backward_input, conv_backward_params, conv_forward
from ._pool_taps import taps3d
from .pool3d import max_pool3d, max_pool3d_grad


def _taps(shape_in: Any, shape_out: Any, geo: Any) -> Iterator[Any]:
    """:func:`._pool_taps.taps3d` for ``geo`` = (window, stride, padding, dilation)."""
    return taps3d(shape_in, shape_out, *geo)


@kernel
def VolumetricDilatedMaxPooling_updateOutput(
    input: Any,
    output: Any,
    indices: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
    ceilMode: bool,
) -> Any:
    """Mirror THNN VolumetricDilatedMaxPooling_updateOutput: window maxima and packed taps.

    Args:
        input: ``(C, iT, iH, iW)`` or ``(N, C, iT, iH, iW)``.
        output: ``(..., oT, oH, oW)``, overwritten; indices: integers of the same shape.
        kT .. pH: window, stride and padding; dilationT .. dilationH: tap spacing.
        ceilMode: only sized the output.

    Returns:
        ``output``.
    """
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    taps = _taps(input.shape, output.shape, geo)
    where = "VolumetricDilatedMaxPooling_updateOutput"
    return max_pool3d(where, input, output, indices, taps)


@kernel
def VolumetricDilatedMaxPooling_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    indices: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
    ceilMode: bool,
) -> Any:
    """Mirror THNN VolumetricDilatedMaxPooling_updateGradInput: gradOutput to each maximum.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., oT, oH, oW)``.
        gradInput: shaped like ``input``, overwritten.
        indices: the forward's packed taps; the other arguments as in the forward.

    Returns:
        ``gradInput``.
    """
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    taps = _taps(input.shape, gradOutput.shape, geo)
    where = "VolumetricDilatedMaxPooling_updateGradInput"
    return max_pool3d_grad(where, gradOutput, gradInput, indices, taps)


@kernel
def VolumetricDilatedConvolution_updateOutput(
    input: Any,
    output: Any,
    weight: Any,
    bias: Any | None,
    columns: Any,
    ones: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
) -> Need:
    """THNN VolumetricDilatedConvolution_updateOutput: weight ``(O, C, kT, kH, kW)``."""
    where = "VolumetricDilatedConvolution_updateOutput"
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    return conv_forward(where, input, output, weight, bias, columns, ones, geo)


@kernel
def VolumetricDilatedConvolution_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    gradColumns: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
) -> Need:
    """THNN VolumetricDilatedConvolution_updateGradInput; scratch in ``gradColumns``."""
    where = "VolumetricDilatedConvolution_updateGradInput"
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    return conv_backward_input(where, input, gradOutput, gradInput, weight, gradColumns, geo)


@kernel
def VolumetricDilatedConvolution_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    columns: Any,
    ones: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
    scale: float,
) -> Need:
    """THNN VolumetricDilatedConvolution_accGradParameters: recomputes the input columns."""
    where = "VolumetricDilatedConvolution_accGradParameters"
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    return conv_backward_params(
        where, input, gradOutput, gradWeight, gradBias, columns, ones, geo, scale, True
    )


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
    w = weight.reshape(weight.shape[0], c, k[0], k[1])
    o = tuple((x.shape[2 + a] + 2 * pad[a] - k[a]) // d[a] + 1 for a in range(2))
    if min(o) < 1:
        raise ShapeError(f"{where}: input of shape {tuple(input.shape)} gives output {o}")
    return x, w, (o[0], o[1])


def _depthwise_taps(
    k: tuple[int, int], d: tuple[int, int], o: tuple[int, int]
) -> Iterator[tuple[int, int, tuple[Any, ...]]]:
    """Yield ``(ky, kx, padded-input index)`` for every tap of the window."""
    for ky in range(k[0]):
        for kx in range(k[1]):
            sy = slice(ky, ky + (o[0] - 1) * d[0] + 1, d[0])
            sx = slice(kx, kx + (o[1] - 1) * d[1] + 1, d[1])
            yield ky, kx, (slice(None), slice(None), sy, sx)


def _pad2d(xp: Any, x: Any, pad: tuple[int, int]) -> Any:
    if not any(pad):
        return x
    widths = ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1]))
    return xp.pad(x, widths)


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
    acc = xp.zeros((x.shape[0], c, m) + o, dtype=output.dtype)
    xpad = _pad2d(xp, x, pad)
    for ky, kx, ii in _depthwise_taps(k, d, o):
        acc += xpad[ii][:, :, None] * w[:, :, ky, kx].T[None, :, :, None, None]
    if bias is not None:
        acc += bias.T[None, :, :, None, None]
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
    go = gradOutput.reshape((x.shape[0], c, m) + o)
    gpad = xp.zeros((x.shape[0], c, x.shape[2] + 2 * padH, x.shape[3] + 2 * padW), input.dtype)
    for ky, kx, ii in _depthwise_taps(k, d, o):
        gpad[ii] += xp.einsum("bcmyx,mc->bcyx", go, w[:, :, ky, kx])
    inner = gpad[:, :, padH : padH + x.shape[2], padW : padW + x.shape[3]]
    xp.copyto(gradInput, inner.reshape(gradInput.shape))
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
    x, gw, o = _depthwise_setup(where, input, gradWeight, k, d, pad)
    m, c = gw.shape[0], gw.shape[1]
    go = gradOutput.reshape((x.shape[0], c, m) + o)
    xpad = _pad2d(xp, x, pad)
    s = gradWeight.dtype.type(scale)
    for ky, kx, ii in _depthwise_taps(k, d, o):
        gw[:, :, ky, kx] += s * xp.einsum("bcmyx,bcyx->mc", go, xpad[ii])
    if gradBias is not None:
        gradBias += s * go.sum(axis=(0, 3, 4)).T
    return gradWeight
