"""Finite-difference checks of the further loss kernels (criterion_more.py,
criterion_multi.py, criterion_embedding.py).

Each check compares the gradient kernel with central differences of the loss kernel
(step 1e-6, float64, inputs in [-2, 2] unless a loss needs another range); the largest
error must stay below 1e-5.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge import kernels
from pytorch_bridge.backend import array_module
from pytorch_bridge.errors import ShapeError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_checks import TOL, numeric, seeded_rng  # noqa: E402 - path set above

K = kernels.load_all()
rng = seeded_rng(2468)


def error(num: Any, ana: Any) -> float:
    """Largest absolute difference of two gradients on the host, compared element by element.

    ``num`` is what ``numeric`` gives for a scalar loss (one row per element of the input),
    ``ana`` the gradient kernel's result shaped like the input.
    """
    return float(np.abs(np.ravel(num) - np.ravel(ana)).max())


def tensor_loss(name: str, x: Any, t: Any, *args: Any) -> Callable[[], float]:
    """A THNN-style loss (written into a one-element array) as a function of nothing."""
    out = array_module(x).zeros(1, dtype=x.dtype)

    def loss() -> float:
        K[f"{name}_updateOutput"](x, t, out, *args)
        return float(out[0])

    return loss


def _data(name: str, r: np.random.Generator, shape: tuple[int, ...]) -> tuple[Any, Any]:
    """Input and target in the range each pointwise loss expects."""
    if name == "BCECriterion":
        return r.uniform(0.1, 0.9, shape), r.integers(0, 2, shape).astype(float)
    if name == "DistKLDivCriterion":
        t = r.uniform(0, 1, shape)
        t[t < 0.2] = 0
        return r.uniform(-2, 2, shape), t
    if name in ("MarginCriterion", "SoftMarginCriterion"):
        return r.uniform(-2, 2, shape), np.where(r.uniform(size=shape) < 0.5, -1.0, 1.0)
    return r.uniform(-2, 2, shape), r.uniform(-2, 2, shape)


POINTWISE: dict[str, tuple[Any, ...]] = {
    "SmoothL1Criterion": (),
    "BCECriterion": (None,),
    "DistKLDivCriterion": (),
    "MarginCriterion": (0.7,),
    "SoftMarginCriterion": (),
}


@pytest.mark.parametrize("name", sorted(POINTWISE))
@pytest.mark.parametrize("size_average", [True, False])
@pytest.mark.parametrize("shape", [(5,), (3, 4)])
def test_pointwise_criteria_gradients(
    xp: Any, host: Any, name: str, size_average: bool, shape: tuple[int, ...]
) -> None:
    """SmoothL1, BCE, DistKLDiv, Margin and SoftMargin gradients match their losses."""
    x, t = (xp.asarray(a) for a in _data(name, rng(), shape))
    extra = POINTWISE[name]
    gi = xp.empty_like(x)
    K[f"{name}_updateGradInput"](x, t, gi, size_average, *extra)
    num = numeric(tensor_loss(name, x, t, size_average, *extra), x, host)
    assert 0.0 == pytest.approx(error(num, host(gi)), abs=TOL)


@pytest.mark.parametrize("shape", [(5,), (3, 4)])
def test_bce_weights_spread_like_torch7(xp: Any, host: Any, shape: tuple[int, ...]) -> None:
    """BCE weights apply per element of a 1-D target and per column of a 2-D one."""
    r = rng()
    x, t = (xp.asarray(a) for a in _data("BCECriterion", r, shape))
    w = xp.asarray(r.uniform(0.5, 2, shape[-1]))
    gi = xp.empty_like(x)
    K["BCECriterion_updateGradInput"](x, t, gi, True, w)
    num = numeric(tensor_loss("BCECriterion", x, t, True, w), x, host)
    assert 0.0 == pytest.approx(error(num, host(gi)), abs=TOL)
    plain = xp.empty_like(x)
    K["BCECriterion_updateGradInput"](x, t, plain, True, None)
    assert np.allclose(host(plain * w), host(gi))


def test_bce_rejects_values_outside_unit_interval(xp: Any) -> None:
    """BCE refuses probabilities outside [0, 1], as Torch7 asserts."""
    with pytest.raises(ValueError, match="between 0 and 1"):
        K["BCECriterion_updateOutput"](xp.asarray([1.5]), xp.ones(1), xp.zeros(1), True, None)


@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("batch", [None, 4])
@pytest.mark.parametrize("size_average", [True, False])
def test_multi_margin_gradients(
    xp: Any, host: Any, p: int, weighted: bool, batch: int | None, size_average: bool
) -> None:
    """MultiMarginCriterion's gradient matches its loss for p 1 and 2, with weights."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, (5,) if batch is None else (batch, 5)))
    t = xp.asarray([3] if batch is None else [1, 5, 2, 2], dtype=np.int64)
    w = xp.asarray(r.uniform(0.5, 2, 5)) if weighted else None
    args = (size_average, p, w, 0.8)
    gi = xp.empty_like(x)
    K["MultiMarginCriterion_updateGradInput"](x, t, gi, *args)
    num = numeric(tensor_loss("MultiMarginCriterion", x, t, *args), x, host)
    assert 0.0 == pytest.approx(error(num, host(gi)), abs=TOL)


def test_multi_margin_rejects_bad_targets(xp: Any) -> None:
    """Targets outside 1..dim, or one per row missing, raise ShapeError."""
    out = xp.zeros(1)
    with pytest.raises(ShapeError, match="out of range"):
        K["MultiMarginCriterion_updateOutput"](
            xp.ones((2, 3)), xp.asarray([1, 4]), out, True, 1, None, 1.0
        )
    with pytest.raises(ShapeError, match="inconsistent target size"):
        K["MultiMarginCriterion_updateOutput"](
            xp.ones((2, 3)), xp.asarray([1]), out, True, 1, None, 1.0
        )


@pytest.mark.parametrize("size_average", [True, False])
@pytest.mark.parametrize("batch", [False, True])
def test_multi_label_margin_gradients(xp: Any, host: Any, size_average: bool, batch: bool) -> None:
    """MultiLabelMarginCriterion's gradient matches its loss; isTarget marks the labels."""
    r = rng()
    if batch:
        x = xp.asarray(r.uniform(-2, 2, (3, 4)))
        t = xp.asarray([[3, 1, 0, 2], [4, 0, 0, 0], [2, 2, 1, 0]], dtype=np.int64)
        marks: list[Any] = [[1, 0, 1, 0], [0, 0, 0, 1], [1, 1, 0, 0]]
    else:
        x = xp.asarray(r.uniform(-2, 2, 4))
        t = xp.asarray([4, 2, 0, 1], dtype=np.int64)
        marks = [0, 1, 0, 1]
    is_target = xp.zeros(t.shape)
    gi = xp.empty_like(x)
    loss = tensor_loss("MultiLabelMarginCriterion", x, t, is_target, size_average)
    loss()
    assert marks == is_target.tolist()
    K["MultiLabelMarginCriterion_updateGradInput"](x, t, gi, is_target, size_average)
    assert 0.0 == pytest.approx(error(numeric(loss, x, host), host(gi)), abs=TOL)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("size_average", [True, False])
def test_spatial_class_nll_gradients(
    xp: Any, host: Any, weighted: bool, size_average: bool
) -> None:
    """SpatialClassNLLCriterion's gradient matches its loss, with and without weights."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, (2, 3, 2, 2)))
    t = xp.asarray(r.integers(1, 4, (2, 2, 2)), dtype=np.int64)
    w = xp.asarray(r.uniform(0.5, 2, 3)) if weighted else None
    total = xp.zeros(1)
    loss = tensor_loss("SpatialClassNLLCriterion", x, t, size_average, w, total)
    loss()
    gi = xp.empty_like(x)
    K["SpatialClassNLLCriterion_updateGradInput"](x, t, gi, size_average, w, total)
    assert 0.0 == pytest.approx(error(numeric(loss, x, host), host(gi)), abs=TOL)


def test_spatial_class_nll_rejects_non_batches(xp: Any) -> None:
    """A 3-D input raises ShapeError naming both shapes."""
    with pytest.raises(ShapeError, match="only batches of spatial"):
        K["SpatialClassNLLCriterion_updateOutput"](
            xp.ones((3, 2, 2)),
            xp.ones((2, 2), dtype=np.int64),
            xp.zeros(1),
            True,
            None,
            xp.zeros(1),
        )


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("size_average", [True, False])
def test_multi_label_soft_margin_gradients(
    xp: Any, host: Any, weighted: bool, size_average: bool
) -> None:
    """MultiLabelSoftMarginCriterion's gradient matches its loss."""
    r = rng()
    x = xp.asarray(r.uniform(-2, 2, (3, 4)))
    t = xp.asarray(r.integers(0, 2, (3, 4)).astype(float))
    w = xp.asarray(r.uniform(0.5, 2, 4)) if weighted else None
    sig = xp.empty(12)

    def loss() -> float:
        return float(K["MultiLabelSoftMarginCriterion_updateOutput"](x, t, size_average, w, sig))

    loss()
    gi = xp.empty_like(x)
    K["MultiLabelSoftMarginCriterion_updateGradInput"](x, t, gi, size_average, w, sig)
    assert 0.0 == pytest.approx(error(numeric(loss, x, host), host(gi)), abs=TOL)


@pytest.mark.parametrize("size_average", [True, False])
def test_hinge_embedding_gradients(xp: Any, host: Any, size_average: bool) -> None:
    """HingeEmbeddingCriterion's gradient matches its loss."""
    r = rng()
    x = xp.asarray(r.uniform(0, 2, (2, 3)))
    y = xp.asarray([[1.0, -1.0, -1.0], [-1.0, 1.0, -1.0]])
    buf = xp.empty_like(x)

    def loss() -> float:
        return float(K["HingeEmbeddingCriterion_updateOutput"](x, y, buf, size_average, 1.3))

    gi = xp.empty_like(x)
    K["HingeEmbeddingCriterion_updateGradInput"](x, y, gi, size_average, 1.3)
    assert 0.0 == pytest.approx(error(numeric(loss, x, host), host(gi)), abs=TOL)


@pytest.mark.parametrize("dissimilar", [False, True])
def test_l1_hinge_embedding_gradients(xp: Any, host: Any, dissimilar: bool) -> None:
    """L1HingeEmbeddingCriterion's gradients match its loss for both inputs."""
    r = rng()
    a, b = xp.asarray(r.uniform(-2, 2, 4)), xp.asarray(r.uniform(-2, 2, 4))

    def loss() -> float:
        return float(K["L1HingeEmbeddingCriterion_updateOutput"](a, b, dissimilar, 10.0))

    ga, gb = xp.empty_like(a), xp.empty_like(b)
    assert 0 == K["L1HingeEmbeddingCriterion_updateGradInput"](
        a, b, ga, gb, dissimilar, 10.0, None
    )
    assert 0.0 == pytest.approx(error(numeric(loss, a, host), host(ga)), abs=TOL)
    assert 0.0 == pytest.approx(error(numeric(loss, b, host), host(gb)), abs=TOL)


def test_l1_hinge_embedding_ties_take_given_signs(xp: Any) -> None:
    """Equal elements are reported first, then get 2 * draw - 3 as their sign."""
    a, b = xp.asarray([1.0, 2.0, 3.0]), xp.asarray([1.0, 0.0, 3.0])
    ga, gb = xp.empty(3), xp.empty(3)
    kern = K["L1HingeEmbeddingCriterion_updateGradInput"]
    assert 2 == kern(a, b, ga, gb, False, 1.0, None)
    assert 0 == kern(a, b, ga, gb, False, 1.0, xp.asarray([2.0, 1.0]))
    assert [1.0, 1.0, -1.0] == ga.tolist()
    assert [-1.0, -1.0, 1.0] == gb.tolist()


@pytest.mark.parametrize("shape", [(6,), (4, 6)])
@pytest.mark.parametrize("size_average", [True, False])
def test_cosine_embedding_gradients(
    xp: Any, host: Any, shape: tuple[int, ...], size_average: bool
) -> None:
    """CosineEmbeddingCriterion's gradients (from its kept buffers) match its loss."""
    r = rng()
    a, b = xp.asarray(r.uniform(-2, 2, shape)), xp.asarray(r.uniform(-2, 2, shape))
    n = 1 if len(shape) == 1 else shape[0]
    y = xp.asarray([-1.0] if n == 1 else [1.0, -1.0, 1.0, -1.0])
    bufs = [xp.empty((n, 1)) for _ in range(4)] + [xp.empty(n)]

    def loss() -> float:
        return float(
            K["CosineEmbeddingCriterion_updateOutput"](a, b, y, -0.3, size_average, *bufs)
        )

    loss()
    ga, gb = xp.empty_like(a), xp.empty_like(b)
    K["CosineEmbeddingCriterion_updateGradInput"](a, b, y, ga, gb, size_average, *bufs)
    num_a, num_b = numeric(loss, a, host), numeric(loss, b, host)
    assert 0.0 == pytest.approx(error(num_a, host(ga)), abs=TOL)
    assert 0.0 == pytest.approx(error(num_b, host(gb)), abs=TOL)


@pytest.mark.parametrize("size_average", [True, False])
def test_margin_ranking_gradients(xp: Any, host: Any, size_average: bool) -> None:
    """MarginRankingCriterion's gradients match its loss for both inputs."""
    r = rng()
    a, b = xp.asarray(r.uniform(-2, 2, 5)), xp.asarray(r.uniform(-2, 2, 5))
    y = xp.asarray([1.0, -1.0, 1.0, 1.0, -1.0])
    buf = xp.empty(5)

    def loss() -> float:
        return float(K["MarginRankingCriterion_updateOutput"](a, b, y, 0.5, size_average, buf))

    ga, gb, dist, mask = (xp.empty(5) for _ in range(4))
    K["MarginRankingCriterion_updateGradInput"](a, b, y, ga, gb, 0.5, size_average, dist, mask)
    assert 0.0 == pytest.approx(error(numeric(loss, a, host), host(ga)), abs=TOL)
    assert 0.0 == pytest.approx(error(numeric(loss, b, host), host(gb)), abs=TOL)
    assert (dist >= 0).astype(float).tolist() == mask.tolist()
