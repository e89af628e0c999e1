"""Sub-sampling kernels (THNN SpatialSubSampling, TemporalSubSampling).

Each plane (feature) ``c`` gives ``bias[c] + weight[c] * (sum of the input over the window)``,
windows of ``k`` taps with step ``d`` and no padding. Arrays: spatial ``input`` is
``(C, iH, iW)`` or ``(N, C, iH, iW)``; temporal ``input`` is ``(nFrame, C)`` and is handled
as its transposed view ``(C, nFrame)``. Outputs are sized by the Lua side. Windows are visited
one tap at a time, each tap one strided view: no Python loop over pixels or batch items.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from typing import Any

from ..backend import array_module
from . import kernel


def _tap_views(
    x: Any, out_sizes: tuple[int, ...], k: tuple[int, ...], d: tuple[int, ...]
) -> Iterator[Any]:
    """Yield, for every tap of the window, the strided view of ``x``'s trailing dimensions
    that the tap reads for all output positions (``out_sizes`` of them per dimension)."""
    lead = (slice(None),) * (x.ndim - len(k))
    for offsets in product(*(range(n) for n in k)):
        yield x[
            lead
            + tuple(
                slice(t, t + s * (o - 1) + 1, s)
                for t, s, o in zip(offsets, d, out_sizes, strict=True)
            )
        ]


def _window_sum(xp: Any, x: Any, out: Any, k: tuple[int, ...], d: tuple[int, ...]) -> Any:
    """Write the window sums of ``x`` into ``out`` (``x``'s leading dims, output sizes)."""
    out.fill(0)
    for view in _tap_views(x, out.shape[-len(k) :], k, d):
        xp.add(out, view, out=out)
    return out


def _plane(v: Any, nspatial: int) -> Any:
    """``v`` (one value per plane) shaped to broadcast over ``(..., C, *spatial)``."""
    return v.reshape(v.shape + (1,) * nspatial)


def _forward(
    input: Any, output: Any, weight: Any, bias: Any, k: tuple[int, ...], d: tuple[int, ...]
) -> Any:
    xp = array_module(input)
    _window_sum(xp, input, output, k, d)
    xp.multiply(output, _plane(weight, len(k)), out=output)
    xp.add(output, _plane(bias, len(k)), out=output)
    return output


def _backward(
    gradOutput: Any, gradInput: Any, weight: Any, k: tuple[int, ...], d: tuple[int, ...]
) -> Any:
    xp = array_module(gradOutput)
    scaled = gradOutput * _plane(weight, len(k))
    gradInput.fill(0)
    for view in _tap_views(gradInput, gradOutput.shape[-len(k) :], k, d):
        xp.add(view, scaled, out=view)
    return gradInput


def _acc(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any,
    k: tuple[int, ...],
    d: tuple[int, ...],
    scale: float,
) -> None:
    xp = array_module(input)
    sums = _window_sum(xp, input, xp.empty_like(gradOutput), k, d)
    axes = tuple(a for a in range(gradOutput.ndim) if a != gradOutput.ndim - len(k) - 1)
    gradWeight += scale * (sums * gradOutput).sum(axis=axes)
    gradBias += scale * gradOutput.sum(axis=axes)


@kernel
def SpatialSubSampling_updateOutput(
    input: Any, output: Any, weight: Any, bias: Any, kW: int, kH: int, dW: int, dH: int
) -> Any:
    """Mirror THNN SpatialSubSampling_updateOutput.

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``.
        output: ``(..., C, oH, oW)`` with ``oH = (iH - kH) // dH + 1`` (same for W), written.
        weight, bias: ``(C,)``.
        kW, kH, dW, dH: window and step.

    Returns:
        ``output``.
    """
    return _forward(input, output, weight, bias, (kH, kW), (dH, dW))


@kernel
def SpatialSubSampling_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, weight: Any, kW: int, kH: int, dW: int, dH: int
) -> Any:
    """Mirror THNN SpatialSubSampling_updateGradInput: ``weight[c] * gradOutput`` spread over
    each window.

    Args:
        input: the forward input (unused beyond its shape, which ``gradInput`` has).
        gradOutput: ``(..., C, oH, oW)``.
        gradInput: shaped like ``input``, overwritten.
        weight: ``(C,)``.
        kW, kH, dW, dH: as in the forward.

    Returns:
        ``gradInput``.
    """
    return _backward(gradOutput, gradInput, weight, (kH, kW), (dH, dW))


@kernel
def SpatialSubSampling_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    scale: float,
) -> None:
    """Mirror THNN SpatialSubSampling_accGradParameters: add ``scale`` times the sum over
    batch and positions of ``gradOutput * window sum`` to ``gradWeight``, and of
    ``gradOutput`` to ``gradBias`` (both ``(C,)``, updated in place)."""
    _acc(input, gradOutput, gradWeight, gradBias, (kH, kW), (dH, dW), scale)


@kernel
def TemporalSubSampling_updateOutput(
    input: Any, output: Any, weight: Any, bias: Any, kW: int, dW: int, inputFrameSize: int
) -> Any:
    """Mirror THNN TemporalSubSampling_updateOutput.

    Args:
        input: ``(nInputFrame, inputFrameSize)``.
        output: ``(nOutputFrame, inputFrameSize)``, ``nOutputFrame = (nInputFrame - kW) // dW
            + 1``, written.
        weight, bias: ``(inputFrameSize,)``.
        kW, dW: window and step in frames; inputFrameSize: features per frame.

    Returns:
        ``output``.
    """
    _forward(input.T, output.T, weight, bias, (kW,), (dW,))
    return output


@kernel
def TemporalSubSampling_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, weight: Any, kW: int, dW: int
) -> Any:
    """Mirror THNN TemporalSubSampling_updateGradInput (shapes as in the forward; gradInput
    shaped like ``input``, overwritten). Returns ``gradInput``."""
    _backward(gradOutput.T, gradInput.T, weight, (kW,), (dW,))
    return gradInput


@kernel
def TemporalSubSampling_accGradParameters(
    input: Any, gradOutput: Any, gradWeight: Any, gradBias: Any, kW: int, dW: int, scale: float
) -> None:
    """Mirror THNN TemporalSubSampling_accGradParameters: ``gradWeight`` and ``gradBias``
    (``(inputFrameSize,)``) gain ``scale`` times their gradient, in place."""
    _acc(input.T, gradOutput.T, gradWeight, gradBias, (kW,), (dW,), scale)
