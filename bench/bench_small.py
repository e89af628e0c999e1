"""Old-script training loops: small networks trained one sample at a time, from Lua.

Run with one BLAS thread: ``OMP_NUM_THREADS=1 python bench/bench_small.py``.

Torch7 tutorials and many old scripts train small networks on one sample per step. One
step here is the whole update, on both sides (Double, as those scripts ran)::

    criterion:forward(model:forward(x), y)   -- loss = loss_fn(model(x), y)
    model:zeroGradParameters()               -- model.zero_grad(set_to_none=False)
    model:backward(x, criterion:backward(model.output, y))   -- loss.backward()
    model:updateParameters(0.01)             -- p -= 0.01 * p.grad, under no_grad

Two networks: a regressor 10-32-1 (Linear, Tanh, Linear) with MSECriterion, and a
classifier 20-50-5 (Linear, Tanh, Linear, LogSoftMax) with ClassNLLCriterion, each cycling
over 64 stored samples. A third row times one step of an LSTM cell (input 10, hidden 32,
one sample) built as char-rnn built it, with nngraph (two Linear, gates split from one
vector, Sigmoid, Tanh, CMulTable, CAddTable): forward and backward, no update; PyTorch
runs the same graph of operations. Our side is a Lua loop inside one Lua function; PyTorch's is the
Python loop its user would write. Every figure is the best of several runs, the two sides
timed in turn.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import fmt_time, interleaved  # noqa: E402

from pytorch_bridge import lua  # noqa: E402

try:
    import torch as pt
except ImportError:  # PyTorch is optional: `pip install '.[bench]'`
    pt = None  # type: ignore[assignment]

# name, Lua model, Lua criterion, input size, whether targets are classes (else one value)
NETS = [
    ("regressor 10-32-1, MSE", "nn.Linear(10, 32), nn.Tanh(), nn.Linear(32, 1)",
     "nn.MSECriterion()", 10, False),
    ("classifier 20-50-5, NLL", "nn.Linear(20, 50), nn.Tanh(), nn.Linear(50, 5), nn.LogSoftMax()",
     "nn.ClassNLLCriterion()", 20, True),
]  # fmt: skip

SAMPLES = 64


def ours(layers: str, criterion: str, n_in: int, classes: bool) -> Callable[[int], object]:
    """The Lua loop: ``step(n)`` trains on n samples."""
    target = "torch.LongTensor({math.random(5)})" if classes else "torch.randn(1)"
    fn = lua.execute(
        f"""
require 'nn'
torch.manualSeed(1)
local model = nn.Sequential()
for _, m in ipairs({{ {layers} }}) do model:add(m) end
local criterion = {criterion}
local xs, ys = {{}}, {{}}
for i = 1, {SAMPLES} do xs[i], ys[i] = torch.randn({n_in}), {target} end
return function(n)
   for k = 1, n do
      local i = (k - 1) % {SAMPLES} + 1
      local x, y = xs[i], ys[i]
      criterion:forward(model:forward(x), y)
      model:zeroGradParameters()
      model:backward(x, criterion:backward(model.output, y))
      model:updateParameters(0.01)
   end
end
"""
    )
    return fn  # type: ignore[no-any-return]


def theirs(name: str, n_in: int, classes: bool) -> Callable[[int], object]:
    """The same loop in PyTorch (float64, one sample at a time)."""
    tnn = pt.nn
    pt.manual_seed(1)
    if classes:
        model = tnn.Sequential(
            tnn.Linear(20, 50), tnn.Tanh(), tnn.Linear(50, 5), tnn.LogSoftmax(dim=0)
        ).double()
        loss_fn: Any = pt.nn.functional.nll_loss
        ys = [pt.randint(0, 5, ()) for _ in range(SAMPLES)]
    else:
        model = tnn.Sequential(tnn.Linear(10, 32), tnn.Tanh(), tnn.Linear(32, 1)).double()
        loss_fn = pt.nn.functional.mse_loss
        ys = [pt.randn(1, dtype=pt.float64) for _ in range(SAMPLES)]
    xs = [pt.randn(n_in, dtype=pt.float64) for _ in range(SAMPLES)]
    params = list(model.parameters())

    def step(n: int) -> None:
        for k in range(n):
            i = k % SAMPLES
            loss = loss_fn(model(xs[i]), ys[i])
            model.zero_grad(set_to_none=False)
            loss.backward()
            with pt.no_grad():
                for p in params:
                    if p.grad is not None:
                        p.add_(p.grad, alpha=-0.01)

    return step


LSTM_LUA = """
require 'nngraph'
torch.manualSeed(1)
local n_in, h = 10, 32
local x, prev_c, prev_h = nn.Identity()(), nn.Identity()(), nn.Identity()()
local gates = nn.CAddTable()({ nn.Linear(n_in, 4 * h)(x), nn.Linear(h, 4 * h)(prev_h) })
local g1, g2, g3, g4 = nn.SplitTable(1)(nn.Reshape(4, h)(gates)):split(4)
local in_gate, forget_gate, out_gate = nn.Sigmoid()(g1), nn.Sigmoid()(g2), nn.Sigmoid()(g3)
local next_c = nn.CAddTable()({ nn.CMulTable()({ forget_gate, prev_c }),
                                nn.CMulTable()({ in_gate, nn.Tanh()(g4) }) })
local next_h = nn.CMulTable()({ out_gate, nn.Tanh()(next_c) })
local cell = nn.gModule({ x, prev_c, prev_h }, { next_c, next_h })
local input = { torch.randn(n_in), torch.randn(h), torch.randn(h) }
local gradOutput = { torch.randn(h), torch.randn(h) }
return function(n)
   for _ = 1, n do
      cell:forward(input)
      cell:backward(input, gradOutput)
   end
end
"""


def theirs_lstm() -> Callable[[int], object]:
    """The same cell in PyTorch: the graph of operations, forward and backward."""
    h = 32
    i2h, h2h = pt.nn.Linear(10, 4 * h).double(), pt.nn.Linear(h, 4 * h).double()
    x = pt.randn(10, dtype=pt.float64, requires_grad=True)
    c0 = pt.randn(h, dtype=pt.float64, requires_grad=True)
    h0 = pt.randn(h, dtype=pt.float64, requires_grad=True)
    gc, gh = pt.randn(h, dtype=pt.float64), pt.randn(h, dtype=pt.float64)

    def step(n: int) -> None:
        for _ in range(n):
            g1, g2, g3, g4 = (i2h(x) + h2h(h0)).view(4, h).unbind(0)
            c = pt.sigmoid(g2) * c0 + pt.sigmoid(g1) * pt.tanh(g4)
            hn = pt.sigmoid(g3) * pt.tanh(c)
            pt.autograd.backward([c, hn], [gc, gh])

    return step


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="best of this many runs")
    parser.add_argument("--steps", type=int, default=2000, help="samples per timed run")
    args = parser.parse_args(argv)
    lua.execute("require 'torch'; torch.setnumthreads(1)")
    if pt is not None:
        pt.set_num_threads(1)
    print("| network, one sample per step | pytorch_bridge | PyTorch | ours / PyTorch |")
    print("|---|---|---|---|")
    for name, layers, criterion, n_in, classes in NETS:
        fns = [ours(layers, criterion, n_in, classes)]
        if pt is not None:
            fns.append(theirs(name, n_in, classes))
        times = interleaved(fns, args.steps, args.repeats)
        ref = fmt_time(times[1]) if pt is not None else "not installed"
        ratio = f"{times[0] / times[1]:.2f}x" if pt is not None else "n/a"
        print(f"| {name} | {fmt_time(times[0])} | {ref} | {ratio} |")
    fns = [lua.execute(LSTM_LUA)]
    if pt is not None:
        fns.append(theirs_lstm())
    times = interleaved(fns, args.steps, args.repeats)
    ref = fmt_time(times[1]) if pt is not None else "not installed"
    ratio = f"{times[0] / times[1]:.2f}x" if pt is not None else "n/a"
    print(
        f"| LSTM cell 10-32 (nngraph), one step forward and backward | {fmt_time(times[0])} "
        f"| {ref} | {ratio} |"
    )


if __name__ == "__main__":
    main()
