"""Indexing tape operations: ``a[key]`` (basic and integer-array), ``gather``, ``where``."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor
from ..errors import ShapeError
from ..kernels import tape_index as tk
from ..kernels import tape_pointwise as tkp
from .function import Function, unbroadcast


def plain_key(key: Any) -> Any:
    """The numpy index for ``key``: tensors inside it become their arrays."""
    if isinstance(key, tuple):
        return tuple(k._array if isinstance(k, Tensor) else k for k in key)
    return key._array if isinstance(key, Tensor) else key


def is_basic(key: Any) -> bool:
    """True when ``key`` only slices (ints, slices, None, Ellipsis): numpy gives a view."""
    parts = key if isinstance(key, tuple) else (key,)
    return all(
        k is None
        or k is Ellipsis
        or isinstance(k, (int, np.integer, slice))
        and not isinstance(k, (bool, np.bool_))
        for k in parts
    )


class BasicIndex(Function):
    __slots__ = ("shape", "key")
    is_view = True

    def forward(self, a: Any, key: Any) -> Any:
        self.shape, self.key = a.shape, key
        return a[key]

    def backward(self, g: Any) -> tuple[Any, ...]:
        out = np.zeros(self.shape, dtype=g.dtype)
        out[self.key] = g
        return (out,)


class ArrayIndex(BasicIndex):
    """Integer-array or mask indexing: a copy; repeated positions accumulate gradients."""

    __slots__ = ()
    is_view = False

    def forward(self, a: Any, key: Any) -> Any:
        self.shape, self.key = a.shape, key
        return np.asarray(a[key])

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (tk.tape_index_backward(self.shape, self.key, g),)


class Gather(Function):
    __slots__ = ("shape", "axis")

    def forward(self, a: Any, index: Any, axis: int) -> Any:
        self.shape, self.axis, self.saved = a.shape, axis, index
        return tk.tape_gather(a, axis, index)

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (tk.tape_gather_backward(self.shape, self.axis, self.saved, g),)


class Where(Function):
    __slots__ = ("shapes",)

    def forward(self, a: Any, b: Any, cond: Any) -> Any:
        self.shapes, self.saved = (np.shape(a), np.shape(b)), cond
        return tkp.tape_where(cond, a, b)

    def backward(self, g: Any) -> tuple[Any, ...]:
        cond = self.saved
        ga = unbroadcast(np.where(cond, g, 0), self.shapes[0]) if self.needs(0) else None
        gb = unbroadcast(np.where(cond, 0, g), self.shapes[1]) if self.needs(1) else None
        return ga, gb


class IndexPut(Function):
    """``a`` with ``a[key] = value``, out of place (``__setitem__`` writes it back)."""

    __slots__ = ("key", "vshape")

    def forward(self, a: Any, value: Any, key: Any) -> Any:
        self.key, self.vshape = key, np.shape(value)
        out = a.copy()
        out[key] = value
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        ga = gv = None
        if self.needs(0):
            ga = g.copy()
            ga[self.key] = 0
        if self.needs(1):
            gv = unbroadcast(np.asarray(g[self.key]), self.vshape)
        return ga, gv


def index(a: Tensor, key: Any) -> Tensor:
    """``a[key]`` with numpy's rules: slices give views, integer arrays and masks copies."""
    k = plain_key(key)
    return (BasicIndex if is_basic(k) else ArrayIndex).apply((a,), k)


def gather(a: Tensor, dim: int, index: Tensor) -> Tensor:
    """Pick along ``dim`` the 0-based positions in ``index`` (PyTorch's ``gather``)."""
    idx = index._array if isinstance(index, Tensor) else np.asarray(index)
    if idx.ndim != a.ndim or idx.dtype.kind not in "iu":
        raise ShapeError(
            f"gather: index must be an integer tensor of {a.ndim} dimensions, "
            f"got {idx.dtype} of shape {idx.shape}"
        )
    axis = dim % max(a.ndim, 1)
    return Gather.apply((a,), idx, axis)


def where(cond: Any, a: Any, b: Any) -> Tensor:
    """Elements of ``a`` where ``cond`` holds, else of ``b`` (all three broadcast)."""
    c = cond._array if isinstance(cond, Tensor) else np.asarray(cond)
    return Where.apply((a, b), c.astype(bool, copy=False))


def index_put(a: Tensor, key: Any, value: Any) -> Tensor:
    """``a`` with ``value`` written at ``key``, as a new tensor on the tape."""
    return IndexPut.apply((a, value), plain_key(key))
