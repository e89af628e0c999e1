"""Run Torch7's own test suites (torch7's ``test/test.lua``, nn's ``test.lua``) against our
libraries.

Upstream code is never part of this repository: point this script at a checkout of
torch/torch7 or torch/nn (or at the test file itself) kept elsewhere::

    python compat/run_upstream_suite.py /path/to/torch7            # every tensor test
    python compat/run_upstream_suite.py /path/to/torch7 -k maxMin   # tests matching a pattern
    python compat/run_upstream_suite.py --suite nn /path/to/nn      # nn's suite

Each test runs on its own through our ``torch.Tester``; the script prints one line per
test and closes with ``N passed, N failed``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from pytorch_bridge.runtime import get_runtime


def _test_file(path: Path, suite: str) -> Path:
    if path.is_dir():
        path = path / "test" / "test.lua" if suite == "torch" else path / "test.lua"
    if not path.is_file():
        raise SystemExit(f"no upstream test file at {path}")
    return path


LOADER = r"""
local path, suite = ...
if suite == 'nn' then require 'nn' end
dofile(path)                 -- defines torch.test / nn.test, as upstream's init.lua did
local tester
local run = torch.Tester.run
torch.Tester.run = function(self) tester = self end   -- collect, do not run yet
if suite == 'nn' then nn.test() else torch.test() end
torch.Tester.run = run
return tester
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="torch7 or nn checkout, or the test file")
    parser.add_argument("--suite", choices=["torch", "nn"], default="torch")
    parser.add_argument("-k", dest="pattern", default="", help="regex selecting test names")
    parser.add_argument("-v", dest="verbose", action="store_true", help="print failure reports")
    ns = parser.parse_args(argv)
    rt = get_runtime()
    tester = rt.execute(LOADER, str(_test_file(ns.checkout, ns.suite)), ns.suite)
    names = sorted(str(n) for n in rt.call(tester._testNames, tester).values())
    selected = [n for n in names if re.search(ns.pattern, n)]
    passed, failed = 0, []
    for name in selected:
        try:
            ok, report = rt.call(tester._runOne, tester, name)
        except Exception as exc:  # noqa: BLE001 - a crashing test counts as a failure
            ok, report = False, f"{type(exc).__name__}: {exc}"
        if ok:
            passed += 1
            print(f"PASS {name}")
        else:
            failed.append(name)
            print(f"FAIL {name}")
            if ns.verbose:
                print("    " + str(report).replace("\n", "\n    "))
    print(f"{passed} passed, {len(failed)} failed")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
