"""Parity of the further criteria and transfer modules with files written by real Torch7.

Each criterion file ``compat/torch7/criteria/NAME.t7`` holds the freshly built criterion,
its input and target, and Torch7's loss and gradInput: loading it and running forward and
backward must reproduce both (Double within 1e-10 relative). Rebuilding the criterion and
its data from the fixtures' README definition after ``torch.manualSeed(seed)`` must give
the saved input and target. Models whose classes exist are checked as in test_nn_parity.py,
and PReLU's initial weights against compat/torch7-rng/nninit_values.txt.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nn_parity_helpers import (  # noqa: E402 - the folder is put on the path above
    CRITERIA_DIR,
    DOUBLE_TOL,
    check_built_parameters,
    check_criterion,
    check_model,
    concat,
    load,
    missing_classes,
    nn_runtime,
    nninit_row,
)

_PROBS = "local function probs(n, k) return nn.SoftMax():forward(torch.randn(n, k)):clone() end\n"

#: Criterion fixtures with their README definitions: (construction, data maker).
CRITERIA: dict[str, tuple[str, str]] = {
    "BCECriterion": (
        "nn.BCECriterion()",
        "torch.rand(4, 3) * 0.9 + 0.05, torch.bernoulli(torch.Tensor(4, 3):fill(0.5))",
    ),
    "BCECriterion_weights": (
        "nn.BCECriterion(torch.Tensor({1, 2, 0.5}))",
        "torch.rand(4, 3) * 0.9 + 0.05, torch.bernoulli(torch.Tensor(4, 3):fill(0.5))",
    ),
    "SmoothL1Criterion": (
        "nn.SmoothL1Criterion()",
        "torch.randn(3, 4) * 2, torch.randn(3, 4)",
    ),
    "MarginCriterion": (
        "nn.MarginCriterion(1)",
        "torch.randn(6), torch.Tensor({1, -1, 1, 1, -1, -1})",
    ),
    "DistKLDivCriterion": ("nn.DistKLDivCriterion()", "torch.log(probs(3, 4)), probs(3, 4)"),
    "MultiMarginCriterion": (
        "nn.MultiMarginCriterion()",
        "torch.randn(4, 5), torch.LongTensor({1, 5, 2, 2})",
    ),
    "MultiMarginCriterion_p2_margin05": (
        "nn.MultiMarginCriterion(2, nil, 0.5)",
        "torch.randn(4, 5), torch.LongTensor({3, 1, 4, 5})",
    ),
    "CosineEmbeddingCriterion": (
        "nn.CosineEmbeddingCriterion(0.2)",
        "{ torch.randn(4, 6), torch.randn(4, 6) }, torch.Tensor({1, -1, 1, -1})",
    ),
    "HingeEmbeddingCriterion": (
        "nn.HingeEmbeddingCriterion(1)",
        "torch.rand(5) * 2, torch.Tensor({1, -1, -1, 1, -1})",
    ),
    "SoftMarginCriterion": (
        "nn.SoftMarginCriterion()",
        "torch.randn(3, 4), torch.sign(torch.randn(3, 4))",
    ),
    "MarginRankingCriterion": (
        "nn.MarginRankingCriterion(0.5)",
        "{ torch.randn(5), torch.randn(5) }, torch.Tensor({1, -1, 1, 1, -1})",
    ),
    "L1HingeEmbeddingCriterion": (
        "nn.L1HingeEmbeddingCriterion(10)",
        "{ torch.randn(4), torch.randn(4) }, -1",
    ),
    "MultiLabelMarginCriterion": (
        "nn.MultiLabelMarginCriterion()",
        "torch.randn(2, 4), torch.LongTensor({{3, 1, 0, 0}, {4, 0, 0, 0}})",
    ),
    "MultiLabelSoftMarginCriterion": (
        "nn.MultiLabelSoftMarginCriterion()",
        "torch.randn(3, 4), torch.bernoulli(torch.Tensor(3, 4):fill(0.5))",
    ),
    "ParallelCriterion": (
        "nn.ParallelCriterion():add(nn.MSECriterion(), 0.5):add(nn.ClassNLLCriterion())",
        "{ torch.randn(2, 3), nn.LogSoftMax():forward(torch.randn(2, 4)):clone() }, "
        "{ torch.randn(2, 3), torch.LongTensor({4, 2}) }",
    ),
    "SpatialClassNLLCriterion": (
        "nn.SpatialClassNLLCriterion()",
        "nn.SpatialLogSoftMax():forward(torch.randn(2, 3, 2, 2)):clone(), "
        "torch.LongTensor({{{1, 2}, {3, 1}}, {{2, 2}, {3, 3}}})",
    ),
}

#: Models of the fixtures that need this family's classes, with their README definitions.
MODELS: dict[str, str] = {
    "activations_elu_leaky_prelu": "nn.Sequential():add(nn.Linear(6, 8)):add(nn.ELU(0.5))"
    ":add(nn.Linear(8, 8)):add(nn.LeakyReLU(0.1)):add(nn.Linear(8, 8)):add(nn.PReLU(8))"
    ":add(nn.Linear(8, 8)):add(nn.Threshold(0.1, -1)):add(nn.Linear(8, 8))"
    ":add(nn.HardTanh(-0.5, 0.5)):add(nn.Linear(8, 3))",
    "conv_nobias_3d_input": "nn.Sequential()"
    ":add(nn.SpatialConvolution(2, 4, 3, 3, 1, 1, 1, 1):noBias())"
    ":add(nn.SpatialDropout(0.3)):add(nn.SpatialSoftMax())",
}

#: Classes each model needs beyond this family's and the core ones.
MODEL_NEEDS: dict[str, list[str]] = {
    "activations_elu_leaky_prelu": [],
    "conv_nobias_3d_input": ["SpatialConvolution"],
}

_LUA_BUILD_CRITERION = """
function(build, make, seed)
   torch.manualSeed(seed)
   local c = loadstring('return ' .. build)()
   local input, target = loadstring(make)()
   return c, input, target
end
"""

_LUA_NNINIT = """
function(seed, n)
   torch.manualSeed(seed)
   local m = nn.PReLU(n)
   return m.weight:clone(), torch.uniform()
end
"""


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nn loaded."""
    return nn_runtime()


@pytest.mark.parametrize("name", sorted(CRITERIA))
def test_criterion_matches_torch7(lua: Any, name: str) -> None:
    """A saved criterion's loss and gradient on the saved input match real Torch7's."""
    check_criterion(lua, name, nested=True)


@pytest.mark.parametrize("name", sorted(CRITERIA))
def test_criterion_data_built_from_definition(lua: Any, name: str) -> None:
    """The README definition after torch.manualSeed(seed) gives the saved input and target."""
    saved = load(lua, CRITERIA_DIR / f"{name}.t7")
    build, make = CRITERIA[name]
    crit, input, target = lua.call(
        lua.eval(_LUA_BUILD_CRITERION), build, _PROBS + "return " + make, int(saved.seed)
    )
    assert str(lua.eval("torch.type")(saved.criterion)) == str(lua.eval("torch.type")(crit))
    expected_input = concat(lua, saved.input, numbers=True)
    np.testing.assert_array_equal(expected_input, concat(lua, input, numbers=True))
    expected_target = concat(lua, saved.target, numbers=True)
    np.testing.assert_array_equal(expected_target, concat(lua, target, numbers=True))


def _skip_missing(lua: Any, name: str) -> None:
    missing = missing_classes(lua, MODEL_NEEDS[name])
    if missing:
        pytest.fail(f"{name} needs nn.{', nn.'.join(missing)}, not implemented yet")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_matches_torch7(lua: Any, name: str) -> None:
    """Forward, backward and evaluate-mode forward reproduce real Torch7's numbers."""
    _skip_missing(lua, name)
    check_model(lua, name, DOUBLE_TOL)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_built_from_definition_has_saved_parameters(lua: Any, name: str) -> None:
    """The README's Lua definition after torch.manualSeed(seed) gives the saved parameters."""
    _skip_missing(lua, name)
    check_built_parameters(lua, name, MODELS[name], DOUBLE_TOL)


@pytest.mark.parametrize("seed", [1, 42])
def test_prelu_initial_weights_match_torch7(lua: Any, seed: int) -> None:
    """nn.PReLU(3) starts at Torch7's weights and draws no random numbers."""
    values = nninit_row(f"s{seed}_PReLU_3")
    weight, next_uniform = lua.call(lua.eval(_LUA_NNINIT), seed, 3)
    assert values[:-1] == concat(lua, weight).tolist()
    assert values[-1] == next_uniform
