"""Embedding and ranking loss kernels: the array work of nn.HingeEmbeddingCriterion,
nn.L1HingeEmbeddingCriterion, nn.CosineEmbeddingCriterion and nn.MarginRankingCriterion
(Torch7 wrote these in Lua, so they have no THNN counterpart).

Losses come back as numbers; gradients and the buffers Torch7 keeps between forward and
backward are written into arrays the Lua side has sized.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import _checks, kernel


def _like(where: str, input: Any, y: Any) -> Any:
    """``y`` shaped like ``input`` (same element count required)."""
    _checks.same_numel(where, "input", input, "y", y)
    return y.reshape(input.shape)


@kernel
def HingeEmbeddingCriterion_updateOutput(
    input: Any, y: Any, buffer: Any, sizeAverage: bool, margin: float
) -> float:
    """nn.HingeEmbeddingCriterion's loss: ``x`` where ``y ~= -1`` plus ``max(0, margin - x)``
    where ``y ~= 1``, summed (mean with sizeAverage).

    ``buffer`` (sized like ``input``) ends holding the hinge terms, as in Torch7.

    Returns:
        The loss, a number.
    """
    xp = array_module(input)
    t = _like("HingeEmbeddingCriterion_updateOutput", input, y)
    similar = float(xp.where(t == -1, 0, input).sum())
    xp.copyto(buffer, xp.where(t == 1, 0, xp.maximum(input.dtype.type(margin) - input, 0)))
    loss = similar + float(buffer.sum())
    return loss / input.size if sizeAverage else loss


@kernel
def HingeEmbeddingCriterion_updateGradInput(
    input: Any, y: Any, gradInput: Any, sizeAverage: bool, margin: float
) -> Any:
    """nn.HingeEmbeddingCriterion's gradient: ``y``, zeroed where ``y == -1`` and ``x > margin``.

    Divided by the element count with sizeAverage.
    """
    xp = array_module(input)
    t = _like("HingeEmbeddingCriterion_updateGradInput", input, y)
    g = xp.where((t == -1) & (input > input.dtype.type(margin)), 0, t)
    scale = input.dtype.type(1 / input.size) if sizeAverage else input.dtype.type(1)
    return xp.multiply(g, scale, out=gradInput)


@kernel
def L1HingeEmbeddingCriterion_updateOutput(
    input1: Any, input2: Any, dissimilar: bool, margin: float
) -> float:
    """nn.L1HingeEmbeddingCriterion's loss: ``d = sum|x1 - x2|``, or ``max(0, margin - d)``
    for a dissimilar pair (``y == -1``).

    Returns:
        The loss, a number.
    """
    xp = array_module(input1)
    _checks.same_numel(
        "L1HingeEmbeddingCriterion_updateOutput", "input1", input1, "input2", input2
    )
    d = float(xp.abs(input1 - input2.reshape(input1.shape)).sum())
    return max(0.0, margin - d) if dissimilar else d


@kernel
def L1HingeEmbeddingCriterion_updateGradInput(
    input1: Any,
    input2: Any,
    gradInput1: Any,
    gradInput2: Any,
    dissimilar: bool,
    margin: float,
    ties: Any | None,
) -> int:
    """nn.L1HingeEmbeddingCriterion's gradients: ``sign(x1 - x2)`` (negated, or zero past the
    margin, for a dissimilar pair) and its opposite.

    Torch7 gives an element with ``x1 == x2`` a random sign ``2 * torch.random(2) - 3``.
    Those draws are made in Lua: called with ``ties`` None, the kernel returns how many such
    elements there are (and writes nothing if there are any); called again with ``ties``
    holding that many values in {1, 2} (row-major order), it finishes and returns 0.

    Returns:
        The number of signs still to draw.
    """
    xp = array_module(input1)
    diff = input1 - input2.reshape(input1.shape)
    zero = diff == 0
    n = int(zero.sum())
    if n and ties is None:
        return n
    sign = xp.sign(diff)
    if n and ties is not None:
        sign[zero] = 2 * ties.reshape(-1)[:n] - 3
    if dissimilar:
        factor = 0.0 if float(xp.abs(diff).sum()) > margin else -1.0
        sign = sign * factor
    xp.copyto(gradInput1, sign)
    xp.negative(gradInput1, out=gradInput2.reshape(gradInput1.shape))
    return 0


def _rows(a: Any) -> Any:
    """A 1-D sample as a one-row matrix; a matrix as it is."""
    return a.reshape(1, -1) if a.ndim == 1 else a


@kernel
def CosineEmbeddingCriterion_updateOutput(
    input1: Any,
    input2: Any,
    y: Any,
    margin: float,
    sizeAverage: bool,
    w1: Any,
    w22: Any,
    w32: Any,
    w: Any,
    outputs: Any,
) -> float:
    """nn.CosineEmbeddingCriterion's loss, keeping Torch7's buffers for the backward.

    Per row ``cos = <a, b> / sqrt((|a|^2 + 1e-12)(|b|^2 + 1e-12))``; the row loss is
    ``1 - cos`` for ``y == 1`` and ``max(0, cos - margin)`` for ``y == -1``.

    Args:
        input1, input2, y: ``(n, d)``, ``(n, d)``, ``(n,)``; or ``(d,)``, ``(d,)``, ``(1,)``.
        margin, sizeAverage: the margin of dissimilar pairs; divide the sum by n.
        w1, w22, w32, w: ``(n, 1)`` arrays receiving ``<a, b>``, ``1 / (|a|^2 + eps)``,
            ``1 / (|b|^2 + eps)`` and ``sqrt(w22 w32)``.
        outputs: ``(n,)`` array receiving the row losses.

    Returns:
        The loss, a number.
    """
    xp = array_module(input1)
    a, b = _rows(input1), _rows(input2)
    eps = a.dtype.type(1e-12)
    w1[...] = (a * b).sum(axis=1, keepdims=True)
    w22[...] = 1 / ((a * a).sum(axis=1, keepdims=True) + eps)
    w32[...] = 1 / ((b * b).sum(axis=1, keepdims=True) + eps)
    xp.sqrt(w22 * w32, out=w)
    cos = (w1 * w).reshape(-1)
    t = y.reshape(-1)
    out = xp.where(t == -1, xp.maximum(cos - a.dtype.type(margin), 0), cos)
    xp.copyto(outputs, xp.where(t == 1, 1 - out, out).reshape(outputs.shape))
    loss = float(outputs.sum())
    return loss / t.size if sizeAverage else loss


@kernel
def CosineEmbeddingCriterion_updateGradInput(
    input1: Any,
    input2: Any,
    y: Any,
    gradInput1: Any,
    gradInput2: Any,
    sizeAverage: bool,
    w1: Any,
    w22: Any,
    w32: Any,
    w: Any,
    outputs: Any,
) -> Any:
    """nn.CosineEmbeddingCriterion's gradients from the forward's buffers (see the forward).

    Rows whose loss is not positive get 0; ``y == 1`` rows are negated.

    Returns:
        ``gradInput1``.
    """
    xp = array_module(input1)
    a, b = _rows(input1), _rows(input2)
    g1 = (b - w1 * w22 * a) * w
    g2 = (a - w1 * w32 * b) * w
    t = y.reshape(-1, 1)
    factor = xp.where(outputs.reshape(-1, 1) <= 0, 0, xp.where(t == 1, -1, 1)).astype(a.dtype)
    if sizeAverage:
        factor = factor / a.dtype.type(t.size)
    xp.multiply(g1, factor, out=gradInput1.reshape(g1.shape))
    xp.multiply(g2, factor, out=gradInput2.reshape(g2.shape))
    return gradInput1


@kernel
def MarginRankingCriterion_updateOutput(
    input1: Any, input2: Any, y: Any, margin: float, sizeAverage: bool, buffer: Any
) -> float:
    """nn.MarginRankingCriterion's batch loss: ``sum(max(0, -y (x1 - x2) + margin))``.

    ``buffer`` (sized like ``input1``) receives the per-pair terms; the sum is divided by the
    number of labels with sizeAverage.

    Returns:
        The loss, a number.
    """
    xp = array_module(input1)
    t = _like("MarginRankingCriterion_updateOutput", input1, y)
    d = -(input1 - input2.reshape(input1.shape)) * t + input1.dtype.type(margin)
    xp.maximum(d, 0, out=buffer.reshape(d.shape))
    loss = float(buffer.sum())
    return loss / y.shape[0] if sizeAverage else loss


@kernel
def MarginRankingCriterion_updateGradInput(
    input1: Any,
    input2: Any,
    y: Any,
    gradInput1: Any,
    gradInput2: Any,
    margin: float,
    sizeAverage: bool,
    dist: Any,
    mask: Any,
) -> Any:
    """nn.MarginRankingCriterion's batch gradients: ``-y`` and ``y`` where the term is >= 0.

    ``dist`` and ``mask`` (sized like ``input1``) receive the terms and the 0/1 mask.

    Returns:
        ``gradInput1``.
    """
    xp = array_module(input1)
    t = _like("MarginRankingCriterion_updateGradInput", input1, y)
    d = dist.reshape(input1.shape)
    xp.multiply(-(input1 - input2.reshape(input1.shape)), t, out=d)
    d += input1.dtype.type(margin)
    m = mask.reshape(input1.shape)
    xp.copyto(m, d >= 0)
    g = m * t
    if sizeAverage:
        g = g / input1.dtype.type(y.shape[0])
    xp.negative(g, out=gradInput1.reshape(g.shape))
    xp.copyto(gradInput2.reshape(g.shape), g)
    return gradInput1
