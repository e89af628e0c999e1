"""A small Python module for the nn.PyModule tests (imported by name from Lua)."""

from __future__ import annotations

from typing import Any

import numpy as np

import pytorch_bridge as pb
import pytorch_bridge.nn as nn


class ScaledTanh(nn.Module):
    """y = tanh(x * w) with a learnt per-feature scale ``w``."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.w = nn.Parameter(pb.tensor(np.linspace(0.5, 1.5, n), dtype=np.float64))

    def forward(self, x: Any) -> Any:
        return pb.tanh(x * self.w)
