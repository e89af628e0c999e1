"""The embedded runtime: start-up, errors crossing the boundary, scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

import pytorch_bridge as pb
from pytorch_bridge.runtime import get_runtime


def test_runtime_is_luajit_21() -> None:
    """The runtime reports LuaJIT 2.1."""
    assert get_runtime().luajit_version.startswith("LuaJIT 2.1")


def test_lua_error_carries_message_and_traceback() -> None:
    """A Lua error reaches Python as LuaError with file:line and a traceback."""
    with pytest.raises(pb.LuaError) as info:
        pb.lua.execute("local function f() error('boom here') end f()")
    assert "boom here" in info.value.message
    assert ":1:" in info.value.message
    assert info.value.traceback.startswith("stack traceback:")


def test_python_exception_keeps_its_type() -> None:
    """A Python exception raised under Lua reaches the Python caller unchanged."""

    def fail() -> None:
        raise KeyError("from python")

    with pytest.raises(KeyError):
        pb.lua.execute("local f = ...; f()", fail)


def test_require_torch_returns_the_library() -> None:
    """require 'torch' gives the torch table with its tensor types."""
    torch = pb.lua.require("torch")
    assert pb.lua.eval("torch.typename(torch.Tensor(2))") == "torch.DoubleTensor"
    assert torch.getdefaulttensortype() == "torch.DoubleTensor"


def test_run_file_fills_arg_like_th(tmp_path: Path) -> None:
    """run_file passes the script's arguments in `arg` and `...`."""
    script = tmp_path / "s.lua"
    script.write_text("local a, b = ...\nreturn arg[0], arg[1], arg[2], a, b, #arg\n")
    result = pb.lua.run_file(script, ["x", "--lr"])
    assert (str(script), "x", "--lr", "x", "--lr", 2) == result
