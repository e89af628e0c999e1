"""Gradient checks and results of the reductions."""

from __future__ import annotations

import numpy as np
import pytest

import pytorch_bridge._facade as pb

DIMS = [None, 0, 1, -1, (0, 2)]


@pytest.mark.parametrize("dim", DIMS)
@pytest.mark.parametrize("keepdim", [False, True])
@pytest.mark.parametrize("op", ["sum", "mean"])
def test_sum_mean_gradient(op, dim, keepdim, rng, dircheck):
    """sum and mean over any dims, kept or dropped, differentiate correctly."""
    dircheck(lambda t: getattr(t, op)(dim, keepdim), [rng.normal(size=(2, 3, 4))])


@pytest.mark.parametrize("dim", DIMS)
@pytest.mark.parametrize("op", ["sum", "mean"])
def test_sum_mean_values_match_numpy(op, dim, rng):
    """sum and mean compute numpy's values with numpy's shapes."""
    x = rng.normal(size=(2, 3, 4))
    got = getattr(pb.as_tensor(x), op)(dim).numpy()
    np.testing.assert_allclose(getattr(np, op)(x, axis=dim), got)


@pytest.mark.parametrize("op", ["max", "min"])
@pytest.mark.parametrize("keepdim", [False, True])
def test_max_min_along_dim_gradient_and_indices(op, keepdim, rng, dircheck):
    """max/min along a dim return values and 0-based indices; the gradient goes there."""
    x = rng.normal(size=(3, 5))
    values, idx = getattr(pb.as_tensor(x), op)(1, keepdim)
    ref = getattr(np, "arg" + op)(x, axis=1)
    assert (ref if not keepdim else ref[:, None]).tolist() == idx.tolist()
    assert np.int64 == idx.dtype
    dircheck(lambda t: getattr(t, op)(1, keepdim)[0], [x])
    dircheck(lambda t: getattr(t, op)(0)[0], [x])


@pytest.mark.parametrize("op", ["max", "min"])
def test_max_min_of_all_elements(op, rng, dircheck):
    """max()/min() without dim give a 0-d tensor; ties share the gradient."""
    x = rng.normal(size=(3, 4))
    assert getattr(x, op)() == getattr(pb.as_tensor(x), op)().item()
    dircheck(lambda t: getattr(t, op)(), [x])
    t = pb.tensor([1.0, 3.0, 3.0], requires_grad=True)
    pb.max(t).backward()
    assert [0.0, 0.5, 0.5] == t.grad.tolist()


@pytest.mark.parametrize("dim", [0, 1, (0, 1)])
@pytest.mark.parametrize("keepdim", [False, True])
def test_logsumexp_gradient_and_stability(dim, keepdim, rng, dircheck):
    """logsumexp differentiates correctly and does not overflow on large inputs."""
    dircheck(lambda t: t.logsumexp(dim, keepdim), [rng.normal(size=(3, 4))])
    big = pb.tensor([[1000.0, 1000.0]], dtype=np.float64)
    assert 1000 + np.log(2) == pytest.approx(big.logsumexp(1).item())
