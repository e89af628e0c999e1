"""Lua criteria from Python: the :class:`LuaCriterion` proxy, and its calls as tape operations
(the loss is a 0-d tensor whose node's backward is the criterion's ``updateGradInput`` times
the incoming gradient). Inputs and targets reach Lua as module inputs do (see ``_call``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor, new_tensor
from ..autograd.function import MODE, Function
from ._call import Slot, check_dtype, dtype_of, edge
from ._lua_side import bridge

_new = object.__new__


class CriterionCall(Function):
    """The node of one criterion call: backward is ``updateGradInput`` times the grad."""

    __slots__ = ("proxy", "stamp")
    proxy: Any
    stamp: int

    def backward(self, grad: Any) -> tuple[Any, ...]:
        p = self.proxy
        b = p._b
        a, xl, ta, tl = self.saved
        if xl is None:
            xl = p._xs.load(b, a, self.stamp)[0] if p._xs.stamp != self.stamp else p._xs.buf
        if tl is None:
            tl = p._ts.load(b, ta, self.stamp)[0] if p._ts.stamp != self.stamp else p._ts.buf
        res = b.critBackward(p._lua, self.stamp, xl, tl)
        return (res[1] * grad, None)


def call_criterion(p: Any, x: Tensor, target: Any) -> Tensor:
    """Run criterion proxy ``p`` on ``x`` and ``target``; the loss is a 0-d tensor."""
    b = p._b
    a = x._array
    check_dtype(p, a)
    xl, private = p._xs.load(b, a, -1)
    ta: Any = None
    tprivate = True
    if isinstance(target, Tensor | np.ndarray):
        ta = np.asarray(target._array if isinstance(target, Tensor) else target)
        if p._zero_based:
            ta = ta + 1
        tl, tprivate = p._ts.load(b, ta, -1)
    else:
        tl = target + 1 if p._zero_based else target
    res = b.critForward(p._lua, xl, tl)
    stamp, loss = res[0], res[1]
    if not private:
        p._xs.stamp = stamp
    if not tprivate:
        p._ts.stamp = stamp
    out = new_tensor(np.array(loss, dtype=a.dtype))
    if MODE.enabled and x._rg:
        fn = _new(CriterionCall)
        fn.proxy = p
        fn.stamp = stamp
        fn.saved = (a, xl if private else None, ta, tl if tprivate else None)
        fn.next = (edge(x), None)
        fn.versions = ((x._vc, x._vc[0]),)
        out._rg = True
        out._node = fn
    return out


class LuaCriterion:
    """A Lua ``nn`` criterion called from Python: ``crit(input, target)`` gives a 0-d loss.

    Targets are passed to Lua as they are, so class indices are 1-based as in Torch7;
    build the criterion with ``zero_based=True`` to pass 0-based class indices instead
    (1 is added before they reach Lua).
    """

    def __init__(self, lua_obj: Any, zero_based: bool = False) -> None:
        self._lua = lua_obj
        self._b = bridge()
        self._xs = Slot()
        self._ts = Slot()
        self._zero_based = zero_based
        self._dtype: Any = None  # criteria do not record their type; set by type()

    @property
    def lua(self) -> Any:
        """The Lua criterion object itself."""
        return self._lua

    def __call__(self, input: Tensor, target: Any) -> Tensor:
        return call_criterion(self, input, target)

    forward = __call__

    def type(self, typename: str) -> LuaCriterion:
        """Convert the criterion's tensors; returns self."""
        self._b.call(self._lua, "type", typename)
        self._dtype = dtype_of(typename)
        return self

    def __repr__(self) -> str:
        return str(self._b.tostring(self._lua))
