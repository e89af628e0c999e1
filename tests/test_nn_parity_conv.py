"""Parity of the convolution modules with real Torch7 and with direct loop references.

Three kinds of checks:

- constructors: after ``torch.manualSeed(seed)``, each convolution constructor of
  compat/torch7-rng/nninit_values.txt gives exactly the parameters real Torch7 drew, and
  consumed the same number of random values (``next_uniform``);
- fixture models (compat/torch7/models) that need the convolution modules, run as in
  tests/test_nn_parity.py once every class they use exists;
- module level: forward, input gradient and parameter gradients of every convolution module,
  batch and non-batch, Double and Float, against slow loop-over-taps references written here.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge._interop import from_numpy
from pytorch_bridge.runtime import get_runtime

ROOT = Path(__file__).resolve().parent.parent
NNINIT = ROOT / "compat" / "torch7-rng" / "nninit_values.txt"
MODELS = ROOT / "compat" / "torch7" / "models"

#: The convolution constructors of nninit_values.txt, with the code real Torch7 ran.
NNINIT_CODE = {
    "SpatialConvolutionLocal_2_2_4x4_3x3": "nn.SpatialConvolutionLocal(2, 2, 4, 4, 3, 3)",
    "SpatialConvolutionMM_2_3_3x3": "nn.SpatialConvolutionMM(2, 3, 3, 3)",
    "SpatialConvolution_2_3_3x3": "nn.SpatialConvolution(2, 3, 3, 3)",
    "SpatialDilatedConvolution_2_3_3x3": (
        "nn.SpatialDilatedConvolution(2, 3, 3, 3, 1, 1, 1, 1, 2, 2)"
    ),
    "SpatialFullConvolution_2_3_3x3": "nn.SpatialFullConvolution(2, 3, 3, 3)",
    "TemporalConvolution_3_2_2": "nn.TemporalConvolution(3, 2, 2)",
    "VolumetricConvolution_1_2_2x2x2": "nn.VolumetricConvolution(1, 2, 2, 2, 2)",
}

#: Fixture models that use the convolution modules: definition (from the fixtures' README)
#: and the classes they need.
FIXTURES: dict[str, tuple[str, list[str]]] = {
    "lenet_float": (
        "nn.Sequential():add(nn.SpatialConvolution(1, 6, 5, 5)):add(nn.ReLU())"
        ":add(nn.SpatialMaxPooling(2, 2, 2, 2)):add(nn.SpatialConvolution(6, 16, 5, 5))"
        ":add(nn.ReLU()):add(nn.SpatialMaxPooling(2, 2, 2, 2)):add(nn.View(16 * 5 * 5))"
        ":add(nn.Linear(400, 120)):add(nn.ReLU()):add(nn.Linear(120, 84)):add(nn.ReLU())"
        ":add(nn.Linear(84, 10)):add(nn.LogSoftMax()):float()",
        ["SpatialMaxPooling"],
    ),
    "convnet_bn": (
        "nn.Sequential():add(nn.SpatialConvolution(3, 8, 3, 3, 1, 1, 1, 1))"
        ":add(nn.SpatialBatchNormalization(8)):add(nn.ReLU())"
        ":add(nn.SpatialMaxPooling(2, 2, 2, 2)):add(nn.SpatialConvolutionMM(8, 16, 3, 3))"
        ":add(nn.ReLU()):add(nn.SpatialAveragePooling(2, 2, 2, 2)):add(nn.View(16 * 3 * 3))"
        ":add(nn.Linear(144, 10)):add(nn.BatchNormalization(10)):add(nn.Reshape(2, 5))",
        [
            "SpatialBatchNormalization",
            "SpatialMaxPooling",
            "SpatialAveragePooling",
            "BatchNormalization",
        ],
    ),
    "fullconv_zeropad": (
        "nn.Sequential():add(nn.SpatialZeroPadding(1, 1, 1, 1))"
        ":add(nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 1, 1)):add(nn.ReLU())",
        ["SpatialZeroPadding"],
    ),
    "conv_nobias_3d_input": (
        "nn.Sequential():add(nn.SpatialConvolution(2, 4, 3, 3, 1, 1, 1, 1):noBias())"
        ":add(nn.SpatialDropout(0.3)):add(nn.SpatialSoftMax())",
        ["SpatialDropout", "SpatialSoftMax"],
    ),
}

_LUA_BUILD = """
function(code, seed)
   torch.manualSeed(seed)
   local m = loadstring('return ' .. code)()
   local parts = {}
   for _, p in ipairs(m:parameters() or {}) do parts[#parts + 1] = p:clone() end
   return parts, torch.rand(1)[1]
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
   local m, io = torch.load(modelPath), torch.load(ioPath)
   torch.manualSeed(io.fwd_seed)
   local got = { output = clone(m:forward(io.input)) }
   m:zeroGradParameters()
   got.gradInput = clone(m:backward(io.input, io.gradOutput))
   local p, g = m:parameters()
   got.params, got.gradParams = clone(p or {}), clone(g or {})
   m:evaluate()
   got.eval_output = clone(m:forward(io.input))
   return got, io
end
"""


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nn loaded."""
    rt = get_runtime()
    rt.require("nn")
    return rt


def _np(rt: Any, t: Any) -> Any:
    return np.array(rt.eval("torch._np")(t), dtype=np.float64)


def _flat(rt: Any, x: Any) -> Any:
    """Concatenate a tensor or a (nested) Lua list of tensors into one float64 vector."""
    if rt.eval("torch.isTensor")(x):
        return _np(rt, x).reshape(-1)
    parts = [_flat(rt, x[i]) for i in range(1, len(x) + 1)]
    return np.concatenate(parts) if parts else np.zeros(0)


def _nninit() -> dict[str, list[float]]:
    rows = {}
    for line in NNINIT.read_text().splitlines():
        if line and not line.startswith("#"):
            key, *vals = line.split()
            rows[key] = [float(v) for v in vals]
    return rows


@pytest.mark.parametrize("seed", [1, 42])
@pytest.mark.parametrize("name", sorted(NNINIT_CODE))
def test_constructor_draws_torch7_parameters(lua: Any, name: str, seed: int) -> None:
    """After manualSeed, a conv constructor draws real Torch7's parameters, then stops."""
    row = _nninit()[f"s{seed}_{name}"]
    params, next_uniform = lua.call(lua.eval(_LUA_BUILD), NNINIT_CODE[name], seed)
    got = _flat(lua, params)
    assert row[:-1] == got.tolist()
    assert row[-1] == next_uniform


def _missing(rt: Any, classes: list[str]) -> list[str]:
    return [c for c in classes if rt.eval(f"nn.{c}") is None]


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_model_matches_torch7(lua: Any, name: str) -> None:
    """A saved conv model's forward, backward and eval forward reproduce real Torch7's."""
    missing = _missing(lua, FIXTURES[name][1])
    if missing:
        pytest.fail(f"{name} needs {', '.join(missing)}")
    got, io = lua.call(
        lua.eval(_LUA_RUN_MODEL), str(MODELS / f"{name}.t7"), str(MODELS / f"{name}.io.t7")
    )
    single = "Float" in str(lua.eval("torch.type")(io.output))
    tol = 1e-5 if single else 1e-10
    for key in ("output", "gradInput", "params", "gradParams", "eval_output"):
        expected, actual = _flat(lua, io[key]), _flat(lua, got[key])
        scale = float(np.abs(expected).max()) if expected.size else 1.0
        # float32 sums in another order: entries that cancel are held to the array's scale
        atol = tol * scale if single else tol * 1e-3 * scale
        np.testing.assert_allclose(actual, expected, rtol=tol, atol=atol, err_msg=f"{name}: {key}")


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_model_built_from_definition(lua: Any, name: str) -> None:
    """The README definition after manualSeed(seed) gives the saved initial parameters."""
    missing = _missing(lua, FIXTURES[name][1])
    if missing:
        pytest.fail(f"{name} needs {', '.join(missing)}")
    io = lua.call(lua.eval("torch.load"), str(MODELS / f"{name}.io.t7"))
    params, _ = lua.call(lua.eval(_LUA_BUILD), FIXTURES[name][0], int(io.seed))
    assert _flat(lua, io.params).tolist() == _flat(lua, params).tolist()


# ---- module level: loop references ------------------------------------------------------


def _taps(
    grid: tuple[int, ...],
    out: tuple[int, ...],
    k: tuple[int, ...],
    d: tuple[int, ...],
    pad: tuple[int, ...],
    dil: tuple[int, ...],
) -> Any:
    """Every (output point, kernel tap, input point) of a convolution that hits the input."""
    for o in itertools.product(*(range(n) for n in out)):
        for kk in itertools.product(*(range(n) for n in k)):
            i = tuple(a * s - p + b * e for a, s, p, b, e in zip(o, d, pad, kk, dil, strict=True))
            if all(0 <= v < n for v, n in zip(i, grid, strict=True)):
                yield o, kk, i


def _at(a: Any, idx: tuple[int, ...]) -> Any:
    return a[(slice(None), slice(None)) + idx]


def conv_reference(
    x: Any, w: Any, b: Any, go: Any, k: Any, d: Any, pad: Any, dil: Any
) -> tuple[Any, ...]:
    """Output, gradInput, gradWeight, gradBias of a convolution, tap by tap."""
    grid = x.shape[2:]
    out = tuple(
        (n + 2 * p - (e * (kk - 1) + 1)) // s + 1
        for n, kk, s, p, e in zip(grid, k, d, pad, dil, strict=True)
    )
    y = np.zeros((x.shape[0], w.shape[0], *out))
    gi, gw = np.zeros_like(x), np.zeros_like(w)
    for o, kk, i in _taps(grid, out, k, d, pad, dil):
        _at(y, o)[...] += _at(x, i) @ _at(w, kk).T
        if go is not None:
            _at(gi, i)[...] += _at(go, o) @ _at(w, kk)
            _at(gw, kk)[...] += _at(go, o).T @ _at(x, i)
    if b is not None:
        y += b.reshape((-1,) + (1,) * len(k))
    gb = go.sum(axis=(0,) + tuple(range(2, go.ndim))) if go is not None else None
    return y, gi, gw, gb


def full_reference(x: Any, w: Any, b: Any, go: Any, d: Any, pad: Any, adj: Any) -> tuple[Any, ...]:
    """Output, gradInput, gradWeight, gradBias of a full convolution, tap by tap."""
    k, grid = w.shape[2:], x.shape[2:]
    full = tuple(
        (n - 1) * s - 2 * p + kk + a for n, s, p, kk, a in zip(grid, d, pad, k, adj, strict=True)
    )
    y = np.zeros((x.shape[0], w.shape[1], *full))
    gi, gw = np.zeros_like(x), np.zeros_like(w)
    for o, kk, i in _taps(full, grid, k, d, pad, (1,) * len(k)):
        _at(y, i)[...] += _at(x, o) @ _at(w, kk)
        if go is not None:
            _at(gi, o)[...] += _at(go, i) @ _at(w, kk).T
            _at(gw, kk)[...] += _at(x, o).T @ _at(go, i)
    if b is not None:
        y += b.reshape((-1,) + (1,) * len(k))
    gb = go.sum(axis=(0,) + tuple(range(2, go.ndim))) if go is not None else None
    return y, gi, gw, gb


def local_reference(x: Any, w: Any, b: Any, go: Any, d: Any, pad: Any) -> tuple[Any, ...]:
    """Output, gradInput, gradWeight, gradBias of a locally connected layer."""
    out, k = w.shape[:2], w.shape[4:]
    y = np.zeros((x.shape[0], w.shape[2], *out))
    gi, gw = np.zeros_like(x), np.zeros_like(w)
    for o, kk, i in _taps(x.shape[2:], out, k, d, pad, (1, 1)):
        f = w[o][(slice(None), slice(None)) + kk]
        _at(y, o)[...] += _at(x, i) @ f.T
        if go is not None:
            _at(gi, i)[...] += _at(go, o) @ f
            w_grad = gw[o]
            w_grad[(slice(None), slice(None)) + kk] += _at(go, o).T @ _at(x, i)
    y += b
    gb = go.sum(axis=0) if go is not None else None
    return y, gi, gw, gb


def temporal_reference(x: Any, w: Any, b: Any, go: Any, kw: int, dw: int) -> tuple[Any, ...]:
    """Output, gradInput, gradWeight, gradBias of a temporal convolution, frame by frame."""
    n = (x.shape[1] - kw) // dw + 1
    y = np.zeros((x.shape[0], n, w.shape[0]))
    gi, gw = np.zeros_like(x), np.zeros_like(w)
    for t in range(n):
        window = x[:, t * dw : t * dw + kw].reshape(x.shape[0], -1)
        y[:, t] = window @ w.T + b
        if go is not None:
            gi[:, t * dw : t * dw + kw] += (go[:, t] @ w).reshape(x.shape[0], kw, -1)
            gw += go[:, t].T @ window
    gb = go.sum(axis=(0, 1)) if go is not None else None
    return y, gi, gw, gb


#: (Lua constructor, input shape, reference kind, reference settings in T, H, W order)
CASES = [
    (
        "nn.SpatialConvolution(3, 4, 3, 2, 2, 1, 1, 2)",
        (2, 3, 7, 6),
        "conv",
        ((2, 3), (1, 2), (2, 1), (1, 1)),
    ),
    (
        "nn.SpatialConvolution(3, 4, 3, 3, 1, 1, 1, 1)",
        (3, 6, 5),
        "conv",
        ((3, 3), (1, 1), (1, 1), (1, 1)),
    ),
    (
        "nn.SpatialConvolution(2, 3, 5, 5):noBias()",
        (2, 2, 9, 9),
        "conv",
        ((5, 5), (1, 1), (0, 0), (1, 1)),
    ),
    (
        "nn.SpatialConvolutionMM(3, 2, 3, 3, 2, 2, 1, 1)",
        (2, 3, 7, 8),
        "conv",
        ((3, 3), (2, 2), (1, 1), (1, 1)),
    ),
    ("nn.SpatialConvolutionMM(2, 2, 2, 3)", (2, 5, 4), "conv", ((3, 2), (1, 1), (0, 0), (1, 1))),
    (
        "nn.SpatialDilatedConvolution(2, 3, 3, 2, 1, 2, 1, 0, 2, 1)",
        (2, 2, 9, 8),
        "conv",
        ((2, 3), (2, 1), (0, 1), (1, 2)),
    ),
    (
        "nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 1, 1)",
        (2, 2, 4, 5),
        "full",
        ((2, 2), (1, 1), (1, 1)),
    ),
    ("nn.SpatialFullConvolution(3, 2, 2, 3)", (3, 4, 4), "full", ((1, 1), (0, 0), (0, 0))),
    (
        "nn.SpatialConvolutionLocal(2, 3, 6, 5, 3, 2, 1, 2, 1, 0)",
        (2, 2, 5, 6),
        "local",
        ((2, 1), (0, 1)),
    ),
    ("nn.SpatialConvolutionLocal(2, 2, 4, 4, 3, 3)", (2, 4, 4), "local", ((1, 1), (0, 0))),
    ("nn.TemporalConvolution(4, 3, 3, 2)", (2, 9, 4), "temporal", (3, 2)),
    ("nn.TemporalConvolution(4, 3, 2)", (6, 4), "temporal", (2, 1)),
    (
        "nn.VolumetricConvolution(2, 3, 2, 3, 2, 1, 2, 1, 1, 0, 1)",
        (2, 2, 4, 6, 5),
        "conv",
        ((2, 2, 3), (1, 1, 2), (1, 1, 0), (1, 1, 1)),
    ),
    (
        "nn.VolumetricConvolution(1, 2, 2, 2, 2)",
        (1, 3, 3, 3),
        "conv",
        ((2, 2, 2), (1, 1, 1), (0, 0, 0), (1, 1, 1)),
    ),
    (
        "nn.VolumetricFullConvolution(2, 3, 2, 2, 3, 2, 1, 2, 1, 0, 0, 1, 0, 1)",
        (2, 2, 3, 3, 2),
        "full",
        ((2, 2, 1), (1, 0, 0), (1, 1, 0)),
    ),
]

_LUA_MODULE = """
function(code, typename)
   return loadstring('return ' .. code)():type(typename)
end
"""

_LUA_RUN = """
function(m, x, go, scale)
   local y = m:forward(x):clone()
   m:zeroGradParameters()
   local gi = m:backward(x, go, scale):clone()
   return y, gi
end
"""


def _reference(kind: str, cfg: Any, x: Any, w: Any, b: Any, go: Any) -> tuple[Any, ...]:
    nd = {
        "conv": len(cfg[0]) if kind == "conv" else 0,
        "full": w.ndim - 2,
        "local": 2,
        "temporal": 1,
    }[kind]
    batched = x if x.ndim == nd + 2 else x[None]
    g = None if go is None else (go if go.ndim == batched.ndim else go[None])
    if kind == "conv":
        r = conv_reference(batched, w.reshape(w.shape[0], batched.shape[1], *cfg[0]), b, g, *cfg)
    elif kind == "full":
        r = full_reference(batched, w, b, g, *cfg)
    elif kind == "local":
        r = local_reference(batched, w, b, g, *cfg)
    else:
        r = temporal_reference(batched, w, b, g, *cfg)
    squeeze = batched is not x
    return tuple(a[0] if squeeze and i < 2 and a is not None else a for i, a in enumerate(r))


@pytest.mark.parametrize("typename", ["torch.DoubleTensor", "torch.FloatTensor"])
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_module_matches_loop_reference(lua: Any, case: Any, typename: str) -> None:
    """Forward, gradInput and scaled parameter gradients match the loop references."""
    code, shape, kind, cfg = case
    dtype = np.float32 if "Float" in typename else np.float64
    rng = np.random.default_rng(sum(shape) + len(code))
    m = lua.call(lua.eval(_LUA_MODULE), code, typename)
    w = _np(lua, m.weight)
    b = None if m.bias is None else _np(lua, m.bias)
    x = rng.uniform(-2, 2, shape).astype(dtype)
    y_ref = _reference(kind, cfg, x.astype(np.float64), w, b, None)[0]
    go = rng.uniform(-1, 1, y_ref.shape).astype(dtype)
    _, gi_ref, gw_ref, gb_ref = _reference(
        kind, cfg, x.astype(np.float64), w, b, go.astype(np.float64)
    )
    y, gi = lua.call(lua.eval(_LUA_RUN), m, from_numpy(x), from_numpy(go), 0.5)
    tol = 1e-4 if dtype == np.float32 else 1e-10
    np.testing.assert_allclose(_np(lua, y), y_ref, rtol=tol, atol=tol)
    np.testing.assert_allclose(_np(lua, gi), gi_ref, rtol=tol, atol=tol)
    np.testing.assert_allclose(
        _np(lua, m.gradWeight).reshape(gw_ref.shape), 0.5 * gw_ref, rtol=tol, atol=tol
    )
    if b is not None:
        np.testing.assert_allclose(
            _np(lua, m.gradBias), 0.5 * gb_ref.reshape(b.shape), rtol=tol, atol=tol
        )
