"""Reading Torch7 files into Python objects: modules become proxies, tensors Tensors."""

from __future__ import annotations

import os
from typing import Any

from .._tensor import new_tensor
from ..runtime import get_runtime
from ._lua_side import bridge
from ._proxy import from_lua

_LOAD = "require 'nn'; return torch.load(...)"


def to_python(value: Any) -> Any:
    """A Lua value as Python sees it through the facade.

    nn modules and criteria become proxies (:func:`from_lua`), tensors become Tensors
    sharing their memory, tables with keys 1..n become lists and other tables dicts
    (converted recursively); numbers, strings and booleans are returned as they are.
    """
    rt = get_runtime()
    torch = rt.require("torch")
    if rt.call(torch.isTensor, value):
        from .._interop import to_numpy

        return new_tensor(to_numpy(value))
    if bridge().kind(value):
        return from_lua(value)
    if bridge().luatype(value) == "table":
        items = {k: to_python(v) for k, v in value.items()}
        n = len(items)
        if (
            n
            and all(isinstance(k, int | float) for k in items)
            and set(items) == set(range(1, n + 1))
        ):
            return [items[i] for i in range(1, n + 1)]
        return items
    return value


def load(path: str | os.PathLike[str]) -> Any:
    """Read a Torch7 file (``torch.load``) and return :func:`to_python` of its object.

    A saved model comes back as a :class:`LuaModule` whose parameters share memory with
    the loaded Lua module; ``.lua`` gives the Lua object itself.
    """
    rt = get_runtime()
    return to_python(rt.execute(_LOAD, os.fspath(path)))
