"""Parity of the nn modules and criteria with files written by real Torch7 (compat/torch7).

For each model, ``NAME.t7`` is loaded with ``torch.load``, seeded with ``fwd_seed`` and run
forward, backward and forward again in evaluate mode, as the fixtures' README describes;
the results must match ``NAME.io.t7`` (Double within 1e-10 relative, Float within 1e-5).
Building the model from its Lua definition after ``torch.manualSeed(seed)`` must give the
saved initial parameters. Each criterion file is checked the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.runtime import get_runtime

COMPAT = Path(__file__).resolve().parent.parent / "compat" / "torch7"

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
function(definition, seed)
   torch.manualSeed(seed)
   local m = loadstring('return ' .. definition)()
   local parts = {}
   for _, p in ipairs(m:parameters() or {}) do parts[#parts + 1] = p:clone() end
   return parts
end
"""

_LUA_RUN_CRITERION = """
function(path)
   local f = torch.load(path)
   local loss = f.criterion:forward(f.input, f.target)
   return loss, f.criterion:backward(f.input, f.target):clone(), f
end
"""


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nn loaded; skips while torch.load is not part of the torch library."""
    rt = get_runtime()
    rt.require("nn")
    if rt.eval("torch.load") is None:
        pytest.fail("torch.load is missing from the torch library")
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


def _assert_close(expected: Any, actual: Any, tol: float, what: str) -> None:
    scale = float(np.max(np.abs(expected))) if expected.size else 1.0
    np.testing.assert_allclose(actual, expected, rtol=tol, atol=tol * 1e-3 * scale, err_msg=what)


def _tolerance(rt: Any, io: Any) -> float:
    kind = str(rt.eval("torch.type")(io.output if io.output is not None else io.input))
    return 1e-5 if "Float" in kind else 1e-10


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_matches_torch7(lua: Any, name: str) -> None:
    """Forward, backward and evaluate-mode forward reproduce real Torch7's numbers."""
    path = COMPAT / "models"
    got, io = lua.call(
        lua.eval(_LUA_RUN_MODEL), str(path / f"{name}.t7"), str(path / f"{name}.io.t7")
    )
    tol = _tolerance(lua, io)
    for key in ("output", "gradInput", "params", "gradParams", "eval_output"):
        _assert_close(_concat(lua, io[key]), _concat(lua, got[key]), tol, f"{name}: {key}")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_built_from_definition_has_saved_parameters(lua: Any, name: str) -> None:
    """The README's Lua definition after torch.manualSeed(seed) gives the saved parameters."""
    io = lua.call(lua.eval("torch.load"), str(COMPAT / "models" / f"{name}.io.t7"))
    params = lua.call(lua.eval(_LUA_BUILD), MODELS[name], int(io.seed))
    _assert_close(_concat(lua, io.params), _concat(lua, params), _tolerance(lua, io), name)


@pytest.mark.parametrize("name", CRITERIA)
def test_criterion_matches_torch7(lua: Any, name: str) -> None:
    """A saved criterion's loss and gradient on the saved input match real Torch7's."""
    loss, grad, saved = lua.call(
        lua.eval(_LUA_RUN_CRITERION), str(COMPAT / "criteria" / f"{name}.t7")
    )
    assert saved.loss == pytest.approx(loss, rel=1e-10)
    _assert_close(_concat(lua, saved.gradInput), _concat(lua, grad), 1e-10, name)
