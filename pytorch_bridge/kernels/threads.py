"""Thread-count control of the BLAS/LAPACK libraries under numpy (torch.setnumthreads)."""

from __future__ import annotations

import os
from typing import Any

from threadpoolctl import ThreadpoolController

from . import kernel

_CONTROLLER: ThreadpoolController | None = None
_LIMIT: Any = None


def _controller() -> ThreadpoolController:
    global _CONTROLLER
    if _CONTROLLER is None:
        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER


@kernel
def set_num_threads(n: int) -> None:
    """Limit the BLAS/OpenMP thread pools loaded in the process to ``n`` threads."""
    global _LIMIT
    _LIMIT = _controller().limit(limits=int(n))


@kernel
def get_num_threads() -> int:
    """The largest thread count among the process's BLAS/OpenMP pools (1 when none)."""
    infos = _controller().info()
    return max((int(i["num_threads"]) for i in infos), default=1)


@kernel
def get_num_cores() -> int:
    """The number of processor cores the process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without sched_getaffinity
        return os.cpu_count() or 1
