"""Helpers shared by the nn parity tests: loading the files real Torch7 wrote (compat/torch7,
compat/torch7-rng), running a fixture model or criterion, and comparing with Torch7's numbers.

A model fixture ``NAME.t7`` is seeded with ``fwd_seed`` from ``NAME.io.t7`` and run forward,
backward and forward again in evaluate mode, as the fixtures' README describes. Results are
compared elementwise with a relative tolerance: 1e-10 for Double fixtures, 1e-5 for Float ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge.runtime import get_runtime

COMPAT = Path(__file__).resolve().parent.parent / "compat"
MODELS_DIR = COMPAT / "torch7" / "models"
CRITERIA_DIR = COMPAT / "torch7" / "criteria"
NNINIT = COMPAT / "torch7-rng" / "nninit_values.txt"

#: Relative tolerances of a Double fixture and of a Float one.
DOUBLE_TOL = 1e-10
FLOAT_TOL = 1e-5

#: The results of a model run, in the order they are compared.
MODEL_KEYS = ("output", "gradInput", "params", "gradParams", "eval_output")

#: A Lua local function that copies a tensor or a nested table of tensors.
_LUA_CLONE = """
   local function clone(x)
      if torch.isTensor(x) then return x:clone() end
      local r = {}
      for k, v in pairs(x) do r[k] = clone(v) end
      return r
   end
"""

_LUA_RUN_MODEL = (
    """
function(m, io, afterBackward)
"""
    + _LUA_CLONE
    + """   local function flat(list)
      local parts = {}
      for _, p in ipairs(list or {}) do parts[#parts + 1] = p:clone() end
      return parts
   end
   torch.manualSeed(io.fwd_seed)
   local got = { output = clone(m:forward(io.input)) }
   m:zeroGradParameters()
   got.gradInput = clone(m:backward(io.input, io.gradOutput))
   local p, g = m:parameters()
   got.params, got.gradParams = flat(p), flat(g)
   if afterBackward then afterBackward(m, io, got) end
   m:evaluate()
   got.eval_output = clone(m:forward(io.input))
   return got
end
"""
)

_LUA_BUILD = """
function(definition, seed)
   torch.manualSeed(seed)
   local m = loadstring('return ' .. definition)()
   local parts = {}
   for _, p in ipairs(m:parameters() or {}) do parts[#parts + 1] = p:clone() end
   return parts, torch.rand(1)[1]
end
"""

_LUA_RUN_CRITERION = (
    """
function(path, nested)
"""
    + _LUA_CLONE
    + """
   local f = torch.load(path)
   local loss = f.criterion:forward(f.input, f.target)
   local grad = f.criterion:backward(f.input, f.target)
   if nested then return loss, clone(grad), f end
   return loss, grad:clone(), f
end
"""
)


def nn_runtime(library: str = "nn", *, need_load: bool = False) -> Any:
    """The runtime with ``library`` loaded; fails when ``need_load`` and torch.load is missing."""
    rt = get_runtime()
    rt.require(library)
    if need_load and rt.eval("torch.load") is None:
        pytest.fail("torch.load is missing from the torch library")
    return rt


def load(rt: Any, path: Path) -> Any:
    """``torch.load`` of ``path``."""
    return rt.call(rt.eval("torch.load"), str(path))


def missing_classes(rt: Any, classes: list[str] | tuple[str, ...]) -> list[str]:
    """The names in ``classes`` that have no ``nn.NAME`` class yet."""
    return [c for c in classes if rt.eval(f"nn.{c}") is None]


def _arrays(rt: Any, x: Any, numbers: bool) -> list[Any]:
    if numbers and isinstance(x, (int, float)):
        return [np.array([x], dtype=np.float64)]
    if rt.eval("torch.isTensor")(x):
        return [np.array(rt.eval("torch._np")(x), dtype=np.float64).reshape(-1)]
    out: list[Any] = []
    for i in range(1, len(x) + 1):
        out.extend(_arrays(rt, x[i], numbers))
    return out


def concat(rt: Any, x: Any, *, numbers: bool = False) -> Any:
    """A tensor or nested Lua list of tensors as one float64 vector.

    Args:
        rt: The runtime.
        x: The tensor or list.
        numbers: Whether plain numbers may stand where tensors do.

    Returns:
        Every element, tensor after tensor, in row-major order.
    """
    parts = _arrays(rt, x, numbers)
    return np.concatenate(parts) if parts else np.zeros(0)


def tolerance(rt: Any, io: Any) -> float:
    """The relative tolerance of a fixture: Float's if its output (or input) is Float."""
    kind = str(rt.eval("torch.type")(io.output if io.output is not None else io.input))
    return FLOAT_TOL if "Float" in kind else DOUBLE_TOL


def assert_close(
    expected: Any, actual: Any, tol: float, what: str, *, floor: float = 1e-3
) -> None:
    """Elementwise relative tolerance ``tol``; near-zero elements are held instead to ``floor``
    times ``tol`` times the largest magnitude of ``expected``."""
    scale = float(np.max(np.abs(expected))) if expected.size else 1.0
    assert expected.shape == actual.shape, what
    np.testing.assert_allclose(actual, expected, rtol=tol, atol=tol * floor * scale, err_msg=what)


def check_run(
    rt: Any,
    model: Any,
    io: Any,
    name: str,
    tol: float = DOUBLE_TOL,
    *,
    floor: float = 1e-3,
    after_backward: Any = None,
) -> Any:
    """Run ``model`` on the fixture ``io`` and compare every result with Torch7's.

    Args:
        rt: The runtime.
        model: The Lua module.
        io: The loaded ``NAME.io.t7`` table.
        name: The fixture's name, for the messages.
        tol: The relative tolerance.
        floor: See :func:`assert_close`.
        after_backward: A Lua function ``(m, io, got)`` called after backward, before the
            evaluate-mode forward, to record more in ``got``.

    Returns:
        The Lua table of results.
    """
    got = rt.call(rt.eval(_LUA_RUN_MODEL), model, io, after_backward)
    for key in MODEL_KEYS:
        assert_close(concat(rt, io[key]), concat(rt, got[key]), tol, f"{name}: {key}", floor=floor)
    return got


def check_model(
    rt: Any,
    name: str,
    tol: float | None = None,
    *,
    float_floor: float = 1e-3,
    after_backward: Any = None,
) -> Any:
    """:func:`check_run` on the fixture model ``NAME.t7`` and ``NAME.io.t7``.

    ``tol`` defaults to the fixture's :func:`tolerance`. ``float_floor`` is the floor used
    at Float's tolerance: float32 sums in another order cancel to a few ulps of the largest
    term, so a Float fixture may hold its near-zero entries to the whole of the scale.
    """
    model = load(rt, MODELS_DIR / f"{name}.t7")
    io = load(rt, MODELS_DIR / f"{name}.io.t7")
    tol = tolerance(rt, io) if tol is None else tol
    floor = float_floor if tol == FLOAT_TOL else 1e-3
    return check_run(rt, model, io, name, tol, floor=floor, after_backward=after_backward)


def build_parameters(rt: Any, definition: str, seed: int) -> tuple[Any, Any]:
    """Build the Lua expression ``definition`` after ``torch.manualSeed(seed)``.

    Returns:
        Copies of its parameters (a Lua list) and the next ``torch.rand`` number.
    """
    params, next_uniform = rt.call(rt.eval(_LUA_BUILD), definition, seed)
    return params, next_uniform


def check_built_parameters(rt: Any, name: str, definition: str, tol: float | None = None) -> None:
    """The fixture's definition after ``torch.manualSeed(seed)`` gives its saved parameters
    (within ``tol``, by default the fixture's :func:`tolerance`)."""
    io = load(rt, MODELS_DIR / f"{name}.io.t7")
    params, _ = build_parameters(rt, definition, int(io.seed))
    tol = tolerance(rt, io) if tol is None else tol
    assert_close(concat(rt, io.params), concat(rt, params), tol, name)


def check_criterion(rt: Any, name: str, *, nested: bool = False) -> None:
    """The saved criterion ``NAME.t7`` gives Torch7's loss and gradInput on the saved data.

    ``nested`` lets the gradient be a table and hold numbers (criteria of several inputs).
    """
    loss, grad, saved = rt.call(
        rt.eval(_LUA_RUN_CRITERION), str(CRITERIA_DIR / f"{name}.t7"), nested
    )
    assert saved.loss == pytest.approx(loss, rel=DOUBLE_TOL)
    expected = concat(rt, saved.gradInput, numbers=nested)
    assert_close(expected, concat(rt, grad, numbers=nested), DOUBLE_TOL, name)


def nninit_row(key: str) -> list[float]:
    """The values of nninit_values.txt's line ``key``: parameters, then the next uniform."""
    for line in NNINIT.read_text().splitlines():
        fields = line.split()
        if fields[:1] == [key]:
            return [float(v) for v in fields[1:]]
    raise KeyError(key)


def check_initial_parameters(rt: Any, key: str, definition: str, seed: int) -> None:
    """``definition`` after ``torch.manualSeed(seed)`` draws exactly nninit_values.txt's
    ``s<seed>_<key>`` parameters and as many random numbers (the next uniform agrees)."""
    row = nninit_row(f"s{seed}_{key}")
    params, next_uniform = build_parameters(rt, definition, seed)
    assert row[:-1] == concat(rt, params).tolist()
    assert row[-1] == next_uniform
