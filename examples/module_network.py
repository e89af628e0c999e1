"""A toy neural module network that answers yes/no questions about synthetic scenes.

A scene holds a few objects on a small grid, each with a colour, a shape and a position.
Questions read "is there a red object above a circle?" or "is there a triangle?"; their
answers are computed exactly from the scene. For every question Python parses the text
into a layout such as ``exists(relate[above](find[red], find[circle]))`` and assembles it
from Lua ``nn`` modules at run time:

- ``find[attr]`` (``nn.Linear`` + ``nn.Sigmoid``) gives each object an attention weight;
- ``relate[rel]`` (``nn.Linear`` + ``nn.Sigmoid``) scores every ordered pair of objects
  from their offset; Python combines the scores with both attentions by a soft AND/OR;
- ``exists`` (``nn.Linear`` + ``nn.LogSoftMax``) turns the soft OR of an attention into
  no/yes log-probabilities, scored by ``nn.ClassNLLCriterion``.

Each module keeps one set of parameters shared by every question that uses it; the tape
differentiates the mix of Lua module calls and Python tensor operations, and
``pytorch_bridge.optim.Adam`` updates the Lua parameters.

Run: ``python examples/module_network.py [--epochs 6] [--seed 1]``.
"""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np

import pytorch_bridge as pb
import pytorch_bridge.nn as nn
from pytorch_bridge import optim

COLOURS = ("red", "green", "blue")
SHAPES = ("circle", "square", "triangle")
RELATIONS = ("above", "below", "left of", "right of")
GRID = 5
EPS = 1e-6

Scene = tuple[np.ndarray, np.ndarray]  # features (n x 8), grid positions (n x 2: x, y)
Layout = Any  # ("find", attr), ("relate", rel, layout, layout) or ("exists", layout)


def make_scene(rng: np.random.Generator) -> Scene:
    """3 to 6 objects in distinct grid cells; features are one-hot colour and shape, x, y."""
    n = int(rng.integers(3, 7))
    cells = rng.choice(GRID * GRID, size=n, replace=False)
    pos = np.stack([cells % GRID, cells // GRID], axis=1)  # y grows upwards
    feats = np.zeros((n, 8))
    feats[np.arange(n), rng.integers(0, 3, n)] = 1.0
    feats[np.arange(n), 3 + rng.integers(0, 3, n)] = 1.0
    feats[:, 6:] = pos / (GRID - 1)
    return feats, pos


def has(scene: Scene, attr: str) -> np.ndarray:
    """Which objects have ``attr`` (a colour or a shape), as booleans."""
    return scene[0][:, (COLOURS + SHAPES).index(attr)] > 0.5


def holds(rel: str, pos: np.ndarray) -> np.ndarray:
    """``out[i, j]``: object i stands ``rel`` object j."""
    dx = pos[:, None, 0] - pos[None, :, 0]
    dy = pos[:, None, 1] - pos[None, :, 1]
    table: dict[str, np.ndarray] = {"above": dy > 0, "below": dy < 0, "left of": dx < 0}
    return table[rel] if rel in table else dx > 0


def phrase(attr: str) -> str:
    """'circle' for a shape, 'red object' for a colour."""
    return attr if attr in SHAPES else f"{attr} object"


def answer(scene: Scene, question: str) -> bool:
    """The exact answer to ``question`` about ``scene``."""
    layout = parse(question)[1]
    if layout[0] == "find":
        return bool(has(scene, layout[1]).any())
    _, rel, subj, obj = layout
    pairs = holds(rel, scene[1]) & has(scene, subj[1])[:, None] & has(scene, obj[1])[None, :]
    return bool(pairs.any())


def parse(question: str) -> Layout:
    """The module layout of a question (the text form :func:`make_data` writes)."""
    body = question.removeprefix("is there a ").removesuffix("?")
    for rel in RELATIONS:
        if f" {rel} a " in body:
            left, right = body.split(f" {rel} a ")
            subj, obj = ("find", left.split()[0]), ("find", right.split()[0])
            return ("exists", ("relate", rel, subj, obj))
    return ("exists", ("find", body.split()[0]))


def make_data(rng: np.random.Generator, n: int) -> list[tuple[Scene, str, int]]:
    """``n`` (scene, question, label) triples, alternately no (1) and yes (2)."""
    attrs = COLOURS + SHAPES
    data: list[tuple[Scene, str, int]] = []
    while len(data) < n:
        scene = make_scene(rng)
        a, b = (str(x) for x in rng.choice(attrs, size=2))
        if rng.random() < 0.25:
            question = f"is there a {phrase(a)}?"
        else:
            question = f"is there a {phrase(a)} {rng.choice(RELATIONS)} a {phrase(b)}?"
        if answer(scene, question) == (len(data) % 2 == 1):
            data.append((scene, question, 1 + len(data) % 2))
    return data


def floats(a: np.ndarray) -> pb.Tensor:
    """A copy of ``a`` in the default dtype (the Lua modules' dtype)."""
    return pb.tensor(a, dtype=pb.get_default_dtype())


def soft_or(p: pb.Tensor, dim: int) -> pb.Tensor:
    """1 - prod(1 - p) along ``dim``, through logs so the tape can differentiate it."""
    return 1 - pb.exp(pb.log(1 - p + EPS).sum(dim))


class ModuleNetwork:
    """The module inventory: one ``find`` per attribute, one ``relate`` per relation."""

    def __init__(self) -> None:
        self.find = {a: self._unit(8) for a in COLOURS + SHAPES}
        self.relate = {r: self._unit(2) for r in RELATIONS}
        self.exists = nn.Sequential().add(nn.Linear(1, 2)).add(nn.LogSoftMax())
        self.criterion = nn.ClassNLLCriterion()

    @staticmethod
    def _unit(inputs: int) -> Any:
        """Linear + Sigmoid, starting near 0.1 so soft ORs over many objects do not saturate."""
        unit = nn.Sequential().add(nn.Linear(inputs, 1)).add(nn.Sigmoid())
        with pb.no_grad():
            unit[0].bias.fill_(-2.0)
        return unit

    def parameters(self) -> list[pb.Tensor]:
        """Every parameter of every Lua module in the inventory."""
        mods = [*self.find.values(), *self.relate.values(), self.exists]
        return [p for m in mods for p in m.parameters()]

    def attend(self, layout: Layout, scene: Scene) -> pb.Tensor:
        """The attention (one weight per object) that ``layout`` gives ``scene``."""
        feats, pos = scene
        if layout[0] == "find":
            found: pb.Tensor = self.find[layout[1]](floats(feats))
            return found.reshape(-1)
        _, rel, subj, obj = layout
        n = len(pos)
        offsets = (pos[:, None, :] - pos[None, :, :]).reshape(n * n, 2)
        pair: pb.Tensor = self.relate[rel](floats(offsets))
        near = soft_or(pair.reshape(n, n) * self.attend(obj, scene).reshape(1, n), 1)
        return self.attend(subj, scene) * near

    def log_probs(self, question: str, scene: Scene) -> pb.Tensor:
        """No/yes log-probabilities (1 x 2) from the layout assembled for ``question``."""
        root = parse(question)
        out: pb.Tensor = self.exists(soft_or(self.attend(root[1], scene), 0).reshape(1, 1))
        return out

    def loss(self, question: str, scene: Scene, label: int) -> pb.Tensor:
        """The negative log-likelihood of ``label`` (1 no, 2 yes)."""
        nll: pb.Tensor = self.criterion(self.log_probs(question, scene), pb.tensor([label]))
        return nll


def accuracy(net: ModuleNetwork, data: list[tuple[Scene, str, int]]) -> float:
    """The fraction of questions whose more likely answer is the right one."""
    with pb.no_grad():
        right = [int(net.log_probs(q, s).numpy().argmax()) + 1 == y for s, q, y in data]
    return float(np.mean(right))


def train(
    epochs: int = 6, seed: int = 1, n: int = 300, n_test: int = 200
) -> tuple[list[float], float]:
    """Train on ``n`` questions; returns each epoch's mean loss and held-out accuracy."""
    rng = np.random.default_rng(seed)
    pb.manual_seed(seed)
    data, test = make_data(rng, n), make_data(rng, n_test)
    net = ModuleNetwork()
    opt = optim.Adam(net.parameters(), lr=0.05)
    history = []
    for _ in range(epochs):
        total = 0.0
        for i in rng.permutation(len(data)):
            scene, question, label = data[i]
            opt.zero_grad()
            loss = net.loss(question, scene, label)
            loss.backward()
            opt.step()
            total += loss.item()
        history.append(total / len(data))
    return history, accuracy(net, test)


def main() -> None:
    """Parse the options, train, print the loss of each epoch and the test accuracy."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    history, acc = train(args.epochs, args.seed)
    for epoch, loss in enumerate(history, 1):
        print(f"epoch {epoch}: loss {loss:.4f}")
    print(f"held-out accuracy: {acc:.3f}")


if __name__ == "__main__":
    main()
