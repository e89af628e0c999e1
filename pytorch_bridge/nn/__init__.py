"""``pytorch_bridge.nn``: Lua ``nn`` modules as Python callables, and Python modules.

- ``pytorch_bridge.nn.Linear(10, 20)`` (any Lua ``nn`` class name) builds the Lua module
  with Torch7's arguments and returns a :class:`LuaModule` proxy; its tensors are converted
  to the default dtype (float32 unless :func:`pytorch_bridge.set_default_dtype` changed it).
  Criteria (``ClassNLLCriterion``, ``MSECriterion``, ...) give a :class:`LuaCriterion`; pass
  ``zero_based=True`` to give it 0-based class indices (Torch7's targets are 1-based).
- Calling a proxy runs the Lua ``forward`` and records one tape node whose backward is the
  module's own ``backward``; a Python list of tensors is a Lua table.
- :class:`Module` is the base class of Python modules; one can be added to a Lua container
  (``seq.add(MyModule())``), where it runs as ``nn.PyModule``.
- :func:`from_lua` wraps a Lua module object (for example one read by ``torch.load``).

Parameter names: a Lua module's parameters are named by the field holding them
(``weight``, ``bias``); children of containers by their 0-based position, so the first
layer of a Sequential gives ``0.weight``. ``state_dict`` adds the buffers
``running_mean`` and ``running_var`` where a module has them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._call_criterion import LuaCriterion
from ._load import load
from ._module import Module, Parameter
from ._proxy import LuaModule, from_lua, sync, to_lua_arg

__all__ = [
    "LuaCriterion",
    "LuaModule",
    "Module",
    "Parameter",
    "from_lua",
    "install",
    "load",
    "sync",
]

_FACTORIES: dict[str, Callable[..., Any]] = {}


def _factory(name: str) -> Callable[..., Any]:
    from .._facade import get_default_dtype
    from ._lua_side import bridge

    b = bridge()
    if _nn_table()[name] is None:
        raise AttributeError(f"module 'pytorch_bridge.nn' has no attribute {name!r}")

    def build(*args: Any, zero_based: bool = False) -> Any:
        obj = b.construct(name, *[to_lua_arg(a) for a in args])
        typename = "torch.DoubleTensor" if get_default_dtype().itemsize == 8 else None
        p = from_lua(obj)
        if isinstance(p, LuaCriterion):
            p._zero_based = zero_based
            p.type(typename or "torch.FloatTensor")
        else:
            p.type(typename or "torch.FloatTensor")
        return p

    build.__name__ = name
    build.__qualname__ = name
    build.__doc__ = f"Build the Lua ``nn.{name}`` with Torch7's arguments (see module docs)."
    return build


def install() -> None:
    """Load the Lua side of the facade now, so Lua scripts can build ``nn.PyModule``
    from class names (``nn.PyModule('package.module:Class', ...)``)."""
    from ._lua_side import bridge

    bridge()


def _nn_table() -> Any:
    from ..runtime import get_runtime

    return get_runtime().require("nn")


def __getattr__(name: str) -> Any:
    if name.startswith("_") or not name[:1].isupper():
        raise AttributeError(f"module 'pytorch_bridge.nn' has no attribute {name!r}")
    f = _FACTORIES.get(name)
    if f is None:
        f = _factory(name)
        _FACTORIES[name] = f
    return f
