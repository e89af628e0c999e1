"""Local response normalization across channels (nn.SpatialCrossMapLRN).

Arrays: ``input`` is ``(N, C, H, W)``. For channel ``c`` the window is the ``size`` channels
centred on ``c`` (``size`` odd), cut at the first and last channel:
``scale = k + alpha / size * sum(window of input^2)`` and ``output = input * scale^-beta``.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel


def _window_sum(xp: Any, x: Any, size: int, out: Any) -> Any:
    """out[:, c] = sum of x[:, c - half .. c + half] over the channels that exist."""
    half = (size - 1) // 2
    c = x.shape[1]
    out[...] = x
    for off in range(1, half + 1):
        if off < c:
            xp.add(out[:, :-off], x[:, off:], out=out[:, :-off])
            xp.add(out[:, off:], x[:, :-off], out=out[:, off:])
    return out


def _check(where: str, input: Any, size: int) -> None:
    if input.ndim != 4 or size < 1 or size % 2 == 0:
        raise ShapeError(
            f"{where}: input must be 4-D (got shape {tuple(input.shape)}) and size a positive "
            f"odd number (got {size})"
        )


@kernel
def SpatialCrossMapLRN_updateOutput(
    input: Any, output: Any, scale: Any, size: int, alpha: float, beta: float, k: float
) -> Any:
    """Mirror nn.SpatialCrossMapLRN's forward (THNN SpatialCrossMapLRN_updateOutput).

    Args:
        input: ``(N, C, H, W)``; output, scale: same shape, overwritten (``scale`` is kept
            for the backward, as Torch7 keeps it).
        size: channels per window (odd); alpha, beta, k: the normalization constants.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    _check("SpatialCrossMapLRN_updateOutput", input, size)
    _window_sum(xp, input * input, size, scale)
    xp.multiply(scale, alpha / size, out=scale)
    xp.add(scale, k, out=scale)
    xp.power(scale, -beta, out=output)
    xp.multiply(output, input, out=output)
    return output


@kernel
def SpatialCrossMapLRN_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    scale: Any,
    output: Any,
    size: int,
    alpha: float,
    beta: float,
    k: float,
) -> Any:
    """Mirror nn.SpatialCrossMapLRN's backward (THNN SpatialCrossMapLRN_updateGradInput).

    ``gradInput = scale^-beta * gradOutput - 2 alpha beta / size * input *
    sum(window of gradOutput * output / scale)``.

    Args:
        input, gradOutput: ``(N, C, H, W)``; gradInput: same shape, overwritten.
        scale, output: the forward's arrays; size, alpha, beta, k: as in the forward.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    _check("SpatialCrossMapLRN_updateGradInput", input, size)
    ratio = gradOutput * output / scale
    acc = _window_sum(xp, ratio, size, xp.empty_like(ratio))
    xp.power(scale, -beta, out=gradInput)
    xp.multiply(gradInput, gradOutput, out=gradInput)
    acc *= input
    acc *= 2 * alpha * beta / size
    xp.subtract(gradInput, acc, out=gradInput)
    return gradInput
