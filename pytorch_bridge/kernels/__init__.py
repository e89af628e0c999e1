"""The array kernels: Torch7's TH / THNN layer written over numpy (and cupy).

Each kernel is a pure function of arrays and plain numbers, registered with the
:func:`kernel` decorator. The runtime hands the whole registry to Lua once, as
the table ``require('torch._bridge').K``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import KernelError

F = TypeVar("F", bound=Callable[..., Any])

REGISTRY: dict[str, Callable[..., Any]] = {}


def kernel(fn: F) -> F:
    """Register ``fn`` under its own name; a second kernel of that name is an error."""
    name = fn.__name__
    if name in REGISTRY:
        raise KernelError(f"kernel {name!r} is registered twice")
    REGISTRY[name] = fn
    return fn


def get(name: str) -> Callable[..., Any]:
    """Return the kernel called ``name``.

    Raises:
        KernelError: when no kernel has that name.
    """
    try:
        return REGISTRY[name]
    except KeyError:
        raise KernelError(f"no kernel named {name!r}") from None


def load_all() -> dict[str, Callable[..., Any]]:
    """Import every kernel family module of this package and return the full registry."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return REGISTRY
