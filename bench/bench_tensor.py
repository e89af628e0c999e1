"""Tensor library benchmark: our Lua tensors next to numpy (and PyTorch when installed).

Run with one BLAS thread: ``OMP_NUM_THREADS=1 python bench/bench_tensor.py``.
Every figure is the best of several runs of a loop; each row does the same work on
each side. Real Torch7 figures on this kind of machine (one thread) are quoted for
reference.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import fmt_time, interleaved, per_call  # noqa: E402

from pytorch_bridge import lua  # noqa: E402

try:
    import torch as pt
except ImportError:  # PyTorch is optional: `pip install '.[bench]'`
    pt = None


@dataclass
class Row:
    name: str
    ours: float
    numpy: float
    torch: float | None
    torch7: str
    unit: str = "time"


def _lua_loop(body: str, setup: str) -> Callable[[int], object]:
    """A Lua function running ``body`` n times after ``setup`` (locals visible to body)."""
    fn = lua.execute(f"{setup}\nreturn function(n) for _ = 1, n do {body} end end")
    return fn  # type: ignore[no-any-return]


def _py_loop(body: Callable[[], object]) -> Callable[[int], object]:
    def run(n: int) -> None:
        for _ in range(n):
            body()

    return run


def _trio(
    ours: Callable[[int], object],
    npy: Callable[[int], object],
    tor: Callable[[int], object] | None,
    inner: int,
) -> tuple[float, float, float | None]:
    """Per-iteration times of the three sides, timed in turn (see ``interleaved``)."""
    times = interleaved([ours, npy] + ([tor] if tor is not None else []), inner)
    return times[0], times[1], (times[2] if tor is not None else None)


def bench_small_add() -> Row:
    ours = _lua_loop("a:add(b)", "local a, b = torch.rand(4), torch.rand(4)")
    a, b = np.random.rand(4), np.random.rand(4)
    tor = None
    if pt is not None:
        ta, tb = pt.rand(4, dtype=pt.float64), pt.rand(4, dtype=pt.float64)
        tor = _py_loop(lambda: ta.add_(tb))
    times = _trio(ours, _py_loop(lambda: np.add(a, b, out=a)), tor, 200_000)
    return Row("add, 4 doubles (in place)", *times, "0.75 µs")


def bench_big_add() -> Row:
    ours = _lua_loop("a:add(b)", "local a, b = torch.rand(1000000), torch.rand(1000000)")
    a, b = np.random.rand(1_000_000), np.random.rand(1_000_000)
    tor = None
    if pt is not None:
        ta, tb = pt.rand(1_000_000, dtype=pt.float64), pt.rand(1_000_000, dtype=pt.float64)
        tor = _py_loop(lambda: ta.add_(tb))
    times = _trio(ours, _py_loop(lambda: np.add(a, b, out=a)), tor, 200)
    return Row("add, 1e6 doubles (in place)", *times, "1.2 ms")


def bench_matmul() -> Row:
    setup = (
        "local a = torch.FloatTensor(512, 512):uniform(); local b = a:clone(); local c = a:clone()"
    )
    ours = _lua_loop("c:mm(a, b)", setup)
    a = np.random.rand(512, 512).astype(np.float32)
    b, c = a.copy(), a.copy()
    tor = None
    if pt is not None:
        ta = pt.rand(512, 512)
        tb, tc = ta.clone(), ta.clone()
        tor = _py_loop(lambda: pt.mm(ta, tb, out=tc))
    times = _trio(ours, _py_loop(lambda: np.matmul(a, b, out=c)), tor, 20)
    return Row("matmul 512x512 float", *times, "7.8 ms")


def bench_narrow() -> Row:
    ours = _lua_loop("local v = t:narrow(1, 3, 10)", "local t = torch.Tensor(100, 100)")
    a = np.zeros((100, 100))
    tor = None
    if pt is not None:
        ta = pt.zeros(100, 100, dtype=pt.float64)
        tor = _py_loop(lambda: ta.narrow(0, 2, 10))
    times = _trio(ours, _py_loop(lambda: a[2:12]), tor, 1_000_000)
    return Row("narrow (create a view)", *times, "1.25 µs")


def bench_narrow_copy() -> Row:
    setup = "local big = torch.rand(1000, 1000); local dst = torch.Tensor(500, 500)"
    ours = _lua_loop("dst:copy(big:narrow(1, 2, 500):narrow(2, 3, 500))", setup)
    big, dst = np.random.rand(1000, 1000), np.zeros((500, 500))

    def np_copy() -> None:
        dst[...] = big[1:501, 2:502]

    tor = None
    if pt is not None:
        tb, td = pt.rand(1000, 1000, dtype=pt.float64), pt.zeros(500, 500, dtype=pt.float64)
        tor = _py_loop(lambda: td.copy_(tb.narrow(0, 1, 500).narrow(1, 2, 500)))
    times = _trio(ours, _py_loop(np_copy), tor, 500)
    return Row("narrow + copy 500x500 of 1000x1000", *times, "0.25 ms")


def bench_element_reads() -> Row:
    setup = "local t = torch.rand(1000, 1000)"
    body = "local s = 0; for i = 1, 1000 do for j = 1, 1000 do s = s + t[i][j] end end"
    ours = per_call(_lua_loop(body, setup), 3) / 1e6
    a = np.random.rand(1000, 1000)

    def np_reads(n: int) -> None:
        for _ in range(n):
            s = 0.0
            for i in range(1000):
                row = a[i]
                for j in range(1000):
                    s += row[j]

    npy = per_call(np_reads, 1, repeats=3) / 1e6
    return Row("t[i][j] reads of 1000x1000 (per element)", ours, npy, None, "1.43 µs (0.7 M/s)")


def bench_apply() -> Row:
    setup = "local t = torch.rand(1000, 1000); local f = function(x) return x * 2 end"
    ours = per_call(_lua_loop("t:apply(f)", setup), 5) / 1e6
    a = np.random.rand(1000, 1000)
    npy = per_call(_py_loop(lambda: np.multiply(a, 2, out=a)), 20) / 1e6
    tor = None
    if pt is not None:
        ta = pt.rand(1000, 1000, dtype=pt.float64)
        tor = per_call(_py_loop(lambda: ta.mul_(2)), 20) / 1e6
    return Row("apply(x*2) over 1000x1000 (per element)", ours, npy, tor, "1 ns (1000 M/s)")


BENCHES = [
    bench_small_add,
    bench_big_add,
    bench_matmul,
    bench_narrow,
    bench_narrow_copy,
    bench_element_reads,
    bench_apply,
]


def run() -> list[Row]:
    """Run every tensor benchmark and return the rows."""
    rows = []
    for bench in BENCHES:
        try:
            rows.append(bench())
        except Exception as exc:  # noqa: BLE001 - one failing row must not hide the others
            print(f"{bench.__name__}: failed: {exc}", file=sys.stderr)
    return rows


def table(rows: list[Row]) -> str:
    """Markdown table of the rows, with ratios against numpy and PyTorch."""
    lines = [
        "| operation | pytorch_bridge | numpy | ours / numpy | PyTorch | ours / PyTorch "
        "| real Torch7 |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        tor = fmt_time(r.torch) if r.torch else "n/a"
        ratio_t = f"{r.ours / r.torch:.2f}x" if r.torch else "n/a"
        lines.append(
            f"| {r.name} | {fmt_time(r.ours)} | {fmt_time(r.numpy)} | {r.ours / r.numpy:.2f}x "
            f"| {tor} | {ratio_t} | {r.torch7} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> Any:
    rows = run()
    print(table(rows))
    return rows


if __name__ == "__main__":
    main()
