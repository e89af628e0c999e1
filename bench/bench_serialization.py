"""Serialization benchmark: our torch.load / torch.save next to `torchfile` on the same files.

Run: ``OMP_NUM_THREADS=1 python bench/bench_serialization.py [--big]``.

Two files are written by our ``torch.save`` into a temporary directory:

* a model of big Linear and SpatialConvolution layers (Float, weights and gradients), about
  200 MB of tensor data (``--big``; by default a ~50 MB version of it, which gives the same
  throughput in a quarter of the time);
* a structure-heavy file: a list of 100,000 small tables ``{a=i, b='x'..i, c={i, i+1}}``.

Each file is read once before timing, so loads come from the page cache. Our ``torch.load``
runs from Lua (timed from Python around one Lua call); ``torchfile.load`` runs in Python with
``use_list_heuristic=False``. ``torchfile`` cannot write, so ``torch.save`` has no
counterpart. Throughput for the model is bytes of tensor data / time; for the structure file
it is file bytes / time. For the model, ``torch.load`` with the ``mmap`` option (storages view
the mapped file) is timed too, alone and followed by summing every parameter, next to the
plain load followed by the same sum. Every figure is the best of several runs.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import fmt_time  # noqa: E402

from pytorch_bridge import lua  # noqa: E402

try:
    import torchfile
except ImportError:  # torchfile is optional: `pip install '.[bench]'`
    torchfile = None

# Lua builders: `scale` 4 gives ~200 MB of Float tensor data (weights + gradients).
MODEL_LUA = """
return function(scale)
   require 'nn'
   local previous = torch.getdefaulttensortype()
   torch.setdefaulttensortype('torch.FloatTensor')
   local h = 1024 * scale
   local model = nn.Sequential()
      :add(nn.SpatialConvolution(3, 64, 3, 3))
      :add(nn.SpatialConvolution(64, 128 * scale, 3, 3))
      :add(nn.SpatialConvolution(128 * scale, 128 * scale, 3, 3))
      :add(nn.View(-1))
      :add(nn.Linear(h, h))
      :add(nn.Linear(h, h / 4))
      :add(nn.Linear(h / 4, 10))
   torch.setdefaulttensortype(previous)
   local bytes = 0
   local params, grads = model:parameters()
   for i = 1, #params do
      bytes = bytes + (params[i]:nElement() + grads[i]:nElement()) * 4
   end
   return model, bytes
end
"""

TABLES_LUA = """
return function(n)
   local t = {}
   for i = 1, n do t[i] = { a = i, b = 'x' .. i, c = { i, i + 1 } } end
   return t
end
"""

LOOPS_LUA = """
return function(path, obj)
   local loaded
   local function load(n, mapped)
      local opts = mapped and { mmap = true } or nil
      for _ = 1, n do loaded = torch.load(path, nil, nil, opts) end
   end
   local function touch()   -- read every parameter (pages of a mapped file come in here)
      local total = 0
      for _, p in ipairs(loaded:parameters()) do total = total + p:sum() end
      return total
   end
   local function save(n)
      for _ = 1, n do torch.save(path, obj) end
   end
   local function release()
      loaded = nil
      collectgarbage()
      collectgarbage()
   end
   local function check()
      return loaded ~= nil
   end
   return load, save, release, check, touch
end
"""


@dataclass
class Row:
    name: str
    mbytes: float  # megabytes the throughput is computed from
    load: float
    torchfile: float | None
    save: float
    file_mb: float
    mapped: float | None = None  # torch.load with mmap = true
    mapped_touch: float | None = None  # the same, then summing every parameter
    read_touch: float | None = None  # plain torch.load, then summing every parameter


def best_of(fn: Callable[[], object], repeats: int, before: Callable[[], object]) -> float:
    """Best wall time of ``fn()`` over ``repeats`` runs, calling ``before()`` untimed first."""
    best = float("inf")
    for _ in range(repeats):
        before()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _measure(
    name: str, path: Path, obj: Any, data_bytes: int | None, repeats: int, mapped: bool = False
) -> Row:
    load, save, release, check, touch = lua.execute(LOOPS_LUA)(str(path), obj)
    release()
    save(1)  # the file, and a warm-up of the writer
    file_bytes = path.stat().st_size
    path.read_bytes()  # into the page cache
    load(1)
    assert check()
    t_save = best_of(lambda: save(1), repeats, release)
    path.read_bytes()
    t_load = best_of(lambda: load(1), repeats, release)
    release()
    t_tf = None
    if torchfile is not None:

        def tf_load() -> None:
            torchfile.load(str(path), use_list_heuristic=False)

        tf_load()
        t_tf = best_of(tf_load, min(repeats, 3), gc.collect)
    mbytes = (data_bytes if data_bytes is not None else file_bytes) / 1e6
    row = Row(name, mbytes, t_load, t_tf, t_save, file_bytes / 1e6)
    if mapped:
        row.mapped = best_of(lambda: load(1, True), repeats, release)
        row.mapped_touch = best_of(lambda: (load(1, True), touch()), repeats, release)
        row.read_touch = best_of(lambda: (load(1), touch()), repeats, release)
        release()
    return row


def bench_model(tmp: Path, scale: int, repeats: int) -> Row:
    """Load/save of a model of big Linear and convolution layers (Float)."""
    model, data_bytes = lua.execute(MODEL_LUA)(scale)
    name = f"model, Linear + SpatialConvolution, {data_bytes / 1e6:.0f} MB Float"
    row = _measure(name, tmp / "model.t7", model, int(data_bytes), repeats, mapped=True)
    del model
    lua.execute("collectgarbage(); collectgarbage()")
    return row


def bench_tables(tmp: Path, repeats: int, n: int = 100_000) -> Row:
    """Load/save of a list of ``n`` small tables {a=i, b='x'..i, c={i, i+1}}."""
    obj = lua.execute(TABLES_LUA)(n)
    return _measure(f"{n:,} small tables", tmp / "tables.t7", obj, None, repeats)


def table(rows: list[Row]) -> str:
    """Markdown table: load time and throughput, torchfile's, the ratio, and save."""
    lines = [
        "| file | file size | our torch.load | MB/s | torchfile.load | MB/s "
        "| torchfile / ours | our torch.save | MB/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        tf = fmt_time(r.torchfile) if r.torchfile else "n/a"
        tf_rate = f"{r.mbytes / r.torchfile:.0f}" if r.torchfile else "n/a"
        ratio = f"{r.torchfile / r.load:.1f}x" if r.torchfile else "n/a"
        lines.append(
            f"| {r.name} | {r.file_mb:.1f} MB | {fmt_time(r.load)} | {r.mbytes / r.load:.0f} "
            f"| {tf} | {tf_rate} | {ratio} | {fmt_time(r.save)} | {r.mbytes / r.save:.0f} |"
        )
    for r in rows:
        if r.mapped is None or r.mapped_touch is None or r.read_touch is None:
            continue
        ratio = f"{r.torchfile / r.mapped:.1f}x" if r.torchfile else "n/a"
        lines.append(
            f"\n{r.name}: torch.load with mmap = true takes {fmt_time(r.mapped)} "
            f"(torchfile / ours {ratio}); loading then summing every parameter takes "
            f"{fmt_time(r.mapped_touch)} mapped and {fmt_time(r.read_touch)} read."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> Any:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="the ~200 MB model (default ~50 MB)")
    parser.add_argument("--repeats", type=int, default=5, help="best of this many runs")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="pb_bench_") as tmp:
        benches: list[Callable[[], Row]] = [
            lambda: bench_model(Path(tmp), 4 if args.big else 2, args.repeats),
            lambda: bench_tables(Path(tmp), args.repeats),
        ]
        for bench in benches:
            try:
                rows.append(bench())
            except Exception as exc:  # noqa: BLE001 - one failing row must not hide the others
                print(f"serialization benchmark failed: {exc}", file=sys.stderr)
    print(table(rows))
    print("\nMB/s: tensor data bytes / time for the model, file bytes / time for the tables.")
    return rows


if __name__ == "__main__":
    main()
