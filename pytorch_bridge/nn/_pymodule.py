"""The Python side of ``nn.PyModule``: a Python module run inside Lua containers.

Lua calls the adapter with arrays viewing its tensors. ``forward`` runs the Python module
on a leaf tensor over the input and keeps that graph; ``backward`` walks it once for the
input and the parameters (keeping the parameter gradients for ``acc``), so Lua's
``backward`` (updateGradInput then accGradParameters) costs one walk of the tape.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np

from .._tensor import Tensor, new_tensor
from ..autograd.engine import grad as tape_grad
from ..autograd.function import enable_grad
from ._call import tname, wrap
from ._module import Module


def _export(a: Any) -> tuple[Any, ...]:
    if not a.flags.c_contiguous:
        a = np.ascontiguousarray(a)
    return (tname(a.dtype), a.reshape(-1), *a.shape)


class Adapter:
    """What a Lua ``nn.PyModule`` holds: the Python module and the last graph."""

    def __init__(self, module: Module) -> None:
        self.module = module
        self._graph: Any = None
        self._pending: Any = None

    def _params(self) -> list[Tensor]:
        return list(self.module.parameters())

    def rebind(self, *arrays: Any) -> None:
        """Point the parameters (then their gradients) at ``arrays`` where they differ."""
        self._rebind(arrays)

    def _rebind(self, arrays: tuple[Any, ...]) -> None:
        ps = self._params()
        n = len(ps)
        for p, a, g in zip(ps, arrays[:n], arrays[n:], strict=True):
            if p._array is not a:
                p._array = a
            if p.grad is None or p.grad._array is not g:
                p.grad = new_tensor(g)

    def forward(self, x: Any, *param_arrays: Any) -> tuple[Any, ...]:
        """Run the module on ``x``; returns the output as (type, flat array, sizes...)."""
        if param_arrays:
            self._rebind(param_arrays)
        xt = new_tensor(x)
        xt._rg = x.dtype.kind == "f"
        with enable_grad():
            y = self.module(xt)
        self._graph = (x, xt, y)
        self._pending = None
        return _export(y._array)

    def _walk(self, x: Any, g: Any) -> tuple[Any, list[Any]]:
        if self._graph is None or self._graph[0] is not x:
            self.forward(x)
        _, xt, y = self._graph
        ps = self._params()
        live = [p for p in ps if p._rg]
        if not y.requires_grad:
            return np.zeros_like(x), [None] * len(ps)
        wrt = [xt, *live] if xt._rg else live
        gs = list(tape_grad(y, wrt, new_tensor(g), retain_graph=True, allow_unused=True))
        gx = gs.pop(0) if xt._rg else None
        found = {id(p): t for p, t in zip(live, gs, strict=True)}
        gi = gx._array if gx is not None else np.zeros_like(x)
        pgrads = [found.get(id(p)) for p in ps]
        return gi, [None if t is None else t._array for t in pgrads]

    def backward(self, x: Any, g: Any) -> tuple[Any, ...]:
        """The gradient with respect to the input (parameter gradients kept for ``acc``)."""
        gi, pgrads = self._walk(x, g)
        self._pending = (g, pgrads)
        return _export(gi)

    def acc(self, x: Any, g: Any, scale: float) -> None:
        """Accumulate ``scale`` times this call's parameter gradients into ``grad``."""
        pending = self._pending
        pgrads = pending[1] if pending is not None and pending[0] is g else self._walk(x, g)[1]
        self._pending = None
        for p, d in zip(self._params(), pgrads, strict=True):
            if d is None:
                continue
            if p.grad is None:
                p.grad = new_tensor(np.zeros_like(p._array))
            p.grad._array += scale * d if scale != 1 else d

    def lua_parameters(self) -> tuple[Any, ...]:
        """Lua tensors sharing the parameters' memory, then their gradients'."""
        from ._lua_side import bridge

        b = bridge()
        ps = self._params()
        for p in ps:
            if p.grad is None:
                p.grad = new_tensor(np.zeros_like(p._array))
        grads = [p.grad._array for p in ps if p.grad is not None]
        return tuple([wrap(b, p._array) for p in ps] + [wrap(b, g) for g in grads])

    def zero_grad(self) -> None:
        """Zero the parameter gradients in place."""
        self.module.zero_grad()

    def set_training(self, mode: bool) -> None:
        """Follow Lua's ``training()``/``evaluate()``."""
        self.module.train(bool(mode))

    def describe(self) -> str:
        """The module's class name, for Lua's ``tostring``."""
        return type(self.module).__name__


def adapter(m: Module) -> Adapter:
    """The adapter of Python module ``m`` (one per module)."""
    a: Adapter | None = m.__dict__.get("_lua_adapter")
    if a is None:
        a = Adapter(m)
        m.__dict__["_lua_adapter"] = a
    return a


def _number(v: Any) -> Any:
    return int(v) if isinstance(v, float) and v.is_integer() else v


class Hooks:
    """Entry points Lua reaches as ``nn.PyModule._hooks``."""

    def create(self, spec: str, *args: Any) -> Adapter:
        """Import ``package.module:Class``, build it with ``args`` and return its adapter."""
        mod_name, _, cls_name = str(spec).partition(":")
        if not cls_name:
            raise ValueError(f"nn.PyModule: expected 'package.module:Class', got {spec!r}")
        cls = getattr(importlib.import_module(mod_name), cls_name)
        return adapter(cls(*[_number(a) for a in args]))


def install(rt: Any) -> None:
    """Make ``nn.PyModule`` able to build Python modules by name from Lua scripts."""
    rt.execute("local hooks = ...; nn.PyModule._hooks = hooks", Hooks())
