"""The tape's building blocks: grad mode, the ``Function`` base class and ``unbroadcast``.

A ``Function`` is both an operation and, once recorded, the tape node of its result: it
holds the edges to its inputs (``next``: the input's node, the input itself when it is a
leaf that requires grad, or None), what its ``backward`` needs (``saved``) and the
version stamps of the tensors whose memory that backward reads (``versions``).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from .._tensor import Tensor, new_tensor
from ..errors import AutogradError


class GradMode:
    """Whether operations record nodes (one flag for the process, as the tape is global)."""

    __slots__ = ("enabled",)

    def __init__(self) -> None:
        self.enabled = True


MODE = GradMode()


def is_grad_enabled() -> bool:
    """Return True when operations on tensors that require grad are recorded."""
    return MODE.enabled


@contextmanager
def set_grad_enabled(mode: bool) -> Iterator[None]:
    """Turn recording on or off inside the block, restoring the previous state after it."""
    before = MODE.enabled
    MODE.enabled = bool(mode)
    try:
        yield
    finally:
        MODE.enabled = before


def no_grad() -> Any:
    """Context manager: operations inside it record nothing (results do not require grad)."""
    return set_grad_enabled(False)


def enable_grad() -> Any:
    """Context manager: turn recording back on inside a ``no_grad`` block."""
    return set_grad_enabled(True)


def unbroadcast(grad: Any, shape: tuple[int, ...]) -> Any:
    """Sum ``grad`` down to ``shape``, undoing numpy broadcasting of an input of that shape.

    Args:
        grad: the gradient of a broadcast result.
        shape: the shape of the input before broadcasting.

    Returns:
        ``grad`` itself when the shapes already agree, else a reduced array of ``shape``.
    """
    if grad.shape == shape:
        return grad
    lead = grad.ndim - len(shape)
    if lead:
        grad = grad.sum(axis=tuple(range(lead)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    return grad


class Function:
    """Base class of tape operations.

    Subclasses define ``forward(*arrays, *params)`` returning the result array (saving what
    ``backward`` needs in ``self.saved`` or their own slots) and ``backward(grad)`` returning
    one gradient array per tensor input (None where not needed). Class flags say which
    tensors' memory ``backward`` reads (their versions are checked) and whether the result
    is a view sharing its first input's memory. Run an operation with
    ``MyOp.apply((tensor_a, tensor_b), *params)``: the tuple holds the inputs that may get
    gradients (tensors or plain numbers), ``params`` everything else.
    """

    __slots__ = ("next", "saved", "versions")

    keeps_inputs: ClassVar[bool] = False
    keeps_output: ClassVar[bool] = False
    is_view: ClassVar[bool] = False

    next: tuple[Any, ...]
    saved: Any
    versions: tuple[tuple[list[int], int], ...]

    def forward(self, *args: Any) -> Any:
        """Compute the result array from the input arrays and plain parameters."""
        raise NotImplementedError

    def backward(self, grad: Any) -> tuple[Any, ...]:
        """Return the gradient of each tensor input, given the gradient of the result."""
        raise NotImplementedError

    def side_grads(self) -> list[tuple[Any, Any]]:
        """``(parameter array, gradient array)`` pairs this node's backward accumulates into
        outside the graph (the parameters of a Lua module); none for tape operations."""
        return []

    def needs(self, i: int) -> bool:
        """True when input ``i`` wants a gradient."""
        return self.next[i] is not None

    @property
    def name(self) -> str:
        """The operation's class name (``Mul``), as shown in ``grad_fn``."""
        return type(self).__name__

    def __repr__(self) -> str:
        return f"<{type(self).__name__}Backward>"

    @classmethod
    def apply(cls, inputs: tuple[Any, ...], *params: Any) -> Tensor:
        """Run the operation on ``inputs`` (tensors or plain numbers) and record a node.

        Returns:
            The result tensor; it requires grad when recording is on and an input does.
        """
        fn = _new(cls)
        fn.saved = ()
        out = new_tensor(
            fn.forward(*[t._array if isinstance(t, Tensor) else t for t in inputs], *params)
        )
        if cls.is_view:
            first = inputs[0]
            out._vc = first._vc
            out._base = base = first._base if first._base is not None else first
            _add_view(base, out)
        if MODE.enabled:
            for t in inputs:
                if isinstance(t, Tensor) and t._rg:
                    _record(fn, inputs, out)
                    break
        return out


_new = object.__new__

# a base's list of views is cleared of dead references when its length is a power of two
# from this one on (so that many live views cost linear time in all)
_PRUNE_FROM = 64


def _add_view(base: Tensor, view: Tensor) -> None:
    """Remember ``view`` (weakly) in ``base``'s list of views."""
    views = getattr(base, "_views", None)
    if views is None:
        base._views = [weakref.ref(view)]
        return
    n = len(views)
    if n >= _PRUNE_FROM and n & (n - 1) == 0:
        views[:] = [r for r in views if r() is not None]
    views.append(weakref.ref(view))


STALE_VIEW = (
    "a view was used after its base was changed in place while recording; "
    "take the view again after the change"
)


class StaleView(Function):
    """The node of a view whose base was changed in place on the tape after the view was
    taken: the view's gradient would miss the change. The engine refuses a walk that
    reaches one before it delivers anything."""

    def backward(self, grad: Any) -> tuple[Any, ...]:
        raise AutogradError(STALE_VIEW)


def mark_stale_views(base: Tensor) -> None:
    """Give every live view taken of ``base`` a :class:`StaleView` node (after an in-place
    change of ``base`` was recorded)."""
    for ref in getattr(base, "_views", None) or ():
        view = ref()
        if view is not None:
            fn = _new(StaleView)
            fn.next, fn.saved, fn.versions = (), (), ()
            view._node, view._rg = fn, True


def binary(cls: type[Function], a: Any, b: Any) -> Tensor:
    """``cls.apply((a, b))`` for the hot binary operators, without the generic loops."""
    fn = _new(cls)
    fn.saved = ()
    ta = isinstance(a, Tensor)
    tb = isinstance(b, Tensor)
    out = _new(Tensor)
    out._array = fn.forward(a._array if ta else a, b._array if tb else b)
    out._rg = False
    out.grad = None
    out._node = None
    out._vc = [0]
    out._base = None
    if MODE.enabled and ((ta and a._rg) or (tb and b._rg)):
        fn.next = (
            (a._node if a._node is not None else a) if ta and a._rg else None,
            (b._node if b._node is not None else b) if tb and b._rg else None,
        )
        fn.versions = _stamps(cls, (a, b), out) if cls.keeps_inputs or cls.keeps_output else ()
        out._rg = True
        out._node = fn
    return out


def _edge(t: Any) -> Any:
    if not isinstance(t, Tensor) or not t._rg:
        return None
    return t._node if t._node is not None else t


def _stamps(cls: type[Function], inputs: tuple[Any, ...], out: Tensor) -> Any:
    stamps: tuple[tuple[list[int], int], ...] = ()
    if cls.keeps_inputs:
        stamps = tuple([(t._vc, t._vc[0]) for t in inputs if isinstance(t, Tensor)])
    if cls.keeps_output:
        stamps += ((out._vc, out._vc[0]),)
    return stamps


def _record(fn: Function, inputs: tuple[Any, ...], out: Tensor) -> None:
    cls = type(fn)
    fn.next = tuple([_edge(t) for t in inputs])
    fn.versions = _stamps(cls, inputs, out) if cls.keeps_inputs or cls.keeps_output else ()
    out._rg = True
    out._node = fn
