"""Temporal (1-D) convolution kernels (THNN's TemporalConvolution).

Arrays: ``input`` is ``(T, inputFrameSize)`` or ``(B, T, inputFrameSize)``; ``weight`` is
``(outputFrameSize, kW * inputFrameSize)``; ``bias`` is ``(outputFrameSize,)``; ``output``
and ``gradOutput`` are ``([B,] oT, outputFrameSize)`` with ``oT = (T - kW) // dW + 1``.
The frames of one window are consecutive in memory, so the unfolded input is a strided
view of the input and needs no copy.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from ._convnd import out_view


def _windows(where: str, xp: Any, input: Any, kW: int, dW: int) -> tuple[Any, Any]:
    """The input as (B, T, F) and its windows (B, oT, kW*F) (a view when contiguous)."""
    if input.ndim not in (2, 3):
        raise ShapeError(
            f"{where}: input must be 2-D or 3-D (batch mode), got shape {tuple(input.shape)}"
        )
    x = input[None] if input.ndim == 2 else input
    if kW < 1 or dW < 1:
        raise ShapeError(f"{where}: kernel width {kW} and stride {dW} must be positive")
    b, t, f = x.shape
    if t < kW:
        raise ShapeError(
            f"{where}: input sequence of {t} frames is shorter than the kernel width {kW}"
        )
    if not x.flags.c_contiguous:
        x = xp.ascontiguousarray(x)
    isz = x.itemsize
    win = xp.lib.stride_tricks.as_strided(
        x, (b, (t - kW) // dW + 1, kW * f), (t * f * isz, dW * f * isz, isz)
    )
    return x, win


@kernel
def TemporalConvolution_updateOutput(
    input: Any,
    output: Any,
    weight: Any,
    bias: Any,
    kW: int,
    dW: int,
    inputFrameSize: int,
    outputFrameSize: int,
) -> None:
    """THNN TemporalConvolution_updateOutput: output ``([B,] oT, outputFrameSize)``."""
    where = "TemporalConvolution_updateOutput"
    xp = array_module(input)
    if input.shape[-1] != inputFrameSize or weight.shape != (outputFrameSize, kW * inputFrameSize):
        raise ShapeError(
            f"{where}: input has shape {tuple(input.shape)} and weight "
            f"{tuple(weight.shape)}, expected {inputFrameSize} features per frame"
        )
    _, win = _windows(where, xp, input, kW, dW)
    out = out_view(where, output, (win.shape[0], win.shape[1], outputFrameSize))
    xp.matmul(win, weight.T, out=out)
    if bias is not None:
        xp.add(out, bias, out=out)


@kernel
def TemporalConvolution_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, weight: Any, kW: int, dW: int
) -> None:
    """THNN TemporalConvolution_updateGradInput: gradInput shaped like input."""
    where = "TemporalConvolution_updateGradInput"
    xp = array_module(gradOutput)
    x, win = _windows(where, xp, input, kW, dW)
    b, ot, f = win.shape[0], win.shape[1], x.shape[2]
    go = gradOutput.reshape(b, ot, -1) if gradOutput.size == b * ot * weight.shape[0] else None
    if go is None or gradOutput.shape[-1] != weight.shape[0]:
        raise ShapeError(
            f"{where}: gradOutput has shape {tuple(gradOutput.shape)}, expected "
            f"{ot} frames of {weight.shape[0]}"
        )
    gcols = go @ weight
    gx = out_view(where, gradInput, x.shape)
    gx.fill(0)
    span = dW * (ot - 1) + 1
    for k in range(kW):
        xp.add(
            gx[:, k : k + span : dW],
            gcols[:, :, k * f : (k + 1) * f],
            out=gx[:, k : k + span : dW],
        )


@kernel
def TemporalConvolution_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any,
    kW: int,
    dW: int,
    scale: float,
) -> None:
    """THNN TemporalConvolution_accGradParameters: accumulates ``scale`` times."""
    xp = array_module(gradOutput)
    _, win = _windows("TemporalConvolution_accGradParameters", xp, input, kW, dW)
    go = gradOutput.reshape(win.shape[0], win.shape[1], -1)
    step = (go.transpose(0, 2, 1) @ win).sum(axis=0)
    if scale != 1:
        step *= scale
    xp.add(gradWeight, step, out=gradWeight)
    if gradBias is not None:
        xp.add(gradBias, go.sum(axis=(0, 1)) * gradBias.dtype.type(scale), out=gradBias)
