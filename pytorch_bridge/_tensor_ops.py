"""The operation methods of ``Tensor``: operators, in-place changes and math.

Each method forwards to the tape operation of the same name in
``pytorch_bridge.autograd.ops_*``; those modules import ``Tensor``, so they are bound
here by :func:`bind` once ``Tensor`` exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from ._tensor import Tensor
    from .autograd import ops_index as _index
    from .autograd import ops_inplace as _inplace
    from .autograd import ops_nn as _nn
    from .autograd import ops_pointwise as _pw
    from .autograd import ops_reduce as _reduce
    from .autograd import ops_shape as _shape
    from .autograd import ops_unary as _unary
    from .autograd.function import binary as _binary

Scalar = int | float | bool
Operand = Any  # a Tensor or a Python number


def bind() -> None:
    """Import the operation modules into this module's namespace (after Tensor exists)."""
    from .autograd import (
        ops_index,
        ops_inplace,
        ops_nn,
        ops_pointwise,
        ops_reduce,
        ops_shape,
        ops_unary,
    )
    from .autograd.function import binary

    globals().update(
        _binary=binary,
        _index=ops_index, _inplace=ops_inplace, _nn=ops_nn, _pw=ops_pointwise,
        _reduce=ops_reduce, _shape=ops_shape, _unary=ops_unary,
    )  # fmt: skip


class TensorOps:
    """Operator and math methods shared by every Tensor (see ``pytorch_bridge.Tensor``)."""

    __slots__ = ()

    # -- arithmetic and comparison operators --------------------------------------
    def __add__(self: Any, o: Operand) -> Tensor:
        return _binary(_pw.Add, self, o)

    def __radd__(self: Any, o: Operand) -> Tensor:
        return _binary(_pw.Add, o, self)

    def __sub__(self: Any, o: Operand) -> Tensor:
        return _binary(_pw.Sub, self, o)

    def __rsub__(self: Any, o: Operand) -> Tensor:
        return _binary(_pw.Sub, o, self)

    def __mul__(self: Any, o: Operand) -> Tensor:
        return _binary(_pw.Mul, self, o)

    def __rmul__(self: Any, o: Operand) -> Tensor:
        return _binary(_pw.Mul, o, self)

    def __truediv__(self: Any, o: Operand) -> Tensor:
        return _binary(_pw.Div, self, o)

    def __rtruediv__(self: Any, o: Operand) -> Tensor:
        return _binary(_pw.Div, o, self)

    def __pow__(self: Any, o: Operand) -> Tensor:
        return _pw.pow(self, o)

    def __rpow__(self: Any, o: Operand) -> Tensor:
        return _pw.pow(o, self)

    def __matmul__(self: Any, o: Tensor) -> Tensor:
        return _pw.matmul(self, o)

    def __rmatmul__(self: Any, o: Tensor) -> Tensor:
        return _pw.matmul(o, self)

    def __neg__(self: Any) -> Tensor:
        return _unary.neg(self)

    def __abs__(self: Any) -> Tensor:
        return _unary.abs(self)

    def __lt__(self: Any, o: Operand) -> Tensor:
        return _pw.compare("lt", self, o)

    def __le__(self: Any, o: Operand) -> Tensor:
        return _pw.compare("le", self, o)

    def __gt__(self: Any, o: Operand) -> Tensor:
        return _pw.compare("gt", self, o)

    def __ge__(self: Any, o: Operand) -> Tensor:
        return _pw.compare("ge", self, o)

    def __eq__(self: Any, o: object) -> Tensor:  # type: ignore[override]
        return _pw.compare("eq", self, o)

    def __ne__(self: Any, o: object) -> Tensor:  # type: ignore[override]
        return _pw.compare("ne", self, o)

    def __getitem__(self: Any, index: Any) -> Tensor:
        return _index.index(self, index)

    # -- in place (each bumps the version counter) ------------------------------------
    def __setitem__(self: Any, index: Any, value: Operand) -> None:
        _inplace.setitem(self, index, value)

    def __iadd__(self: Any, o: Operand) -> Tensor:
        return _inplace.inplace(self, _pw.add, o, ufunc=np.add)

    def __isub__(self: Any, o: Operand) -> Tensor:
        return _inplace.inplace(self, _pw.sub, o, ufunc=np.subtract)

    def __imul__(self: Any, o: Operand) -> Tensor:
        return _inplace.inplace(self, _pw.mul, o, ufunc=np.multiply)

    def __itruediv__(self: Any, o: Operand) -> Tensor:
        return _inplace.inplace(self, _pw.div, o, ufunc=np.true_divide)

    def add_(self: Any, o: Operand, alpha: Scalar = 1) -> Tensor:
        """``self += alpha * o`` in place."""
        return _inplace.inplace(self, _pw.add, o if alpha == 1 else o * alpha, ufunc=np.add)

    def sub_(self: Any, o: Operand, alpha: Scalar = 1) -> Tensor:
        """``self -= alpha * o`` in place."""
        return _inplace.inplace(self, _pw.sub, o if alpha == 1 else o * alpha, ufunc=np.subtract)

    def mul_(self: Any, o: Operand) -> Tensor:
        """``self *= o`` in place."""
        return _inplace.inplace(self, _pw.mul, o, ufunc=np.multiply)

    def div_(self: Any, o: Operand) -> Tensor:
        """``self /= o`` in place."""
        return _inplace.inplace(self, _pw.div, o, ufunc=np.true_divide)

    def clamp_(self: Any, min: Scalar | None = None, max: Scalar | None = None) -> Tensor:
        """Clamp in place to ``[min, max]``."""
        return _inplace.inplace(self, _unary.clamp, min, max)

    def copy_(self: Any, src: Operand) -> Tensor:
        """Copy ``src`` (broadcast to this shape) into this memory."""
        return _inplace.inplace(self, _inplace.copy_from, src)

    def fill_(self: Any, value: Scalar) -> Tensor:
        """Set every element to ``value``."""
        return _inplace.fill(self, value)

    def zero_(self: Any) -> Tensor:
        """Set every element to 0."""
        return _inplace.fill(self, 0)

    # -- math (see the ops modules for the rules) -------------------------------------
    def exp(self: Any) -> Tensor:
        """Elementwise ``e ** x``."""
        return _unary.exp(self)

    def log(self: Any) -> Tensor:
        """Elementwise natural logarithm."""
        return _unary.log(self)

    def tanh(self: Any) -> Tensor:
        """Elementwise hyperbolic tangent."""
        return _unary.tanh(self)

    def sigmoid(self: Any) -> Tensor:
        """Elementwise logistic function."""
        return _unary.sigmoid(self)

    def relu(self: Any) -> Tensor:
        """Elementwise ``max(x, 0)``."""
        return _unary.relu(self)

    def sqrt(self: Any) -> Tensor:
        """Elementwise square root."""
        return _unary.sqrt(self)

    def abs(self: Any) -> Tensor:
        """Elementwise absolute value."""
        return _unary.abs(self)

    def neg(self: Any) -> Tensor:
        """Elementwise negation."""
        return _unary.neg(self)

    def pow(self: Any, exponent: Operand) -> Tensor:
        """Elementwise power."""
        return _pw.pow(self, exponent)

    def clamp(self: Any, min: Scalar | None = None, max: Scalar | None = None) -> Tensor:
        """Elementwise clamp to ``[min, max]``."""
        return _unary.clamp(self, min, max)

    def matmul(self: Any, o: Tensor) -> Tensor:
        """Matrix product with numpy's ``matmul`` rules."""
        return _pw.matmul(self, o)

    def to(self: Any, dtype: Any) -> Tensor:
        """A copy converted to ``dtype`` (this tensor when it already has it)."""
        return _pw.to_dtype(self, dtype)

    def float(self: Any) -> Tensor:
        """Converted to float32."""
        return _pw.to_dtype(self, np.float32)

    def double(self: Any) -> Tensor:
        """Converted to float64."""
        return _pw.to_dtype(self, np.float64)

    def long(self: Any) -> Tensor:
        """Converted to int64 (no gradient)."""
        return _pw.to_dtype(self, np.int64)

    def clone(self: Any) -> Tensor:
        """A copy in new memory, on the tape."""
        return _pw.clone(self)

    def sum(self: Any, dim: Any = None, keepdim: bool = False) -> Tensor:
        """Sum over ``dim`` (an int, a tuple, or None for all)."""
        return _reduce.sum(self, dim, keepdim)

    def mean(self: Any, dim: Any = None, keepdim: bool = False) -> Tensor:
        """Mean over ``dim`` (an int, a tuple, or None for all)."""
        return _reduce.mean(self, dim, keepdim)

    def max(self: Any, dim: int | None = None, keepdim: bool = False) -> Any:
        """Largest element, or ``(values, indices)`` along ``dim``."""
        return _reduce.max(self, dim, keepdim)

    def min(self: Any, dim: int | None = None, keepdim: bool = False) -> Any:
        """Smallest element, or ``(values, indices)`` along ``dim``."""
        return _reduce.min(self, dim, keepdim)

    def logsumexp(self: Any, dim: Any, keepdim: bool = False) -> Tensor:
        """``log(sum(exp(x)))`` over ``dim``, computed stably."""
        return _reduce.logsumexp(self, dim, keepdim)

    def reshape(self: Any, *shape: Any) -> Tensor:
        """The elements in a new shape (a view when the memory allows)."""
        return _shape.reshape(self, *shape)

    def view(self: Any, *shape: Any) -> Tensor:
        """The same memory in a new shape (the layout must allow it)."""
        return _shape.view(self, *shape)

    def flatten(self: Any) -> Tensor:
        """The elements as one dimension."""
        return _shape.reshape(self, -1)

    def transpose(self: Any, dim0: int, dim1: int) -> Tensor:
        """Swap two dimensions (a view)."""
        return _shape.transpose(self, dim0, dim1)

    def t(self: Any) -> Tensor:
        """Transpose of a matrix (a view)."""
        return _shape.transpose(self, 0, 1) if self.ndim == 2 else self

    def permute(self: Any, *dims: Any) -> Tensor:
        """Reorder the dimensions (a view)."""
        return _shape.permute(self, *dims)

    def squeeze(self: Any, dim: int | None = None) -> Tensor:
        """Drop dimensions of size 1 (only ``dim`` when given)."""
        return _shape.squeeze(self, dim)

    def unsqueeze(self: Any, dim: int) -> Tensor:
        """Insert a dimension of size 1 at ``dim``."""
        return _shape.unsqueeze(self, dim)

    def expand(self: Any, *shape: Any) -> Tensor:
        """Broadcast to ``shape`` without copying (-1 keeps a size)."""
        return _shape.expand(self, *shape)

    def split(self: Any, size: Any, dim: int = 0) -> list[Tensor]:
        """Pieces of ``size`` (or of the listed sizes) along ``dim``."""
        return _shape.split(self, size, dim)

    def chunk(self: Any, chunks: int, dim: int = 0) -> list[Tensor]:
        """``chunks`` nearly equal pieces along ``dim``."""
        return _shape.chunk(self, chunks, dim)

    def gather(self: Any, dim: int, index: Tensor) -> Tensor:
        """``out[i][j] = self[index[i][j]][j]`` (for ``dim`` 0), any number of dimensions."""
        return _index.gather(self, dim, index)

    def softmax(self: Any, dim: int) -> Tensor:
        """Softmax along ``dim``."""
        return _nn.softmax(self, dim)

    def log_softmax(self: Any, dim: int) -> Tensor:
        """Log-softmax along ``dim``."""
        return _nn.log_softmax(self, dim)
