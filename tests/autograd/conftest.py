"""Fixtures for the tape tests: a seeded generator and a random-direction gradient check.

Set ``PB_TEST_SEED`` to reproduce a failing run; the seed in use is printed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest

from pytorch_bridge._facade import Tensor, as_tensor, no_grad
from pytorch_bridge.autograd import grad


@pytest.fixture
def rng() -> np.random.Generator:
    """A numpy generator seeded from PB_TEST_SEED (default 1234); the seed is printed."""
    seed = int(os.environ.get("PB_TEST_SEED", "1234"))
    print(f"PB_TEST_SEED={seed}")
    return np.random.default_rng(seed)


def _value(fn: Callable[..., Tensor], arrays: Sequence[Any], u: Any) -> float:
    with no_grad():
        out = fn(*[as_tensor(a) for a in arrays])
    return float(np.sum(np.asarray(out.numpy(), dtype=np.float64) * u))


def direction_check(
    fn: Callable[..., Tensor],
    arrays: Sequence[Any],
    rng: np.random.Generator,
    eps: float = 1e-6,
    tol: float = 1e-6,
) -> None:
    """Compare the tape's directional derivative of ``u . fn(*inputs)`` along a random
    direction with central differences (float64 inputs, all of them differentiated)."""
    ins = [Tensor(np.array(a, dtype=np.float64), requires_grad=True) for a in arrays]
    out = fn(*ins)
    u = rng.uniform(-1, 1, out.shape)
    gs = grad(out, ins, as_tensor(u.astype(out.dtype)), allow_unused=True)
    dirs = [rng.uniform(-1, 1, np.shape(a)) for a in arrays]
    analytic = sum(
        float(np.sum(g.numpy() * d)) for g, d in zip(gs, dirs, strict=True) if g is not None
    )
    plus = [np.asarray(a, dtype=np.float64) + eps * d for a, d in zip(arrays, dirs, strict=True)]
    minus = [np.asarray(a, dtype=np.float64) - eps * d for a, d in zip(arrays, dirs, strict=True)]
    numeric = (_value(fn, plus, u) - _value(fn, minus, u)) / (2 * eps)
    assert numeric == pytest.approx(analytic, rel=tol, abs=tol)


@pytest.fixture
def dircheck(rng: np.random.Generator) -> Callable[..., None]:
    """``dircheck(fn, arrays)``: the random-direction gradient check with the seeded rng."""

    def check(fn: Callable[..., Tensor], arrays: Sequence[Any], **kw: Any) -> None:
        direction_check(fn, arrays, rng, **kw)

    return check
