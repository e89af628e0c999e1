"""The one embedded LuaJIT runtime of the process.

This is the only module that imports ``lupa.luajit21``. It creates the runtime
lazily, points ``package.path`` at the shipped ``lua/`` folder (and the current
directory, as ``th`` did), hands the kernel registry to Lua as
``require('torch._bridge')``, and turns Lua errors into :class:`LuaError`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import _pyrefs, kernels
from .errors import LuaError, RuntimeSetupError

try:
    import lupa.luajit21 as _lupa
except ImportError as exc:  # pragma: no cover - lupa always ships luajit21 on supported wheels
    _lupa = None
    _IMPORT_ERROR: Exception | None = exc
else:
    _IMPORT_ERROR = None

_TRACEBACK_MARK = "\nstack traceback:\n"


def lua_root() -> Path:
    """Return the folder holding the Lua libraries (``torch/``, ``nn/``, ...)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "lua", here.parent / "lua"):
        if (candidate / "torch" / "init.lua").is_file():
            return candidate
    raise RuntimeSetupError(f"the Lua libraries are missing: no lua/torch/init.lua near {here}")


def _split_lua_error(exc: BaseException) -> LuaError:
    text = str(exc)
    message, _, trace = text.partition(_TRACEBACK_MARK)
    tb = ("stack traceback:\n" + trace) if trace else ""
    # nn containers start their messages with a newline ("\nIn 2 module of nn.Sequential:")
    return LuaError(message.lstrip("\n"), tb)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` (a Lua function) as a Python function whose Lua errors raise :class:`LuaError`.

    For functions called on hot paths: a ``try`` costs nothing until an error happens,
    where a ``with lua_errors()`` block would cost a context manager per call.
    """

    def call(*args: Any) -> Any:
        try:
            return fn(*args)
        except _lupa.LuaError as exc:
            raise _split_lua_error(exc) from None

    return call


@contextmanager
def lua_errors() -> Iterator[None]:
    """Turn a lupa ``LuaError`` raised inside the block into our :class:`LuaError`."""
    try:
        yield
    except _lupa.LuaError as exc:
        raise _split_lua_error(exc) from None


class Runtime:
    """A LuaJIT state with the pytorch_bridge Lua libraries on its path."""

    def __init__(self) -> None:
        if _lupa is None:
            raise RuntimeSetupError(f"lupa with LuaJIT 2.1 is not importable: {_IMPORT_ERROR}")
        self.lua = _lupa.LuaRuntime(unpack_returned_tuples=True, register_eval=False)
        version = str(self.lua.eval("jit and jit.version or _VERSION"))
        if not version.startswith("LuaJIT 2.1"):
            raise RuntimeSetupError(f"pytorch_bridge needs LuaJIT 2.1, the runtime is {version}")
        self.luajit_version = version
        _pyrefs.install(self.lua)
        self.root = lua_root()
        self._install_paths()
        self._install_bridge()
        with lua_errors():  # `th` had torch loaded before a script ran; so do we
            self.lua.require("torch")

    def _install_paths(self) -> None:
        root = str(self.root)
        path = ";".join([f"{root}/?.lua", f"{root}/?/init.lua", "./?.lua", "./?/init.lua"])
        set_path = self.lua.eval("function(p) package.path = p .. ';' .. package.path end")
        set_path(path)

    def _install_bridge(self) -> None:
        table = self.lua.table_from(kernels.load_all())
        install = self.lua.eval("function(K) package.loaded['torch._bridge'] = { K = K } end")
        install(table)

    @property
    def globals(self) -> Any:
        """The Lua global table."""
        return self.lua.globals()

    def execute(self, code: str, *args: Any) -> Any:
        """Run a Lua chunk (``...`` holds ``args``) and return what it returns."""
        with lua_errors():
            return self.lua.execute(code, *args)

    def eval(self, expr: str) -> Any:
        """Evaluate one Lua expression and return its value."""
        with lua_errors():
            return self.lua.eval(expr)

    def require(self, name: str) -> Any:
        """``require`` a Lua module and return what it returned."""
        with lua_errors():
            return self.lua.require(name)

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Call a Lua function, turning its errors into :class:`LuaError`."""
        with lua_errors():
            return fn(*args)

    def run_file(self, path: str | os.PathLike[str], args: list[str] | None = None) -> Any:
        """Run a Lua script the way ``th script.lua args...`` did, filling ``arg``."""
        script = str(path)
        argv = list(args or [])
        runner = self.lua.eval(
            """function(script, argv)
              local a = { [0] = script }
              for i, v in ipairs(argv) do a[i] = v end
              a[-1] = 'pytorch-bridge'
              arg = a
              local chunk, err = loadfile(script)
              if not chunk then error(err, 0) end
              return chunk(unpack(argv))
            end"""
        )
        with lua_errors():
            return runner(script, self.lua.table_from(argv))


_RUNTIME: Runtime | None = None
_LOCK = threading.Lock()


def get_runtime() -> Runtime:
    """Return the process's runtime, creating it on first use."""
    global _RUNTIME
    if _RUNTIME is None:
        with _LOCK:
            if _RUNTIME is None:
                _RUNTIME = Runtime()
    return _RUNTIME
