"""Parity of the simple and table nn modules with files written by real Torch7.

Models (compat/torch7/models): ``NAME.t7`` is loaded, seeded with ``fwd_seed`` and run
forward, backward and forward again in evaluate mode; the results must match ``NAME.io.t7``
(Double within 1e-10 relative). Building each model from its Lua definition after
``torch.manualSeed(seed)`` must give the saved initial parameters. Initial weights of the
simple modules must equal compat/torch7-rng/nninit_values.txt exactly, including how many
random numbers the constructor consumed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.runtime import get_runtime

ROOT = Path(__file__).resolve().parent.parent / "compat"
MODELS_DIR = ROOT / "torch7" / "models"
NNINIT = ROOT / "torch7-rng" / "nninit_values.txt"

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
    "Add_4": "return nn.Add(4)",
    "CMul_4": "return nn.CMul(4)",
    "Euclidean_3_2": "return nn.Euclidean(3, 2)",
    "Mul": "return nn.Mul()",
    "LookupTable_5_3": "return nn.LookupTable(5, 3)",
    "Bilinear_2_3_2": "return nn.Bilinear(2, 3, 2)",
}

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

_LUA_BUILD = """
function(code, seed)
   torch.manualSeed(seed)
   local m = loadstring(code)()
   local parts = {}
   for _, p in ipairs(m:parameters() or {}) do parts[#parts + 1] = p:clone() end
   return parts, torch.rand(1)[1]
end
"""


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nn loaded."""
    rt = get_runtime()
    rt.require("nn")
    return rt


def _arrays(rt: Any, x: Any) -> list[Any]:
    """Flatten a tensor or nested Lua table of tensors into a list of float64 arrays."""
    if rt.eval("torch.isTensor")(x):
        return [np.array(rt.eval("torch._np")(x), dtype=np.float64).reshape(-1)]
    out: list[Any] = []
    for i in range(1, len(x) + 1):
        out.extend(_arrays(rt, x[i]))
    return out


def _concat(rt: Any, x: Any) -> Any:
    parts = _arrays(rt, x)
    return np.concatenate(parts) if parts else np.zeros(0)


def _assert_close(expected: Any, actual: Any, what: str, tol: float = 1e-10) -> None:
    scale = float(np.max(np.abs(expected))) if expected.size else 1.0
    np.testing.assert_allclose(actual, expected, rtol=tol, atol=tol * 1e-3 * scale, err_msg=what)


def _skip_missing(rt: Any, name: str) -> None:
    missing = [c for c in NEEDS.get(name, ()) if rt.eval(f"nn.{c}") is None]
    if missing:
        pytest.fail(f"{name} needs nn.{', nn.'.join(missing)}, not written yet")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_matches_torch7(lua: Any, name: str) -> None:
    """Forward, backward and evaluate-mode forward reproduce real Torch7's numbers."""
    _skip_missing(lua, name)
    got, io = lua.call(
        lua.eval(_LUA_RUN_MODEL), str(MODELS_DIR / f"{name}.t7"), str(MODELS_DIR / f"{name}.io.t7")
    )
    for key in ("output", "gradInput", "params", "gradParams", "eval_output"):
        _assert_close(_concat(lua, io[key]), _concat(lua, got[key]), f"{name}: {key}")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_built_from_definition_has_saved_parameters(lua: Any, name: str) -> None:
    """The Lua definition after torch.manualSeed(seed) gives the saved parameters."""
    _skip_missing(lua, name)
    io = lua.call(lua.eval("torch.load"), str(MODELS_DIR / f"{name}.io.t7"))
    params, _ = lua.call(lua.eval(_LUA_BUILD), "return " + MODELS[name], int(io.seed))
    _assert_close(_concat(lua, io.params), _concat(lua, params), name)


def _nninit_rows() -> dict[str, list[float]]:
    rows: dict[str, list[float]] = {}
    for line in NNINIT.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, *values = line.split()
        rows[key] = [float(v) for v in values]
    return rows


@pytest.mark.parametrize("seed", [1, 42])
@pytest.mark.parametrize("name", sorted(NNINIT_CODE))
def test_initial_parameters_match_torch7_exactly(lua: Any, name: str, seed: int) -> None:
    """Constructing the module after torch.manualSeed(seed) gives Torch7's exact parameters and
    consumes as many random numbers."""
    expected = _nninit_rows()[f"s{seed}_{name}"]
    params, next_uniform = lua.call(lua.eval(_LUA_BUILD), NNINIT_CODE[name], seed)
    assert expected[:-1] == list(_concat(lua, params))
    assert expected[-1] == float(next_uniform)
