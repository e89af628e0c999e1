"""Spatial average pooling kernels (THNN SpatialAveragePooling); arrays as in pool2d.py:
``input`` is ``(C, iH, iW)`` or ``(N, C, iH, iW)``, outputs sized by the Lua side."""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import kernel
from ._pool_taps import check_out, taps2d


def _avg_divisor(xp: Any, o: int, i: int, k: int, d: int, pad: int, include: bool) -> Any:
    """Per-position window length along one axis, as THNN divides by it."""
    start = xp.arange(o) * d - pad
    end = xp.minimum(start + k, i + pad)
    if include:
        return end - start
    return xp.minimum(end, i) - xp.maximum(start, 0)


def _avg_divisors(xp: Any, input: Any, out: Any, k: Any, d: Any, pad: Any, include: bool) -> Any:
    (iH, iW), (oH, oW) = input.shape[-2:], out.shape[-2:]
    h = _avg_divisor(xp, oH, iH, k[0], d[0], pad[0], include)
    w = _avg_divisor(xp, oW, iW, k[1], d[1], pad[1], include)
    return (h[:, None] * w[None, :]).astype(out.dtype)


@kernel
def SpatialAveragePooling_updateOutput(
    input: Any,
    output: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    ceil_mode: bool,
    count_include_pad: bool,
) -> Any:
    """Mirror THNN SpatialAveragePooling_updateOutput: window sums over their divisor.

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``.
        output: ``(..., oH, oW)``, overwritten.
        kW, kH, dW, dH, padW, padH: window, stride and padding.
        ceil_mode: only sized the output.
        count_include_pad: divide by the padded window size instead of the valid part.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    check_out("SpatialAveragePooling_updateOutput", input, output)
    output.fill(0)
    for _, _, oi, ii in taps2d(input.shape, output.shape, (kH, kW), (dH, dW), (padH, padW)):
        dst = output[oi]
        xp.add(dst, input[ii], out=dst)
    div = _avg_divisors(xp, input, output, (kH, kW), (dH, dW), (padH, padW), count_include_pad)
    xp.divide(output, div, out=output)
    return output


@kernel
def SpatialAveragePooling_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    ceil_mode: bool,
    count_include_pad: bool,
) -> Any:
    """Mirror THNN SpatialAveragePooling_updateGradInput: spread gradOutput over each window.

    Args:
        input: the forward input (its shape only).
        gradOutput: ``(..., oH, oW)``.
        gradInput: shaped like ``input``, overwritten.
        kW, kH, dW, dH, padW, padH, ceil_mode, count_include_pad: as in the forward.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    div = _avg_divisors(xp, input, gradOutput, (kH, kW), (dH, dW), (padH, padW), count_include_pad)
    scaled = gradOutput / div
    gradInput.fill(0)
    for _, _, oi, ii in taps2d(input.shape, gradOutput.shape, (kH, kW), (dH, dW), (padH, padW)):
        dst = gradInput[ii]
        xp.add(dst, scaled[oi], out=dst)
    return gradInput
