"""``pytorch_bridge.lua``: run Lua code in the embedded runtime from Python."""

from __future__ import annotations

import os
from typing import Any

from .runtime import get_runtime


class LuaNamespace:
    """Entry points into the process's LuaJIT runtime (created on first use)."""

    def execute(self, code: str, *args: Any) -> Any:
        """Run a Lua chunk and return its results (``...`` in the chunk holds ``args``)."""
        return get_runtime().execute(code, *args)

    def eval(self, expr: str) -> Any:
        """Evaluate a Lua expression and return its value."""
        return get_runtime().eval(expr)

    def require(self, name: str) -> Any:
        """``require`` a Lua module (``'torch'``, ``'nn'``, ...) and return it."""
        return get_runtime().require(name)

    @property
    def globals(self) -> Any:
        """The Lua global table."""
        return get_runtime().globals

    def run_file(self, path: str | os.PathLike[str], args: list[str] | None = None) -> Any:
        """Run a Lua script as ``th path args...`` did, with ``arg`` filled in."""
        return get_runtime().run_file(path, args)


lua = LuaNamespace()
