"""Reading Torch7 files for the facade: modules become proxies, tensors Tensors."""

from __future__ import annotations

import os
from typing import Any


def load(path: str | os.PathLike[str], **options: Any) -> Any:
    """Read a Torch7 file with :func:`pytorch_bridge.load`, tensors as facade Tensors.

    A saved model comes back as a :class:`LuaModule` whose parameters share memory with
    the loaded Lua module; ``.lua`` gives the Lua object itself. ``options`` are those of
    :func:`pytorch_bridge.load` (``format``, ``referenced``, ``unknown_classes``, ...).
    """
    from .._t7 import load as load_t7

    options.setdefault("tensors", "tensor")
    return load_t7(path, **options)
