"""Pointwise loss kernels: THNN's SmoothL1Criterion, BCECriterion, DistKLDivCriterion,
MarginCriterion and SoftMarginCriterion, without the state argument, and the array work of
nn.MultiLabelSoftMarginCriterion (which Torch7 wrote in Lua).

Losses are written into ``output[0]`` (a one-element array) where Torch7 keeps an output
tensor, or returned as a number where its module computed them in Lua; gradients go into
``gradInput``, sized like ``input`` by the Lua side. Sums are taken in the input's type,
as THNN's ``real`` accumulators.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from ..errors import ShapeError
from . import _checks, kernel
from .criterion import _pair

_BCE_EPS = 1e-12


def _store(output: Any, input: Any, total: Any, sizeAverage: bool) -> Any:
    """Write ``total`` (divided by the element count when sizeAverage) into ``output[0]``."""
    output.reshape(-1)[0] = total / input.dtype.type(input.size) if sizeAverage else total
    return output


def _norm(input: Any, sizeAverage: bool) -> Any:
    """THNN's gradient factor: ``1 / nElement`` with sizeAverage, else 1, in input's type."""
    return input.dtype.type(1.0 / input.size if sizeAverage else 1.0)


@kernel
def SmoothL1Criterion_updateOutput(input: Any, target: Any, output: Any, sizeAverage: bool) -> Any:
    """Mirror THNN SmoothL1Criterion_updateOutput: ``0.5 z^2`` for ``z < 1``, else ``z - 0.5``.

    ``z = |input - target|``; any shape, same element count.
    """
    xp = array_module(input)
    z = xp.abs(input - _pair("SmoothL1Criterion_updateOutput", input, target))
    terms = xp.where(z < 1, 0.5 * z * z, z - 0.5).astype(input.dtype, copy=False)
    return _store(output, input, terms.sum(dtype=input.dtype), sizeAverage)


@kernel
def SmoothL1Criterion_updateGradInput(
    input: Any, target: Any, gradInput: Any, sizeAverage: bool
) -> Any:
    """Mirror THNN SmoothL1Criterion_updateGradInput: ``norm * clip(input - target, -1, 1)``."""
    xp = array_module(input)
    x = input - _pair("SmoothL1Criterion_updateGradInput", input, target)
    return xp.multiply(xp.clip(x, -1, 1), _norm(input, sizeAverage), out=gradInput)


def spread_weights(where: str, input: Any, target: Any, weights: Any | None) -> Any | None:
    """Per-element weights shaped like ``input``, spread as Torch7's BCE-style criteria do.

    A 1-D target takes the weights as they are; otherwise there is one weight per column
    (``weights:view(1, k):expandAs(target)``).
    """
    if weights is None:
        return None
    xp = array_module(input)
    if target.ndim == 1:
        _checks.same_numel(where, "input", input, "weights", weights)
        return weights.reshape(input.shape)
    w = weights.reshape(1, -1)
    if target.ndim < 2 or w.shape[1] != target.shape[1]:
        raise ShapeError(
            f"{where}: weights has shape {tuple(weights.shape)} but target has shape "
            f"{tuple(target.shape)}"
        )
    return xp.broadcast_to(w, target.shape).reshape(input.shape)


@kernel
def BCECriterion_updateOutput(
    input: Any, target: Any, output: Any, sizeAverage: bool, weights: Any | None
) -> Any:
    """Mirror THNN BCECriterion_updateOutput: ``-sum(w (y log(x + e) + (1 - y) log(1 - x + e)))``.

    Args:
        input: probabilities in [0, 1], any shape.
        target: same element count; its shape decides how ``weights`` spread.
        output: one-element array receiving the loss.
        sizeAverage: divide by the element count.
        weights: None, one weight per element (1-D target) or per column of a 2-D target.

    Returns:
        ``output``.

    Raises:
        ValueError: when an input value lies outside [0, 1].
    """
    xp = array_module(input)
    where = "BCECriterion_updateOutput"
    y = _pair(where, input, target)
    if input.size and (bool((input < 0).any()) or bool((input > 1).any())):
        raise ValueError(f"{where}: input values should be between 0 and 1")
    eps = input.dtype.type(_BCE_EPS)
    terms = xp.log(input + eps) * y + xp.log(1 - input + eps) * (1 - y)
    w = spread_weights(where, input, target, weights)
    if w is not None:
        terms = terms * w
    return _store(output, input, -terms.sum(dtype=input.dtype), sizeAverage)


@kernel
def BCECriterion_updateGradInput(
    input: Any, target: Any, gradInput: Any, sizeAverage: bool, weights: Any | None
) -> Any:
    """Mirror THNN BCECriterion_updateGradInput: ``-norm (y - x) / ((1 - x + e)(x + e))``.

    Multiplied by the weights when given (spread as in the forward).
    """
    xp = array_module(input)
    where = "BCECriterion_updateGradInput"
    y = _pair(where, input, target)
    eps = input.dtype.type(_BCE_EPS)
    g = -_norm(input, sizeAverage) * (y - input) / ((1 - input + eps) * (input + eps))
    w = spread_weights(where, input, target, weights)
    return xp.multiply(g, 1 if w is None else w, out=gradInput)


@kernel
def DistKLDivCriterion_updateOutput(
    input: Any, target: Any, output: Any, sizeAverage: bool
) -> Any:
    """Mirror THNN DistKLDivCriterion_updateOutput: ``sum(t (log t - input))`` over ``t > 0``."""
    xp = array_module(input)
    t = _pair("DistKLDivCriterion_updateOutput", input, target)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = xp.where(t > 0, t * (xp.log(t) - input), 0).astype(input.dtype, copy=False)
    return _store(output, input, terms.sum(dtype=input.dtype), sizeAverage)


@kernel
def DistKLDivCriterion_updateGradInput(
    input: Any, target: Any, gradInput: Any, sizeAverage: bool
) -> Any:
    """Mirror THNN DistKLDivCriterion_updateGradInput: ``-norm * t`` where ``t > 0``, else 0."""
    xp = array_module(input)
    t = _pair("DistKLDivCriterion_updateGradInput", input, target)
    xp.copyto(gradInput, xp.where(t > 0, -_norm(input, sizeAverage) * t, 0))
    return gradInput


@kernel
def MarginCriterion_updateOutput(
    input: Any, target: Any, output: Any, sizeAverage: bool, margin: float
) -> Any:
    """Mirror THNN MarginCriterion_updateOutput: ``sum(max(0, margin - input * target))``."""
    xp = array_module(input)
    y = _pair("MarginCriterion_updateOutput", input, target)
    z = xp.maximum(input.dtype.type(margin) - input * y, 0)
    return _store(output, input, z.sum(dtype=input.dtype), sizeAverage)


@kernel
def MarginCriterion_updateGradInput(
    input: Any, target: Any, gradInput: Any, sizeAverage: bool, margin: float
) -> Any:
    """Mirror THNN MarginCriterion_updateGradInput: ``-norm * y`` where ``x y < margin``."""
    xp = array_module(input)
    y = _pair("MarginCriterion_updateGradInput", input, target)
    inside = input * y < input.dtype.type(margin)
    xp.copyto(gradInput, xp.where(inside, -_norm(input, sizeAverage) * y, 0))
    return gradInput


@kernel
def SoftMarginCriterion_updateOutput(
    input: Any, target: Any, output: Any, sizeAverage: bool
) -> Any:
    """Mirror THNN SoftMarginCriterion_updateOutput: ``sum(log(1 + exp(-input * target)))``."""
    xp = array_module(input)
    y = _pair("SoftMarginCriterion_updateOutput", input, target)
    with np.errstate(over="ignore"):
        z = xp.log(1 + xp.exp(-input * y))
    return _store(output, input, z.sum(dtype=input.dtype), sizeAverage)


@kernel
def SoftMarginCriterion_updateGradInput(
    input: Any, target: Any, gradInput: Any, sizeAverage: bool
) -> Any:
    """Mirror THNN SoftMarginCriterion_updateGradInput: ``-norm y z / (1 + z)``.

    ``z = exp(-y x)``.
    """
    xp = array_module(input)
    y = _pair("SoftMarginCriterion_updateGradInput", input, target)
    with np.errstate(over="ignore", invalid="ignore"):
        z = xp.exp(-y * input)
        g = -_norm(input, sizeAverage) * y * z / (1 + z)
    xp.copyto(gradInput, g)
    return gradInput


@kernel
def MultiLabelSoftMarginCriterion_updateOutput(
    input: Any, target: Any, sizeAverage: bool, weights: Any | None, sigmoid: Any
) -> float:
    """nn.MultiLabelSoftMarginCriterion's loss, in its stable form.

    ``sum(w (log(1 + exp(-|x|)) - x (t - [x >= 0])))``, divided by the element count with
    sizeAverage. ``sigmoid`` (``input.size`` elements) receives ``1 / (1 + exp(-x))`` for the
    backward.

    Returns:
        The loss, a number.
    """
    xp = array_module(input)
    where = "MultiLabelSoftMarginCriterion_updateOutput"
    x = input.reshape(-1)
    t = _pair_flat(where, input, target)
    with np.errstate(over="ignore"):
        xp.divide(1, 1 + xp.exp(-x), out=sigmoid.reshape(-1))
    ind = (x >= 0).astype(x.dtype)
    terms = xp.log(xp.exp(x - 2 * x * ind) + 1) - (t - ind) * x
    w = spread_weights(where, input, target, weights)
    if w is not None:
        terms = terms * w.reshape(-1)
    loss = float(terms.sum(dtype=np.float64))
    return loss / x.size if sizeAverage else loss


@kernel
def MultiLabelSoftMarginCriterion_updateGradInput(
    input: Any, target: Any, gradInput: Any, sizeAverage: bool, weights: Any | None, sigmoid: Any
) -> Any:
    """nn.MultiLabelSoftMarginCriterion's gradient: ``w (sigmoid - t)``.

    Divided by the element count with sizeAverage; ``sigmoid`` is the forward's.
    """
    xp = array_module(input)
    where = "MultiLabelSoftMarginCriterion_updateGradInput"
    t = _pair_flat(where, input, target)
    g = sigmoid.reshape(-1) - t
    w = spread_weights(where, input, target, weights)
    if w is not None:
        g = g * w.reshape(-1)
    if sizeAverage:
        g = g / input.dtype.type(t.size)
    xp.copyto(gradInput, g.reshape(gradInput.shape))
    return gradInput


def _pair_flat(where: str, input: Any, target: Any) -> Any:
    """``target`` flattened, after checking it has as many elements as ``input``."""
    _checks.same_numel(where, "input", input, "target", target)
    return target.reshape(-1)
