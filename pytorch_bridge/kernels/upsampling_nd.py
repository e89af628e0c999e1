"""Volumetric up-sampling kernels (THNN VolumetricUpSamplingNearest and
VolumetricUpSamplingTrilinear).

Arrays: nearest takes ``(C, D, H, W)`` or ``(N, C, D, H, W)``; trilinear takes
``(N, C, D, H, W)``. Trilinear up-sampling aligns the corner voxels and applies one
interpolation matrix per axis (the same float32 weights as the 2-D bilinear kernels), so its
backward is the same product with the matrices transposed.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from .upsampling import _interp


def _nearest_check(where: str, input: Any, big: Any, name: str, s: int) -> None:
    d, h, w = input.shape[-3:]
    if input.ndim not in (4, 5) or big.shape != input.shape[:-3] + (d * s, h * s, w * s):
        raise ShapeError(
            f"{where}: input has shape {tuple(input.shape)} but {name} has shape "
            f"{tuple(big.shape)} (scale {s}, 4-D or 5-D input expected)"
        )


@kernel
def VolumetricUpSamplingNearest_updateOutput(input: Any, output: Any, scale_factor: int) -> Any:
    """Mirror THNN VolumetricUpSamplingNearest_updateOutput: repeat each voxel s x s x s times.

    Args:
        input: ``(..., D, H, W)`` with 4 or 5 dimensions.
        output: ``(..., D * s, H * s, W * s)``, overwritten.
        scale_factor: the integer factor ``s``.

    Returns:
        ``output``.

    Raises:
        ShapeError: when the shapes do not agree.
    """
    xp = array_module(input)
    s = int(scale_factor)
    _nearest_check("VolumetricUpSamplingNearest_updateOutput", input, output, "output", s)
    d, h, w = input.shape[-3:]
    blocks = xp.broadcast_to(
        input[..., :, None, :, None, :, None], input.shape[:-3] + (d, s, h, s, w, s)
    )
    output[...] = blocks.reshape(output.shape)
    return output


@kernel
def VolumetricUpSamplingNearest_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, scale_factor: int
) -> Any:
    """Mirror THNN VolumetricUpSamplingNearest_updateGradInput: sum each s x s x s block.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., D * s, H * s, W * s)``.
        gradInput: shaped like ``input``, overwritten.
        scale_factor: the integer factor ``s``.

    Returns:
        ``gradInput``.

    Raises:
        ShapeError: when the shapes do not agree.
    """
    xp = array_module(gradOutput)
    s = int(scale_factor)
    where = "VolumetricUpSamplingNearest_updateGradInput"
    _nearest_check(where, input, gradOutput, "gradOutput", s)
    d, h, w = input.shape[-3:]
    blocks = gradOutput.reshape(input.shape[:-3] + (d, s, h, s, w, s))
    gradInput[...] = xp.sum(blocks, axis=(-5, -3, -1))
    return gradInput


def _trilinear(xp: Any, x: Any, md: Any, mh: Any, mw: Any) -> Any:
    """``x`` ``(N, C, D, H, W)`` times one matrix per axis: ``(N, C, d', h', w')``."""
    y = xp.matmul(xp.matmul(mh, x), mw.T)
    n, c, d, oh, ow = y.shape
    z = xp.matmul(md, y.reshape(n, c, d, oh * ow))
    return z.reshape(n, c, md.shape[0], oh, ow)


def _trilinear_check(where: str, small: Any, big: Any, size: tuple[int, int, int]) -> None:
    if small.ndim != 5 or big.shape != small.shape[:2] + size or min(size) < 1:
        raise ShapeError(
            f"{where}: input has shape {tuple(small.shape)} and output {tuple(big.shape)}, "
            f"expected a 5-D input and output (..., {size[0]}, {size[1]}, {size[2]})"
        )


@kernel
def VolumetricUpSamplingTrilinear_updateOutput(
    input: Any, output: Any, outputDepth: int, outputHeight: int, outputWidth: int
) -> Any:
    """Mirror THNN VolumetricUpSamplingTrilinear_updateOutput (corners aligned).

    Args:
        input: ``(N, C, D, H, W)``, any strides.
        output: ``(N, C, outputDepth, outputHeight, outputWidth)``, overwritten.
        outputDepth, outputHeight, outputWidth: output size.

    Returns:
        ``output``.

    Raises:
        ShapeError: when the shapes do not agree.
    """
    xp = array_module(input)
    size = (int(outputDepth), int(outputHeight), int(outputWidth))
    _trilinear_check("VolumetricUpSamplingTrilinear_updateOutput", input, output, size)
    md, mh, mw = (
        _interp(xp, n_in, n_out, input.dtype)
        for n_in, n_out in zip(input.shape[2:], size, strict=True)
    )
    output[...] = _trilinear(xp, input, md, mh, mw)
    return output


@kernel
def VolumetricUpSamplingTrilinear_updateGradInput(
    gradOutput: Any,
    gradInput: Any,
    nbatch: int,
    nchannels: int,
    inputDepth: int,
    inputHeight: int,
    inputWidth: int,
    outputDepth: int,
    outputHeight: int,
    outputWidth: int,
) -> Any:
    """Mirror THNN VolumetricUpSamplingTrilinear_updateGradInput: the transposed interpolation.

    Args:
        gradOutput: ``(N, C, outputDepth, outputHeight, outputWidth)``.
        gradInput: ``(N, C, inputDepth, inputHeight, inputWidth)``, overwritten.
        nbatch, nchannels, inputDepth, inputHeight, inputWidth, outputDepth, outputHeight,
            outputWidth: sizes.

    Returns:
        ``gradInput``.

    Raises:
        ShapeError: when the shapes do not agree.
    """
    xp = array_module(gradOutput)
    small = (int(nbatch), int(nchannels), int(inputDepth), int(inputHeight), int(inputWidth))
    size = (int(outputDepth), int(outputHeight), int(outputWidth))
    where = "VolumetricUpSamplingTrilinear_updateGradInput"
    if gradInput.shape != small:
        raise ShapeError(f"{where}: gradInput has shape {tuple(gradInput.shape)}, not {small}")
    _trilinear_check(where, gradInput, gradOutput, size)
    md, mh, mw = (
        _interp(xp, n_in, n_out, gradOutput.dtype)
        for n_in, n_out in zip(small[2:], size, strict=True)
    )
    gradInput[...] = _trilinear(xp, gradOutput, md.T, mh.T, mw.T)
    return gradInput
