"""The wheel ships the Lua libraries and works from a fresh virtual environment."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_requires_torch_from_a_fresh_venv(tmp_path: Path) -> None:
    """Build the wheel, install it into a new venv, and require 'torch' from there."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("pytorch_bridge-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "pytorch_bridge/lua/torch/init.lua" in names
    shipped = {n for n in names if n.endswith(".lua")}
    in_tree = {
        "pytorch_bridge/lua/" + str(p.relative_to(ROOT / "lua"))
        for p in (ROOT / "lua").rglob("*.lua")
    }
    assert in_tree == shipped
    py_in_tree = {str(p.relative_to(ROOT)) for p in (ROOT / "pytorch_bridge").rglob("*.py")}
    assert py_in_tree <= set(names), "Python modules missing from the wheel"

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    code = (
        "import pytorch_bridge as pb, pathlib;"
        "print(pb.lua.eval(\"torch.typename(require('torch').Tensor(2, 3))\"));"
        "from pytorch_bridge.runtime import get_runtime;"
        "print(get_runtime().root)"
    )
    out = subprocess.run(
        [str(py), "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path
    ).stdout.splitlines()
    assert "torch.DoubleTensor" == out[0]
    assert str(env_dir) in out[1]
