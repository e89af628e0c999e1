"""Reduction tape operations: sum, mean, max, min and logsumexp over dimensions."""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from .._tensor import Tensor, new_tensor
from ..kernels import tape_reduce as tk
from .function import Function


def axes_of(dim: Any, ndim: int) -> tuple[int, ...] | None:
    """Normalise ``dim`` (None, an int or a sequence of ints, negatives allowed)."""
    if dim is None:
        return None
    dims = (dim,) if isinstance(dim, (int, np.integer)) else tuple(dim)
    out = []
    span = builtins.max(ndim, 1)
    for d in dims:
        if not -span <= d < span:
            raise IndexError(f"dimension {d} out of range for a {ndim}-D tensor")
        out.append(int(d) % span)
    return tuple(out) if ndim else None


def kept_shape(shape: tuple[int, ...], axes: tuple[int, ...] | None) -> tuple[int, ...]:
    """``shape`` with the reduced ``axes`` (all when None) kept as size 1."""
    if axes is None:
        return (1,) * len(shape)
    return tuple(1 if i in axes else n for i, n in enumerate(shape))


def _spread(g: Any, shape: tuple[int, ...], kept: tuple[int, ...]) -> Any:
    """The gradient of a reduction repeated over the input's shape (a new array)."""
    out = np.empty(shape, dtype=g.dtype)
    out[...] = g.reshape(kept)
    return out


class Sum(Function):
    __slots__ = ("shape", "kept")

    def forward(self, a: Any, axes: tuple[int, ...] | None, keep: bool) -> Any:
        self.shape, self.kept = a.shape, kept_shape(a.shape, axes)
        return np.asarray(tk.tape_sum(a, axes, keep))

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (_spread(g, self.shape, self.kept),)


class Mean(Sum):
    __slots__ = ()

    def forward(self, a: Any, axes: tuple[int, ...] | None, keep: bool) -> Any:
        self.shape, self.kept = a.shape, kept_shape(a.shape, axes)
        return np.asarray(tk.tape_mean(a, axes, keep))

    def backward(self, g: Any) -> tuple[Any, ...]:
        count = builtins.max(int(np.prod(self.shape)) // builtins.max(g.size, 1), 1)
        return (_spread(g / g.dtype.type(count), self.shape, self.kept),)


class Extreme(Function):
    """Max or min along one dimension; the gradient goes to the chosen position."""

    __slots__ = ("shape", "axis", "keep")

    def forward(self, a: Any, values: Any, pos: Any, axis: int, keep: bool) -> Any:
        self.shape, self.axis, self.keep, self.saved = a.shape, axis, keep, pos
        return values

    def backward(self, g: Any) -> tuple[Any, ...]:
        pos = self.saved if self.keep else np.expand_dims(self.saved, self.axis)
        gk = g if self.keep else np.expand_dims(g, self.axis)
        out = np.zeros(self.shape, dtype=g.dtype)
        np.put_along_axis(out, pos, gk, axis=self.axis)
        return (out,)


class ExtremeAll(Function):
    """Max or min of all elements; ties share the gradient equally."""

    keeps_inputs = True

    def forward(self, a: Any, op: str) -> Any:
        if a.size == 0:
            raise ValueError(f"{op}() of an empty tensor")
        out = a.max() if op == "max" else a.min()
        self.saved = (a, out)
        return np.asarray(out)

    def backward(self, g: Any) -> tuple[Any, ...]:
        a, out = self.saved
        mask = a == out
        return (mask * (g / mask.sum()),)


class LogSumExp(Function):
    __slots__ = ("axes", "keep")
    keeps_inputs = True
    keeps_output = True

    def forward(self, a: Any, axes: tuple[int, ...], keep: bool) -> Any:
        out = np.asarray(tk.tape_logsumexp(a, axes, keep))
        self.saved, self.axes, self.keep = (a, out), axes, keep
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        a, out = self.saved
        if not self.keep:
            g, out = np.expand_dims(g, self.axes), np.expand_dims(out, self.axes)
        return (g * np.exp(a - out),)


def sum(a: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    """Sum over ``dim`` (None: all elements; an int or a tuple of ints)."""
    return Sum.apply((a,), axes_of(dim, a.ndim), keepdim)


def mean(a: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    """Mean over ``dim`` (None: all elements; an int or a tuple of ints)."""
    return Mean.apply((a,), axes_of(dim, a.ndim), keepdim)


def _extreme(op: str, a: Tensor, dim: int | None, keepdim: bool) -> Any:
    if dim is None:
        return ExtremeAll.apply((a,), op)
    axes = axes_of(dim, a.ndim)
    axis = axes[0] if axes else 0
    src = a if a.ndim else a.reshape(1)
    keep = keepdim or not a.ndim
    values, pos = tk.tape_extreme(op, src._array, axis, keep)
    return Extreme.apply((src,), values, pos, axis, keep), new_tensor(pos)


def max(a: Tensor, dim: int | None = None, keepdim: bool = False) -> Any:  # noqa: A001
    """Largest element (a 0-d tensor), or ``(values, indices)`` along ``dim``."""
    return _extreme("max", a, dim, keepdim)


def min(a: Tensor, dim: int | None = None, keepdim: bool = False) -> Any:  # noqa: A001
    """Smallest element (a 0-d tensor), or ``(values, indices)`` along ``dim``."""
    return _extreme("min", a, dim, keepdim)


def logsumexp(a: Tensor, dim: Any, keepdim: bool = False) -> Tensor:
    """``log(sum(exp(a), dim))`` computed stably."""
    axes = axes_of(dim, a.ndim)
    return LogSumExp.apply((a,), axes if axes is not None else tuple(range(a.ndim)), keepdim)
