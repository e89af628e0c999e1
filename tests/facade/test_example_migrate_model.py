"""examples/migrate_model.py: a Torch7 model's last layer moves to Python, is fine-tuned
and goes back to a .t7 file with real Torch7's layout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import pytorch_bridge as pb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facade_helpers import load_example  # noqa: E402 - the folder is put on the path above

STEPS = 25


@pytest.fixture(scope="module")
def ex() -> Any:
    """The example, imported once."""
    return load_example("migrate_model")


@pytest.fixture(scope="module")
def run(ex: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One migration (25 steps, seed 3) written to a temporary file."""
    return ex.migrate(steps=STEPS, seed=3, out=tmp_path_factory.mktemp("migrate") / "m.t7")


def _lua_classes(model: Any) -> list[str]:
    return list(
        pb.lua.execute(
            "local m, r = ..., {}; for i, c in ipairs(m.modules) do r[i] = torch.type(c) end;"
            "return unpack(r)",
            model.lua,
        )
    )


def _array(module: Any, name: str) -> Any:
    return getattr(module, name).detach().numpy()


def test_python_head_matches_lua_layer_and_loss_falls(run: Any) -> None:
    """The mixed model first computes what the Lua model did; fine-tuning halves the loss."""
    assert run.mixed_gap < 1e-12
    assert STEPS + 1 == len(run.history)
    assert run.history[-1] < 0.5 * run.history[0]


def test_migration_is_deterministic(ex: Any, tmp_path: Path) -> None:
    """Two runs with the same seed give the same losses; another seed gives others."""
    a = ex.migrate(steps=3, seed=5, out=tmp_path / "a.t7").history
    b = ex.migrate(steps=3, seed=5, out=tmp_path / "b.t7").history
    c = ex.migrate(steps=3, seed=6, out=tmp_path / "c.t7").history
    assert a == b
    assert a != c


def test_saved_file_reloads_as_all_lua_model(ex: Any, run: Any) -> None:
    """The saved model holds only Lua classes, keeps the frozen layer byte for byte and
    computes the fine-tuned outputs."""
    original = pb.nn.load(ex.SOURCE)
    saved = pb.nn.load(run.out)
    assert ["nn.Linear", "nn.ReLU", "nn.Linear", "nn.LogSoftMax"] == _lua_classes(saved)
    for name in ("weight", "bias"):
        assert _array(original[0], name).tobytes() == _array(saved[0], name).tobytes()
        assert not np.array_equal(_array(original[2], name), _array(saved[2], name))
    assert run.saved_gap < 1e-12


def test_layout_kept_for_our_reader(run: Any) -> None:
    """Our loader finds the original file's classes, fields, types and sizes in the saved one."""
    assert [] == run.readers["pytorch_bridge"]


def test_torchfile_reads_the_saved_file(ex: Any, run: Any) -> None:
    """The independent torchfile reader sees the original layout and what our loader sees."""
    pytest.importorskip("torchfile")
    assert [] == run.readers["torchfile"]
    ours, theirs = ex.layout_ours(run.out), ex.layout_torchfile(run.out)
    assert ours.lines == theirs.lines
    assert sorted(ours.tensors) == sorted(theirs.tensors)
    for where, a in ours.tensors.items():
        np.testing.assert_array_equal(a, theirs.tensors[where])


def test_check_layout_reports_changes(ex: Any, run: Any) -> None:
    """A changed frozen weight, a missing field and an untouched head are each reported."""
    original, saved = ex.layout_ours(ex.SOURCE), ex.layout_ours(run.out)
    saved.tensors["model.modules[1].weight"] = saved.tensors["model.modules[1].weight"] * 1.5
    dropped = "model.modules[3].train boolean true"
    saved.lines.remove(dropped)
    problems = ex.check_layout(original, saved, ex.PyLinear.from_lua(pb.nn.load(ex.SOURCE)[2]))
    assert f"only in the original: {dropped}" in problems
    assert "model.modules[1].weight changed" in problems
    assert "model.modules[3].weight is not the fine-tuned weight" in problems


def test_mixed_model_is_refused_by_save(ex: Any, tmp_path: Path) -> None:
    """Saving while the Python head is in the model fails: Torch7 cannot read it."""
    model = pb.nn.load(ex.SOURCE)
    model.insert(ex.PyLinear.from_lua(model.remove(ex.HEAD)), ex.HEAD)
    with pytest.raises(pb.SerializationError, match="Python module"):
        pb.save(tmp_path / "mixed.t7", model)
