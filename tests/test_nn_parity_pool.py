"""Parity of the pooling and normalization modules with real Torch7 (compat/torch7,
compat/torch7-rng).

Each fixture model is loaded with ``torch.load``, seeded with ``fwd_seed`` and run forward,
backward and forward again in evaluate mode; the results must match ``NAME.io.t7`` (Double
within 1e-10 relative, Float within 1e-5, max-pooling indices exactly). Models that need a
class nobody has written yet are skipped, naming the class. The batch-normalization
constructors must draw the parameters recorded in ``nninit_values.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
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

#: Called after backward: records each max pooling's input and indices, for the exact check.
_LUA_MAX_POOLS = """
function(m, io, got)
   local pools = {}
   for i, mod in ipairs(m.modules or {}) do
      if torch.type(mod) == 'nn.SpatialMaxPooling' then
         local before = i > 1 and m.modules[i - 1].output or io.input
         pools[#pools + 1] = { input = before:clone(), indices = mod.indices:clone(), k = mod.kW }
      end
   end
   got.pools = pools
end
"""


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nn loaded."""
    return nn_runtime()


def _need(rt: Any, classes: list[str]) -> None:
    missing = missing_classes(rt, classes)
    if missing:
        pytest.fail("nn classes not written yet: " + ", ".join(missing))


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
    got = check_model(lua, name, float_floor=1.0, after_backward=lua.eval(_LUA_MAX_POOLS))
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
    check_built_parameters(lua, name, MODELS[name][0], DOUBLE_TOL)


@pytest.mark.parametrize("seed", [1, 42])
@pytest.mark.parametrize("cls", ["BatchNormalization", "SpatialBatchNormalization"])
def test_batchnorm_constructor_draws_torch7_parameters(lua: Any, seed: int, cls: str) -> None:
    """nn.(Spatial)BatchNormalization(3) after manualSeed draws Torch7's weight (and the
    same count of numbers: the next uniform agrees)."""
    check_initial_parameters(lua, f"{cls}_3", f"nn.{cls}(3)", seed)
