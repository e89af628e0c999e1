"""Parity of the further criteria and transfer modules with files written by real Torch7.

Each criterion file ``compat/torch7/criteria/NAME.t7`` holds the freshly built criterion,
its input and target, and Torch7's loss and gradInput: loading it and running forward and
backward must reproduce both (Double within 1e-10 relative). Rebuilding the criterion and
its data from the fixtures' README definition after ``torch.manualSeed(seed)`` must give
the saved input and target. Models whose classes exist are checked as in test_nn_parity.py,
and PReLU's initial weights against compat/torch7-rng/nninit_values.txt.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.runtime import get_runtime

ROOT = Path(__file__).resolve().parent.parent
COMPAT = ROOT / "compat" / "torch7"
NNINIT = ROOT / "compat" / "torch7-rng" / "nninit_values.txt"

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

_LUA_RUN_CRITERION = """
function(path)
   local f = torch.load(path)
   local loss = f.criterion:forward(f.input, f.target)
   local grad = f.criterion:backward(f.input, f.target)
   local function clone(x)
      if torch.isTensor(x) then return x:clone() end
      local r = {}
      for k, v in pairs(x) do r[k] = clone(v) end
      return r
   end
   return loss, clone(grad), f
end
"""

_LUA_BUILD_CRITERION = """
function(build, make, seed)
   torch.manualSeed(seed)
   local c = loadstring('return ' .. build)()
   local input, target = loadstring(make)()
   return c, input, target
end
"""

_LUA_RUN_MODEL = """
function(modelPath, ioPath)
   local function clone(x)
      if torch.isTensor(x) then return x:clone() end
      local r = {}
      for k, v in pairs(x) do r[k] = clone(v) end
      return r
   end
   local function flat(list)
      local parts = {}
      for _, p in ipairs(list or {}) do parts[#parts + 1] = p:clone() end
      return parts
   end
   local m, io = torch.load(modelPath), torch.load(ioPath)
   torch.manualSeed(io.fwd_seed)
   local got = { output = clone(m:forward(io.input)) }
   m:zeroGradParameters()
   got.gradInput = clone(m:backward(io.input, io.gradOutput))
   local p, g = m:parameters()
   got.params, got.gradParams = flat(p), flat(g)
   m:evaluate()
   got.eval_output = clone(m:forward(io.input))
   return got, io
end
"""

_LUA_BUILD_MODEL = """
function(definition, seed)
   torch.manualSeed(seed)
   local m = loadstring('return ' .. definition)()
   local parts = {}
   for _, p in ipairs(m:parameters() or {}) do parts[#parts + 1] = p:clone() end
   return parts
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
    rt = get_runtime()
    rt.require("nn")
    return rt


def _arrays(rt: Any, x: Any) -> list[Any]:
    """Flatten a number, tensor or nested Lua table of tensors into float64 arrays."""
    if isinstance(x, (int, float)):
        return [np.array([x], dtype=np.float64)]
    if rt.eval("torch.isTensor")(x):
        return [np.array(rt.eval("torch._np")(x), dtype=np.float64).reshape(-1)]
    out: list[Any] = []
    for i in range(1, len(x) + 1):
        out.extend(_arrays(rt, x[i]))
    return out


def _concat(rt: Any, x: Any) -> Any:
    parts = _arrays(rt, x)
    return np.concatenate(parts) if parts else np.zeros(0)


def _assert_close(expected: Any, actual: Any, tol: float, what: str) -> None:
    scale = float(np.max(np.abs(expected))) if expected.size else 1.0
    assert expected.shape == actual.shape, what
    np.testing.assert_allclose(actual, expected, rtol=tol, atol=tol * 1e-3 * scale, err_msg=what)


@pytest.mark.parametrize("name", sorted(CRITERIA))
def test_criterion_matches_torch7(lua: Any, name: str) -> None:
    """A saved criterion's loss and gradient on the saved input match real Torch7's."""
    loss, grad, saved = lua.call(
        lua.eval(_LUA_RUN_CRITERION), str(COMPAT / "criteria" / f"{name}.t7")
    )
    assert saved.loss == pytest.approx(loss, rel=1e-10)
    _assert_close(_concat(lua, saved.gradInput), _concat(lua, grad), 1e-10, name)


@pytest.mark.parametrize("name", sorted(CRITERIA))
def test_criterion_data_built_from_definition(lua: Any, name: str) -> None:
    """The README definition after torch.manualSeed(seed) gives the saved input and target."""
    saved = lua.call(lua.eval("torch.load"), str(COMPAT / "criteria" / f"{name}.t7"))
    build, make = CRITERIA[name]
    crit, input, target = lua.call(
        lua.eval(_LUA_BUILD_CRITERION), build, _PROBS + "return " + make, int(saved.seed)
    )
    assert str(lua.eval("torch.type")(saved.criterion)) == str(lua.eval("torch.type")(crit))
    np.testing.assert_array_equal(_concat(lua, saved.input), _concat(lua, input))
    np.testing.assert_array_equal(_concat(lua, saved.target), _concat(lua, target))


def _skip_missing(lua: Any, name: str) -> None:
    missing = [c for c in MODEL_NEEDS[name] if lua.eval(f"nn.{c}") is None]
    if missing:
        pytest.fail(f"{name} needs nn.{', nn.'.join(missing)}, not implemented yet")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_matches_torch7(lua: Any, name: str) -> None:
    """Forward, backward and evaluate-mode forward reproduce real Torch7's numbers."""
    _skip_missing(lua, name)
    path = COMPAT / "models"
    got, io = lua.call(
        lua.eval(_LUA_RUN_MODEL), str(path / f"{name}.t7"), str(path / f"{name}.io.t7")
    )
    for key in ("output", "gradInput", "params", "gradParams", "eval_output"):
        _assert_close(_concat(lua, io[key]), _concat(lua, got[key]), 1e-10, f"{name}: {key}")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_built_from_definition_has_saved_parameters(lua: Any, name: str) -> None:
    """The README's Lua definition after torch.manualSeed(seed) gives the saved parameters."""
    _skip_missing(lua, name)
    io = lua.call(lua.eval("torch.load"), str(COMPAT / "models" / f"{name}.io.t7"))
    params = lua.call(lua.eval(_LUA_BUILD_MODEL), MODELS[name], int(io.seed))
    _assert_close(_concat(lua, io.params), _concat(lua, params), 1e-10, name)


def _nninit(key: str) -> list[float]:
    for line in NNINIT.read_text().splitlines():
        if line.split(" ", 1)[0] == key:
            return [float(v) for v in line.split()[1:]]
    raise KeyError(key)


@pytest.mark.parametrize("seed", [1, 42])
def test_prelu_initial_weights_match_torch7(lua: Any, seed: int) -> None:
    """nn.PReLU(3) starts at Torch7's weights and draws no random numbers."""
    values = _nninit(f"s{seed}_PReLU_3")
    weight, next_uniform = lua.call(lua.eval(_LUA_NNINIT), seed, 3)
    assert values[:-1] == _concat(lua, weight).tolist()
    assert values[-1] == next_uniform
