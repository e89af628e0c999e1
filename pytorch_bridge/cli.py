"""The ``pytorch-bridge`` command: ``--version``, ``doctor``, ``demo`` and ``run``."""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Sequence

from ._version import __version__

DEMO = r"""
-- Fit a line to noisy points with Torch7's tensor library, in the embedded LuaJIT.
torch.manualSeed(7)
local n = 50
local x = torch.linspace(0, 1, n)
local y = x * 3 + 2 + torch.randn(n) * 0.05     -- y = 3x + 2, plus noise
local A = torch.ones(n, 2)
A:select(2, 1):copy(x)                           -- columns: x, 1
local coef = torch.gels(y:view(n, 1), A)         -- least squares, as LAPACK's gels
local fit = coef:narrow(1, 1, 2):t()
print('least-squares slope and intercept:')
print(fit)
local residual = (A * fit:t() - y:view(n, 1)):norm()
print(string.format('residual norm: %.4f', residual))
return fit:clone()
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
    slope, intercept = (float(v) for v in to_numpy(tensor).ravel())
    print(f"seen from Python (same memory): slope {slope:.3f}, intercept {intercept:.3f}")
    return 0


def _run(script: str, args: list[str]) -> int:
    from . import lua, nn

    nn.install()  # makes nn.PyModule('package.module:Class') usable from the script
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
