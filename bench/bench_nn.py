"""Neural-network benchmark: one training step of an MLP and a LeNet-5, ours next to PyTorch.

Run with one BLAS thread: ``OMP_NUM_THREADS=1 python bench/bench_nn.py``.

What one step is, on both sides (the parameter update is not timed)::

    zeroGradParameters()                 -- model.zero_grad(set_to_none=False)
    output = model:forward(input)        -- output = model(input)
    loss = criterion:forward(output, y)  -- loss = F.nll_loss(output, y)
    gradOutput = criterion:backward(output, y)
    model:backward(input, gradOutput)    -- loss.backward()

Torch7's ``model:backward`` also computes the gradient with respect to the input (the first
layer's gradInput), so PyTorch's input has ``requires_grad=True`` for the same work; the
usual PyTorch figure, without it, is shown as well. The MLP is also written by hand in numpy
(same work), the ceiling for a bridge whose kernels are numpy calls.

Our side runs as a Lua loop of n steps inside one Lua function, timed from Python; the
PyTorch side is a Python loop. Every figure is the best of several runs. The models run at
one thread (``torch.setnumthreads(1)`` and ``torch.set_num_threads(1)``), then at two for
information. Real Torch7 figures on this kind of machine (one thread) are quoted for
reference. A per-module breakdown of each model on our side (one thread) follows the main
table.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import fmt_time, per_call  # noqa: E402

from pytorch_bridge import lua  # noqa: E402

try:
    import torch as pt
except ImportError:  # PyTorch is optional: `pip install '.[bench]'`
    pt = None  # type: ignore[assignment]

# Lua constructors of the two models, evaluated after `torch.setdefaulttensortype('Float')`.
MLP_LUA = """nn.Sequential()
   :add(nn.Linear(784, 512)):add(nn.ReLU())
   :add(nn.Linear(512, 256)):add(nn.ReLU())
   :add(nn.Linear(256, 10)):add(nn.LogSoftMax())"""

LENET_LUA = """nn.Sequential()
   :add(nn.SpatialConvolution(1, 6, 5, 5)):add(nn.ReLU())
   :add(nn.SpatialMaxPooling(2, 2, 2, 2))
   :add(nn.SpatialConvolution(6, 16, 5, 5)):add(nn.ReLU())
   :add(nn.SpatialMaxPooling(2, 2, 2, 2))
   :add(nn.View(400))
   :add(nn.Linear(400, 120)):add(nn.ReLU())
   :add(nn.Linear(120, 84)):add(nn.ReLU())
   :add(nn.Linear(84, 10)):add(nn.LogSoftMax())"""

# name, Lua model, input shape (without batch), batch size, real Torch7 at one thread
MODELS = [
    ("MLP 784-512-256-10", MLP_LUA, (784,), 128, "13.7 ms"),
    ("LeNet-5 1x32x32", LENET_LUA, (1, 32, 32), 64, "22.0 ms"),
]

STEPS = {"MLP 784-512-256-10": 30, "LeNet-5 1x32x32": 20}


@dataclass
class Row:
    name: str
    threads: int
    ours: float
    torch: float | None
    torch7: str
    numpy: float | None = None
    torch_no_input_grad: float | None = None


def _set_threads(n: int) -> None:
    os.environ["OMP_NUM_THREADS"] = str(n)
    lua.execute(f"require 'torch'; torch.setnumthreads({n})")
    if pt is not None:
        pt.set_num_threads(n)


def _lua_model(model: str, shape: tuple[int, ...], batch: int) -> Any:
    """A Lua table {step=function(n), model=..., input=..., target=...} for one model."""
    dims = ", ".join(str(d) for d in (batch, *shape))
    return lua.execute(
        f"""
require 'nn'
local previous = torch.getdefaulttensortype()
torch.setdefaulttensortype('torch.FloatTensor')
torch.manualSeed(1)
local model = {model}
torch.setdefaulttensortype(previous)
local criterion = nn.ClassNLLCriterion():float()
local input = torch.FloatTensor({dims}):uniform()
local target = torch.LongTensor({batch}):random(1, 10)
local function step(n)
   for _ = 1, n do
      model:zeroGradParameters()
      local output = model:forward(input)
      criterion:forward(output, target)
      local gradOutput = criterion:backward(output, target)
      model:backward(input, gradOutput)
   end
end
return {{step = step, model = model, input = input, target = target}}
"""
    )


def _torch_model(name: str) -> Any:
    nn = pt.nn
    if name.startswith("MLP"):
        return nn.Sequential(
            nn.Linear(784, 512), nn.ReLU(),
            nn.Linear(512, 256), nn.ReLU(),
            nn.Linear(256, 10), nn.LogSoftmax(dim=1),
        )  # fmt: skip
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10), nn.LogSoftmax(dim=1),
    )  # fmt: skip


def _torch_step(
    name: str, shape: tuple[int, ...], batch: int, input_grad: bool = True
) -> Callable[[int], object]:
    """PyTorch's training step for model ``name``, without the update.

    ``input_grad`` makes it compute the gradient of the input too, as Torch7's
    ``model:backward`` does (the first layer's gradInput).
    """
    model = _torch_model(name).float()
    x = pt.rand(batch, *shape, dtype=pt.float32, requires_grad=input_grad)
    y = pt.randint(0, 10, (batch,))
    nll = pt.nn.functional.nll_loss

    def step(n: int) -> None:
        for _ in range(n):
            model.zero_grad(set_to_none=False)
            loss = nll(model(x), y)
            loss.backward()  # type: ignore[no-untyped-call]

    return step


def _numpy_mlp_step(batch: int = 128) -> Callable[[int], object]:
    """The MLP step written by hand in numpy (float32): the ceiling for a numpy-based bridge.

    Same work as the module step: zero the gradients, forward, NLL loss, gradient of the
    loss, backward including the first layer's gradInput, gradients accumulated.
    """
    rng = np.random.default_rng(1)
    sizes = [784, 512, 256, 10]
    ws = [
        rng.uniform(-0.05, 0.05, (o, i)).astype(np.float32)
        for i, o in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    bs = [np.zeros(o, np.float32) for o in sizes[1:]]
    gws = [np.zeros_like(w) for w in ws]
    gbs = [np.zeros_like(b) for b in bs]
    x = rng.random((batch, 784), dtype=np.float32)
    y = rng.integers(0, 10, batch)
    rows = np.arange(batch)

    def step(n: int) -> None:
        for _ in range(n):
            for g in (*gws, *gbs):
                g.fill(0)
            acts = [x]
            for k, (w, b) in enumerate(zip(ws, bs, strict=True)):
                h = acts[-1] @ w.T
                h += b
                if k < 2:
                    np.maximum(h, 0, out=h)
                acts.append(h)
            z = acts[-1] - acts[-1].max(axis=1, keepdims=True)
            out = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
            _loss = -out[rows, y].mean()
            g = np.zeros_like(out)
            g[rows, y] = -1.0 / batch
            g = g - np.exp(out) * g.sum(axis=1, keepdims=True)
            for k in (2, 1, 0):
                gws[k] += g.T @ acts[k]
                gbs[k] += g.sum(axis=0)
                g = g @ ws[k]
                if k > 0:
                    g *= acts[k] > 0

    return step


def bench_models(threads: int, repeats: int) -> list[Row]:
    """Time one training step of every model at ``threads`` threads."""
    _set_threads(threads)
    rows = []
    for name, model, shape, batch, torch7 in MODELS:
        steps = STEPS[name]
        ours = per_call(_lua_model(model, shape, batch).step, steps, repeats)
        tor = tor_ng = None
        if pt is not None:
            tor = per_call(_torch_step(name, shape, batch), steps, repeats)
            tor_ng = per_call(_torch_step(name, shape, batch, False), steps, repeats)
        npy = per_call(_numpy_mlp_step(batch), steps, repeats) if name.startswith("MLP") else None
        torch7 = torch7 if threads == 1 else "-"
        rows.append(Row(f"{name}, batch {batch}", threads, ours, tor, torch7, npy, tor_ng))
    return rows


def layer_breakdown(
    model: str, shape: tuple[int, ...], batch: int, repeats: int
) -> list[tuple[str, float, float]]:
    """Per-module forward and backward time of a model on our side, at one thread.

    Each module runs on the input it sees inside the model; backward is ``module:backward``
    (gradInput and accumulated parameter gradients), fed the gradOutput it sees in the model.
    """
    _set_threads(1)
    bench = _lua_model(model, shape, batch)
    probe = lua.execute(
        """
return function(b)
   local model, criterion = b.model, nn.ClassNLLCriterion():float()
   local output = model:forward(b.input)
   criterion:forward(output, b.target)
   model:backward(b.input, criterion:backward(output, b.target))
   local names, fwd, bwd = {}, {}, {}
   for i, m in ipairs(model.modules) do
      local input = i == 1 and b.input or model.modules[i - 1].output
      local gradOutput = i == #model.modules and criterion.gradInput
         or model.modules[i + 1].gradInput
      names[i] = torch.type(m) .. ' ' .. table.concat(m.output:size():totable(), 'x')
      fwd[i] = function(n) for _ = 1, n do m:forward(input) end end
      bwd[i] = function(n) for _ = 1, n do m:backward(input, gradOutput) end end
   end
   return #model.modules, names, fwd, bwd
end
"""
    )
    count, names, fwd, bwd = probe(bench)
    rows = []
    for i in range(1, int(count) + 1):
        rows.append((str(names[i]), per_call(fwd[i], 50, repeats), per_call(bwd[i], 50, repeats)))
    return rows


def table(rows: list[Row]) -> str:
    """Markdown table of one step per model, with the ratio against PyTorch."""
    lines = [
        "| model (one step: forward + loss + backward) | threads | pytorch_bridge | PyTorch "
        "| ours / PyTorch | numpy by hand | numpy / PyTorch | PyTorch without input grad "
        "| real Torch7 (1 thread) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        tor = fmt_time(r.torch) if r.torch else "n/a"
        ratio = f"{r.ours / r.torch:.2f}x" if r.torch else "n/a"
        npy = fmt_time(r.numpy) if r.numpy else "n/a"
        ratio_n = f"{r.numpy / r.torch:.2f}x" if r.numpy and r.torch else "n/a"
        tor_ng = fmt_time(r.torch_no_input_grad) if r.torch_no_input_grad else "n/a"
        lines.append(
            f"| {r.name} | {r.threads} | {fmt_time(r.ours)} | {tor} | {ratio} | {npy} "
            f"| {ratio_n} | {tor_ng} | {r.torch7} |"
        )
    return "\n".join(lines)


def breakdown_table(title: str, rows: list[tuple[str, float, float]]) -> str:
    """Markdown table of per-module times, with each module's share."""
    total = sum(f + b for _, f, b in rows)
    lines = [
        f"| {title} module (output size) | forward | backward | share of sum |",
        "|---|---|---|---|",
    ]
    for name, f, b in rows:
        lines.append(f"| {name} | {fmt_time(f)} | {fmt_time(b)} | {100 * (f + b) / total:.0f}% |")
    lines.append(
        f"| sum | {fmt_time(sum(f for _, f, _ in rows))} "
        f"| {fmt_time(sum(b for _, _, b in rows))} | 100% |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> Any:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="best of this many runs")
    parser.add_argument("--no-two-threads", action="store_true", help="skip the 2-thread rows")
    parser.add_argument("--no-breakdown", action="store_true", help="skip the per-module table")
    args = parser.parse_args(argv)
    rows = bench_models(1, args.repeats)
    if not args.no_two_threads:
        rows += bench_models(2, args.repeats)
    _set_threads(1)
    print(table(rows))
    if not args.no_breakdown:
        for name, model, shape, batch, _ in MODELS:
            print()
            rows_b = layer_breakdown(model, shape, batch, args.repeats)
            print(breakdown_table(name.split()[0], rows_b))
    return rows


if __name__ == "__main__":
    main()
