"""Up-sampling kernels (THNN SpatialUpSamplingNearest and SpatialUpSamplingBilinear).

Arrays: ``input`` is ``(C, H, W)`` or ``(N, C, H, W)``. Bilinear up-sampling aligns the corner
pixels (THNN's ``(in - 1) / (out - 1)`` ratio) and is written as two small interpolation
matrices, one per axis, whose weights are computed in float32 as THNN computes them.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel


@kernel
def SpatialUpSamplingNearest_updateOutput(input: Any, output: Any, scale_factor: int) -> Any:
    """Mirror THNN SpatialUpSamplingNearest_updateOutput: repeat each pixel s x s times.

    Args:
        input: ``(..., H, W)``; output: ``(..., H * s, W * s)``, overwritten.
        scale_factor: the integer factor ``s``.

    Returns:
        ``output``.
    """
    s = int(scale_factor)
    h, w = input.shape[-2:]
    if output.shape != input.shape[:-2] + (h * s, w * s):
        raise ShapeError(
            f"SpatialUpSamplingNearest_updateOutput: input has shape {tuple(input.shape)} "
            f"but output has shape {tuple(output.shape)} (scale {s})"
        )
    output.reshape(input.shape[:-2] + (h, s, w, s))[...] = input[..., :, None, :, None]
    return output


@kernel
def SpatialUpSamplingNearest_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, scale_factor: int
) -> Any:
    """Mirror THNN SpatialUpSamplingNearest_updateGradInput: sum each s x s block.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., H * s, W * s)``.
        gradInput: shaped like ``input``, overwritten.
        scale_factor: the integer factor ``s``.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    s = int(scale_factor)
    h, w = input.shape[-2:]
    if gradOutput.shape != input.shape[:-2] + (h * s, w * s):
        raise ShapeError(
            f"SpatialUpSamplingNearest_updateGradInput: input has shape {tuple(input.shape)} "
            f"but gradOutput has shape {tuple(gradOutput.shape)} (scale {s})"
        )
    blocks = gradOutput.reshape(input.shape[:-2] + (h, s, w, s))
    xp.sum(blocks, axis=(-3, -1), out=gradInput)
    return gradInput


def _interp(xp: Any, n_in: int, n_out: int, dtype: Any) -> Any:
    """The ``(n_out, n_in)`` matrix of THNN's linear interpolation weights along one axis."""
    f32 = xp.float32
    ratio = f32((n_in - 1) / f32(n_out - 1)) if n_out > 1 else f32(0)
    pos = ratio * xp.arange(n_out).astype(f32)
    lo = pos.astype(xp.int64)
    step = (lo < n_in - 1).astype(xp.int64)
    w1 = (pos - lo.astype(f32)).astype(dtype)
    m = xp.zeros((n_out, n_in), dtype=dtype)
    rows = xp.arange(n_out)
    m[rows, lo] += 1 - w1
    m[rows, lo + step] += w1
    return m


def _bilinear_check(where: str, small: Any, big: Any, h2: int, w2: int) -> None:
    if small.ndim != 4 or big.shape != small.shape[:2] + (h2, w2):
        raise ShapeError(
            f"{where}: input has shape {tuple(small.shape)} and output {tuple(big.shape)}, "
            f"expected a 4-D input and output (..., {h2}, {w2})"
        )


@kernel
def SpatialUpSamplingBilinear_updateOutput(
    input: Any, output: Any, outputHeight: int, outputWidth: int
) -> Any:
    """Mirror THNN SpatialUpSamplingBilinear_updateOutput (corners aligned).

    Args:
        input: ``(N, C, H, W)``; output: ``(N, C, outputHeight, outputWidth)``, overwritten.
        outputHeight, outputWidth: output size.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    _bilinear_check(
        "SpatialUpSamplingBilinear_updateOutput", input, output, outputHeight, outputWidth
    )
    mh = _interp(xp, input.shape[2], outputHeight, input.dtype)
    mw = _interp(xp, input.shape[3], outputWidth, input.dtype)
    xp.matmul(xp.matmul(mh, input), mw.T, out=output)
    return output


@kernel
def SpatialUpSamplingBilinear_updateGradInput(
    gradOutput: Any,
    gradInput: Any,
    nbatch: int,
    nchannels: int,
    inputHeight: int,
    inputWidth: int,
    outputHeight: int,
    outputWidth: int,
) -> Any:
    """Mirror THNN SpatialUpSamplingBilinear_updateGradInput: the transposed interpolation.

    Args:
        gradOutput: ``(N, C, outputHeight, outputWidth)``.
        gradInput: ``(N, C, inputHeight, inputWidth)``, overwritten.
        nbatch, nchannels, inputHeight, inputWidth, outputHeight, outputWidth: sizes.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    _bilinear_check(
        "SpatialUpSamplingBilinear_updateGradInput",
        gradInput,
        gradOutput,
        outputHeight,
        outputWidth,
    )
    mh = _interp(xp, inputHeight, outputHeight, gradOutput.dtype)
    mw = _interp(xp, inputWidth, outputWidth, gradOutput.dtype)
    xp.matmul(xp.matmul(mh.T, gradOutput), mw, out=gradInput)
    return gradInput
