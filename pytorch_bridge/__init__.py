"""pytorch_bridge: Lua Torch7 code and models on a modern machine.

An embedded LuaJIT runs Torch7-compatible ``torch``, ``nn`` and ``optim`` libraries
whose tensors live in numpy arrays; this package is the Python side of it.
"""

from __future__ import annotations

from ._interop import from_numpy, to_numpy
from ._lua import lua
from ._version import __version__
from .errors import (
    BridgeError,
    DTypeError,
    KernelError,
    LuaError,
    RuntimeSetupError,
    SerializationError,
    ShapeError,
)

__all__ = [
    "BridgeError",
    "DTypeError",
    "KernelError",
    "LuaError",
    "RuntimeSetupError",
    "SerializationError",
    "ShapeError",
    "__version__",
    "from_numpy",
    "lua",
    "to_numpy",
]
