"""Elementwise tape operations: arithmetic with broadcasting, math functions, matmul."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor, new_tensor
from ..kernels import tape_pointwise as tk
from .function import Function, binary, unbroadcast


def _shape(x: Any) -> tuple[int, ...]:
    try:
        return x.shape  # type: ignore[no-any-return]
    except AttributeError:
        return ()


class Add(Function):
    __slots__ = ("shapes",)

    def forward(self, a: Any, b: Any) -> Any:
        try:
            self.shapes = (a.shape, b.shape)
        except AttributeError:
            self.shapes = (_shape(a), _shape(b))
        return tk.tape_add(a, b)

    def backward(self, g: Any) -> tuple[Any, ...]:
        sa, sb = self.shapes
        na, nb = self.next
        shape = g.shape
        return (
            None if na is None else g if sa == shape else unbroadcast(g, sa),
            None if nb is None else g if sb == shape else unbroadcast(g, sb),
        )


class Sub(Function):
    __slots__ = ("shapes",)

    def forward(self, a: Any, b: Any) -> Any:
        self.shapes = (_shape(a), _shape(b))
        return tk.tape_sub(a, b)

    def backward(self, g: Any) -> tuple[Any, ...]:
        sa, sb = self.shapes
        return (
            unbroadcast(g, sa) if self.needs(0) else None,
            unbroadcast(-g, sb) if self.needs(1) else None,
        )


class Mul(Function):
    keeps_inputs = True

    def forward(self, a: Any, b: Any) -> Any:
        self.saved = (a, b)
        return tk.tape_mul(a, b)

    def backward(self, g: Any) -> tuple[Any, ...]:
        a, b = self.saved
        na, nb = self.next
        return (
            None if na is None else unbroadcast(g * b, _shape(a)),
            None if nb is None else unbroadcast(g * a, _shape(b)),
        )


class Div(Function):
    keeps_inputs = True

    def forward(self, a: Any, b: Any) -> Any:
        self.saved = (a, b)
        return tk.tape_div(a, b)

    def backward(self, g: Any) -> tuple[Any, ...]:
        a, b = self.saved
        gb = None
        if self.needs(1):
            gb = unbroadcast(-g * a / (b * b), _shape(b))
        return (unbroadcast(g / b, _shape(a)) if self.needs(0) else None, gb)


class Pow(Function):
    keeps_inputs = True
    keeps_output = True

    def forward(self, a: Any, b: Any) -> Any:
        out = tk.tape_pow(a, b)
        self.saved = (a, b, out)
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        a, b, out = self.saved
        ga = gb = None
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.needs(0):
                ga = unbroadcast(g * b * tk.tape_pow(a, b - 1), _shape(a))
            if self.needs(1):
                gb = unbroadcast(g * out * np.log(a), _shape(b))
        return ga, gb


class Matmul(Function):
    keeps_inputs = True

    def forward(self, a: Any, b: Any) -> Any:
        self.saved = (a, b)
        return tk.tape_matmul(a, b)

    def backward(self, g: Any) -> tuple[Any, ...]:
        a, b = self.saved
        a2 = a[None, :] if a.ndim == 1 else a
        b2 = b[:, None] if b.ndim == 1 else b
        batch = np.broadcast_shapes(a2.shape[:-2], b2.shape[:-2])
        g2 = g.reshape(batch + (a2.shape[-2], b2.shape[-1]))
        ga = gb = None
        if self.needs(0):
            ga = unbroadcast(tk.tape_matmul(g2, np.swapaxes(b2, -1, -2)), a2.shape)
            ga = ga.reshape(a.shape)
        if self.needs(1):
            gb = unbroadcast(tk.tape_matmul(np.swapaxes(a2, -1, -2), g2), b2.shape)
            gb = gb.reshape(b.shape)
        return ga, gb


class ToDtype(Function):
    def forward(self, a: Any, dtype: Any) -> Any:
        self.saved = a.dtype
        return a.astype(dtype)

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (g.astype(self.saved),)


class Clone(Function):
    def forward(self, a: Any) -> Any:
        return a.copy()

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (g,)


def add(a: Any, b: Any) -> Tensor:
    """``a + b`` with broadcasting; either may be a Python number."""
    return binary(Add, a, b)


def sub(a: Any, b: Any) -> Tensor:
    """``a - b`` with broadcasting."""
    return binary(Sub, a, b)


def mul(a: Any, b: Any) -> Tensor:
    """``a * b`` with broadcasting."""
    return binary(Mul, a, b)


def div(a: Any, b: Any) -> Tensor:
    """``a / b`` with broadcasting (true division)."""
    return binary(Div, a, b)


def pow(a: Any, b: Any) -> Tensor:  # noqa: A001 - the public name of the operation
    """``a ** b`` with broadcasting; either may be a Python number."""
    return binary(Pow, a, b)


def matmul(a: Tensor, b: Tensor) -> Tensor:
    """Matrix product with numpy's ``matmul`` rules (1-D promotion, batch broadcasting)."""
    return Matmul.apply((a, b))


def clone(a: Tensor) -> Tensor:
    """A copy in new memory, on the tape."""
    return Clone.apply((a,))


def to_dtype(a: Tensor, dtype: Any) -> Tensor:
    """``a`` converted to ``dtype``; only float results keep the gradient."""
    dtype = np.dtype(dtype)
    if dtype == a.dtype:
        return a
    if dtype.kind not in "fc":
        return new_tensor(a._array.astype(dtype))
    return ToDtype.apply((a,), dtype)


def compare(op: str, a: Any, b: Any) -> Tensor:
    """``a op b`` (lt, le, gt, ge, eq, ne) broadcast, as a bool tensor outside the tape."""
    return new_tensor(tk.tape_compare(op, getattr(a, "_array", a), getattr(b, "_array", b)))
