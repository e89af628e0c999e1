"""examples/recursive_net.py: the recursive network over parse trees trains."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np

import pytorch_bridge as pb

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "recursive_net.py"


def _load() -> Any:
    spec = importlib.util.spec_from_file_location("recursive_net", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_recursive_net_loss_falls() -> None:
    """Three epochs on 60 synthetic trees lower the mean loss by a third or more."""
    pb.set_default_dtype(np.float32)
    history = _load().train(epochs=3, seed=3, n=60)
    assert history[-1] < 0.67 * history[0]


def test_recursive_net_gradients_match_finite_differences() -> None:
    """The composition weight's gradient over one tree matches finite differences."""
    ex = _load()
    net = ex.RecursiveNet(6, 3)
    tree = ((0, (1, 2)), (3, 1))
    w = net.compose.weight
    net.compose.zero_grad()
    net.loss(tree, 2).backward()
    a = w.detach().numpy()
    num = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        old = a[i]
        a[i] = old + 1e-6
        with pb.no_grad():
            plus = net.loss(tree, 2).item()
        a[i] = old - 1e-6
        with pb.no_grad():
            minus = net.loss(tree, 2).item()
        a[i] = old
        num[i] = (plus - minus) / 2e-6
    np.testing.assert_allclose(num, w.grad.numpy(), atol=1e-7)
