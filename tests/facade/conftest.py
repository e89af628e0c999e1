"""Fixtures for the nn facade tests: float64 modules and a seeded generator.

Set ``PB_TEST_SEED`` to reproduce a failing run; the seed in use is printed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import numpy as np
import pytest

import pytorch_bridge as pb


@pytest.fixture(autouse=True)
def float64() -> Iterator[None]:
    """Build modules and tensors in float64 (finite differences need it), then restore."""
    before = pb.get_default_dtype()
    pb.set_default_dtype(np.float64)
    yield
    pb.set_default_dtype(before)


@pytest.fixture
def rng() -> np.random.Generator:
    """A numpy generator seeded from PB_TEST_SEED (default 1234); the seed is printed."""
    seed = int(os.environ.get("PB_TEST_SEED", "1234"))
    print(f"PB_TEST_SEED={seed}")
    pb.manual_seed(seed)
    return np.random.default_rng(seed)


@pytest.fixture
def leaf(rng: np.random.Generator) -> Callable[..., pb.Tensor]:
    """``leaf(*shape)``: a float64 leaf with values in [-2, 2] that requires grad."""

    def make(*shape: int) -> pb.Tensor:
        return pb.tensor(rng.uniform(-2, 2, shape), dtype=np.float64, requires_grad=True)

    return make
