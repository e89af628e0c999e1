"""The benchmarks' timing helper: turns taken in alternating order, best repeat kept."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from _timing import interleaved  # noqa: E402 - path set above


def test_sides_alternate_first_place_and_keep_their_best(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int]] = []
    spent = {"a": [5.0, 3.0, 4.0], "b": [2.0, 6.0, 1.0]}  # seconds each timed repeat takes
    now = [0.0]

    def side(name: str) -> Callable[[int], None]:
        def run(n: int) -> None:
            calls.append((name, n))
            if n == 10:  # a timed repeat (the warm-up runs once, with n // 10)
                now[0] += spent[name].pop(0)

        return run

    monkeypatch.setattr("_timing.time.perf_counter", lambda: now[0])
    best = interleaved([side("a"), side("b")], 10, 3)
    warm_up = [("a", 1), ("b", 1)]
    assert calls == warm_up + [("a", 10), ("b", 10), ("b", 10), ("a", 10), ("a", 10), ("b", 10)]
    assert best == [0.3, 0.1]  # each side's fastest repeat, per inner iteration
