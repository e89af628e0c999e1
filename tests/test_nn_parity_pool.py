"""Parity of the pooling and normalization modules with real Torch7 (compat/torch7,
compat/torch7-rng).

Each fixture model is loaded with ``torch.load``, seeded with ``fwd_seed`` and run forward,
backward and forward again in evaluate mode; the results must match ``NAME.io.t7`` (Double
within 1e-10 relative, Float within 1e-5, max-pooling indices exactly). Models that need a
class nobody has written yet are skipped, naming the class. The batch-normalization
constructors must draw the parameters recorded in ``nninit_values.txt``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.runtime import get_runtime

ROOT = Path(__file__).resolve().parent.parent / "compat"
MODELS_DIR = ROOT / "torch7" / "models"

#: fixture model -> (its Lua definition from the fixtures' README, classes it needs)
MODELS: dict[str, tuple[str, list[str]]] = {
    "batchnorm_noaffine": (
        "nn.Sequential():add(nn.BatchNormalization(6, 1e-3, 0.2, false)):add(nn.Linear(6, 2))",
        ["BatchNormalization", "Linear"],
    ),
    "convnet_bn": (
        "nn.Sequential():add(nn.SpatialConvolution(3, 8, 3, 3, 1, 1, 1, 1))"
        ":add(nn.SpatialBatchNormalization(8)):add(nn.ReLU())"
        ":add(nn.SpatialMaxPooling(2, 2, 2, 2))"
        ":add(nn.SpatialConvolutionMM(8, 16, 3, 3)):add(nn.ReLU())"
        ":add(nn.SpatialAveragePooling(2, 2, 2, 2)):add(nn.View(16 * 3 * 3))"
        ":add(nn.Linear(144, 10)):add(nn.BatchNormalization(10)):add(nn.Reshape(2, 5))",
        [
            "SpatialConvolution",
            "SpatialConvolutionMM",
            "SpatialBatchNormalization",
            "SpatialMaxPooling",
            "SpatialAveragePooling",
            "BatchNormalization",
            "View",
            "Reshape",
        ],
    ),
    "lenet_float": (
        "nn.Sequential():add(nn.SpatialConvolution(1, 6, 5, 5)):add(nn.ReLU())"
        ":add(nn.SpatialMaxPooling(2, 2, 2, 2)):add(nn.SpatialConvolution(6, 16, 5, 5))"
        ":add(nn.ReLU()):add(nn.SpatialMaxPooling(2, 2, 2, 2)):add(nn.View(16 * 5 * 5))"
        ":add(nn.Linear(400, 120)):add(nn.ReLU()):add(nn.Linear(120, 84)):add(nn.ReLU())"
        ":add(nn.Linear(84, 10)):add(nn.LogSoftMax()):float()",
        ["SpatialConvolution", "SpatialMaxPooling", "View", "Linear", "LogSoftMax"],
    ),
    "fullconv_zeropad": (
        "nn.Sequential():add(nn.SpatialZeroPadding(1, 1, 1, 1))"
        ":add(nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 1, 1)):add(nn.ReLU())",
        ["SpatialZeroPadding", "SpatialFullConvolution", "ReLU"],
    ),
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
   -- each max pooling's input and indices, for the exact index check
   local pools = {}
   for i, mod in ipairs(m.modules or {}) do
      if torch.type(mod) == 'nn.SpatialMaxPooling' then
         local before = i > 1 and m.modules[i - 1].output or io.input
         pools[#pools + 1] = { input = before:clone(), indices = mod.indices:clone(), k = mod.kW }
      end
   end
   got.pools = pools
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
   return parts, torch.rand(1)[1]
end
"""


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nn loaded."""
    rt = get_runtime()
    rt.require("nn")
    return rt


def _need(rt: Any, classes: list[str]) -> None:
    missing = [c for c in classes if rt.eval(f"nn.{c}") is None]
    if missing:
        pytest.fail("nn classes not written yet: " + ", ".join(missing))


def _arrays(rt: Any, x: Any) -> list[Any]:
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
    """Elementwise relative tolerance ``tol``; near-zero elements are compared against the
    tensor's largest magnitude instead (1e-3 of it in Double; all of it in Float, whose
    float32 sums cancel to a few ulps of the largest term, in any summation order)."""
    scale = float(np.max(np.abs(expected))) if expected.size else 1.0
    floor = tol * scale * (1.0 if tol >= 1e-6 else 1e-3)
    np.testing.assert_allclose(actual, expected, rtol=tol, atol=floor, err_msg=what)


def _ref_max_indices(x: Any, k: int) -> Any:
    """Torch7's indices for a k x k / stride k max pooling: 1-based flat position of the
    first maximum of each window in its plane."""
    n, c, h, w = x.shape
    oh, ow = h // k, w // k
    win = x[:, :, : oh * k, : ow * k].reshape(n, c, oh, k, ow, k).transpose(0, 1, 2, 4, 3, 5)
    arg = win.reshape(n, c, oh, ow, k * k).argmax(axis=-1)
    rows = np.arange(oh)[:, None] * k + arg // k
    cols = np.arange(ow)[None, :] * k + arg % k
    return rows * w + cols + 1


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_matches_torch7(lua: Any, name: str) -> None:
    """Forward, backward and evaluate-mode forward reproduce real Torch7's numbers."""
    _need(lua, MODELS[name][1])
    got, io = lua.call(
        lua.eval(_LUA_RUN_MODEL),
        str(MODELS_DIR / f"{name}.t7"),
        str(MODELS_DIR / f"{name}.io.t7"),
    )
    kind = str(lua.eval("torch.type")(io.output))
    tol = 1e-5 if "Float" in kind else 1e-10
    for key in ("output", "gradInput", "params", "gradParams", "eval_output"):
        _assert_close(_concat(lua, io[key]), _concat(lua, got[key]), tol, f"{name}: {key}")
    # max-pooling indices: exactly those of a first-maximum scan of each pooling's input
    for i in range(1, len(got.pools) + 1):
        pool = got.pools[i]
        x = np.array(lua.eval("torch._np")(pool.input), dtype=np.float64)
        ind = np.array(lua.eval("torch._np")(pool.indices))
        assert _ref_max_indices(x, int(pool.k)).tolist() == ind.tolist()


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_built_from_definition_has_saved_parameters(lua: Any, name: str) -> None:
    """The README's Lua definition after torch.manualSeed(seed) gives the saved parameters."""
    _need(lua, MODELS[name][1])
    io = lua.call(lua.eval("torch.load"), str(MODELS_DIR / f"{name}.io.t7"))
    params, _ = lua.call(lua.eval(_LUA_BUILD), MODELS[name][0], int(io.seed))
    _assert_close(_concat(lua, io.params), _concat(lua, params), 1e-10, name)


def _nninit() -> dict[str, list[float]]:
    table = {}
    for line in (ROOT / "torch7-rng" / "nninit_values.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            key, *vals = line.split()
            table[key] = [float(v) for v in vals]
    return table


@pytest.mark.parametrize("seed", [1, 42])
@pytest.mark.parametrize("cls", ["BatchNormalization", "SpatialBatchNormalization"])
def test_batchnorm_constructor_draws_torch7_parameters(lua: Any, seed: int, cls: str) -> None:
    """nn.(Spatial)BatchNormalization(3) after manualSeed draws Torch7's weight (and the
    same count of numbers: the next uniform agrees)."""
    expected = _nninit()[f"s{seed}_{cls}_3"]
    params, nxt = lua.call(lua.eval(_LUA_BUILD), f"nn.{cls}(3)", seed)
    assert expected[:-1] == _concat(lua, params).tolist()
    assert expected[-1] == nxt
