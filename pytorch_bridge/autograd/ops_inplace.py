"""In-place changes of tensors, and how they meet the tape.

Every in-place change bumps the version counter shared by a tensor and its views, so a
recorded node whose backward needs the old contents raises instead of giving a wrong
gradient. Outside recording (``no_grad``, or nothing requires grad) the result is simply
written into the memory. While recording, the change is taped as the out-of-place
operation applied to a copy of the old contents, and the tensor takes the new node.

A view taken before such a change while recording would still point at its base's old
node, and so give the gradient of the old contents. It is marked instead (its node becomes
a ``StaleView``): a backward that reaches it through a later use raises before any gradient
is delivered. Uses made before the change keep their gradients.

Not covered yet: changes made through ``numpy()`` or from Lua (they bypass the counter).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._tensor import Tensor, new_tensor
from ..errors import AutogradError
from .function import MODE, Function, mark_stale_views, unbroadcast
from .ops_index import index_put, plain_key


def _write(t: Tensor, array: Any) -> None:
    np.copyto(t._array, array, casting="same_kind")
    t._vc[0] += 1


def _recording(t: Tensor, args: tuple[Any, ...]) -> bool:
    return MODE.enabled and (t._rg or any(isinstance(x, Tensor) and x._rg for x in args))


def inplace(t: Tensor, op: Callable[..., Tensor], *args: Any, ufunc: Any = None) -> Tensor:
    """Apply ``op(t, *args)`` and store the result in ``t``'s memory.

    Args:
        t: the tensor changed in place.
        op: the out-of-place tape operation.
        *args: its other operands.
        ufunc: a binary numpy ufunc computing ``op`` straight into ``t`` when nothing is
            recorded (saves a temporary array and a copy).

    Raises:
        AutogradError: while recording, for a leaf that requires grad, or for a view
            (whose base would need the change too).
    """
    if not _recording(t, args):
        if ufunc is not None:
            other = args[0]._array if isinstance(args[0], Tensor) else args[0]
            ufunc(t._array, other, out=t._array, casting="same_kind")
            t._vc[0] += 1
        else:
            _write(t, op(t, *args)._array)
        return t
    if t._rg and t._node is None:
        raise AutogradError(
            "a leaf tensor that requires grad cannot be changed in place "
            "while recording; wrap the change in no_grad()"
        )
    if t._base is not None:
        raise AutogradError(
            "in-place change of a view while recording is not supported; "
            "use an out-of-place operation"
        )
    old = new_tensor(t._array.copy())
    old._rg, old._node = t._rg, t._node
    result = op(old, *args)
    _write(t, result._array)
    t._node, t._rg = result._node, result._rg
    mark_stale_views(t)
    return t


def setitem(t: Tensor, key: Any, value: Any) -> None:
    """``t[key] = value`` (``value`` broadcast), on the tape when ``value`` requires grad."""
    if _recording(t, (value,)):
        inplace(t, index_put, key, value)
        return
    t._array[plain_key(key)] = value._array if isinstance(value, Tensor) else value
    t._vc[0] += 1


def fill(t: Tensor, value: Any) -> Tensor:
    """Set every element of ``t`` to ``value`` (on the tape while recording)."""
    if _recording(t, ()):
        return inplace(t, filled, value)
    t._array.fill(value)
    t._vc[0] += 1
    return t


class CopyFrom(Function):
    __slots__ = ("shape",)

    def forward(self, dst: Any, src: Any) -> Any:
        self.shape = np.shape(src)
        return np.array(np.broadcast_to(src, dst.shape), dtype=dst.dtype)

    def backward(self, g: Any) -> tuple[Any, ...]:
        return None, unbroadcast(g, self.shape)


class Filled(Function):
    def forward(self, dst: Any, value: Any) -> Any:
        return np.full_like(dst, value)

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (None,)


def copy_from(dst: Tensor, src: Any) -> Tensor:
    """``src`` broadcast to ``dst``'s shape and dtype, as a new tensor on the tape."""
    return CopyFrom.apply((dst, src))


def filled(dst: Tensor, value: Any) -> Tensor:
    """A tensor like ``dst`` holding ``value`` everywhere."""
    return Filled.apply((dst,), value)
