"""Calling Lua modules and criteria from Python as tape operations.

A call moves the input array into Lua, runs the module's ``forward`` through one call of
the Lua helper table, copies the output back and records one node whose backward is the
module's own ``backward``. How an input reaches Lua depends on its size:

- arrays under ``ZERO_COPY_MIN`` elements are copied into a tensor buffer the module
  keeps (about 1 us for small ones), which costs far less than building a Lua tensor
  around the array (15-30 us);
- larger arrays are wrapped without copying (a Lua tensor sharing their memory).

Each node keeps its own input array (and, for modules that draw random numbers, the
generator state of its forward). When a later call of the same module (or of a container
holding it) overwrote the buffers backward reads, the Lua side runs ``forward`` again on
the node's input first; modules whose backward reads only their input (``nn.Linear``,
``nn.ReLU``, ...) skip that. Parameter gradients from every call accumulate into the Lua
module's ``gradWeight``/``gradBias``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor, new_tensor
from ..autograd.function import MODE, Function
from ..backend import TORCH_TYPES
from ..errors import DTypeError, ShapeError

#: Inputs with at least this many elements are shared with Lua instead of copied. Building
#: a Lua tensor around an array costs about as much as copying some 64K float32 elements
#: into a buffer the module keeps (two Lua/Python crossings and a new array view).
ZERO_COPY_MIN = 65536

_TNAME = {dt: name for name, (dt, _) in TORCH_TYPES.items()}
_new = object.__new__


def dtype_of(typename: Any) -> Any:
    """The numpy dtype of a Torch7 tensor type name, or None when it is not one."""
    if not isinstance(typename, str) or not typename.startswith("torch."):
        return None
    entry = TORCH_TYPES.get(typename[len("torch.") : -len("Tensor")])
    return entry[0] if entry is not None else None


def tname(dtype: np.dtype[Any]) -> str:
    """Torch7's type prefix ('Float', 'Double', ...) of a numpy dtype."""
    try:
        return _TNAME[dtype]
    except KeyError:
        raise TypeError(f"no Torch7 tensor type holds dtype {dtype}") from None


def wrap(b: Any, a: Any) -> Any:
    """A Lua tensor sharing the memory of ``a`` (copied first if not C-contiguous)."""
    if not a.flags.c_contiguous:
        a = np.ascontiguousarray(a)
    if not a.ndim:
        raise ShapeError("a 0-dimensional array cannot be passed to a Lua module")
    return b.wrap(_TNAME[a.dtype], a.reshape(-1), *a.shape)


class Slot:
    """A Lua tensor buffer reused for small arrays passed to one module."""

    __slots__ = ("buf", "view", "stamp")

    def __init__(self) -> None:
        self.buf: Any = None
        self.view: Any = None
        self.stamp = -1

    def load(self, b: Any, a: Any, stamp: int, share: bool = True) -> tuple[Any, bool]:
        """Hand ``a`` to Lua; returns the Lua tensor and whether it is private to the call.

        ``share=False`` copies even large arrays (for modules that write into their input).
        """
        if share and a.size >= ZERO_COPY_MIN:
            return wrap(b, a), True
        v = self.view
        if v is None or v.shape != a.shape or v.dtype != a.dtype:
            if not a.ndim:
                raise ShapeError("a 0-dimensional array cannot be passed to a Lua module")
            self.buf, v = b.buffer(self.buf, tname(a.dtype), *a.shape)
            self.view = v
        np.copyto(v, a)
        self.stamp = stamp
        return self.buf, False


class GradList(list):  # type: ignore[type-arg]
    """Gradients of several outputs of one call; ``+`` adds entry by entry (None is 0)."""

    def __add__(self, other: Any) -> GradList:
        return GradList(
            b if a is None else a if b is None else a + b for a, b in zip(self, other, strict=True)
        )


class Pick(Function):
    """Output ``i`` of a call that returned a table: routes its gradient to the call."""

    __slots__ = ("i", "n")
    i: int
    n: int

    def backward(self, grad: Any) -> tuple[Any, ...]:
        g = GradList([None] * self.n)
        g[self.i] = grad
        return (g,)


def finish(fn: Function, outs: list[Any], record: bool) -> Any:
    """Wrap the output arrays in tensors; when recording, attach them to ``fn``."""
    if len(outs) == 1 and not isinstance(outs[0], list):
        t = new_tensor(outs[0])
        if record:
            t._rg = True
            t._node = fn
        return t
    result = []
    for i, a in enumerate(outs[0]):
        t = new_tensor(a)
        if record:
            p = _new(Pick)
            p.i, p.n, p.saved, p.versions, p.next = i, len(outs[0]), (), (), (fn,)
            t._rg = True
            t._node = p
        result.append(t)
    return result


def edge(t: Any) -> Any:
    """The tape edge of a call input: its node, itself as a leaf, or None."""
    if isinstance(t, Tensor) and t._rg:
        return t._node if t._node is not None else t
    return None


class LuaCall(Function):
    """The node of one call of a Lua module: backward is the module's ``backward``.

    ``keep``, for modules whose backward reads only input, gradOutput and output (Tanh,
    Sigmoid, ...): the module's output buffer array at forward time, the call's output
    array and its version. When a later call through the same proxy overwrote the buffer,
    backward copies the output back instead of having Lua run forward again; Lua checks
    that the buffer is still that memory and otherwise runs forward as for other modules.
    """

    __slots__ = ("proxy", "stamp", "rng", "shapes", "keep")
    proxy: Any
    stamp: int
    rng: Any
    shapes: Any
    keep: Any

    def backward(self, grad: Any) -> tuple[Any, ...]:
        p = self.proxy
        b = p._b
        arrays, xl = self.saved
        if xl is None:  # the input went through the module's buffer: put it back if needed
            if p._xs.stamp != self.stamp:
                xl, _ = p._xs.load(b, arrays, self.stamp, False)
            else:
                xl = p._xs.buf
        gs = p._gs
        v = gs.view
        if type(grad) is GradList:
            pairs = zip(grad, self.shapes, strict=True)
            gl = b.table(*[wrap(b, _grad_or_zero(g, s)) for g, s in pairs])
        elif v is not None and v.shape == grad.shape and grad.size < ZERO_COPY_MIN:
            np.copyto(v, grad)
            gl = gs.buf
        else:
            gl, _ = gs.load(b, grad, self.stamp)
        nxt = self.next
        need = False
        for e in nxt:
            if e is not None:
                need = True
                break
        ptr = 0
        keep = self.keep
        if keep is not None and p._last[0] != self.stamp and keep[2][0] == keep[3]:
            np.copyto(keep[0], keep[1])
            ptr = keep[0].__array_interface__["data"][0]
        res = p._bwd(p._lua, self.stamp, xl, gl, need, self.rng, ptr)
        p._last[0] = self.stamp
        if not need:
            return (None,) * len(nxt)
        if res[0]:
            arrays = zip(res[1:], nxt, strict=True)
            return tuple(a.copy() if e is not None else None for a, e in arrays)
        return (res[1].copy(),)

    def side_grads(self) -> list[tuple[Any, Any]]:
        """The module's parameters and gradient arrays (its whole subtree)."""
        return [(h._array, h.grad._array) for h in self.proxy.parameters() if h.grad is not None]


def _grad_or_zero(g: Any, spec: tuple[Any, Any]) -> Any:
    return g if g is not None else np.zeros(spec[0], spec[1])


def check_dtype(p: Any, a: Any) -> None:
    """Raise DTypeError when floating-point ``a`` does not have the module's type."""
    want = p._dtype
    if want is not None and a.dtype.kind == "f" and a.dtype != want:
        raise DTypeError(
            f"{p._b.typename(p._lua)}: the input is {a.dtype} but the module holds {want}; "
            "convert the module (.float(), .double()) or the input"
        )


def call_module(p: Any, args: tuple[Any, ...]) -> Any:
    """Run Lua module proxy ``p`` on ``args`` (one tensor, or several / a list: a table)."""
    if len(args) == 1 and type(args[0]) is Tensor:
        return _call_one(p, args[0])
    return _call_table(p, list(args[0]) if len(args) == 1 else list(args))


def _call_one(p: Any, x: Tensor) -> Any:
    a = x._array
    record = MODE.enabled and (x._rg or p._has_params)
    slot = p._xs
    v = slot.view
    small = a.size < ZERO_COPY_MIN or p._inplace
    if v is not None and v.shape == a.shape and v.dtype is a.dtype and small:
        np.copyto(v, a)  # the common case: same shape as last time, through the buffer
        res = p._fwd(p._lua, slot.buf, record and p._random)
        slot.stamp = res[0]
        saved: tuple[Any, Any] = (a, None)
    else:
        check_dtype(p, a)
        xl, private = slot.load(p._b, a, -1, not p._inplace)
        res = p._fwd(p._lua, xl, record and p._random)
        if not private:
            slot.stamp = res[0]
        saved = (a, xl if private else None)
    p._last[0] = res[0]
    if res[2]:
        return _record(p, res, saved, (x,), record)
    out = new_tensor(res[3].copy())
    if record:
        fn = _new(LuaCall)
        fn.proxy = p
        fn.stamp = res[0]
        fn.rng = res[1]
        fn.saved = saved
        fn.shapes = None
        fn.keep = (res[3], out._array, out._vc, 0) if p._output_only else None
        fn.next = ((x._node if x._node is not None else x) if x._rg else None,)
        fn.versions = ((x._vc, x._vc[0]),)
        out._rg = True
        out._node = fn
    return out


def _call_table(p: Any, ts: list[Any]) -> Any:
    b = p._b
    arrays = [t._array if isinstance(t, Tensor) else np.asarray(t) for t in ts]
    if p._inplace:
        arrays = [a.copy() for a in arrays]
    record = MODE.enabled and (p._has_params or any(edge(t) is not None for t in ts))
    xl = b.table(*[wrap(b, a) for a in arrays])
    res = p._fwd(p._lua, xl, record and p._random)
    p._last[0] = res[0]
    return _record(p, res, (arrays, xl), tuple(ts), record)


def _record(p: Any, res: Any, saved: Any, inputs: tuple[Any, ...], record: bool) -> Any:
    """The output tensor(s) of forward result ``res``, with a node when ``record``."""
    outs: list[Any] = [[a.copy() for a in res[3:]]] if res[2] else [res[3].copy()]
    if not record:
        return finish(None, outs, False)  # type: ignore[arg-type]
    fn = _new(LuaCall)
    fn.proxy = p
    fn.stamp = res[0]
    fn.rng = res[1]
    fn.saved = saved
    fn.shapes = [(a.shape, a.dtype) for a in outs[0]] if res[2] else None
    fn.keep = None
    fn.next = tuple([edge(t) for t in inputs])
    fn.versions = tuple([(t._vc, t._vc[0]) for t in inputs if isinstance(t, Tensor)])
    return finish(fn, outs, True)
