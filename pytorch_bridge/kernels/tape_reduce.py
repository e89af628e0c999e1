"""Reductions over several axes for the Python tape (numpy's keepdims conventions).

Torch7's reduction kernels reduce one dimension into a result the Lua side sized and
report 1-based positions; the tape reduces any set of 0-based axes and gets new arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from . import kernel


@kernel
def tape_sum(a: Any, axes: tuple[int, ...] | None, keepdims: bool) -> Any:
    """Sum over ``axes`` (None: all); returns a new array (0-d for a full reduction)."""
    return a.sum(axis=axes, keepdims=keepdims)


@kernel
def tape_mean(a: Any, axes: tuple[int, ...] | None, keepdims: bool) -> Any:
    """Mean over ``axes`` (None: all); returns a new array."""
    return a.mean(axis=axes, keepdims=keepdims)


@kernel
def tape_extreme(op: str, a: Any, axis: int, keepdims: bool) -> tuple[Any, Any]:
    """The first largest (``op`` 'max') or smallest ('min') element along ``axis``.

    Returns:
        ``(values, positions)``: the values and their 0-based positions (int64), shaped
        as ``a`` without ``axis`` (kept as size 1 when ``keepdims``).
    """
    xp = array_module(a)
    pos = xp.argmax(a, axis=axis) if op == "max" else xp.argmin(a, axis=axis)
    pos = xp.expand_dims(pos, axis)
    values = xp.take_along_axis(a, pos, axis=axis)
    if not keepdims:
        values, pos = values.squeeze(axis), pos.squeeze(axis)
    return values, pos.astype(np.int64, copy=False)


@kernel
def tape_logsumexp(a: Any, axes: tuple[int, ...], keepdims: bool) -> Any:
    """``log(sum(exp(a)))`` over ``axes``, shifted by the maximum so it cannot overflow."""
    xp = array_module(a)
    top = xp.max(a, axis=axes, keepdims=True)
    top = xp.where(xp.isfinite(top), top, 0)
    with np.errstate(divide="ignore"):
        out = xp.log(xp.sum(xp.exp(a - top), axis=axes, keepdims=True)) + top
    return out if keepdims else out.squeeze(axes)
