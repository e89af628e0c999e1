"""Timing helpers shared by the benchmarks: best-of-repeats wall time per call."""

from __future__ import annotations

import time
from collections.abc import Callable


def per_call(fn: Callable[[int], object], inner: int, repeats: int = 5) -> float:
    """Seconds per iteration of ``fn(inner)``, which runs ``inner`` iterations itself.

    The best of ``repeats`` runs is kept: on a shared machine, the minimum is the figure
    least disturbed by other work.
    """
    return interleaved([fn], inner, repeats)[0]


def fmt_time(seconds: float) -> str:
    """A duration with a unit that keeps three significant figures."""
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} µs"
    return f"{seconds * 1e3:.2f} ms"


def interleaved(fns: list[Callable[[int], object]], inner: int, repeats: int = 7) -> list[float]:
    """Seconds per iteration for each of ``fns``, timed in turn within every repeat.

    Taking turns puts the same machine state (other load, CPU clock) under every side, so
    the ratios between them drift less than when each side runs all its repeats at once.
    The order of the turns reverses from one repeat to the next, so that no side always
    runs first (on caches the other side has just filled).
    """
    for fn in fns:
        fn(max(1, inner // 10))  # warm up (JIT traces, caches, allocations)
    best = [float("inf")] * len(fns)
    order = list(range(len(fns)))
    for _ in range(repeats):
        for i in order:
            t0 = time.perf_counter()
            fns[i](inner)
            best[i] = min(best[i], time.perf_counter() - t0)
        order.reverse()
    return [b / inner for b in best]
