"""Every exception pytorch_bridge raises.

The tree::

    BridgeError (Exception)
    ├── LuaError (RuntimeError)        a Lua error, with the Lua message and traceback
    ├── RuntimeSetupError (RuntimeError)  the embedded LuaJIT cannot be started
    ├── ShapeError (ValueError)        arrays whose shapes do not fit an operation
    ├── DTypeError (TypeError)         an array type an operation does not accept
    ├── KernelError (LookupError)      a kernel name that is not registered
    ├── AutogradError (RuntimeError)   a gradient that cannot be computed
    └── SerializationError (ValueError)  a .t7 file that cannot be read or written

Each class also derives from the builtin shown, so callers may catch either.
"""

from __future__ import annotations


class BridgeError(Exception):
    """Base class of every pytorch_bridge error."""


class LuaError(BridgeError, RuntimeError):
    """An error raised by Lua code.

    Attributes:
        message: the Lua error message (with its ``file:line:`` prefix).
        traceback: the Lua stack traceback, one frame per line.
    """

    def __init__(self, message: str, traceback: str = "") -> None:
        self.message = message
        self.traceback = traceback
        text = message if not traceback else f"{message}\n{traceback}"
        super().__init__(text)


class RuntimeSetupError(BridgeError, RuntimeError):
    """The embedded LuaJIT runtime cannot be created."""


class ShapeError(BridgeError, ValueError):
    """Arrays whose shapes do not fit the operation."""


class DTypeError(BridgeError, TypeError):
    """An array type the operation does not accept."""


class KernelError(BridgeError, LookupError):
    """A kernel name that is not registered."""


class AutogradError(BridgeError, RuntimeError):
    """A gradient that cannot be computed: a graph walked twice, a tensor changed in place
    while a recorded node still needs it, or a gradient of a gradient."""


class SerializationError(BridgeError, ValueError):
    """A file or object that cannot be read or written in Torch7's format."""
