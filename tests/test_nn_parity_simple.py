"""Parity of the simple and table nn modules with files written by real Torch7.

Models (compat/torch7/models): ``NAME.t7`` is loaded, seeded with ``fwd_seed`` and run
forward, backward and forward again in evaluate mode; the results must match ``NAME.io.t7``
(Double within 1e-10 relative). Building each model from its Lua definition after
``torch.manualSeed(seed)`` must give the saved initial parameters. Initial weights of the
simple modules must equal compat/torch7-rng/nninit_values.txt exactly, including how many
random numbers the constructor consumed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nn_parity_helpers import (  # noqa: E402 - the folder is put on the path above
    DOUBLE_TOL,
    check_built_parameters,
    check_initial_parameters,
    check_model,
    missing_classes,
    nn_runtime,
)

#: Fixture models built only from existing classes and this family's, with their definitions.
MODELS: dict[str, str] = {
    "lookuptable_mean": "nn.Sequential():add(nn.LookupTable(20, 5)):add(nn.Mean(2))"
    ":add(nn.Linear(5, 2))",
    "activations_pointwise": "nn.Sequential():add(nn.Linear(5, 6)):add(nn.ConcatTable()"
    ":add(nn.SoftPlus()):add(nn.LogSigmoid()):add(nn.SoftSign()):add(nn.Abs())"
    ":add(nn.Square()):add(nn.MulConstant(2.5)):add(nn.AddConstant(-1)):add(nn.Clamp(-0.3, 0.3))"
    ":add(nn.Sequential():add(nn.Abs()):add(nn.AddConstant(0.5)):add(nn.Sqrt()))"
    ":add(nn.Sequential():add(nn.Abs()):add(nn.Power(1.5))):add(nn.Normalize(2)))"
    ":add(nn.JoinTable(2))",
    "shape_ops_table": "nn.ConcatTable():add(nn.Narrow(2, 2, 2)):add(nn.Select(3, 2))"
    ":add(nn.Transpose({2, 4})):add(nn.Mean(2)):add(nn.Sum(3)):add(nn.Max(4)):add(nn.Min(1))"
    ":add(nn.Reshape(60))",
    "cmul_add_mul": "nn.Sequential():add(nn.Linear(5, 6)):add(nn.CMul(6)):add(nn.Add(6))"
    ":add(nn.Mul()):add(nn.Tanh())",
    "bilinear": "nn.Bilinear(4, 3, 5)",
    "table_math": "nn.Sequential():add(nn.ConcatTable():add(nn.Linear(4, 3))"
    ":add(nn.Linear(4, 3))):add(nn.ConcatTable():add(nn.CMulTable()):add(nn.CSubTable())"
    ":add(nn.DotProduct()):add(nn.CosineDistance()):add(nn.PairwiseDistance(2)))",
}

#: Classes a model needs that other families provide (the test skips until they exist).
NEEDS: dict[str, tuple[str, ...]] = {
    "activations_pointwise": ("SoftPlus", "LogSigmoid", "SoftSign"),
}

#: nninit_values.txt entries of this family's constructors.
NNINIT_CODE: dict[str, str] = {
    "Add_4": "nn.Add(4)",
    "CMul_4": "nn.CMul(4)",
    "Euclidean_3_2": "nn.Euclidean(3, 2)",
    "Mul": "nn.Mul()",
    "LookupTable_5_3": "nn.LookupTable(5, 3)",
    "Bilinear_2_3_2": "nn.Bilinear(2, 3, 2)",
}


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nn loaded."""
    return nn_runtime()


def _skip_missing(rt: Any, name: str) -> None:
    missing = missing_classes(rt, NEEDS.get(name, ()))
    if missing:
        pytest.fail(f"{name} needs nn.{', nn.'.join(missing)}, not written yet")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_matches_torch7(lua: Any, name: str) -> None:
    """Forward, backward and evaluate-mode forward reproduce real Torch7's numbers."""
    _skip_missing(lua, name)
    check_model(lua, name, DOUBLE_TOL)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_built_from_definition_has_saved_parameters(lua: Any, name: str) -> None:
    """The Lua definition after torch.manualSeed(seed) gives the saved parameters."""
    _skip_missing(lua, name)
    check_built_parameters(lua, name, MODELS[name], DOUBLE_TOL)


@pytest.mark.parametrize("seed", [1, 42])
@pytest.mark.parametrize("name", sorted(NNINIT_CODE))
def test_initial_parameters_match_torch7_exactly(lua: Any, name: str, seed: int) -> None:
    """Constructing the module after torch.manualSeed(seed) gives Torch7's exact parameters and
    consumes as many random numbers."""
    check_initial_parameters(lua, name, NNINIT_CODE[name], seed)
