"""Calling Lua criteria from Python as tape operations: the loss is a 0-d tensor whose node's
backward is the criterion's ``updateGradInput`` times the incoming gradient. Inputs and
targets reach Lua as module inputs do (see ``_call``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor, new_tensor
from ..autograd.function import MODE, Function
from ._call import check_dtype, edge

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
