"""Parity of nngraph gModules with files written by real Torch7 (compat/torch7 and t7-public).

Each fixture model is loaded with ``torch.load``, seeded with ``fwd_seed`` and run forward,
backward and forward again in evaluate mode, as the fixtures' README describes; the results
must match ``NAME.io.t7`` (Double within 1e-10 relative). The same model built from its Lua
definition after ``torch.manualSeed(seed)`` must have the saved initial parameters, the saved
graph order, and reproduce the same numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nn_parity_helpers import (  # noqa: E402 - the folder is put on the path above
    COMPAT,
    DOUBLE_TOL,
    MODELS_DIR,
    check_model,
    check_run,
    concat,
    load,
    nn_runtime,
)

PUBLIC = COMPAT / "t7" / "public" / "torchfile"

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
    return nn_runtime("nngraph", need_load=True)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_loaded_gmodule_matches_torch7(lua: Any, name: str) -> None:
    """A gModule loaded from real Torch7's file reproduces its forward, backward and eval."""
    check_model(lua, name, DOUBLE_TOL)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_built_gmodule_has_saved_parameters_and_order(lua: Any, name: str) -> None:
    """The Lua definition after torch.manualSeed(seed) gives the saved parameters and order."""
    io = load(lua, MODELS_DIR / f"{name}.io.t7")
    built = lua.call(lua.eval(_LUA_BUILD), MODELS[name], int(io.seed))
    saved = load(lua, MODELS_DIR / f"{name}.t7")
    order = lua.eval(_LUA_ORDER)
    assert tuple(lua.call(order, saved)) == tuple(lua.call(order, built))
    params = lua.call(lua.eval("function(m) return (m:parameters()) end"), built)
    saved_params = lua.call(lua.eval("function(m) return (m:parameters()) end"), saved)
    assert 0.0 == float(np.max(np.abs(concat(lua, saved_params) - concat(lua, params))))


@pytest.mark.parametrize("name", sorted(MODELS))
def test_built_gmodule_matches_torch7(lua: Any, name: str) -> None:
    """The gModule built from its definition reproduces real Torch7's numbers."""
    io = load(lua, MODELS_DIR / f"{name}.io.t7")
    built = lua.call(lua.eval(_LUA_BUILD), MODELS[name], int(io.seed))
    check_run(lua, built, io, name)


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
