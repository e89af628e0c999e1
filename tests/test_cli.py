"""The pytorch-bridge command: --version, doctor, demo and run."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytorch_bridge import __version__
from pytorch_bridge.cli import main


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the installed version."""
    with pytest.raises(SystemExit):
        main(["--version"])
    assert f"pytorch-bridge {__version__}" == capsys.readouterr().out.strip()


def test_doctor_reports_runtime_versions(capsys: pytest.CaptureFixture[str]) -> None:
    """doctor reports the LuaJIT version and where the Lua libraries came from."""
    import lupa
    import numpy

    assert 0 == main(["doctor"])
    out = capsys.readouterr().out
    assert f"numpy       {numpy.__version__}" in out
    assert f"lupa        {lupa.__version__}" in out
    assert "luajit      LuaJIT 2.1" in out
    lua_line = next(line for line in out.splitlines() if line.startswith("lua libs"))
    assert (Path(lua_line.split(maxsplit=2)[2]) / "torch" / "init.lua").is_file()
    assert "gpu" in out


def test_demo_runs_lua_and_shows_the_result_in_python(capfd: pytest.CaptureFixture[str]) -> None:
    """demo runs a Lua program and prints the tensor Python received."""
    assert 0 == main(["demo"])
    out = capfd.readouterr().out
    assert "[torch.DoubleTensor of size 1x2]" in out
    line = next(x for x in out.splitlines() if x.startswith("seen from Python"))
    words = line.replace(",", "").split()
    slope, intercept = float(words[words.index("slope") + 1]), float(words[-1])
    assert abs(3 - slope) < 0.1
    assert abs(2 - intercept) < 0.1


def test_run_executes_a_script_with_arguments(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """run executes a Lua script with its arguments in `arg`."""
    script = tmp_path / "hello.lua"
    script.write_text("print('args: ' .. table.concat(arg, ','))\n")
    assert 0 == main(["run", str(script), "a", "--lr", "0.1"])
    assert "args: a,--lr,0.1" in capfd.readouterr().out
