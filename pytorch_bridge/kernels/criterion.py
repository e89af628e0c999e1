"""Loss kernels: THNN's ClassNLLCriterion, MSECriterion and AbsCriterion, without the
state argument.

Losses are written into ``output[0]`` (a one-element array); gradients into ``gradInput``,
sized like ``input`` by the Lua side. Class targets arrive 1-based, as Lua holds them,
and become 0-based here.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import _checks, kernel


def _nll_targets(
    where: str, input: Any, target: Any, weights: Any | None, ignore_index: int
) -> tuple[Any, Any, Any | None]:
    """Return (row indices, 0-based classes, weights or None) of the targets that are not
    ignored; weights are None when ``weights`` is (every target counts once)."""
    xp = array_module(input)
    _checks.ndim_in(where, "input", input, (1, 2))
    _checks.integer_dtype(where, "target", target)
    n_classes = input.shape[-1]
    if weights is not None and weights.size != n_classes:
        raise ShapeError(
            f"{where}: weights has shape {tuple(weights.shape)} but input has {n_classes} classes"
        )
    t = target.reshape(-1)[: 1 if input.ndim == 1 else None].astype(xp.int64, copy=False)
    if input.ndim == 2 and t.size != input.shape[0]:
        raise ShapeError(
            f"{where}: target has shape {tuple(target.shape)} but input has shape "
            f"{tuple(input.shape)}"
        )
    lo, hi = (int(t.min()), int(t.max())) if t.size else (1, 1)
    if lo <= ignore_index <= hi:  # some targets may be ignored
        rows = xp.nonzero(t != ignore_index)[0]
        t = t[rows]
        lo, hi = (int(t.min()), int(t.max())) if t.size else (1, 1)
    else:
        rows = xp.arange(t.size)
    if lo < 1 or hi > n_classes:
        raise ShapeError(f"{where}: target out of range [1, {n_classes}]")
    cls = t - 1
    return rows, cls, (None if weights is None else weights.reshape(-1)[cls])


@kernel
def ClassNLLCriterion_updateOutput(
    input: Any,
    target: Any,
    output: Any,
    sizeAverage: bool,
    weights: Any | None,
    total_weight: Any,
    ignore_index: int,
) -> Any:
    """Mirror THNN ClassNLLCriterion_updateOutput: the (weighted) negative log-likelihood.

    Args:
        input: log-probabilities ``(nClasses,)`` or ``(batch, nClasses)``.
        target: 1-based class indices, one per row (integer array).
        output: one-element array receiving the loss.
        sizeAverage: divide by the total weight of the counted targets.
        weights: ``(nClasses,)`` class weights or None.
        total_weight: one-element array receiving the total weight.
        ignore_index: 1-based class index whose targets count for nothing.

    Returns:
        ``output``.
    """
    rows, cls, w = _nll_targets(
        "ClassNLLCriterion_updateOutput", input, target, weights, ignore_index
    )
    picked = input[cls] if input.ndim == 1 else input[rows, cls]
    if w is None:  # every weight 1: the count, and the plain sum
        total = input.dtype.type(cls.size)
        loss = -picked.sum(dtype=input.dtype)
    else:
        total = w.sum(dtype=input.dtype)
        loss = -(picked * w).sum(dtype=input.dtype)
    if sizeAverage and total != 0:
        loss = loss / total
    total_weight.reshape(-1)[0] = total
    output.reshape(-1)[0] = loss
    return output


@kernel
def ClassNLLCriterion_updateGradInput(
    input: Any,
    target: Any,
    gradInput: Any,
    sizeAverage: bool,
    weights: Any | None,
    total_weight: Any,
    ignore_index: int,
) -> Any:
    """Mirror THNN ClassNLLCriterion_updateGradInput; ``gradInput`` is zeroed first.

    Args:
        input: ``(nClasses,)`` or ``(batch, nClasses)``.
        target: 1-based class indices.
        gradInput: array shaped like ``input``, overwritten.
        sizeAverage: as in the forward call.
        weights: ``(nClasses,)`` or None.
        total_weight: the one-element array the forward call filled.
        ignore_index: as in the forward call.

    Returns:
        ``gradInput``.
    """
    gradInput[...] = 0
    total = total_weight.reshape(-1)[0]
    if not total > 0:
        return gradInput
    rows, cls, w = _nll_targets(
        "ClassNLLCriterion_updateGradInput", input, target, weights, ignore_index
    )
    if input.ndim == 1:
        gradInput[cls] = -w if (w is not None and not sizeAverage) else -1
    else:
        g = -w if w is not None else input.dtype.type(-1)
        gradInput[rows, cls] = g / total if sizeAverage else g
    return gradInput


def _pair(where: str, input: Any, target: Any) -> Any:
    """Return ``target`` shaped like ``input`` (same number of elements required)."""
    _checks.same_numel(where, "input", input, "target", target)
    return target.reshape(input.shape)


@kernel
def MSECriterion_updateOutput(input: Any, target: Any, output: Any, sizeAverage: bool) -> Any:
    """Mirror THNN MSECriterion_updateOutput: ``sum((input - target)^2)`` (mean if sizeAverage)."""
    d = input - _pair("MSECriterion_updateOutput", input, target)
    loss = (d * d).sum(dtype=input.dtype)
    output.reshape(-1)[0] = loss / input.size if sizeAverage else loss
    return output


@kernel
def MSECriterion_updateGradInput(
    input: Any, target: Any, gradInput: Any, sizeAverage: bool
) -> Any:
    """Mirror THNN MSECriterion_updateGradInput: ``norm * (input - target)``, norm 2 or 2/n."""
    xp = array_module(input)
    norm = input.dtype.type(2.0 / input.size if sizeAverage else 2.0)
    d = input - _pair("MSECriterion_updateGradInput", input, target)
    return xp.multiply(d, norm, out=gradInput)


@kernel
def AbsCriterion_updateOutput(input: Any, target: Any, output: Any, sizeAverage: bool) -> Any:
    """Mirror THNN AbsCriterion_updateOutput: ``sum(|input - target|)`` (mean if sizeAverage)."""
    xp = array_module(input)
    loss = xp.abs(input - _pair("AbsCriterion_updateOutput", input, target)).sum(dtype=input.dtype)
    output.reshape(-1)[0] = loss / input.size if sizeAverage else loss
    return output


@kernel
def AbsCriterion_updateGradInput(
    input: Any, target: Any, gradInput: Any, sizeAverage: bool
) -> Any:
    """Mirror THNN AbsCriterion_updateGradInput.

    ``+norm`` where ``input >= target``, else ``-norm``; norm is 1 or 1/n.
    """
    xp = array_module(input)
    norm = input.dtype.type(1.0 / input.size if sizeAverage else 1.0)
    d = input - _pair("AbsCriterion_updateGradInput", input, target)
    xp.copyto(gradInput, xp.where(d >= 0, norm, -norm))
    return gradInput
