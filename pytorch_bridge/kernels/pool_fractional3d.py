"""Volumetric fractional max pooling kernels (THNN VolumetricFractionalMaxPooling).

Arrays: ``input`` is ``(C, iH, iW, iT)`` or ``(N, C, iH, iW, iT)`` (time is the last axis, as
in Torch7's module). Every plane has its own pseudo-random window starts, from three numbers in
[0, 1) per plane (time, width, height, in that order); windows have a fixed size, so the
kernels walk the window taps, gathering one value per output position each time.
"""

from __future__ import annotations

import itertools
from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from .pool_fractional import _fractional_starts


def _check_samples(where: str, randomSamples: Any, planes: int) -> None:
    """Raise ShapeError unless there are three samples for each of ``planes`` planes."""
    if randomSamples.size != planes * 3:
        raise ShapeError(
            f"{where}: {planes} planes need randomSamples of {planes * 3} elements, got shape "
            f"{tuple(randomSamples.shape)}"
        )


@kernel
def VolumetricFractionalMaxPooling_updateOutput(
    input: Any,
    output: Any,
    outputT: int,
    outputW: int,
    outputH: int,
    poolSizeT: int,
    poolSizeW: int,
    poolSizeH: int,
    indices: Any,
    randomSamples: Any,
) -> Any:
    """Mirror THNN VolumetricFractionalMaxPooling_updateOutput.

    Args:
        input: ``(C, iH, iW, iT)`` or ``(N, C, iH, iW, iT)``.
        output: ``(..., outputH, outputW, outputT)``, overwritten; indices: same shape,
            overwritten with the 1-based flat position of each maximum in its plane (0 where
            no element beats ``-inf``).
        outputT, outputW, outputH, poolSizeT, poolSizeW, poolSizeH: output and window sizes.
        randomSamples: ``(N or 1, C, 3)`` numbers in [0, 1): per plane, the time, width and
            height samples that place its windows.

    Returns:
        ``output``.

    Raises:
        ShapeError: when ``randomSamples`` does not hold three numbers per plane.
    """
    xp = array_module(input)
    iH, iW, iT = input.shape[-3:]
    volume = iH * iW * iT
    planes = input.size // volume
    _check_samples("VolumetricFractionalMaxPooling_updateOutput", randomSamples, planes)
    samples = randomSamples.reshape(planes, 3)
    st = _fractional_starts(xp, samples[:, 0], iT, outputT, poolSizeT)
    sw = _fractional_starts(xp, samples[:, 1], iW, outputW, poolSizeW)
    sh = _fractional_starts(xp, samples[:, 2], iH, outputH, poolSizeH)
    corner = (sh[:, :, None, None] * iW + sw[:, None, :, None]) * iT + st[:, None, None, :]
    flat_in = input.reshape(-1)
    base = (xp.arange(planes) * volume)[:, None, None, None]
    best = xp.full(corner.shape, -xp.inf, dtype=input.dtype)
    arg = xp.zeros(corner.shape, dtype=xp.int64)
    # taps in THNN's order (height, width, time), so ties keep the first maximum it meets
    for th, tw, tt in itertools.product(range(poolSizeH), range(poolSizeW), range(poolSizeT)):
        pos = corner + (th * iW + tw) * iT + tt
        vals = flat_in[base + pos]
        mask = vals > best
        xp.copyto(best, vals, where=mask)
        xp.copyto(arg, pos + 1, where=mask)
    output[...] = best.reshape(output.shape)
    indices[...] = arg.reshape(indices.shape)
    return output


@kernel
def VolumetricFractionalMaxPooling_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    outputT: int,
    outputW: int,
    outputH: int,
    poolSizeT: int,
    poolSizeW: int,
    poolSizeH: int,
    indices: Any,
) -> Any:
    """Mirror THNN VolumetricFractionalMaxPooling_updateGradInput: gradOutput to each maximum.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., outputH, outputW,
            outputT)``.
        gradInput: shaped like ``input``, overwritten.
        outputT, outputW, outputH, poolSizeT, poolSizeW, poolSizeH: as in the forward;
        indices: its indices (entries of 0 route nothing).

    Returns:
        ``gradInput``.

    Raises:
        ShapeError: when ``gradOutput`` and ``indices`` differ in shape.
    """
    xp = array_module(gradOutput)
    if gradOutput.shape != indices.shape:
        raise ShapeError(
            f"VolumetricFractionalMaxPooling_updateGradInput: gradOutput has shape "
            f"{tuple(gradOutput.shape)} but indices have shape {tuple(indices.shape)}"
        )
    volume = input.shape[-3] * input.shape[-2] * input.shape[-1]
    planes = gradInput.size // volume
    ind = indices.reshape(planes, -1)
    hit = ind > 0
    flat = xp.where(hit, ind - 1 + (xp.arange(planes) * volume)[:, None], 0)
    weights = xp.where(hit, gradOutput.reshape(planes, -1), 0)
    acc = xp.bincount(flat.reshape(-1), weights=weights.reshape(-1), minlength=gradInput.size)
    gradInput[...] = acc[: gradInput.size].reshape(gradInput.shape)
    return gradInput
