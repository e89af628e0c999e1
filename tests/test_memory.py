"""Lua's collector is told about array memory it cannot see, so tensors are freed in time."""

from __future__ import annotations

import subprocess
import sys
import textwrap

MIB = 2**20

_CHURN = textwrap.dedent(
    """
    import resource
    from pytorch_bridge import lua
    lua.execute('''
      for i = 1, 200 do
         local t = torch.DoubleTensor(2 * 1024 * 1024)   -- 16 MiB
         t:fill(i)
      end
    ''')
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    """
)

_HOLD = textwrap.dedent(
    """
    import resource, sys
    from pytorch_bridge import lua
    def rss():
        with open('/proc/self/statm') as f:
            return int(f.read().split()[1]) * resource.getpagesize()
    lua.execute("torch.Tensor(10):fill(1)")
    before = rss()
    lua.execute('''
      held = {}
      for i = 1, 64 do held[i] = torch.FloatTensor(4 * 1024 * 1024):fill(i) end   -- 1 GiB
    ''')
    print(rss() - before)
    """
)


def _run(code: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=300
    )
    return int(out.stdout.strip().splitlines()[-1])


def test_dropping_200_tensors_of_16mib_peaks_under_512mib() -> None:
    """A loop creating and dropping 3.2 GB of tensors never holds more than 512 MiB."""
    peak = _run(_CHURN)
    assert peak < 512 * MIB, f"peak resident memory {peak / MIB:.0f} MiB"


def test_holding_tensors_costs_their_bytes_plus_at_most_64mib() -> None:
    """Holding 1 GiB of tensors raises resident memory by at most 1 GiB + 64 MiB."""
    held = 64 * 4 * 1024 * 1024 * 4
    grown = _run(_HOLD)
    assert grown <= held + 64 * MIB, f"grew by {grown / MIB:.0f} MiB for {held / MIB:.0f} MiB"
    assert grown >= held * 0.9, "the tensors were not resident; the test measures nothing"
