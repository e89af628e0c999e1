"""Dilated spatial max pooling and volumetric max unpooling kernels (THNN
SpatialDilatedMaxPooling forward, VolumetricMaxUnpooling).

Dilated pooling reads ``input`` ``(C, iH, iW)`` or ``(N, C, iH, iW)`` one window tap at a time
through strided views, as ``pool2d.py`` does, and writes indices in the same Torch7 layout: the
1-based flat position ``y * iW + x + 1`` of each maximum in its plane (0 for windows with no
element above ``-inf``). Its backward is ``SpatialMaxPooling_updateGradInput``.

Unpooling reads the packed window offsets ``t | h << 8 | w << 16`` that
``VolumetricMaxPooling_updateOutput`` writes and turns them into flat positions of the
unpooled ``(..., oT, oH, oW)`` volume.
"""

from __future__ import annotations

import math
from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from ._pool_taps import check_out, taps


@kernel
def SpatialDilatedMaxPooling_updateOutput(
    input: Any,
    output: Any,
    indices: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    dilationW: int,
    dilationH: int,
    ceil_mode: bool,
) -> Any:
    """Mirror THNN SpatialDilatedMaxPooling_updateOutput: maxima over dilated windows.

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``, any strides.
        output: ``(..., oH, oW)`` float array, overwritten.
        indices: integer array shaped like ``output``, overwritten (Torch7 layout).
        kW, kH, dW, dH, padW, padH, dilationW, dilationH: window, stride, padding, dilation.
        ceil_mode: only sized the output.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    check_out("SpatialDilatedMaxPooling_updateOutput", input, output)
    (iH, iW), (oH, oW) = input.shape[-2:], output.shape[-2:]
    taps_h = list(taps(oH, iH, kH, dH, padH, dilationH))
    taps_w = list(taps(oW, iW, kW, dW, padW, dilationW))
    output.fill(-xp.inf)
    for _, i0, i1, sy in taps_h:  # NaN-ignoring maxima: NaN is never a maximum, as in THNN
        for _, j0, j1, sx in taps_w:
            oi = (..., slice(i0, i1), slice(j0, j1))
            xp.fmax(output[oi], input[..., sy, sx], out=output[oi])
    mask = xp.empty(output.shape, dtype=bool)
    indices.fill(0)
    for ty, i0, i1, sy in reversed(taps_h):  # the last write is the first maximum
        for tx, j0, j1, sx in reversed(taps_w):
            oi = (..., slice(i0, i1), slice(j0, j1))
            xp.equal(input[..., sy, sx], output[oi], out=mask[oi])
            xp.copyto(indices[oi], ty * dilationH * iW + tx * dilationW, where=mask[oi])
    base = (xp.arange(oH) * dH - padH)[:, None] * iW + (xp.arange(oW) * dW - padW + 1)
    empty = ~(output > -xp.inf)
    indices += base.astype(indices.dtype)
    indices[empty] = 0
    return output


def _unpool_flat(xp: Any, indices: Any, shape_out: Any, d: Any, pad: Any, where: str) -> Any:
    """Flat positions, inside each unpooled ``(oT, oH, oW)`` volume, of every packed offset."""
    oT, oH, oW = shape_out[-3:]
    pos = []
    for axis, size in enumerate((oT, oH, oW)):
        offset = (indices >> (8 * axis)) & 255
        n = indices.shape[axis - 3]
        start = (xp.arange(n) * d[axis] - pad[axis]).reshape((n,) + (1,) * (2 - axis))
        p = start + offset
        if bool(((p < 0) | (p >= size)).any()):
            raise ShapeError(
                f"{where}: invalid max index for unpooled size {(oT, oH, oW)} "
                f"(indices of shape {tuple(indices.shape)})"
            )
        pos.append(p)
    flat = ((pos[0] * oH + pos[1]) * oW + pos[2]).reshape(-1, math.prod(indices.shape[-3:]))
    return flat + (xp.arange(flat.shape[0]) * (oT * oH * oW))[:, None]


def _unpool_check(where: str, input: Any, output: Any, indices: Any) -> None:
    if input.ndim not in (4, 5) or input.shape != indices.shape:
        raise ShapeError(
            f"{where}: input has shape {tuple(input.shape)} but indices have shape "
            f"{tuple(indices.shape)}"
        )
    if output.shape[:-3] != input.shape[:-3]:
        raise ShapeError(
            f"{where}: input has shape {tuple(input.shape)} but the unpooled array has shape "
            f"{tuple(output.shape)}"
        )


@kernel
def VolumetricMaxUnpooling_updateOutput(
    input: Any,
    output: Any,
    indices: Any,
    oT: int,
    oW: int,
    oH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
) -> Any:
    """Mirror THNN VolumetricMaxUnpooling_updateOutput: put each value where its max was found.

    Args:
        input: ``(C, iT, iH, iW)`` or ``(N, C, iT, iH, iW)``; indices: packed offsets, same shape.
        output: ``(..., oT, oH, oW)``, overwritten (zero where no value lands).
        oT, oW, oH, dT, dW, dH, pT, pW, pH: unpooled size, pooling stride and padding.

    Returns:
        ``output``.

    Raises:
        ShapeError: on mismatched shapes or an index outside the unpooled volume.
    """
    xp = array_module(input)
    where = "VolumetricMaxUnpooling_updateOutput"
    _unpool_check(where, input, output, indices)
    flat = _unpool_flat(xp, indices, (oT, oH, oW), (dT, dH, dW), (pT, pH, pW), where)
    contiguous = output.flags.c_contiguous
    buf = output.reshape(-1) if contiguous else xp.empty(output.size, output.dtype)
    buf.fill(0)
    buf[flat.reshape(-1)] = input.reshape(-1)
    if not contiguous:
        output[...] = buf.reshape(output.shape)
    return output


@kernel
def VolumetricMaxUnpooling_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    indices: Any,
    oT: int,
    oW: int,
    oH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
) -> Any:
    """Mirror THNN VolumetricMaxUnpooling_updateGradInput: read gradOutput where each value went.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., oT, oH, oW)``.
        gradInput: shaped like ``input``, overwritten.
        indices and the numbers: as in the forward.

    Returns:
        ``gradInput``.

    Raises:
        ShapeError: on mismatched shapes or an index outside the unpooled volume.
    """
    xp = array_module(gradOutput)
    where = "VolumetricMaxUnpooling_updateGradInput"
    _unpool_check(where, input, gradOutput, indices)
    if tuple(gradOutput.shape[-3:]) != (oT, oH, oW):
        raise ShapeError(
            f"{where}: gradOutput has shape {tuple(gradOutput.shape)}, expected unpooled size "
            f"{(oT, oH, oW)}"
        )
    flat = _unpool_flat(xp, indices, (oT, oH, oW), (dT, dH, dW), (pT, pH, pW), where)
    gradInput[...] = gradOutput.reshape(-1)[flat].reshape(input.shape)
    return gradInput
