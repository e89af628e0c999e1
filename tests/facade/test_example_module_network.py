"""examples/module_network.py: the neural module network answers questions about scenes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import pytorch_bridge as pb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facade_helpers import load_example, numeric_param_grad  # noqa: E402 - the folder is put on the path above


def _scene(ex: Any) -> Any:
    """A red circle at (1, 3), a blue circle at (2, 1) and a green square at (4, 1)."""
    feats = np.zeros((3, 8))
    pos = np.array([[1, 3], [2, 1], [4, 1]])
    objects = [("red", "circle"), ("blue", "circle"), ("green", "square")]
    for i, (colour, shape) in enumerate(objects):
        feats[i, ex.COLOURS.index(colour)] = 1.0
        feats[i, 3 + ex.SHAPES.index(shape)] = 1.0
    feats[:, 6:] = pos / (ex.GRID - 1)
    return feats, pos


def test_module_network_layouts_and_answers() -> None:
    """Questions parse into the expected layouts and get the scene's true answers."""
    ex = load_example("module_network")
    scene = _scene(ex)
    question = "is there a red object above a circle?"
    expected = ("exists", ("relate", "above", ("find", "red"), ("find", "circle")))
    assert expected == ex.parse(question)
    assert ("exists", ("find", "triangle")) == ex.parse("is there a triangle?")
    assert ex.answer(scene, question)
    assert not ex.answer(scene, "is there a circle right of a square?")
    assert ex.answer(scene, "is there a square right of a blue object?")
    assert not ex.answer(scene, "is there a triangle?")


@pytest.mark.parametrize("seed", [1, 2])
def test_module_network_learns(seed: int) -> None:
    """Five epochs on 200 questions lower the loss by a third and answer 80% of new ones."""
    pb.set_default_dtype(np.float32)
    history, acc = load_example("module_network").train(epochs=5, seed=seed, n=200, n_test=100)
    print(f"seed {seed}: losses {history}, held-out accuracy {acc}")
    assert history[-1] < 0.67 * history[0]
    assert acc >= 0.8


def test_module_network_gradients_match_finite_differences() -> None:
    """Relate and find weight gradients through one assembled question match differences."""
    ex = load_example("module_network")
    pb.manual_seed(5)
    net = ex.ModuleNetwork()
    scene, question = _scene(ex), "is there a red object above a circle?"
    weights = [net.relate["above"][0].weight, net.find["circle"][0].weight]
    net.relate["above"].zero_grad()
    net.find["circle"].zero_grad()
    net.loss(question, scene, 2).backward()
    for w in weights:
        num = numeric_param_grad(lambda: net.loss(question, scene, 2), w)
        np.testing.assert_allclose(num, w.grad.numpy(), rtol=1e-5, atol=1e-9)
