"""examples/recursive_net.py: the recursive network over parse trees trains."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

import pytorch_bridge as pb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facade_helpers import load_example, numeric_param_grad  # noqa: E402 - the folder is put on the path above


def test_recursive_net_loss_falls() -> None:
    """Three epochs on 60 synthetic trees lower the mean loss by a third or more."""
    pb.set_default_dtype(np.float32)
    history = load_example("recursive_net").train(epochs=3, seed=3, n=60)
    assert history[-1] < 0.67 * history[0]


def test_recursive_net_gradients_match_finite_differences() -> None:
    """The composition weight's gradient over one tree matches finite differences."""
    ex = load_example("recursive_net")
    net = ex.RecursiveNet(6, 3)
    tree = ((0, (1, 2)), (3, 1))
    w = net.compose.weight
    net.compose.zero_grad()
    net.loss(tree, 2).backward()
    num = numeric_param_grad(lambda: net.loss(tree, 2), w)
    np.testing.assert_allclose(num, w.grad.numpy(), atol=1e-7)
