"""Fractional max pooling kernels (THNN SpatialFractionalMaxPooling).

Arrays: ``input`` is ``(C, iH, iW)`` or ``(N, C, iH, iW)``. Every plane has its own
pseudo-random window starts (from two numbers in [0, 1) per plane); windows have a fixed size,
so the kernels walk the window taps, gathering one value per output position each time.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel


def _fractional_starts(xp: Any, samples: Any, n_in: int, n_out: int, pool: int) -> Any:
    """THNN's pseudo-random window starts, one row per plane, in the samples' float type."""
    dt = samples.dtype
    alpha = dt.type(n_in - pool) / dt.type(n_out - 1) if n_out > 1 else dt.type(0)
    i = xp.arange(n_out - 1).astype(dt)
    s = samples[:, None]
    starts = xp.empty((samples.shape[0], n_out), dtype=xp.int64)
    starts[:, :-1] = ((i + s) * alpha).astype(xp.int64) - (s * alpha).astype(xp.int64)
    starts[:, -1] = n_in - pool
    return starts


@kernel
def SpatialFractionalMaxPooling_updateOutput(
    input: Any,
    output: Any,
    outputW: int,
    outputH: int,
    poolSizeW: int,
    poolSizeH: int,
    indices: Any,
    randomSamples: Any,
) -> Any:
    """Mirror THNN SpatialFractionalMaxPooling_updateOutput.

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``.
        output: ``(..., outputH, outputW)``, overwritten; indices: same shape, overwritten
            with the 1-based flat position of each maximum in its plane.
        outputW, outputH, poolSizeW, poolSizeH: output and window sizes.
        randomSamples: ``(N or 1, C, 2)`` numbers in [0, 1): per plane, the width then the
            height sample that place its windows.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    iH, iW = input.shape[-2:]
    planes = input.size // (iH * iW)
    samples = randomSamples.reshape(planes, 2)
    sw = _fractional_starts(xp, samples[:, 0], iW, outputW, poolSizeW)
    sh = _fractional_starts(xp, samples[:, 1], iH, outputH, poolSizeH)
    flat_in = input.reshape(-1)
    base = (xp.arange(planes) * (iH * iW))[:, None, None]
    out = output.reshape(planes, outputH, outputW)
    ind = indices.reshape(planes, outputH, outputW)
    out.fill(-xp.inf)
    ind.fill(0)
    for ty in range(poolSizeH):
        for tx in range(poolSizeW):
            pos = (sh[:, :, None] + ty) * iW + sw[:, None, :] + tx
            vals = flat_in[base + pos]
            mask = vals > out
            xp.copyto(out, vals, where=mask)
            xp.copyto(ind, pos + 1, where=mask)
    return output


@kernel
def SpatialFractionalMaxPooling_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    outputW: int,
    outputH: int,
    poolSizeW: int,
    poolSizeH: int,
    indices: Any,
) -> Any:
    """Mirror THNN SpatialFractionalMaxPooling_updateGradInput: gradOutput to each maximum.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., outputH, outputW)``.
        gradInput: contiguous, shaped like ``input``, overwritten.
        outputW, outputH, poolSizeW, poolSizeH: as in the forward; indices: its indices.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    if gradOutput.shape != indices.shape:
        raise ShapeError(
            f"SpatialFractionalMaxPooling_updateGradInput: gradOutput has shape "
            f"{tuple(gradOutput.shape)} but indices have shape {tuple(indices.shape)}"
        )
    plane = input.shape[-2] * input.shape[-1]
    planes = gradInput.size // plane
    flat = indices.reshape(planes, -1) - 1 + (xp.arange(planes) * plane)[:, None]
    acc = xp.bincount(flat.reshape(-1), weights=gradOutput.reshape(-1), minlength=gradInput.size)
    gradInput[...] = acc[: gradInput.size].reshape(gradInput.shape)
    return gradInput
