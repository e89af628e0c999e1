"""Parity of the nn modules and criteria with files written by real Torch7 (compat/torch7).

For each model, ``NAME.t7`` is loaded with ``torch.load``, seeded with ``fwd_seed`` and run
forward, backward and forward again in evaluate mode, as the fixtures' README describes;
the results must match ``NAME.io.t7`` (Double within 1e-10 relative, Float within 1e-5).
Building the model from its Lua definition after ``torch.manualSeed(seed)`` must give the
saved initial parameters. Each criterion file is checked the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nn_parity_helpers import (  # noqa: E402 - the folder is put on the path above
    check_built_parameters,
    check_criterion,
    check_model,
    nn_runtime,
)

#: Models whose classes are all implemented, with their definitions from the fixtures' README.
MODELS: dict[str, str] = {
    "mlp_relu_logsoftmax": "nn.Sequential():add(nn.Linear(10, 20)):add(nn.ReLU())"
    ":add(nn.Linear(20, 5)):add(nn.LogSoftMax())",
    "mlp_tanh_sigmoid_dropout_softmax": "nn.Sequential():add(nn.Linear(8, 16)):add(nn.Tanh())"
    ":add(nn.Linear(16, 16)):add(nn.Sigmoid()):add(nn.Dropout(0.5)):add(nn.Linear(16, 4))"
    ":add(nn.SoftMax())",
    "mlp_float": "nn.Sequential():add(nn.Linear(6, 12)):add(nn.ReLU()):add(nn.Linear(12, 3))"
    ":float()",
    "linear_nobias_1d": "nn.Sequential():add(nn.Linear(5, 3):noBias()):add(nn.Tanh())",
    "container_concat": "nn.Sequential():add(nn.Concat(2):add(nn.Linear(6, 4))"
    ":add(nn.Linear(6, 3)):add(nn.Identity())):add(nn.Tanh())",
    "container_concattable_caddtable": "nn.Sequential():add(nn.ConcatTable()"
    ":add(nn.Linear(6, 4)):add(nn.Sequential():add(nn.Linear(6, 4)):add(nn.Tanh())))"
    ":add(nn.CAddTable())",
    "container_parallel_join_select": "nn.Sequential():add(nn.ParallelTable()"
    ":add(nn.Linear(6, 4)):add(nn.Linear(3, 4))):add(nn.ConcatTable():add(nn.CAddTable())"
    ":add(nn.JoinTable(2)):add(nn.SelectTable(2)):add(nn.Identity()))",
}

CRITERIA = [
    "ClassNLLCriterion",
    "ClassNLLCriterion_weights_nosizeavg",
    "ClassNLLCriterion_1d_numbertarget",
    "CrossEntropyCriterion",
    "MSECriterion",
    "MSECriterion_nosizeavg",
    "AbsCriterion",
]


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nn loaded; skips while torch.load is not part of the torch library."""
    return nn_runtime(need_load=True)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_matches_torch7(lua: Any, name: str) -> None:
    """Forward, backward and evaluate-mode forward reproduce real Torch7's numbers."""
    check_model(lua, name)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_built_from_definition_has_saved_parameters(lua: Any, name: str) -> None:
    """The README's Lua definition after torch.manualSeed(seed) gives the saved parameters."""
    check_built_parameters(lua, name, MODELS[name])


@pytest.mark.parametrize("name", CRITERIA)
def test_criterion_matches_torch7(lua: Any, name: str) -> None:
    """A saved criterion's loss and gradient on the saved input match real Torch7's."""
    check_criterion(lua, name)
