"""Helpers shared by the facade tests: loading an example script, finite differences."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import pytorch_bridge as pb

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load_example(name: str) -> Any:
    """Import ``examples/<name>.py`` as a module."""
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def numeric_param_grad(f: Callable[[], Any], w: Any, eps: float = 1e-6) -> Any:
    """Central differences of the scalar ``f()`` with respect to every element of tensor ``w``.

    ``w``'s memory is changed in place and restored; ``f`` runs without recording.
    """
    a = w.detach().numpy()
    num = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        old = a[i]
        a[i] = old + eps
        with pb.no_grad():
            plus = f().item()
        a[i] = old - eps
        with pb.no_grad():
            minus = f().item()
        a[i] = old
        num[i] = (plus - minus) / (2 * eps)
    return num
