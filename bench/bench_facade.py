"""Python facade benchmark: the tape and Lua modules called from Python, next to PyTorch.

Run with one BLAS thread: ``OMP_NUM_THREADS=1 python bench/bench_facade.py``.

Five workloads, the same code shape on both sides (float32, one thread):

- **recorded add**: ``c = a + b`` on two 4-element tensors that require grad, then
  ``c.backward(ones)``: the fixed cost of recording one op and running its backward.
- **tiny module**: 20 ``Linear(4, 4)`` modules applied one after another to a 1x4 input,
  then ``y.sum().backward()``; the figure is the time per module.
- **MLP step**: 784-512-256-10 with ReLUs, batch 128, ``cross_entropy`` loss written in
  Python, ``SGD(lr=0.01, momentum=0.9)``: zero_grad, forward, loss, backward, step.
  Ours are Lua ``nn.Linear``/``nn.ReLU`` called from Python.
- **RNN**: an Elman RNN (input 64, hidden 128, batch 32) unrolled 50 steps in a Python
  loop (``h = tanh(Wx x_t + Wh h)``, the two Linear modules called at every step), a
  squared-error loss on the last state, backward.
- **recursive net**: 100 random binary trees of 20 composition nodes (21 words), each
  composed bottom-up with one Linear(2d, d) + Tanh (d = 32), classified by
  Linear + LogSoftMax with an NLL loss; forward and backward of every tree.

Each figure is the best of several runs, ours and PyTorch's timed in turn. On a shared
machine one such comparison moves by some 10% from run to run; ``--rounds N`` repeats each
comparison N times and reports the round with the median ratio, and the range of ratios.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
from _timing import fmt_time, interleaved  # noqa: E402
from recursive_net import random_tree  # noqa: E402 - the example's tree generator

import pytorch_bridge as pb  # noqa: E402
import pytorch_bridge.nn as pnn  # noqa: E402
from pytorch_bridge import functional, lua, optim  # noqa: E402

try:
    import torch as pt
except ImportError:  # PyTorch is optional: `pip install '.[bench]'`
    pt = None  # type: ignore[assignment]

Tree = Any  # a word id or a pair of trees

# name, PyTorch figure quoted for this kind of machine, target as a ratio to PyTorch
TARGETS = {
    "recorded add (4 elements)": ("5.8 µs", 1.0),
    "tiny module Linear(4,4), per module": ("29 µs", 0.5),
    "MLP 784-512-256-10 training step": ("11.4 ms", 1.05),
    "Elman RNN, 50 steps": ("43 ms", 1.0),
    "recursive net, 100 trees": ("", 1.0),
    "MLP step, PyTorch zeroing in place": ("", None),
}


def make_trees(n: int = 100, words: int = 21, vocab: int = 50) -> list[tuple[Tree, int]]:
    rng = np.random.default_rng(0)
    return [
        (random_tree(rng, [int(w) for w in rng.integers(0, vocab, words)]), int(rng.integers(2)))
        for _ in range(n)
    ]


# ---------------------------------------------------------------- ours


def ours_add() -> Callable[[int], object]:
    a = pb.tensor(np.ones(4, np.float32), requires_grad=True)
    b = pb.tensor(np.ones(4, np.float32), requires_grad=True)
    g = pb.ones(4)

    def run(n: int) -> None:
        for _ in range(n):
            (a + b).backward(g)

    return run


def ours_tiny() -> Callable[[int], object]:
    mods = [pnn.Linear(4, 4) for _ in range(20)]
    x = pb.tensor(np.ones((1, 4), np.float32), requires_grad=True)

    def run(n: int) -> None:
        for _ in range(n):
            y = x
            for m in mods:
                y = m(y)
            y.sum().backward()

    return run


def ours_mlp() -> Callable[[int], object]:
    model = (
        pnn.Sequential()
        .add(pnn.Linear(784, 512))
        .add(pnn.ReLU())
        .add(pnn.Linear(512, 256))
        .add(pnn.ReLU())
        .add(pnn.Linear(256, 10))
    )
    opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    rng = np.random.default_rng(0)
    x = pb.tensor(rng.standard_normal((128, 784)).astype(np.float32))
    y = pb.tensor(rng.integers(0, 10, 128))

    def run(n: int) -> None:
        for _ in range(n):
            opt.zero_grad()
            functional.cross_entropy(model(x), y).backward()
            opt.step()

    return run


def ours_rnn() -> Callable[[int], object]:
    wx, wh = pnn.Linear(64, 128), pnn.Linear(128, 128)
    rng = np.random.default_rng(0)
    xs = [pb.tensor(rng.standard_normal((32, 64)).astype(np.float32)) for _ in range(50)]
    h0 = pb.zeros(32, 128)

    def run(n: int) -> None:
        for _ in range(n):
            h = h0
            for x in xs:
                h = (wx(x) + wh(h)).tanh()
            (h * h).mean().backward()

    return run


def ours_recursive() -> Callable[[int], object]:
    d = 32
    embed, compose, tanh = pnn.LookupTable(50, d), pnn.Linear(2 * d, d), pnn.Tanh()
    classify = pnn.Sequential().add(pnn.Linear(d, 2)).add(pnn.LogSoftMax())
    criterion = pnn.ClassNLLCriterion()
    trees = make_trees()
    ids = [pb.tensor(np.array([w + 1])) for w in range(50)]
    labels = [pb.tensor(np.array([c + 1])) for c in range(2)]

    def encode(t: Tree) -> pb.Tensor:
        if isinstance(t, int):
            return embed(ids[t])
        return tanh(compose(pb.cat([encode(t[0]), encode(t[1])], dim=1)))

    def run(n: int) -> None:
        for _ in range(n):
            for tree, label in trees:
                criterion(classify(encode(tree)), labels[label]).backward()

    return run


# ---------------------------------------------------------------- PyTorch


def torch_add() -> Callable[[int], object]:
    a = pt.ones(4, requires_grad=True)
    b = pt.ones(4, requires_grad=True)
    g = pt.ones(4)

    def run(n: int) -> None:
        for _ in range(n):
            (a + b).backward(g)

    return run


def torch_tiny() -> Callable[[int], object]:
    mods = [pt.nn.Linear(4, 4) for _ in range(20)]
    x = pt.ones(1, 4, requires_grad=True)

    def run(n: int) -> None:
        for _ in range(n):
            y = x
            for m in mods:
                y = m(y)
            y.sum().backward()

    return run


def torch_mlp(set_to_none: bool = True) -> Callable[[int], object]:
    tnn = pt.nn
    model = tnn.Sequential(
        tnn.Linear(784, 512), tnn.ReLU(), tnn.Linear(512, 256), tnn.ReLU(), tnn.Linear(256, 10)
    )
    opt = pt.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    rng = np.random.default_rng(0)
    x = pt.from_numpy(rng.standard_normal((128, 784)).astype(np.float32))
    y = pt.from_numpy(rng.integers(0, 10, 128))

    def run(n: int) -> None:
        for _ in range(n):
            opt.zero_grad(set_to_none=set_to_none)
            pt.nn.functional.cross_entropy(model(x), y).backward()
            opt.step()

    return run


def torch_mlp_zeroing() -> Callable[[int], object]:
    """The MLP step with PyTorch zeroing its gradients in place, as Torch7 modules (and so
    ours) must: ``zero_grad(set_to_none=False)``. Same work on both sides; not a target."""
    return torch_mlp(set_to_none=False)


def torch_rnn() -> Callable[[int], object]:
    wx, wh = pt.nn.Linear(64, 128), pt.nn.Linear(128, 128)
    rng = np.random.default_rng(0)
    xs = [pt.from_numpy(rng.standard_normal((32, 64)).astype(np.float32)) for _ in range(50)]
    h0 = pt.zeros(32, 128)

    def run(n: int) -> None:
        for _ in range(n):
            h = h0
            for x in xs:
                h = (wx(x) + wh(h)).tanh()
            (h * h).mean().backward()

    return run


def torch_recursive() -> Callable[[int], object]:
    d = 32
    tnn = pt.nn
    embed, compose = tnn.Embedding(50, d), tnn.Linear(2 * d, d)
    classify = tnn.Sequential(tnn.Linear(d, 2), tnn.LogSoftmax(dim=1))
    trees = make_trees()
    ids = [pt.tensor([w]) for w in range(50)]
    labels = [pt.tensor([c]) for c in range(2)]

    def encode(t: Tree) -> Any:
        if isinstance(t, int):
            return embed(ids[t])
        return pt.tanh(compose(pt.cat([encode(t[0]), encode(t[1])], dim=1)))

    def run(n: int) -> None:
        for _ in range(n):
            for tree, label in trees:
                pt.nn.functional.nll_loss(classify(encode(tree)), labels[label]).backward()

    return run


CASES = [
    ("recorded add (4 elements)", ours_add, torch_add, 20000, 1),
    ("tiny module Linear(4,4), per module", ours_tiny, torch_tiny, 300, 20),
    ("MLP 784-512-256-10 training step", ours_mlp, torch_mlp, 20, 1),
    ("MLP step, PyTorch zeroing in place", ours_mlp, torch_mlp_zeroing, 20, 1),
    ("Elman RNN, 50 steps", ours_rnn, torch_rnn, 10, 1),
    ("recursive net, 100 trees", ours_recursive, torch_recursive, 2, 1),
]


def compare(ours: Any, theirs: Any, inner: int, repeats: int, rounds: int) -> list[list[float]]:
    """``rounds`` interleaved timings of our workload and PyTorch's (or ours alone), sorted
    by the ratio between them; each is ``[ours, theirs]`` seconds per iteration."""
    sides = [ours()] + ([theirs()] if pt is not None else [])
    runs = [interleaved(sides, inner, repeats) for _ in range(rounds)]
    return sorted(runs, key=lambda r: r[0] / r[1] if len(r) > 1 else r[0])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=1, help="repeat each comparison")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the iteration counts")
    parser.add_argument("-k", default="", help="run only cases whose name contains this")
    args = parser.parse_args(argv)
    pb.set_default_dtype(np.float32)
    lua.execute("torch.setnumthreads(1)")
    if pt is not None:
        pt.set_num_threads(1)
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, float32, one thread")
    print(f"best of {args.repeats} runs; median of {args.rounds} round(s)\n")
    print("| workload | ours | PyTorch 2.13 | ours / PyTorch | range | target | PyTorch quoted |")
    print("|---|---|---|---|---|---|---|")
    for name, ours, theirs, inner, per in CASES:
        if args.k not in name:
            continue
        n = max(1, int(inner * args.scale))
        runs = compare(ours, theirs, n, args.repeats, max(1, args.rounds))
        mid = runs[len(runs) // 2]
        mine, ref = mid[0] / per, (mid[1] / per if pt is not None else None)
        quoted, target = TARGETS[name]
        goal = f"≤ {target:.2f}x" if target is not None else "(same work)"
        ratio = f"{mine / ref:.2f}x" if ref else "n/a"
        span = ""
        if ref and len(runs) > 1:
            span = f"{runs[0][0] / runs[0][1]:.2f}-{runs[-1][0] / runs[-1][1]:.2f}x"
        ref_s = fmt_time(ref) if ref else "not installed"
        print(f"| {name} | {fmt_time(mine)} | {ref_s} | {ratio} | {span} | {goal} | {quoted} |")


if __name__ == "__main__":
    main()
