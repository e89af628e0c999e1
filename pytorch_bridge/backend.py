"""Array-module choice, Torch7 type names and their dtypes, device moves.

This is the only module that imports cupy.
"""

from __future__ import annotations

import types
from typing import Any

import numpy as np

#: Torch7 tensor type prefix -> (numpy dtype, C type used by LuaJIT FFI).
TORCH_TYPES: dict[str, tuple[np.dtype[Any], str]] = {
    "Double": (np.dtype(np.float64), "double"),
    "Float": (np.dtype(np.float32), "float"),
    "Long": (np.dtype(np.int64), "int64_t"),
    "Int": (np.dtype(np.int32), "int32_t"),
    "Short": (np.dtype(np.int16), "int16_t"),
    "Char": (np.dtype(np.int8), "int8_t"),
    "Byte": (np.dtype(np.uint8), "uint8_t"),
    "Half": (np.dtype(np.float16), "uint16_t"),
}

_DTYPE_TO_TORCH = {dt: name for name, (dt, _) in TORCH_TYPES.items()}

try:  # pragma: no cover - exercised only where cupy is installed
    import cupy as _cupy
except Exception:  # noqa: BLE001 - any import failure means "no GPU support"
    _cupy = None


def array_module(x: Any) -> types.ModuleType:
    """Return the array module (numpy or cupy) that owns ``x``."""
    if _cupy is not None and isinstance(x, _cupy.ndarray):
        return _cupy  # type: ignore[no-any-return]
    return np


def torch_type_of(dtype: np.dtype[Any]) -> str:
    """Return Torch7's type prefix ('Double', 'Float', ...) for a numpy dtype.

    Raises:
        KeyError: when Torch7 has no tensor type for ``dtype``.
    """
    return _DTYPE_TO_TORCH[np.dtype(dtype)]


def cuda_status() -> tuple[bool, str]:
    """Tell whether cupy imports and sees a GPU, with a line saying why not."""
    if _cupy is None:
        return False, "cupy is not installed (pip install 'pytorch-bridge[cuda]')"
    try:
        count = _cupy.cuda.runtime.getDeviceCount()
    except Exception as exc:  # noqa: BLE001 - report, never raise, from a status query
        return False, f"cupy is installed but CUDA is unusable: {exc}"
    if count == 0:
        return False, "cupy is installed but no GPU is visible"
    return True, f"{count} GPU(s) visible to cupy {_cupy.__version__}"
