"""Volumetric pooling kernels (THNN VolumetricMaxPooling and VolumetricAveragePooling).

Arrays: ``input`` is ``(C, iT, iH, iW)`` or ``(N, C, iT, iH, iW)``; outputs have the same
leading dimensions and ``(oT, oH, oW)`` trailing ones, sized by the Lua side. As in the 2-D
kernels, a window is visited one tap at a time through strided views.

Max-pooling indices keep Torch7's volumetric layout: each index packs the window offsets of
its maximum as bytes, ``t | h << 8 | w << 16`` (offsets inside the padded window; 255 where no
element beats ``-inf``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from ._pool_taps import taps3d


def _check(where: str, input: Any, out: Any) -> None:
    if input.ndim not in (4, 5) or out.shape[:-3] != input.shape[:-3]:
        raise ShapeError(
            f"{where}: input has shape {tuple(input.shape)} but output has shape "
            f"{tuple(out.shape)}"
        )


#: The index of a window where no element beats -inf.
NO_TAP = 255 | 255 << 8 | 255 << 16


def max_pool3d(where: str, input: Any, output: Any, indices: Any, taps: Iterable[Any]) -> Any:
    """Window maxima into ``output`` and their packed taps (``t | h << 8 | w << 16``) into
    ``indices``, for ``taps`` as :func:`._pool_taps.taps3d` yields them."""
    xp = array_module(input)
    _check(where, input, output)
    output.fill(-xp.inf)
    indices.fill(NO_TAP)
    mask = xp.empty(output.shape, dtype=bool)
    for (tt, th, tw), oi, ii in taps:
        src, dst, m = input[ii], output[oi], mask[oi]
        xp.greater(src, dst, out=m)
        xp.copyto(dst, src, where=m)
        xp.copyto(indices[oi], tt | th << 8 | tw << 16, where=m)
    return output


def max_pool3d_grad(
    where: str, gradOutput: Any, gradInput: Any, indices: Any, taps: Iterable[Any]
) -> Any:
    """Each window's gradient added to the element ``indices`` chose, over ``taps`` as in
    :func:`max_pool3d`."""
    xp = array_module(gradOutput)
    if gradOutput.shape != indices.shape:
        raise ShapeError(
            f"{where}: gradOutput has shape {tuple(gradOutput.shape)} but indices have shape "
            f"{tuple(indices.shape)}"
        )
    gradInput.fill(0)
    zero = gradOutput.dtype.type(0)
    for (tt, th, tw), oi, ii in taps:
        dst = gradInput[ii]
        hit = indices[oi] == (tt | th << 8 | tw << 16)
        xp.add(dst, xp.where(hit, gradOutput[oi], zero), out=dst)
    return gradInput


@kernel
def VolumetricMaxPooling_updateOutput(
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
    ceilMode: bool,
) -> Any:
    """Mirror THNN VolumetricMaxPooling_updateOutput: window maxima and packed offsets.

    Args:
        input: ``(C, iT, iH, iW)`` or ``(N, C, iT, iH, iW)``.
        output: ``(..., oT, oH, oW)``, overwritten; indices: integers of the same shape.
        kT, kW, kH, dT, dW, dH, pT, pW, pH: window, stride and padding.
        ceilMode: only sized the output.

    Returns:
        ``output``.
    """
    k, d, pad = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW)
    taps = taps3d(input.shape, output.shape, k, d, pad)
    return max_pool3d("VolumetricMaxPooling_updateOutput", input, output, indices, taps)


@kernel
def VolumetricMaxPooling_updateGradInput(
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
    ceilMode: bool,
) -> Any:
    """Mirror THNN VolumetricMaxPooling_updateGradInput: gradOutput to each window maximum.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., oT, oH, oW)``.
        gradInput: shaped like ``input``, overwritten.
        indices: the forward's packed offsets; the other arguments as in the forward.

    Returns:
        ``gradInput``.
    """
    k, d, pad = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW)
    taps = taps3d(input.shape, gradOutput.shape, k, d, pad)
    where = "VolumetricMaxPooling_updateGradInput"
    return max_pool3d_grad(where, gradOutput, gradInput, indices, taps)


def _divisor(xp: Any, o: int, i: int, k: int, d: int, pad: int, include: bool) -> Any:
    start = xp.arange(o) * d - pad
    end = xp.minimum(start + k, i + pad)
    return end - start if include else xp.minimum(end, i) - xp.maximum(start, 0)


def _divisors(xp: Any, input: Any, out: Any, k: Any, d: Any, pad: Any, include: bool) -> Any:
    t, h, w = (
        _divisor(xp, out.shape[a - 3], input.shape[a - 3], k[a], d[a], pad[a], include)
        for a in range(3)
    )
    return (t[:, None, None] * h[None, :, None] * w[None, None, :]).astype(out.dtype)


@kernel
def VolumetricAveragePooling_updateOutput(
    input: Any,
    output: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    padT: int,
    padW: int,
    padH: int,
    ceil_mode: bool,
    count_include_pad: bool,
) -> Any:
    """Mirror THNN VolumetricAveragePooling_updateOutput: window sums over their divisor.

    Args:
        input: ``(C, iT, iH, iW)`` or ``(N, C, iT, iH, iW)``; output: ``(..., oT, oH, oW)``.
        kT, kW, kH, dT, dW, dH, padT, padW, padH: window, stride and padding.
        ceil_mode: only sized the output; count_include_pad: divide by the padded window.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    _check("VolumetricAveragePooling_updateOutput", input, output)
    k, d, pad = (kT, kH, kW), (dT, dH, dW), (padT, padH, padW)
    output.fill(0)
    for _, oi, ii in taps3d(input.shape, output.shape, k, d, pad):
        dst = output[oi]
        xp.add(dst, input[ii], out=dst)
    xp.divide(output, _divisors(xp, input, output, k, d, pad, count_include_pad), out=output)
    return output


@kernel
def VolumetricAveragePooling_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    padT: int,
    padW: int,
    padH: int,
    ceil_mode: bool,
    count_include_pad: bool,
) -> Any:
    """Mirror THNN VolumetricAveragePooling_updateGradInput: spread gradOutput over windows.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., oT, oH, oW)``.
        gradInput: shaped like ``input``, overwritten; the rest as in the forward.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    k, d, pad = (kT, kH, kW), (dT, dH, dW), (padT, padH, padW)
    scaled = gradOutput / _divisors(xp, input, gradOutput, k, d, pad, count_include_pad)
    gradInput.fill(0)
    for _, oi, ii in taps3d(input.shape, gradOutput.shape, k, d, pad):
        dst = gradInput[ii]
        xp.add(dst, scaled[oi], out=dst)
    return gradInput
