"""Shared fixtures, and collection of the Lua-side test files as pytest items.

Each ``tests/lua/test_*.lua`` file returns a ``torch.Tester`` with its tests added;
every test in it becomes its own pytest item, run through ``tester:_runOne(name)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.runtime import get_runtime


@pytest.fixture(scope="session")
def lua() -> Any:
    """The process's Lua runtime with ``torch`` loaded."""
    rt = get_runtime()
    rt.require("torch")
    return rt


@pytest.fixture(params=["numpy", pytest.param("cupy", marks=pytest.mark.gpu)])
def xp(request: pytest.FixtureRequest) -> Any:
    """The array module a kernel test runs on: numpy, and cupy where a GPU is usable."""
    if request.param == "numpy":
        return np
    from pytorch_bridge.backend import cuda_status

    usable, why = cuda_status()
    if not usable:
        pytest.skip(why)
    import cupy

    return cupy


@pytest.fixture
def host(xp: Any) -> Any:
    """Copies an array of ``xp`` (or a number) to a numpy array, for assertions on the host."""
    if xp is np:
        return np.asarray
    return xp.asnumpy


def _load_tester(path: Path) -> Any:
    rt = get_runtime()
    rt.require("torch")
    return rt.call(rt.eval("function(p) return dofile(p) end"), str(path))


_RUN_ONE = r"""
function(tester, name)
   local ok, report = tester:_runOne(name)
   -- reports may quote binary data; escape bytes that are not ASCII so Python can read them
   report = tostring(report):gsub('[\128-\255]', function(c)
      return string.format('\\x%02X', c:byte())
   end)
   return ok, report
end
"""


def _run_one() -> Any:
    """The Lua function running one test and returning (passed, ASCII-safe report)."""
    return get_runtime().eval(_RUN_ONE)


class LuaTestFile(pytest.File):
    """A Lua test file: one item per test registered on its tester."""

    def collect(self) -> Iterator[pytest.Item]:
        tester = _load_tester(self.path)
        names = get_runtime().call(tester._testNames, tester)
        # sorted, so that every process (pytest-xdist workers included) collects one order
        for name in sorted(str(n) for n in names.values()):
            yield LuaTestItem.from_parent(self, name=name, tester=tester)


class LuaTestItem(pytest.Item):
    """One test function of a Lua test file."""

    def __init__(self, *, tester: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tester = tester

    def runtest(self) -> None:
        rt = get_runtime()
        ok, report = rt.call(_run_one(), self.tester, self.name)
        if not ok:
            raise LuaTestError(str(report))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, LuaTestError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"lua: {self.name}"


class LuaTestError(Exception):
    """A failed assertion or an error inside a Lua test."""


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.File | None:
    if file_path.suffix == ".lua" and file_path.name.startswith("test_"):
        return LuaTestFile.from_parent(parent, path=file_path)
    return None
