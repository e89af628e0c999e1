"""Multi-class and multi-label loss kernels: THNN's MultiMarginCriterion,
MultiLabelMarginCriterion and SpatialClassNLLCriterion, without the state argument.

Class targets arrive 1-based, as Lua holds them, and become 0-based here. Losses go into
``output[0]`` (a one-element array), gradients into ``gradInput``, sized by the Lua side.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import _checks, kernel


def _margin_rows(where: str, input: Any, target: Any, margin: float) -> tuple[Any, Any, Any, Any]:
    """Return (rows, 0-based targets, ``margin - x[target] + x``, mask of the hinge terms)."""
    xp = array_module(input)
    _checks.ndim_in(where, "input", input, (1, 2))
    _checks.integer_dtype(where, "target", target)
    x = input.reshape(1, -1) if input.ndim == 1 else input
    nframe, dim = x.shape
    t = target.reshape(-1)
    if (input.ndim == 2 and (target.ndim != 1 or t.size != nframe)) or t.size < 1:
        raise ShapeError(
            f"{where}: inconsistent target size: target has shape {tuple(target.shape)} and "
            f"input has shape {tuple(input.shape)}"
        )
    t = t[:nframe].astype(xp.int64) - 1
    if int(t.min()) < 0 or int(t.max()) >= dim:
        raise ShapeError(f"{where}: target out of range [1, {dim}]")
    rows = xp.arange(nframe)
    z = input.dtype.type(margin) - x[rows, t][:, None] + x
    active = z > 0
    active[rows, t] = False
    return rows, t, z, active


@kernel
def MultiMarginCriterion_updateOutput(
    input: Any,
    target: Any,
    output: Any,
    sizeAverage: bool,
    p: int,
    weights: Any | None,
    margin: float,
) -> Any:
    """Mirror THNN MultiMarginCriterion_updateOutput: the multi-class hinge loss.

    ``sum over d != y of max(0, margin - x[y] + x[d])^p``, times ``weights[y]``, divided by
    the class count (and the row count with sizeAverage).

    Args:
        input: ``(dim,)`` or ``(nframe, dim)``.
        target: 1-based classes, one per row.
        output: one-element array receiving the loss.
        sizeAverage: also divide by the number of rows.
        p: 1 or 2.
        weights: ``(dim,)`` class weights or None.
        margin: the margin.

    Returns:
        ``output``.
    """
    _, t, z, active = _margin_rows("MultiMarginCriterion_updateOutput", input, target, margin)
    h = z if int(p) == 1 else z * z
    if weights is not None:
        h = h * weights.reshape(-1)[t][:, None]
    total = (h * active).sum(dtype=input.dtype) / input.dtype.type(z.shape[1])
    if sizeAverage:
        total = total / input.dtype.type(z.shape[0])
    output.reshape(-1)[0] = total
    return output


@kernel
def MultiMarginCriterion_updateGradInput(
    input: Any,
    target: Any,
    gradInput: Any,
    sizeAverage: bool,
    p: int,
    weights: Any | None,
    margin: float,
) -> Any:
    """Mirror THNN MultiMarginCriterion_updateGradInput (arguments as in the forward).

    Each active hinge term gives ``g`` (p = 1) or ``2 g z`` (p = 2) to its class and minus
    that to the target class, ``g = 1 / dim`` (``1 / (nframe dim)`` with sizeAverage).
    """
    xp = array_module(input)
    rows, t, z, active = _margin_rows(
        "MultiMarginCriterion_updateGradInput", input, target, margin
    )
    nframe, dim = z.shape
    g = input.dtype.type(1.0 / (nframe * dim) if sizeAverage else 1.0 / dim)
    h = xp.broadcast_to(xp.asarray(g), z.shape) if int(p) == 1 else 2 * g * z
    if weights is not None:
        h = h * weights.reshape(-1)[t][:, None]
    grad = xp.where(active, h, 0).astype(input.dtype, copy=False)
    grad[rows, t] = -grad.sum(axis=1, dtype=input.dtype)
    xp.copyto(gradInput, grad.reshape(gradInput.shape))
    return gradInput


def _label_slots(where: str, input: Any, target: Any) -> tuple[Any, Any, Any, Any]:
    """Return (x as 2-D, 0-based label slots, slot validity, one-hot of the valid labels).

    A row's labels are its target values up to the first 0; ``onehot[r, j, d]`` is true when
    slot j of row r is valid and names class d.
    """
    xp = array_module(input)
    _checks.ndim_in(where, "input", input, (1, 2))
    _checks.integer_dtype(where, "target", target)
    x = input.reshape(1, -1) if input.ndim == 1 else input
    if target.ndim != input.ndim or target.shape != input.shape:
        raise ShapeError(
            f"{where}: inconsistent target size: target has shape {tuple(target.shape)} and "
            f"input has shape {tuple(input.shape)}"
        )
    dim = x.shape[1]
    tg = target.reshape(x.shape).astype(xp.int64) - 1
    if tg.size and (int(tg.min()) < -1 or int(tg.max()) >= dim):
        raise ShapeError(f"{where}: target out of range [0, {dim}]")
    valid = xp.cumprod(tg >= 0, axis=1).astype(bool)
    onehot = (tg[:, :, None] == xp.arange(dim)) & valid[:, :, None]
    return x, tg, valid, onehot


def _label_hinges(x: Any, tg: Any, valid: Any, is_target: Any) -> tuple[Any, Any]:
    """Return ``z[r, j, d] = 1 - x[r, label j] + x[r, d]`` and the mask of its active terms."""
    xp = array_module(x)
    xt = xp.take_along_axis(x, xp.maximum(tg, 0), axis=1)
    z = 1 - xt[:, :, None] + x[:, None, :]
    active = valid[:, :, None] & ~is_target[:, None, :] & (z > 0)
    return z, active


@kernel
def MultiLabelMarginCriterion_updateOutput(
    input: Any, target: Any, output: Any, isTarget: Any, sizeAverage: bool
) -> Any:
    """Mirror THNN MultiLabelMarginCriterion_updateOutput: the multi-label hinge loss.

    Args:
        input: ``(dim,)`` or ``(nframe, dim)``.
        target: same shape; each row lists 1-based labels, ended by the first 0.
        output: one-element array receiving the loss.
        isTarget: array shaped like ``target``, set to 1 at every labelled class, else 0.
        sizeAverage: divide by the row count as well as the class count.

    Returns:
        ``output``.
    """
    x, tg, valid, onehot = _label_slots("MultiLabelMarginCriterion_updateOutput", input, target)
    is_target = onehot.any(axis=1)
    isTarget[...] = is_target.reshape(isTarget.shape)
    z, active = _label_hinges(x, tg, valid, is_target)
    total = (z * active).sum(dtype=input.dtype) / input.dtype.type(x.shape[1])
    if sizeAverage:
        total = total / input.dtype.type(x.shape[0])
    output.reshape(-1)[0] = total
    return output


@kernel
def MultiLabelMarginCriterion_updateGradInput(
    input: Any, target: Any, gradInput: Any, isTarget: Any, sizeAverage: bool
) -> Any:
    """Mirror THNN MultiLabelMarginCriterion_updateGradInput, reading the forward's isTarget.

    Each active hinge term adds ``g`` to its class and ``-g`` to its label, with
    ``g = 1 / dim`` (``1 / (nframe dim)`` with sizeAverage).
    """
    xp = array_module(input)
    where = "MultiLabelMarginCriterion_updateGradInput"
    x, tg, valid, onehot = _label_slots(where, input, target)
    _checks.same_shape(where, "isTarget", isTarget, "target", target)
    is_target = isTarget.reshape(x.shape) != 0
    _, active = _label_hinges(x, tg, valid, is_target)
    nframe, dim = x.shape
    g = input.dtype.type(1.0 / (nframe * dim) if sizeAverage else 1.0 / dim)
    counts = active.sum(axis=2)
    grad = active.sum(axis=1) - (onehot * counts[:, :, None]).sum(axis=1)
    xp.multiply(grad.reshape(gradInput.shape), g, out=gradInput)
    return gradInput


def _spatial_targets(
    where: str, input: Any, target: Any, weights: Any | None
) -> tuple[tuple[Any, ...], Any]:
    """Return the index tuple picking ``input[b, target[b, h, w] - 1, h, w]``, and the weights."""
    xp = array_module(input)
    _checks.integer_dtype(where, "target", target)
    if target.ndim != 3 or input.ndim != 4:
        raise ShapeError(
            f"{where}: only batches of spatial inputs (4-D) and targets (3-D) are supported, "
            f"got input {tuple(input.shape)} and target {tuple(target.shape)}"
        )
    n, c, h, w = input.shape
    if weights is not None and weights.size != c:
        raise ShapeError(f"{where}: weights has {weights.size} elements but input has {c} classes")
    if target.shape != (n, h, w):
        raise ShapeError(
            f"{where}: size mismatch: input {tuple(input.shape)}, target {tuple(target.shape)}"
        )
    t = target.astype(xp.int64) - 1
    if t.size and (int(t.min()) < 0 or int(t.max()) >= c):
        raise ShapeError(f"{where}: target out of range [1, {c}]")
    index = (
        xp.arange(n)[:, None, None],
        t,
        xp.arange(h)[None, :, None],
        xp.arange(w)[None, None, :],
    )
    wt = weights.reshape(-1)[t] if weights is not None else xp.ones(t.shape, input.dtype)
    return index, wt


@kernel
def SpatialClassNLLCriterion_updateOutput(
    input: Any,
    target: Any,
    output: Any,
    sizeAverage: bool,
    weights: Any | None,
    total_weight: Any,
) -> Any:
    """Mirror THNN SpatialClassNLLCriterion_updateOutput: NLL at every location.

    Args:
        input: log-probabilities ``(batch, nClasses, h, w)``.
        target: 1-based classes ``(batch, h, w)``.
        output: one-element array receiving the loss.
        sizeAverage: divide by the total weight (when it is not 0).
        weights: ``(nClasses,)`` or None.
        total_weight: one-element array receiving the total weight.

    Returns:
        ``output``.
    """
    index, wt = _spatial_targets("SpatialClassNLLCriterion_updateOutput", input, target, weights)
    total = wt.sum(dtype=input.dtype)
    loss = -(input[index] * wt).sum(dtype=input.dtype)
    if sizeAverage and total != 0:
        loss = loss / total
    total_weight.reshape(-1)[0] = total
    output.reshape(-1)[0] = loss
    return output


@kernel
def SpatialClassNLLCriterion_updateGradInput(
    input: Any,
    target: Any,
    gradInput: Any,
    sizeAverage: bool,
    weights: Any | None,
    total_weight: Any,
) -> Any:
    """Mirror THNN SpatialClassNLLCriterion_updateGradInput; ``gradInput`` is zeroed first.

    The target class of each location gets ``-weight / total_weight`` (``-weight`` without
    sizeAverage); nothing is written when the total weight is not positive.
    """
    where = "SpatialClassNLLCriterion_updateGradInput"
    index, wt = _spatial_targets(where, input, target, weights)
    gradInput[...] = 0
    total = total_weight.reshape(-1)[0]
    if not total > 0:
        return gradInput
    gradInput[index] = -wt / (total if sizeAverage else 1)
    return gradInput
