"""Shape tape operations: views (reshape, transpose, ...) and joins (cat, stack, split)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor
from ..errors import ShapeError
from .function import Function, unbroadcast
from .ops_reduce import axes_of


def _sizes(shape: tuple[Any, ...]) -> tuple[int, ...]:
    """Accept ``f(2, 3)`` and ``f((2, 3))`` alike."""
    if len(shape) == 1 and not isinstance(shape[0], (int, np.integer)):
        return tuple(int(n) for n in shape[0])
    return tuple(int(n) for n in shape)


def _dim(d: int, ndim: int) -> int:
    axes = axes_of(d, ndim)
    return axes[0] if axes else 0


class View(Function):
    """The same memory in another shape."""

    __slots__ = ("shape",)
    is_view = True

    def forward(self, a: Any, shape: tuple[int, ...]) -> Any:
        self.shape = a.shape
        try:
            out = a.reshape(shape, copy=False)  # numpy 2.1+; raises where a copy is needed
        except ValueError as exc:
            raise ShapeError(
                f"view: cannot view shape {a.shape} with strides {a.strides} "
                f"as {shape} without copying ({exc}); use reshape"
            ) from None
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (g.reshape(self.shape),)


class Reshape(View):
    """A copy in another shape (when the layout cannot be viewed)."""

    __slots__ = ()
    is_view = False

    def forward(self, a: Any, shape: tuple[int, ...]) -> Any:
        self.shape = a.shape
        return np.reshape(a, shape, copy=True)


class Permute(Function):
    __slots__ = ("dims",)
    is_view = True

    def forward(self, a: Any, dims: tuple[int, ...]) -> Any:
        self.dims = dims
        return a.transpose(dims)

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (g.transpose(np.argsort(self.dims)),)


class Expand(Function):
    __slots__ = ("shape",)
    is_view = True

    def forward(self, a: Any, shape: tuple[int, ...]) -> Any:
        self.shape = a.shape
        return np.broadcast_to(a, shape)

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (unbroadcast(g, self.shape),)


class Narrow(Function):
    """``length`` elements from ``start`` along one dimension (a view)."""

    __slots__ = ("shape", "key")
    is_view = True

    def forward(self, a: Any, axis: int, start: int, length: int) -> Any:
        self.shape = a.shape
        self.key = (slice(None),) * axis + (slice(start, start + length),)
        return a[self.key]

    def backward(self, g: Any) -> tuple[Any, ...]:
        out = np.zeros(self.shape, dtype=g.dtype)
        out[self.key] = g
        return (out,)


class Cat(Function):
    __slots__ = ("axis", "sizes")

    def forward(self, *args: Any) -> Any:
        *arrays, axis = args
        self.axis = axis
        self.sizes = [a.shape[axis] for a in arrays]
        return np.concatenate(arrays, axis=axis)

    def backward(self, g: Any) -> tuple[Any, ...]:
        # basic slicing: each input's part of g, at a fraction of np.split's cost
        lead = (slice(None),) * self.axis
        parts = []
        start = 0
        for n in self.sizes:
            parts.append(g[lead + (slice(start, start + n),)])
            start += n
        return tuple(parts)


class Stack(Function):
    __slots__ = ("axis",)

    def forward(self, *args: Any) -> Any:
        *arrays, axis = args
        self.axis = axis
        return np.stack(arrays, axis=axis)

    def backward(self, g: Any) -> tuple[Any, ...]:
        return tuple(np.moveaxis(g, self.axis, 0))


def view(a: Tensor, *shape: Any) -> Tensor:
    """``a``'s memory in a new shape (-1 infers one size); the layout must allow it."""
    return View.apply((a,), _sizes(shape))


def reshape(a: Tensor, *shape: Any) -> Tensor:
    """``a`` in a new shape: a view when the memory layout allows, else a copy."""
    sizes = _sizes(shape)
    probe = a._array.reshape(sizes)
    if np.may_share_memory(probe, a._array) or a._array.size == 0:
        return View.apply((a,), probe.shape)
    return Reshape.apply((a,), probe.shape)


def permute(a: Tensor, *dims: Any) -> Tensor:
    """Reorder the dimensions (a view)."""
    order = tuple(_dim(d, a.ndim) for d in _sizes(dims)) if dims else ()
    if sorted(order) != list(range(a.ndim)):
        raise ShapeError(f"permute: {dims} is not an order of the {a.ndim} dimensions")
    return Permute.apply((a,), order)


def transpose(a: Tensor, dim0: int, dim1: int) -> Tensor:
    """Swap two dimensions (a view)."""
    order = list(range(a.ndim))
    i, j = _dim(dim0, a.ndim), _dim(dim1, a.ndim)
    order[i], order[j] = order[j], order[i]
    return Permute.apply((a,), tuple(order))


def squeeze(a: Tensor, dim: int | None = None) -> Tensor:
    """Drop the dimensions of size 1 (only ``dim``, if it has size 1, when given)."""
    if dim is None:
        shape = tuple(n for n in a.shape if n != 1)
    else:
        d = _dim(dim, a.ndim)
        shape = a.shape if not a.ndim or a.shape[d] != 1 else a.shape[:d] + a.shape[d + 1 :]
    return View.apply((a,), shape)


def unsqueeze(a: Tensor, dim: int) -> Tensor:
    """Insert a dimension of size 1 at ``dim`` (negative counts from the end)."""
    d = _dim(dim, a.ndim + 1)
    return View.apply((a,), a.shape[:d] + (1,) + a.shape[d:])


def expand(a: Tensor, *shape: Any) -> Tensor:
    """Broadcast to ``shape`` without copying; -1 keeps that size (a read-only view)."""
    sizes = _sizes(shape)
    lead = len(sizes) - a.ndim
    full = tuple(a.shape[i - lead] if n == -1 else n for i, n in enumerate(sizes))
    return Expand.apply((a,), full)


def cat(tensors: Any, dim: int = 0) -> Tensor:
    """Join tensors along an existing dimension."""
    ts = tuple(tensors)
    if not ts:
        raise ShapeError("cat: no tensors given")
    return Cat.apply(ts, _dim(dim, ts[0].ndim))


def stack(tensors: Any, dim: int = 0) -> Tensor:
    """Join tensors of one shape along a new dimension."""
    ts = tuple(tensors)
    if not ts:
        raise ShapeError("stack: no tensors given")
    return Stack.apply(ts, _dim(dim, ts[0].ndim + 1))


def split(a: Tensor, size: Any, dim: int = 0) -> list[Tensor]:
    """Pieces of ``size`` elements along ``dim`` (the last may be shorter), or of the
    listed sizes when ``size`` is a sequence; each piece is a view."""
    axis = _dim(dim, a.ndim)
    n = a.shape[axis]
    if isinstance(size, (int, np.integer)):
        sizes = [int(size)] * (n // size) + ([n % size] if n % size else [])
    else:
        sizes = [int(s) for s in size]
        if sum(sizes) != n:
            raise ShapeError(f"split: sizes {sizes} do not add up to {n} (dimension {axis})")
    starts = np.cumsum([0, *sizes[:-1]])
    return [Narrow.apply((a,), axis, int(s), k) for s, k in zip(starts, sizes, strict=True)]


def chunk(a: Tensor, chunks: int, dim: int = 0) -> list[Tensor]:
    """At most ``chunks`` pieces of equal size (the last may be smaller) along ``dim``."""
    n = a.shape[_dim(dim, a.ndim)]
    return split(a, max(-(-n // chunks), 1), dim)
