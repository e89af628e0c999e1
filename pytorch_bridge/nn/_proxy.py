"""Python proxies of Lua modules and criteria.

A proxy holds its Lua object and looks everything up through it, so Lua-side changes
(``getParameters`` re-pointing the weights, ``:float()``, ``add``) are seen at once.
Parameter handles are cached by name and re-pointed at the Lua tensors' current memory
whenever they are listed (and by the optimizers before each step), so handles taken
earlier stay valid. Containers are indexed from 0 in Python (``model[0]`` is Lua's
``model.modules[1]``).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any

from .._tensor import Tensor, new_tensor
from ..runtime import get_runtime
from ._call import Slot, call_module, dtype_of, wrap
from ._call_criterion import LuaCriterion
from ._lua_side import bridge
from ._module import Module

#: Lua module id -> weak reference to its proxy (one proxy per Lua object).
_PROXIES: dict[int, Any] = {}
#: id of a parameter handle -> (weak reference to it, weak reference to its proxy). Keyed
#: by id because tensors compare elementwise; entries leave when the handle dies.
_OWNERS: dict[int, tuple[Any, Any]] = {}


def _own(h: Tensor, proxy: Any) -> None:
    key = id(h)
    _OWNERS[key] = (weakref.ref(h, lambda _: _OWNERS.pop(key, None)), weakref.ref(proxy))


_BUFFER_FIELDS = ("running_mean", "running_var")


def from_lua(obj: Any) -> Any:
    """The Python object for a Lua module, criterion or ``nn.PyModule`` (one per object).

    Raises:
        TypeError: when ``obj`` is not an nn module or criterion.
    """
    b = bridge()
    kind = b.kind(obj)
    if kind == "py":
        b.call(obj, "syncParameters")
        return b.get(obj, "_py").module
    if not kind:
        raise TypeError(f"from_lua expects a Lua nn module or criterion, got {obj!r}")
    key = b.id(obj)
    ref = _PROXIES.get(key)
    p = ref() if ref is not None else None
    if p is None:
        p = (LuaCriterion if kind == "criterion" else LuaModule)(obj)
        _PROXIES[key] = weakref.ref(p, lambda r: _PROXIES.get(key) is r and _PROXIES.pop(key))
    return p


def to_lua_arg(v: Any) -> Any:
    """A Python constructor argument as Lua expects it (tensors become Lua tensors)."""
    if isinstance(v, Tensor):
        return wrap(bridge(), v._array)
    if isinstance(v, LuaModule | LuaCriterion):
        return v._lua
    if isinstance(v, Module):
        return _py_module(v)
    if isinstance(v, list | tuple):
        return get_runtime().lua.table_from([to_lua_arg(x) for x in v])
    return v


def _py_module(m: Module) -> Any:
    from ._pymodule import adapter

    return bridge().construct("PyModule", adapter(m))


class LuaModule(Module):
    """A Lua ``nn`` module called from Python; calls record one tape node each."""

    def __init__(self, lua_obj: Any) -> None:
        b = bridge()
        d = self.__dict__
        d["_lua"] = lua_obj
        d["_b"] = b
        d["_fwd"] = b.forward
        d["_bwd"] = b.backward
        d["_xs"] = Slot()
        d["_gs"] = Slot()
        d["_handles"] = {}
        d["_last"] = [0]  # stamp of the latest call made through this proxy
        self._refresh()

    def _refresh(self) -> None:
        random, has_params, inplace, output_only = self._b.info(self._lua)
        self.__dict__["_random"] = bool(random)
        self.__dict__["_has_params"] = bool(has_params)
        self.__dict__["_inplace"] = bool(inplace)
        self.__dict__["_output_only"] = bool(output_only)
        self.__dict__["_dtype"] = dtype_of(self._b.get(self._lua, "_type"))

    @property
    def lua(self) -> Any:
        """The Lua module object itself."""
        return self._lua

    def __call__(self, *args: Any) -> Any:
        return call_module(self, args)

    def forward(self, *args: Any) -> Any:
        """Same as calling the module."""
        return call_module(self, args)

    def __setattr__(self, name: str, value: Any) -> None:
        self._b.set(self._lua, name, to_lua_arg(value))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        for key, h in self._own_parameters():
            if key == name:
                return h
        v = self._b.get(self._lua, name)
        if v is None:
            raise AttributeError(f"{self._b.typename(self._lua)} has no field {name!r}")
        if self._b.kind(v):
            return from_lua(v)
        from .._interop import to_numpy
        from ..runtime import get_runtime

        torch = get_runtime().require("torch")
        return new_tensor(to_numpy(v)) if torch.isTensor(v) else v

    # -- structure -----------------------------------------------------------------------
    def _lua_children(self) -> list[Any]:
        res = self._b.children(self._lua)
        return [] if isinstance(res, int | float) else list(res[1:])

    def named_children(self) -> Iterator[tuple[str, Module]]:
        """The children of a Lua container, named by their 0-based position."""
        for i, c in enumerate(self._lua_children()):
            yield str(i), self._child(c)

    def _child(self, c: Any) -> Any:
        p = from_lua(c)
        kids = self.__dict__.setdefault("_kids", {})
        kids[id(p)] = p  # children live as long as their container's proxy
        return p

    def __getitem__(self, index: int) -> Any:
        kids = self._lua_children()
        return self._child(kids[index])

    def __len__(self) -> int:
        return len(self._lua_children())

    def add(self, module: Module) -> LuaModule:
        """Append ``module`` (Lua proxy or Python module) to this container; returns self."""
        self._b.insert(self._lua, to_lua_arg(module), None)
        self._refresh()
        return self

    def insert(self, module: Module, index: int) -> LuaModule:
        """Insert ``module`` at 0-based position ``index``; returns self."""
        n = len(self)
        pos = index + n if index < 0 else index
        if not 0 <= pos <= n:
            raise IndexError(f"insert: position {index} is outside 0..{n}")
        self._b.insert(self._lua, to_lua_arg(module), pos + 1)
        self._refresh()
        return self

    def remove(self, index: int = -1) -> Any:
        """Remove and return the child at 0-based position ``index`` (the last by default)."""
        n = len(self)
        pos = index + n if index < 0 else index
        if not 0 <= pos < n:
            raise IndexError(f"remove: position {index} is outside 0..{n - 1}")
        child = self[pos]
        self._b.remove(self._lua, pos + 1)
        self._refresh()
        return child

    # -- parameters ----------------------------------------------------------------------
    def _own_parameters(self) -> Iterator[tuple[str, Tensor]]:
        res = self._b.leafParams(self._lua)
        if isinstance(res, int | float):
            return
        handles = self._handles
        for i in range(int(res[0])):
            arr, garr, name = res[1 + 3 * i : 4 + 3 * i]
            key = name or f"param{i}"
            h = handles.get(key)
            if h is None:
                h = new_tensor(arr)
                h._rg = True
                handles[key] = h
                _own(h, self)
            elif h._array is not arr:
                h._array = arr
            if garr is not False and (h.grad is None or h.grad._array is not garr):
                h.grad = new_tensor(garr)
            yield key, h

    def _own_buffers(self) -> Iterator[tuple[str, Tensor]]:
        if self._lua_children():
            return
        arrays = self._b.fields(self._lua, *_BUFFER_FIELDS)
        for name, a in zip(_BUFFER_FIELDS, arrays, strict=True):
            if a is not False:
                yield name, new_tensor(a)

    def zero_grad(self) -> None:
        """Zero the Lua gradient tensors in place (``zeroGradParameters``)."""
        self._b.call(self._lua, "zeroGradParameters")

    def clear_state(self) -> LuaModule:
        """Empty the Lua module's buffers (``clearState``: outputs, gradInputs); returns self.

        Calls recorded before keep working: their backward runs forward again first.
        """
        self._b.clearState(self._lua)
        return self

    @property
    def training(self) -> bool:  # type: ignore[override]
        """Whether the Lua module is in training mode (its ``train`` field)."""
        return self._b.get(self._lua, "train") is not False

    def train(self, mode: bool = True) -> LuaModule:
        """``training()`` or ``evaluate()`` on the Lua module (recursively); returns self."""
        self._b.call(self._lua, "training" if mode else "evaluate")
        return self

    def type(self, typename: str) -> LuaModule:
        """Convert the Lua module's tensors (``'torch.FloatTensor'``, ...); returns self."""
        self._b.call(self._lua, "type", typename)
        self._refresh()
        return self

    def float(self) -> LuaModule:
        """Convert to float32 (``:float()``); returns self."""
        return self.type("torch.FloatTensor")

    def double(self) -> LuaModule:
        """Convert to float64 (``:double()``); returns self."""
        return self.type("torch.DoubleTensor")

    def __repr__(self) -> str:
        return str(self._b.tostring(self._lua))


def sync(params: Any) -> None:
    """Re-point the handles among ``params`` that belong to Lua modules at their memory."""
    owners = {}
    for p in params:
        entry = _OWNERS.get(id(p))
        if entry is not None and entry[0]() is p:
            o = entry[1]()
            if o is not None:
                owners[id(o)] = o
    for o in owners.values():
        for _ in o._own_parameters():
            pass
