"""``pytorch_bridge.Tensor``: an array with the fields of the define-by-run tape.

A Tensor wraps one numpy array (``.numpy()`` returns that very array) plus the autograd
fields: whether it requires grad, its accumulated ``grad``, the tape node that made it and
a version counter shared with every view of the same memory. The operations themselves
live in ``pytorch_bridge.autograd.ops_*``; the methods here only forward to them.
Indices are 0-based and binary operations broadcast as numpy does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from . import _tensor_ops
from ._tensor_ops import TensorOps
from .errors import AutogradError

Scalar = int | float | bool


class Tensor(TensorOps):
    """An n-dimensional array that can record the operations applied to it.

    Build one with :func:`pytorch_bridge.tensor` or the other constructors; results of
    operations are Tensors too. ``requires_grad=True`` on a leaf asks ``backward`` to fill
    its ``grad``.
    """

    # ``_views`` (set on first use, on bases only): weak references to the views taken of
    # this tensor by tape operations, so that an in-place change recorded later can mark
    # them (see ``autograd.ops_inplace``)
    __slots__ = ("_array", "_rg", "grad", "_node", "_vc", "_base", "_views", "__weakref__")

    _array: Any
    _rg: bool
    grad: Tensor | None
    _node: Any
    _vc: list[int]
    _base: Tensor | None
    _views: list[Any]

    def __init__(self, data: Any, requires_grad: bool = False) -> None:
        self._array = np.asarray(data)
        self._rg = False
        self.grad = None
        self._node = None
        self._vc = [0]
        self._base = None
        if requires_grad:
            self.requires_grad = True

    # -- fields -----------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        """The sizes of the dimensions."""
        return self._array.shape  # type: ignore[no-any-return]

    @property
    def dtype(self) -> np.dtype[Any]:
        """The numpy dtype of the elements."""
        return self._array.dtype  # type: ignore[no-any-return]

    @property
    def device(self) -> str:
        """Where the memory lives: ``'cpu'``."""
        return "cpu"

    @property
    def ndim(self) -> int:
        """The number of dimensions."""
        return self._array.ndim  # type: ignore[no-any-return]

    @property
    def requires_grad(self) -> bool:
        """Whether operations on this tensor are recorded for gradients."""
        return self._rg

    @requires_grad.setter
    def requires_grad(self, flag: bool) -> None:
        if self._node is not None and not flag:
            raise AutogradError(
                "requires_grad can only be turned off on leaf tensors; use detach()"
            )
        if flag and self._array.dtype.kind not in "fc":
            raise AutogradError(
                f"only floating-point tensors can require grad, this one is {self.dtype}"
            )
        self._rg = bool(flag)

    @property
    def grad_fn(self) -> Any:
        """The tape node that produced this tensor, or None for a leaf."""
        return self._node

    @property
    def is_leaf(self) -> bool:
        """True for tensors not produced by a recorded operation."""
        return self._node is None

    @property
    def data(self) -> Tensor:
        """This tensor's memory as a tensor outside the tape (``detach()``)."""
        return self.detach()

    @data.setter
    def data(self, value: Any) -> None:
        array = value._array if isinstance(value, Tensor) else np.asarray(value)
        if array is not self._array:
            self._array = array
            self._vc[0] += 1

    @property
    def T(self) -> Tensor:  # noqa: N802 - the name numpy and PyTorch use for the transpose
        """The dimensions in reverse order."""
        return self.permute(*reversed(range(self.ndim)))

    def size(self, dim: int | None = None) -> Any:
        """The shape, or the size of dimension ``dim``."""
        return self._array.shape if dim is None else self._array.shape[dim]

    def dim(self) -> int:
        """The number of dimensions."""
        return self._array.ndim  # type: ignore[no-any-return]

    def numel(self) -> int:
        """The number of elements."""
        return self._array.size  # type: ignore[no-any-return]

    def __len__(self) -> int:
        if not self._array.ndim:
            raise TypeError("len() of a 0-d tensor")
        return self._array.shape[0]  # type: ignore[no-any-return]

    # -- conversions ------------------------------------------------------------------
    def numpy(self) -> np.ndarray[Any, Any]:
        """Return the wrapped ndarray itself (changes show on both sides).

        Raises:
            AutogradError: when the tensor requires grad (use ``detach().numpy()``).
        """
        if self._rg:
            raise AutogradError("numpy() of a tensor that requires grad; use detach()")
        return self._array  # type: ignore[no-any-return]

    def item(self) -> Scalar:
        """The value of a one-element tensor as a Python number."""
        if self._array.size != 1:
            raise ValueError(f"item() needs one element, the tensor has shape {self.shape}")
        return self._array.reshape(-1)[0].item()  # type: ignore[no-any-return]

    def tolist(self) -> Any:
        """The elements as (nested) Python lists of numbers."""
        return self._array.tolist()

    #: numpy defers binary operators to the tensor (``array + tensor`` stays on the tape).
    __array_priority__ = 1000

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray[Any, Any]:
        """The array, for numpy functions; like ``numpy()``, refused while recording needs it.

        Raises:
            AutogradError: when the tensor requires grad (use ``detach()`` first).
        """
        if self._rg:
            raise AutogradError(
                "numpy cannot take a tensor that requires grad (its gradient would be lost); "
                "use detach() first, or tensor operations"
            )
        a = self._array
        return a if dtype is None else a.astype(dtype)  # type: ignore[no-any-return]

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __bool__(self) -> bool:
        if self._array.size != 1:
            raise ValueError("the truth value of a tensor with several elements is ambiguous")
        return bool(self._array.reshape(-1)[0])

    def __iter__(self) -> Iterator[Tensor]:
        return (self[i] for i in range(len(self)))

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        body = np.array2string(
            self._array, separator=", ", prefix="tensor(", precision=4, floatmode="maxprec_equal"
        )
        extra = ""
        if self._array.dtype not in (np.float32, np.int64, np.bool_):
            extra += f", dtype={self._array.dtype}"
        if self._node is not None:
            extra += f", grad_fn={self._node!r}"
        elif self._rg:
            extra += ", requires_grad=True"
        return f"tensor({body}{extra})"

    # -- the tape ---------------------------------------------------------------------
    def backward(
        self, gradient: Any = None, retain_graph: bool = False, create_graph: bool = False
    ) -> None:
        """Accumulate into every leaf the gradient of this tensor with respect to it.

        Args:
            gradient: the gradient of the final result with respect to this tensor; may
                be left out for a one-element tensor (it is then 1).
            retain_graph: keep the graph so that it can be walked again.
            create_graph: not supported yet; True raises AutogradError.
        """
        _engine.backward_one(self, gradient, retain_graph, create_graph)

    def detach(self) -> Tensor:
        """A tensor sharing this memory (and version counter) outside the tape."""
        out = new_tensor(self._array)
        out._vc = self._vc
        out._base = self._base if self._base is not None else self
        return out

    def detach_(self) -> Tensor:
        """Cut this tensor from the tape, making it a leaf that does not require grad."""
        self._node = None
        self._rg = False
        return self

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        """Set ``requires_grad`` in place and return this tensor."""
        self.requires_grad = requires_grad
        return self

    @property
    def _version(self) -> int:
        """The version counter: how many in-place changes this memory has seen."""
        return self._vc[0]


def new_tensor(array: Any) -> Tensor:
    """Wrap ``array`` (used as is) in a Tensor outside the tape, without checks."""
    t = _new(Tensor)
    t._array = array
    t._rg = False
    t.grad = None
    t._node = None
    t._vc = [0]
    t._base = None
    return t


def wrap_all(arrays: Sequence[Any]) -> list[Tensor]:
    """``new_tensor`` of each array."""
    return [new_tensor(a) for a in arrays]


_new = object.__new__

# The operations import Tensor from this module, so they are bound after it exists.
from .autograd import engine as _engine  # noqa: E402 - needs Tensor defined above

_tensor_ops.bind()
