"""The ``pytorch-bridge`` command: ``--version``, ``doctor``, ``demo`` and ``run``."""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Sequence

from ._version import __version__

DEMO = r"""
require 'torch'
torch.manualSeed(7)
local a = torch.Tensor({{1, 2, 3}, {4, 5, 6}})
local b = a:t():clone()
local view = a:narrow(2, 2, 2)
view:copy(torch.Tensor({{20, 30}, {50, 60}}))
print('a after writing through a narrowed view:')
print(a)
print('size of its transpose: ' .. table.concat(b:size():totable(), 'x'))
return a
"""


def _doctor() -> int:
    import numpy

    from .backend import cuda_status
    from .runtime import get_runtime

    print(f"pytorch-bridge {__version__}")
    print(f"python      {platform.python_version()} ({sys.executable})")
    print(f"numpy       {numpy.__version__}")
    try:
        import lupa

        print(f"lupa        {lupa.__version__}")
        rt = get_runtime()
        rt.require("torch")
        print(f"luajit      {rt.luajit_version}")
        print(f"lua libs    {rt.root}")
    except Exception as exc:  # noqa: BLE001 - doctor reports every failure instead of raising
        print(f"runtime     NOT USABLE: {exc}")
        return 1
    ok, why = cuda_status()
    print(f"gpu         {'yes' if ok else 'no'}: {why}")
    return 0


def _demo() -> int:
    from . import lua, to_numpy

    tensor = lua.execute(DEMO)
    array = to_numpy(tensor)
    print("the same tensor seen from Python (shares memory):")
    print(array)
    print(f"sum computed in Python: {array.sum():g}")
    return 0


def _run(script: str, args: list[str]) -> int:
    from . import lua

    lua.run_file(script, args)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pytorch-bridge`` console script."""
    parser = argparse.ArgumentParser(prog="pytorch-bridge", description=__doc__)
    parser.add_argument("--version", action="version", version=f"pytorch-bridge {__version__}")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("doctor", help="report versions and what is usable on this machine")
    sub.add_parser("demo", help="run a short Lua program in the embedded runtime")
    run = sub.add_parser("run", help="run a Lua Torch script, as `th script.lua args` did")
    run.add_argument("script")
    run.add_argument("args", nargs=argparse.REMAINDER)
    ns = parser.parse_args(argv)
    if ns.command == "doctor":
        return _doctor()
    if ns.command == "demo":
        return _demo()
    if ns.command == "run":
        return _run(ns.script, ns.args)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
