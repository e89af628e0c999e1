"""Finite-difference checks of the further transfer kernels (activation_more.py, transfer.py).

Each check builds the full Jacobian of a forward kernel by central differences (step 1e-6,
float64, inputs in [-2, 2]) and compares it with the one the backward kernels give, column
by column for unit output gradients; the largest error must stay below 1e-5.
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
from kernel_checks import TOL, jacobian_error, multi_jacobian_error, seeded_rng  # noqa: E402 - path set above

K = kernels.load_all()
rng = seeded_rng(4321)
SHAPES = [(5,), (3, 4), (2, 3, 2, 2)]


#: name -> (forward extra args, backward gets the output, backward extra args)
POINTWISE: dict[str, tuple[tuple[Any, ...], bool, tuple[Any, ...]]] = {
    "HardShrink": ((0.5,), False, (0.5,)),
    "SoftShrink": ((0.7,), False, (0.7,)),
    "SoftPlus": ((1.0, 20.0), True, (1.0, 20.0)),
    "SoftPlusBeta": ((2.5, 3.0), True, (2.5, 3.0)),
}


@pytest.mark.parametrize("name", sorted(POINTWISE))
@pytest.mark.parametrize("shape", SHAPES)
def test_pointwise_jacobian_matches_finite_differences(
    xp: Any, host: Any, name: str, shape: tuple[int, ...]
) -> None:
    """HardShrink, SoftShrink and SoftPlus backward kernels give their forward Jacobians."""
    fargs, with_output, bargs = POINTWISE[name]
    base = name.replace("Beta", "")
    fwd, bwd = K[f"{base}_updateOutput"], K[f"{base}_updateGradInput"]
    x = xp.asarray(rng().uniform(-2, 2, shape))

    def forward(inp: Any) -> Any:
        out = xp.empty_like(inp)
        fwd(inp, out, *fargs)
        return out

    def backward(inp: Any, go: Any) -> Any:
        gi = xp.empty_like(inp)
        if with_output:
            bwd(inp, go, gi, forward(inp), *bargs)
        else:
            bwd(inp, go, gi, *bargs)
        return gi

    assert 0.0 == pytest.approx(jacobian_error(xp, host, forward, backward, x), abs=TOL)


#: name -> the forward's extra buffer is passed to the backward in its place
BUFFERED = ["LogSigmoid", "SoftMin", "SoftSign"]


@pytest.mark.parametrize("name", BUFFERED)
@pytest.mark.parametrize("shape", SHAPES)
def test_buffered_jacobian_matches_finite_differences(
    xp: Any, host: Any, name: str, shape: tuple[int, ...]
) -> None:
    """LogSigmoid, SoftMin and SoftSign (kernels with buffers) give their forward Jacobians."""
    x = xp.asarray(rng().uniform(-2, 2, shape))
    buf = xp.empty_like(x)

    def forward(inp: Any) -> Any:
        out = xp.empty_like(inp)
        K[f"{name}_updateOutput"](inp, out, buf)
        return out

    def backward(inp: Any, go: Any) -> Any:
        gi = xp.empty_like(inp)
        out = forward(inp)  # also refills ``buf`` for this input
        if name == "LogSigmoid":
            K["LogSigmoid_updateGradInput"](inp, go, gi, buf)
        elif name == "SoftMin":
            K["SoftMin_updateGradInput"](inp, go, gi, out, xp.empty_like(inp))
        else:
            K["SoftSign_updateGradInput"](inp, go, gi, xp.empty_like(inp))
        return gi

    assert 0.0 == pytest.approx(jacobian_error(xp, host, forward, backward, x), abs=TOL)


@pytest.mark.parametrize("planes", [0, 3])
@pytest.mark.parametrize("shape", [(3,), (4, 3), (2, 3, 2, 2)])
@pytest.mark.parametrize("scale", [1.0, 0.5])
def test_prelu_jacobians_for_input_and_weight(
    xp: Any, host: Any, planes: int, shape: tuple[int, ...], scale: float
) -> None:
    """PReLU's gradInput and scale-weighted gradWeight match finite differences."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, shape))
    w = xp.asarray(r.uniform(-2, 2, (max(planes, 1),)))

    def forward() -> Any:
        out = xp.empty_like(x)
        K["PReLU_updateOutput"](x, out, w, planes)
        return out

    def grads(go: Any) -> tuple[Any, Any]:
        gi, gw = xp.empty_like(x), xp.zeros_like(w)
        K["PReLU_updateGradInput"](x, go, gi, w, planes)
        K["PReLU_accGradParameters"](x, go, gi, w, gw, None, None, planes, scale)
        return gi, gw / scale

    err = multi_jacobian_error(xp, host, forward, grads, [x, w])
    assert 0.0 == pytest.approx(err, abs=TOL)


def test_prelu_accumulates_and_rejects_wrong_planes(xp: Any) -> None:
    """accGradParameters adds to gradWeight; a wrong plane count raises ShapeError."""
    x, go = xp.full((2, 2), -1.0), xp.ones((2, 2))
    gw = xp.full(2, 1.0)
    K["PReLU_accGradParameters"](x, go, x, xp.ones(2), gw, None, None, 2, 2.0)
    assert [-3.0, -3.0] == gw.tolist()
    with pytest.raises(ShapeError, match="wrong number of input planes"):
        K["PReLU_updateOutput"](xp.ones((2, 3)), xp.empty((2, 3)), xp.ones(2), 2)


@pytest.mark.parametrize("shape", SHAPES)
def test_rrelu_training_uses_the_given_slopes(xp: Any, host: Any, shape: tuple[int, ...]) -> None:
    """In training, the draws land on the elements <= 0 in order and give the Jacobian."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, shape))
    n = K["RReLU_countNonPositive"](x)
    assert int((x <= 0).sum()) == n
    draws = xp.asarray(r.uniform(0.1, 0.3, max(n, 1)))
    noise = xp.empty_like(x)

    def forward(inp: Any) -> Any:
        out = xp.empty_like(inp)
        K["RReLU_updateOutput"](inp, out, noise, 0.1, 0.3, True, False, draws)
        return out

    def backward(inp: Any, go: Any) -> Any:
        gi = xp.empty_like(inp)
        K["RReLU_updateGradInput"](inp, go, gi, noise, 0.1, 0.3, True, False)
        return gi

    forward(x)
    assert draws[:n].tolist() == noise[x <= 0].tolist()
    assert 0.0 == pytest.approx(jacobian_error(xp, host, forward, backward, x), abs=TOL)


@pytest.mark.parametrize("train", [False, True])
def test_rrelu_fixed_slope_jacobian(xp: Any, host: Any, train: bool) -> None:
    """Evaluating (or lower == upper) uses slope (lower + upper) / 2 both ways."""
    x = xp.asarray(rng().uniform(-2, 2, (3, 4)))
    lower, upper = (0.2, 0.4) if not train else (0.25, 0.25)

    def forward(inp: Any) -> Any:
        out = xp.empty_like(inp)
        noise = xp.empty_like(inp)
        draws = xp.full(inp.size, lower)
        K["RReLU_updateOutput"](inp, out, noise, lower, upper, train, False, draws)
        return out

    def backward(inp: Any, go: Any) -> Any:
        gi = xp.empty_like(inp)
        K["RReLU_updateGradInput"](inp, go, gi, None, lower, upper, train, False)
        return gi

    assert 0.0 == pytest.approx(jacobian_error(xp, host, forward, backward, x), abs=TOL)


@pytest.mark.parametrize("shape", [(3, 2, 2), (2, 3, 2, 2), (2, 3, 2, 1, 2)])
def test_feature_dropout_masks_whole_maps(xp: Any, host: Any, shape: tuple[int, ...]) -> None:
    """The map mask broadcasts over each map both ways; without it the input scales by 1-p."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, shape))
    lead = 2 if len(shape) in (4, 5) else 1
    noise = xp.asarray(r.integers(0, 2, shape[:lead] + (1,) * (len(shape) - lead)), float)

    def forward(inp: Any) -> Any:
        out = xp.empty_like(inp)
        K["FeatureDropout_updateOutput"](inp, out, noise, 0.3, True)
        return out

    def backward(inp: Any, go: Any) -> Any:
        gi = xp.empty_like(inp)
        K["FeatureDropout_updateGradInput"](go, gi, noise)
        return gi

    assert 0.0 == pytest.approx(jacobian_error(xp, host, forward, backward, x), abs=TOL)
    out = xp.empty_like(x)
    K["FeatureDropout_updateOutput"](x, out, noise, 0.25, False)
    assert np.allclose(host(x * 0.75), host(out))


def test_feature_dropout_rejects_a_flat_mask(xp: Any) -> None:
    """A mask without the input's number of dimensions raises ShapeError."""
    with pytest.raises(ShapeError, match="noise has shape"):
        K["FeatureDropout_updateOutput"](
            xp.ones((2, 3, 2)), xp.empty((2, 3, 2)), xp.ones(2), 0.5, True
        )


def test_softplus_threshold_and_logsigmoid_extremes(xp: Any, host: Any) -> None:
    """SoftPlus is linear past its threshold; LogSigmoid stays finite for large |x|."""
    x = xp.asarray([-800.0, -1.0, 0.0, 30.0, 800.0])
    out, buf = xp.empty_like(x), xp.empty_like(x)
    K["SoftPlus_updateOutput"](x, out, 1.0, 20.0)
    assert 30.0 == float(out[3])
    assert 800.0 == float(out[4])
    K["LogSigmoid_updateOutput"](x, out, buf)
    assert -800.0 == float(out[0])
    assert 0.0 == float(out[4])
    assert bool(np.isfinite(host(out)).all())
