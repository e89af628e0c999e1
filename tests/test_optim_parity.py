"""Parity of the ``optim`` optimizers with real Torch7 on ten-step training runs.

``compat/torch7/optim/NAME.t7`` holds a run written by a real Torch7 build (see
``PROVENANCE.md`` there): a small MLP, its criterion, the optimizer's config, the loss
returned by each of ten ``optim.<name>(feval, params, config, state)`` calls, the flat
parameters after each call and the optimizer state at the end. Each run is replayed here
from the saved model and compared in double precision with a tolerance of 1e-10, relative
to the largest magnitude of the expected array.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.runtime import get_runtime

CORPUS = Path(__file__).resolve().parent.parent / "compat" / "torch7" / "optim"
RTOL = 1e-10
RUNS = (
    "sgd_plain",
    "sgd_momentum_wd_lrd",
    "sgd_nesterov",
    "adam",
    "adam_custom",
    "rmsprop",
    "rmsprop_custom",
    "adagrad",
    "adagrad_custom",
)
STATE_KEYS = {
    "sgd": {"evalCounter", "dfdx"},  # dfdx only with momentum
    "adam": {"t", "m", "v", "denom"},
    "rmsprop": {"m", "tmp"},
    "adagrad": {"evalCounter", "paramVariance", "paramStd"},
}

# Replay one run as the corpus was made. Returns the reference record, and what our
# optimizer produced, with tensors as numpy copies and tables as plain dicts.
_REPLAY = """
local runPath, dataPath = ...
require 'nn'
require 'optim'
local data = torch.load(dataPath)
local ref = torch.load(runPath)
local model, crit = ref.model_init, ref.criterion
local params, gradParams = model:getParameters()
local initParams = params:clone()
local function feval(x)
   if x ~= params then params:copy(x) end
   gradParams:zero()
   local out = model:forward(data.X)
   local loss = crit:forward(out, data.Y)
   model:backward(data.X, crit:backward(out, data.Y))
   return loss, gradParams
end
local config, state = {}, {}
for k, v in pairs(ref.config) do config[k] = v end
local losses, steps = torch.DoubleTensor(10), torch.DoubleTensor(10, params:nElement())
for i = 1, 10 do
   local x, fs = optim[ref.optimizer](feval, params, config, state)
   assert(x == params, 'the optimizer must update x in place and return it')
   losses[i] = fs[1]
   steps[i]:copy(params)
end
local finalLoss = feval(params)
local function export(v)
   if torch.isTensor(v) then return torch._np(v:clone()) end
   if type(v) ~= 'table' then return v end
   local r = {}
   for k, x in pairs(v) do r[k] = export(x) end
   return r
end
return export(ref), export({ init_params = initParams, losses = losses,
   params_per_step = steps, final_params = params, final_loss = finalLoss,
   config_after = config, state = state })
"""


def _to_python(value: Any) -> Any:
    """Turn lupa tables (recursively) into dicts; keep arrays and scalars."""
    if hasattr(value, "items") and not isinstance(value, (dict, np.ndarray)):
        return {k: _to_python(v) for k, v in value.items()}
    return value


@cache
def _replay(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    rt = get_runtime()
    rt.require("torch")
    fn = rt.eval("function(...) " + _REPLAY + " end")
    ref, ours = rt.call(fn, str(CORPUS / f"{name}.t7"), str(CORPUS / "data.t7"))
    return _to_python(ref), _to_python(ours)


def _rel_error(actual: Any, expected: Any) -> float:
    """Largest absolute difference, relative to the largest expected magnitude."""
    a, e = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    assert e.shape == a.shape
    scale = float(np.max(np.abs(e))) if e.size else 0.0
    diff = float(np.max(np.abs(a - e))) if e.size else 0.0
    return diff / scale if scale > 0 else diff


def test_index_lists_every_run() -> None:
    """index.t7 names exactly the runs replayed here, in generation order."""
    rt = get_runtime()
    index = rt.call(rt.eval("function(p) return torch.load(p) end"), str(CORPUS / "index.t7"))
    assert list(RUNS) == [index[i] for i in range(1, len(index) + 1)]


def test_corpus_checksums_match_provenance() -> None:
    """Every corpus file has the sha256 that PROVENANCE.md lists for it."""
    text = (CORPUS / "PROVENANCE.md").read_text()
    listed = dict(re.findall(r"^\| `([\w.]+\.t7)` \| `([0-9a-f]{64})` \|$", text, re.M))
    files = sorted(p.name for p in CORPUS.glob("*.t7"))
    assert files == sorted(listed)
    for name in files:
        assert listed[name] == hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()


def test_model_rebuilt_from_seed_matches_init_params() -> None:
    """Building the run's MLP after torch.manualSeed(1) gives the saved initial parameters."""
    rt = get_runtime()
    fn = rt.eval(
        """function(path)
           require 'nn'
           torch.manualSeed(1)
           local m = nn.Sequential():add(nn.Linear(10, 16)):add(nn.Tanh())
              :add(nn.Linear(16, 3)):add(nn.LogSoftMax())
           local p = m:getParameters()
           return torch._np(p:clone()), torch._np(torch.load(path).init_params)
        end"""
    )
    ours, expected = rt.call(fn, str(CORPUS / "sgd_plain.t7"))
    assert 0.0 == _rel_error(ours, expected)


@pytest.mark.parametrize("name", RUNS)
def test_loaded_model_flattens_to_init_params(name: str) -> None:
    """getParameters() of the saved model equals the saved initial parameters."""
    ref, ours = _replay(name)
    assert 0.0 == _rel_error(ours["init_params"], ref["init_params"])


@pytest.mark.parametrize("name", RUNS)
def test_losses_match_every_step(name: str) -> None:
    """The loss each call returns matches Torch7's within 1e-10 relative."""
    ref, ours = _replay(name)
    assert _rel_error(ours["losses"], ref["losses"]) <= RTOL


@pytest.mark.parametrize("name", RUNS)
def test_parameters_match_after_every_step(name: str) -> None:
    """The parameters after each call match Torch7's within 1e-10 relative."""
    ref, ours = _replay(name)
    expected, actual = ref["params_per_step"], ours["params_per_step"]
    assert expected.shape == actual.shape
    worst = max(_rel_error(actual[i], expected[i]) for i in range(expected.shape[0]))
    assert worst <= RTOL
    assert _rel_error(ours["final_params"], ref["final_params"]) <= RTOL


@pytest.mark.parametrize("name", RUNS)
def test_final_loss_matches(name: str) -> None:
    """The loss at the final parameters matches Torch7's within 1e-10 relative."""
    ref, ours = _replay(name)
    assert _rel_error(ours["final_loss"], ref["final_loss"]) <= RTOL


@pytest.mark.parametrize("name", RUNS)
def test_state_has_torch7_fields_and_values(name: str) -> None:
    """The optimizer state holds Torch7's field names, counters and buffers after ten calls."""
    ref, ours = _replay(name)
    expected, actual = ref["state"], ours["state"]
    assert set(expected) <= STATE_KEYS[ref["optimizer"]]
    assert set(expected) == set(actual)
    for key, value in expected.items():
        if isinstance(value, np.ndarray):
            assert _rel_error(actual[key], value) <= RTOL, key
        else:
            assert value == actual[key], key


@pytest.mark.parametrize("name", RUNS)
def test_config_is_left_unchanged(name: str) -> None:
    """With a separate state table the optimizer does not modify its config."""
    ref, ours = _replay(name)
    assert ref["config"] == ref["config_after"]
    assert ref["config_after"] == ours["config_after"]
