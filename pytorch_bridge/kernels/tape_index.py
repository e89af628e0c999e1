"""Indexing kernels for the Python tape, with 0-based indices (Torch7's take 1-based ones).

The backward kernels accumulate: an element picked twice receives both gradients.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import kernel
from .indexing import open_grid


@kernel
def tape_index_backward(shape: tuple[int, ...], key: Any, grad: Any) -> Any:
    """The gradient of ``a[key]`` for an ``a`` of ``shape``: zeros with ``grad`` added at
    ``key`` (repeated positions accumulate). Returns a new array."""
    xp = array_module(grad)
    out = xp.zeros(shape, dtype=grad.dtype)
    xp.add.at(out, key, grad)
    return out


def _along(xp: Any, index: Any, axis: int) -> tuple[Any, ...]:
    """The full index tuple that picks ``index`` on ``axis`` and its own position elsewhere."""
    grid = open_grid(xp, index.shape)
    grid[axis] = index
    return tuple(grid)


@kernel
def tape_gather(src: Any, axis: int, index: Any) -> Any:
    """``out[i, j] = src[index[i, j], j]`` (for ``axis`` 0), any number of dimensions.

    ``index`` (integers, 0-based) has ``src``'s number of dimensions and sizes no larger
    than ``src``'s on the other axes; the result has ``index``'s shape.
    """
    xp = array_module(src)
    return src[_along(xp, index, axis)]


@kernel
def tape_gather_backward(shape: tuple[int, ...], axis: int, index: Any, grad: Any) -> Any:
    """The gradient of ``tape_gather`` for a source of ``shape`` (positions accumulate)."""
    xp = array_module(grad)
    out = xp.zeros(shape, dtype=grad.dtype)
    xp.add.at(out, _along(xp, index, axis), grad)
    return out
