"""Lp pooling across features (THNN FeatureLPPooling).

Each output feature ``k`` is ``(sum_i x[k * stride + i] ** p) ** (1 / p)`` over ``width``
neighbouring input features. Arrays are read as ``(batch, feature, opt1, opt2)``: without
batch mode the input is ``(F,)``, ``(F, A)`` or ``(F, A, B)``; in batch mode it is
``(N, F)``, ``(N, F, A)`` or ``(N, F, A, B)``. Sums and powers are taken in float64, as THNN
accumulates in double.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel


def _as4d(where: str, name: str, a: Any, batchMode: bool) -> Any:
    """``a`` seen (without copying) as ``(batch, feature, opt1, opt2)``."""
    lo, hi = (2, 4) if batchMode else (1, 3)
    if not lo <= a.ndim <= hi:
        mode = "batch" if batchMode else "non-batch"
        raise ShapeError(
            f"{where}: {name} must have {lo} to {hi} dimensions in {mode} mode, "
            f"got shape {tuple(a.shape)}"
        )
    lead = () if batchMode else (None,)
    return a[lead + (...,) + (None,) * (4 - len(lead) - a.ndim)]


def _pooled_shape(where: str, x: Any, width: int, stride: int) -> tuple[int, ...]:
    """The 4-D output shape for the 4-D input view ``x``; checks width and stride."""
    if not (2 <= width <= 16 and 1 <= stride <= 4):
        raise ShapeError(
            f"{where}: width must be in 2..16 and stride in 1..4, got {width} and {stride}"
        )
    if x.shape[1] < width:
        raise ShapeError(
            f"{where}: the feature dimension ({x.shape[1]}) must be >= width ({width})"
        )
    return (int(x.shape[0]), (int(x.shape[1]) - width) // stride + 1) + tuple(x.shape[2:])


@kernel
def FeatureLPPooling_updateOutput(
    input: Any, output: Any, power: float, width: int, stride: int, batchMode: bool
) -> Any:
    """Mirror THNN FeatureLPPooling_updateOutput: the p-norm of each window of features.

    Args:
        input: 1-3 dimensions (4 in batch mode, from 2), any strides.
        output: ``input``'s shape with the feature size ``(F - width) // stride + 1``,
            overwritten.
        power, width, stride: the exponent ``p``, window length and step.
        batchMode: whether the first dimension is the batch.

    Returns:
        ``output``.

    Raises:
        ShapeError: for a bad rank, window, step, or output shape.
    """
    xp = array_module(input)
    where = "FeatureLPPooling_updateOutput"
    x = _as4d(where, "input", input, bool(batchMode))
    y = _as4d(where, "output", output, bool(batchMode))
    shape = _pooled_shape(where, x, int(width), int(stride))
    if y.shape != shape:
        raise ShapeError(
            f"{where}: input has shape {tuple(input.shape)} but output has shape "
            f"{tuple(output.shape)} (width {width}, stride {stride})"
        )
    span = int(stride) * (shape[1] - 1) + 1
    total = xp.zeros(shape, dtype=xp.float64)
    for i in range(int(width)):
        total += xp.power(x[:, i : i + span : int(stride)].astype(xp.float64), power)
    y[...] = xp.power(total, 1.0 / power)
    return output


@kernel
def FeatureLPPooling_updateGradInput(
    gradOutput: Any,
    input: Any,
    output: Any,
    gradInput: Any,
    power: float,
    width: int,
    stride: int,
    batchMode: bool,
) -> Any:
    """Mirror THNN FeatureLPPooling_updateGradInput: ``gradOutput * (x / y) ** (p - 1)``
    summed over the windows holding each input feature; outputs equal to 0 pass nothing.

    Args:
        gradOutput, output: shaped like the forward output; input: the forward input.
        gradInput: shaped like ``input``, overwritten.
        power, width, stride, batchMode: as in the forward call.

    Returns:
        ``gradInput``.

    Raises:
        ShapeError: when the shapes do not agree with each other or with width and stride.
    """
    xp = array_module(input)
    where = "FeatureLPPooling_updateGradInput"
    mode = bool(batchMode)
    x, y = _as4d(where, "input", input, mode), _as4d(where, "output", output, mode)
    g, gi = (
        _as4d(where, "gradOutput", gradOutput, mode),
        _as4d(where, "gradInput", gradInput, mode),
    )
    shape = _pooled_shape(where, x, int(width), int(stride))
    if y.shape != shape or g.shape != shape or gi.shape != x.shape:
        raise ShapeError(
            f"{where}: input {tuple(input.shape)}, output {tuple(output.shape)}, gradOutput "
            f"{tuple(gradOutput.shape)} and gradInput {tuple(gradInput.shape)} do not agree "
            f"(width {width}, stride {stride})"
        )
    live = y != 0
    y64 = xp.where(live, y, 1).astype(xp.float64)
    g64 = xp.where(live, g, 0).astype(xp.float64)
    span, step = int(stride) * (shape[1] - 1) + 1, int(stride)
    acc = xp.zeros(x.shape, dtype=xp.float64)
    for i in range(int(width)):
        ratio = x[:, i : i + span : step].astype(xp.float64) / y64
        acc[:, i : i + span : step] += xp.where(live, g64 * xp.power(ratio, power - 1.0), 0)
    gi[...] = acc
    return gradInput
