"""Parity of nngraph gModules with files written by real Torch7 (compat/torch7 and t7-public).

Each fixture model is loaded with ``torch.load``, seeded with ``fwd_seed`` and run forward,
backward and forward again in evaluate mode, as the fixtures' README describes; the results
must match ``NAME.io.t7`` (Double within 1e-10 relative). The same model built from its Lua
definition after ``torch.manualSeed(seed)`` must have the saved initial parameters, the saved
graph order, and reproduce the same numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.runtime import get_runtime

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "compat" / "torch7" / "models"
PUBLIC = ROOT / "compat" / "t7" / "public" / "torchfile"

#: The fixture models' definitions from the fixtures' README (bodies of a Lua function).
MODELS: dict[str, str] = {
    "nngraph_two_outputs": """
        local x = nn.Identity()()
        local h1 = nn.Tanh()(nn.Linear(4, 6)(x))
        local h2 = nn.Linear(4, 6)(x)
        local s = nn.CAddTable()({ h1, h2 })
        local out = nn.LogSoftMax()(nn.Linear(6, 3)(s))
        return nn.gModule({ x }, { out, h1 })
    """,
    "nngraph_two_inputs": """
        local a = nn.Identity()()
        local b = nn.Identity()()
        local ha = nn.Linear(3, 5)(a)
        local hb = nn.Linear(2, 5)(b)
        local j = nn.JoinTable(2)({ nn.ReLU()(ha), nn.Sigmoid()(hb) })
        return nn.gModule({ a, b }, { nn.Linear(10, 2)(j) })
    """,
}

_LUA_RUN = """
function(m, io)
   local function clone(x)
      if torch.isTensor(x) then return x:clone() end
      local r = {}
      for k, v in pairs(x) do r[k] = clone(v) end
      return r
   end
   torch.manualSeed(io.fwd_seed)
   local got = { output = clone(m:forward(io.input)) }
   m:zeroGradParameters()
   got.gradInput = clone(m:backward(io.input, io.gradOutput))
   local p, g = m:parameters()
   got.params, got.gradParams = clone(p), clone(g)
   m:evaluate()
   got.eval_output = clone(m:forward(io.input))
   return got
end
"""

_LUA_BUILD = """
function(body, seed)
   torch.manualSeed(seed)
   local m = assert(loadstring(body))()
   m:training()
   m:zeroGradParameters()
   return m
end
"""

_LUA_ORDER = """
function(m)
   local ids, kinds = {}, {}
   for i, node in ipairs(m.forwardnodes) do
      ids[i] = node.id
      kinds[i] = torch.type(node.data.module)
   end
   return table.concat(ids, ','), table.concat(kinds, ','), #m.backwardnodes, #m.modules
end
"""


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nngraph loaded; skips while torch.load is not available."""
    rt = get_runtime()
    rt.require("nngraph")
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


def _assert_close(expected: Any, actual: Any, what: str, tol: float = 1e-10) -> None:
    assert expected.shape == actual.shape, what
    scale = float(np.max(np.abs(expected))) if expected.size else 1.0
    np.testing.assert_allclose(actual, expected, rtol=tol, atol=tol * 1e-3 * scale, err_msg=what)


def _load(rt: Any, path: Path) -> Any:
    return rt.call(rt.eval("torch.load"), str(path))


def _check_run(rt: Any, model: Any, io: Any, name: str) -> None:
    got = rt.call(rt.eval(_LUA_RUN), model, io)
    for key in ("output", "gradInput", "params", "gradParams", "eval_output"):
        _assert_close(_concat(rt, io[key]), _concat(rt, got[key]), f"{name}: {key}")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_loaded_gmodule_matches_torch7(lua: Any, name: str) -> None:
    """A gModule loaded from real Torch7's file reproduces its forward, backward and eval."""
    model = _load(lua, MODELS_DIR / f"{name}.t7")
    _check_run(lua, model, _load(lua, MODELS_DIR / f"{name}.io.t7"), name)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_built_gmodule_has_saved_parameters_and_order(lua: Any, name: str) -> None:
    """The Lua definition after torch.manualSeed(seed) gives the saved parameters and order."""
    io = _load(lua, MODELS_DIR / f"{name}.io.t7")
    built = lua.call(lua.eval(_LUA_BUILD), MODELS[name], int(io.seed))
    saved = _load(lua, MODELS_DIR / f"{name}.t7")
    order = lua.eval(_LUA_ORDER)
    assert tuple(lua.call(order, saved)) == tuple(lua.call(order, built))
    params = lua.call(lua.eval("function(m) return (m:parameters()) end"), built)
    saved_params = lua.call(lua.eval("function(m) return (m:parameters()) end"), saved)
    assert 0.0 == float(np.max(np.abs(_concat(lua, saved_params) - _concat(lua, params))))


@pytest.mark.parametrize("name", sorted(MODELS))
def test_built_gmodule_matches_torch7(lua: Any, name: str) -> None:
    """The gModule built from its definition reproduces real Torch7's numbers."""
    io = _load(lua, MODELS_DIR / f"{name}.io.t7")
    built = lua.call(lua.eval(_LUA_BUILD), MODELS[name], int(io.seed))
    _check_run(lua, built, io, name)


def test_old_gmodule_file_runs(lua: Any) -> None:
    """An older gModule file (no reverseMap, no _type) computes b + Linear(a) and its grads."""
    path = PUBLIC / "gmodule_with_linear_identity.t7"
    if not path.exists():
        pytest.fail("the t7-public fixtures are missing from compat/")
    run = lua.eval(
        """
        function(path)
           local m = torch.load(path)
           local lin = m:findModules('nn.Linear')[1]
           torch.manualSeed(5)
           local a, b = torch.randn(3, lin.weight:size(2)), torch.randn(3, lin.weight:size(1))
           local out = m:forward({ a, b }):clone()
           local go = torch.randn(out:size())
           local gi = m:backward({ a, b }, go)
           return #m.modules, out, go, gi[1]:clone(), gi[2]:clone(), a, b, lin.weight, lin.bias
        end
        """
    )
    n, out, go, ga, gb, a, b, w, bias = [
        x if isinstance(x, int) else np.array(lua.eval("torch._np")(x))
        for x in lua.call(run, str(path))
    ]
    assert 4 == n
    np.testing.assert_allclose(out, b + a @ w.T + bias, rtol=1e-12)
    np.testing.assert_allclose(ga, go @ w, rtol=1e-12)
    np.testing.assert_allclose(gb, go, rtol=1e-12)


def test_saved_node_loads(lua: Any) -> None:
    """A lone nngraph.Node saved by Torch7 loads as an nngraph.Node with its data fields."""
    path = PUBLIC / "nngraph_node.t7"
    if not path.exists():
        pytest.fail("the t7-public fixtures are missing from compat/")
    kind, nchildren = lua.call(
        lua.eval("function(p) local n = torch.load(p) return torch.type(n), #n.children end"),
        str(path),
    )
    assert ("nngraph.Node", 0) == (kind, nchildren)
