"""A recursive neural network over binary parse trees, built anew for every tree.

Synthetic sentiment data: each word of a small vocabulary has a hidden polarity, a
sentence is a random binary tree over words, and its label says whether the polarities
sum to a positive number. Every tree node composes its two children with one Lua
``nn.Linear`` followed by ``nn.Tanh`` (the same two modules at every node, so one tree
calls them many times in one graph); the root goes through a Lua classifier and
``nn.ClassNLLCriterion``. Python control flow walks each tree; the tape gives the
gradients and ``pytorch_bridge.optim.Adagrad`` updates the Lua parameters.

Run: ``python examples/recursive_net.py [--epochs 8] [--seed 1]``.
"""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np

import pytorch_bridge as pb
import pytorch_bridge.nn as nn
from pytorch_bridge import optim

Tree = Any  # an int (a word id) or a pair of trees


def random_tree(rng: np.random.Generator, words: list[int]) -> Tree:
    """A random binary bracketing of ``words``."""
    if len(words) == 1:
        return words[0]
    cut = int(rng.integers(1, len(words)))
    return (random_tree(rng, words[:cut]), random_tree(rng, words[cut:]))


def make_data(rng: np.random.Generator, n: int, vocab: int) -> list[tuple[Tree, int]]:
    """``n`` (tree, label) pairs; labels are 1-based classes (1 negative, 2 positive)."""
    polarity = rng.normal(size=vocab)
    data = []
    for _ in range(n):
        words = [int(w) for w in rng.integers(0, vocab, int(rng.integers(2, 8)))]
        score = sum(polarity[w] for w in words)
        data.append((random_tree(rng, words), 2 if score > 0 else 1))
    return data


class RecursiveNet:
    """Embeddings, the composition (Linear + Tanh) and the classifier, all Lua modules."""

    def __init__(self, vocab: int, dim: int) -> None:
        self.embed = nn.LookupTable(vocab, dim)
        self.compose = nn.Linear(2 * dim, dim)
        self.tanh = nn.Tanh()
        self.classify = nn.Sequential().add(nn.Linear(dim, 2)).add(nn.LogSoftMax())
        self.criterion = nn.ClassNLLCriterion()

    def parameters(self) -> list[pb.Tensor]:
        """Every parameter of the four Lua modules."""
        mods = (self.embed, self.compose, self.classify)
        return [p for m in mods for p in m.parameters()]

    def encode(self, tree: Tree) -> pb.Tensor:
        """The vector of ``tree``, composed bottom-up (a 1 x dim tensor)."""
        if isinstance(tree, int):
            return self.embed(pb.tensor(np.array([tree + 1])))  # LookupTable is 1-based
        left, right = self.encode(tree[0]), self.encode(tree[1])
        return self.tanh(self.compose(pb.cat([left, right], dim=1)))

    def loss(self, tree: Tree, label: int) -> pb.Tensor:
        """The negative log-likelihood of ``label`` for ``tree``."""
        return self.criterion(self.classify(self.encode(tree)), pb.tensor(np.array([label])))


def train(epochs: int = 8, seed: int = 1, n: int = 200, vocab: int = 30) -> list[float]:
    """Train on synthetic trees; returns the mean loss of each epoch."""
    rng = np.random.default_rng(seed)
    pb.manual_seed(seed)
    data = make_data(rng, n, vocab)
    net = RecursiveNet(vocab, 16)
    opt = optim.Adagrad(net.parameters(), lr=0.1)
    history = []
    for _ in range(epochs):
        total = 0.0
        for i in rng.permutation(len(data)):
            tree, label = data[i]
            opt.zero_grad()
            loss = net.loss(tree, label)
            loss.backward()
            opt.step()
            total += loss.item()
        history.append(total / len(data))
    return history


def main() -> None:
    """Parse the options, train and print the loss of each epoch."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for epoch, loss in enumerate(train(args.epochs, args.seed), 1):
        print(f"epoch {epoch}: loss {loss:.4f}")


if __name__ == "__main__":
    main()
