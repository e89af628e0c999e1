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
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge._interop import from_numpy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nn_parity_helpers import (  # noqa: E402 - the folder is put on the path above
    MODELS_DIR,
    build_parameters,
    check_initial_parameters,
    check_model,
    concat,
    load,
    missing_classes,
    nn_runtime,
)

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


@pytest.fixture(scope="module")
def lua() -> Any:
    """The runtime with nn loaded."""
    return nn_runtime()


def _np(rt: Any, t: Any) -> Any:
    return np.array(rt.eval("torch._np")(t), dtype=np.float64)


@pytest.mark.parametrize("seed", [1, 42])
@pytest.mark.parametrize("name", sorted(NNINIT_CODE))
def test_constructor_draws_torch7_parameters(lua: Any, name: str, seed: int) -> None:
    """After manualSeed, a conv constructor draws real Torch7's parameters, then stops."""
    check_initial_parameters(lua, name, NNINIT_CODE[name], seed)


def _need(rt: Any, name: str) -> None:
    missing = missing_classes(rt, FIXTURES[name][1])
    if missing:
        pytest.fail(f"{name} needs {', '.join(missing)}")


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_model_matches_torch7(lua: Any, name: str) -> None:
    """A saved conv model's forward, backward and eval forward reproduce real Torch7's."""
    _need(lua, name)
    check_model(lua, name, float_floor=1.0)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_model_built_from_definition(lua: Any, name: str) -> None:
    """The README definition after manualSeed(seed) gives the saved initial parameters."""
    _need(lua, name)
    io = load(lua, MODELS_DIR / f"{name}.io.t7")
    params, _ = build_parameters(lua, FIXTURES[name][0], int(io.seed))
    assert concat(lua, io.params).tolist() == concat(lua, params).tolist()


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
