"""Finite-difference checks of the nn kernels (linear, activation, criterion, table, dropout).

Each check builds the full Jacobian of a forward kernel by central differences (step 1e-6,
float64, inputs in [-2, 2]) and compares it with the one the backward kernels give, row by
row for unit output gradients; the largest error must stay below 1e-5.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge import kernels
from pytorch_bridge.errors import ShapeError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_checks import (  # noqa: E402 - path set above
    TOL,
    jacobian_error,
    multi_jacobian_error,
    numeric,
    seeded_rng,
)

K = kernels.load_all()
rng = seeded_rng(1234)


POINTWISE = {
    "Tanh": ((), True),
    "Sigmoid": ((), True),
    "Threshold": ((0.1, -1.0, False), False),
    "HardTanh": ((-0.5, 0.5, False), False),
    "LeakyReLU": ((0.1, False), False),
    "SoftMax": ((), True),
    "LogSoftMax": ((), True),
}


@pytest.mark.parametrize("name", sorted(POINTWISE))
@pytest.mark.parametrize("shape", [(5,), (3, 4), (3, 2, 2), (2, 3, 2, 2)])
def test_activation_jacobian_matches_finite_differences(
    xp: Any, host: Any, name: str, shape: tuple[int, ...]
) -> None:
    """The backward kernel of each activation gives its forward kernel's Jacobian."""
    args, with_output = POINTWISE[name]
    fwd, bwd = K[f"{name}_updateOutput"], K[f"{name}_updateGradInput"]
    x = xp.asarray(rng().uniform(-2, 2, shape))

    def forward(inp: Any) -> Any:
        out = xp.empty_like(inp)
        fwd(inp, out, *args)
        return out

    def backward(inp: Any, go: Any) -> Any:
        gi = xp.empty_like(inp)
        if with_output:
            bwd(inp, go, gi, forward(inp))
        else:
            bwd(inp, go, gi, *args)
        return gi

    assert 0.0 == pytest.approx(jacobian_error(xp, host, forward, backward, x), abs=TOL)


def test_elu_jacobian_matches_finite_differences(xp: Any, host: Any) -> None:
    """ELU's backward kernel (which reads the output) gives the forward Jacobian."""
    x = xp.asarray(rng().uniform(-2, 2, (3, 4)))

    def forward(inp: Any) -> Any:
        out = xp.empty_like(inp)
        K["ELU_updateOutput"](inp, out, 0.7, False)
        return out

    def backward(inp: Any, go: Any) -> Any:
        gi = xp.empty_like(inp)
        K["ELU_updateGradInput"](inp, go, gi, forward(inp), 0.7, False)
        return gi

    assert 0.0 == pytest.approx(jacobian_error(xp, host, forward, backward, x), abs=TOL)


@pytest.mark.parametrize("batch", [None, 3])
@pytest.mark.parametrize("with_bias", [True, False])
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_linear_jacobians_for_input_weight_and_bias(
    xp: Any, host: Any, batch: int | None, with_bias: bool, scale: float
) -> None:
    """Linear's gradInput and scale-weighted parameter gradients match finite differences."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, (4,) if batch is None else (batch, 4)))
    w = xp.asarray(r.uniform(-2, 2, (3, 4)))
    b = xp.asarray(r.uniform(-2, 2, (3,))) if with_bias else None
    out_shape = (3,) if batch is None else (batch, 3)

    def forward() -> Any:
        out = xp.empty(out_shape)
        K["Linear_updateOutput"](x, out, w, b)
        return out

    def grads(go: Any) -> tuple[Any, Any, Any]:
        gi, gw = xp.empty_like(x), xp.zeros_like(w)
        gb = xp.zeros(3) if with_bias else None
        K["Linear_updateGradInput"](x, go, gi, w)
        K["Linear_accGradParameters"](x, go, gw, gb, scale)
        return gi, gw / scale, (gb / scale if gb is not None else None)

    err = multi_jacobian_error(xp, host, forward, grads, [x, w, b])
    assert 0.0 == pytest.approx(err, abs=TOL)


def test_linear_accumulates_into_gradients(xp: Any) -> None:
    """accGradParameters adds to what the gradient arrays already hold."""
    x, go = xp.ones((2, 3)), xp.ones((2, 4))
    gw, gb = xp.full((4, 3), 1.0), xp.full((4,), 1.0)
    K["Linear_accGradParameters"](x, go, gw, gb, 2.0)
    assert 5.0 == float(gw[0, 0])
    assert 5.0 == float(gb[0])


@pytest.mark.parametrize("batch", [None, 1, 3])
def test_linear_backward_is_its_two_steps(xp: Any, host: Any, batch: int | None) -> None:
    """Linear_backward gives what updateGradInput then accGradParameters give, bit for bit."""
    r = rng()
    shape = (4,) if batch is None else (batch, 4)
    x, go = xp.asarray(r.standard_normal(shape)), xp.asarray(r.standard_normal(shape[:-1] + (3,)))
    w = xp.asarray(r.standard_normal((3, 4)))
    start_w, start_b = r.standard_normal((3, 4)), r.standard_normal(3)
    gi1, gw1, gb1 = xp.empty_like(x), xp.array(start_w), xp.array(start_b)  # copies
    gi2, gw2, gb2 = xp.empty_like(x), xp.array(start_w), xp.array(start_b)
    K["Linear_backward"](x, go, gi1, w, gw1, gb1, 0.5)
    K["Linear_updateGradInput"](x, go, gi2, w)
    K["Linear_accGradParameters"](x, go, gw2, gb2, 0.5)
    for a, b in ((gi1, gi2), (gw1, gw2), (gb1, gb2)):
        assert host(a).tobytes() == host(b).tobytes()


def test_linear_rejects_mismatched_input(xp: Any) -> None:
    """An input with the wrong feature count raises ShapeError naming both shapes."""
    with pytest.raises(ShapeError, match="weight has shape"):
        K["Linear_updateOutput"](xp.ones((2, 5)), xp.empty((2, 3)), xp.ones((3, 4)), None)


CRITERIA = ["MSECriterion", "AbsCriterion"]


@pytest.mark.parametrize("name", CRITERIA)
@pytest.mark.parametrize("size_average", [True, False])
def test_regression_criteria_gradients(xp: Any, host: Any, name: str, size_average: bool) -> None:
    """MSE and Abs criterion gradients match finite differences of their losses."""
    r = rng()
    x, t = xp.asarray(r.uniform(-2, 2, (3, 4))), xp.asarray(r.uniform(-2, 2, (3, 4)))
    out = xp.zeros(1)

    def loss() -> Any:
        K[f"{name}_updateOutput"](x, t, out, size_average)
        return out.copy()

    gi = xp.empty_like(x)
    K[f"{name}_updateGradInput"](x, t, gi, size_average)
    num = numeric(loss, x, host)
    assert 0.0 == pytest.approx(float(np.abs(num[:, 0] - host(gi).reshape(-1)).max()), abs=TOL)


@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("size_average", [True, False])
@pytest.mark.parametrize("batch", [None, 4])
def test_class_nll_gradients(
    xp: Any, host: Any, weighted: bool, size_average: bool, batch: int | None
) -> None:
    """ClassNLLCriterion's gradient matches finite differences, with weights and ignore."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, (5,) if batch is None else (batch, 5)))
    t = xp.asarray([3] if batch is None else [1, 5, 2, 5], dtype=np.int64)
    w = xp.asarray(r.uniform(0.5, 2, (5,))) if weighted else None
    out, total = xp.zeros(1), xp.zeros(1)

    def loss() -> Any:
        K["ClassNLLCriterion_updateOutput"](x, t, out, size_average, w, total, 2)
        return out.copy()

    loss()
    gi = xp.empty_like(x)
    K["ClassNLLCriterion_updateGradInput"](x, t, gi, size_average, w, total, 2)
    num = numeric(loss, x, host)
    assert 0.0 == pytest.approx(float(np.abs(num[:, 0] - host(gi).reshape(-1)).max()), abs=TOL)


@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("size_average", [True, False])
@pytest.mark.parametrize("ignore", [-100, 2, 4])
def test_class_nll_loss_and_total_weight(
    xp: Any, host: Any, weighted: bool, size_average: bool, ignore: int
) -> None:
    """The loss is minus the (weighted) picked log-probabilities of the targets not ignored,
    over their total weight when averaging; class 4 never occurs, class 2 twice."""
    r = rng()
    x = r.uniform(-2, 2, (6, 5)).astype(np.float32)
    t = np.array([1, 2, 5, 2, 3, 1])
    w = r.uniform(0.5, 2, 5).astype(np.float32) if weighted else np.ones(5, np.float32)
    keep = t != ignore
    picked = x[np.arange(6), t - 1][keep].astype(np.float64)
    total = float(w[t[keep] - 1].sum())
    want = -(picked * w[t[keep] - 1]).sum() / (total if size_average else 1.0)
    out, tw = xp.zeros(1, np.float32), xp.zeros(1, np.float32)
    weights = xp.asarray(w) if weighted else None
    K["ClassNLLCriterion_updateOutput"](
        xp.asarray(x), xp.asarray(t), out, size_average, weights, tw, ignore
    )
    assert float(host(tw)[0]) == pytest.approx(total, rel=1e-6)
    assert float(host(out)[0]) == pytest.approx(want, rel=1e-5)
    gi = xp.empty((6, 5), np.float32)
    K["ClassNLLCriterion_updateGradInput"](
        xp.asarray(x), xp.asarray(t), gi, size_average, weights, tw, ignore
    )
    g = np.zeros((6, 5))
    g[np.arange(6)[keep], t[keep] - 1] = -w[t[keep] - 1] / (total if size_average else 1.0)
    np.testing.assert_allclose(host(gi), g, rtol=1e-6)


def test_class_nll_rejects_out_of_range_targets(xp: Any) -> None:
    """A target outside 1..nClasses raises ShapeError."""
    with pytest.raises(ShapeError, match="out of range"):
        K["ClassNLLCriterion_updateOutput"](
            xp.zeros((2, 3)), xp.asarray([1, 4]), xp.zeros(1), True, None, xp.zeros(1), -100
        )


def test_cadd_table_sums_and_copies_gradients(xp: Any) -> None:
    """CAddTable adds its inputs left to right and hands every input the same gradient."""
    a, b, c = xp.ones(3), xp.full(3, 2.0), xp.full(3, 4.0)
    out = xp.empty(3)
    K["CAddTable_updateOutput"](out, a, b, c)
    assert [7.0, 7.0, 7.0] == out.tolist()
    g1, g2 = xp.empty(3), xp.empty(3)
    K["CAddTable_updateGradInput"](xp.full(3, 5.0), g1, g2)
    assert [5.0] * 3 == g1.tolist() == g2.tolist()


def test_dropout_masks_and_scales(xp: Any) -> None:
    """Dropout multiplies by the mask scaled by 1/(1-p) (v2), or by 1-p when evaluating (v1)."""
    x, out = xp.full(4, 2.0), xp.empty(4)
    noise = xp.asarray([1.0, 0.0, 1.0, 0.0])
    K["Dropout_updateOutput"](x, out, noise, 0.5, True, True)
    assert [4.0, 0.0, 4.0, 0.0] == out.tolist()
    gi = xp.empty(4)
    K["Dropout_updateGradInput"](xp.ones(4), gi, noise, 0.5, True, True)
    assert [2.0, 0.0, 2.0, 0.0] == gi.tolist()
    K["Dropout_updateOutput"](x, out, noise, 0.5, False, False)
    assert [1.0] * 4 == out.tolist()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("val", [0.0, -0.0, -1.5])
def test_threshold_exact_special_values(xp: Any, host: Any, dtype: Any, val: float) -> None:
    """Threshold gives THNN's ``x > th ? x : val`` bit for bit, with NaN, infinities and -0.0."""
    x = np.array([np.nan, -np.inf, np.inf, -0.0, 0.0, -1.0, 0.5, 2.0, 1e-30], dtype=dtype)
    g = np.array([1.0, -2.0, np.nan, -0.0, 3.0, 4.0, -5.0, np.inf, 6.0], dtype=dtype)
    for th in (0.0, 1.0, -np.inf):
        want = x.copy()
        want[~(x > th)] = val
        out = xp.empty(x.shape, dtype)
        K["Threshold_updateOutput"](xp.asarray(x), out, th, val, False)
        assert want.tobytes() == host(out).tobytes()
        inplace = xp.array(x)
        K["Threshold_updateOutput"](inplace, inplace, th, val, False)
        assert want.tobytes() == host(inplace).tobytes()
        want_g = g.copy()
        want_g[~(x > th)] = 0
        grad = xp.empty(g.shape, dtype)
        K["Threshold_updateGradInput"](xp.asarray(x), xp.asarray(g), grad, th, val, False)
        assert want_g.tobytes() == host(grad).tobytes()
