"""Zero-copy exchange of arrays between numpy and Lua tensors."""

from __future__ import annotations

from typing import Any

import numpy as np

from .backend import torch_type_of
from .errors import DTypeError
from .runtime import get_runtime


def _torch() -> Any:
    rt = get_runtime()
    return rt.require("torch")


def to_numpy(tensor: Any) -> np.ndarray[Any, Any]:
    """Return an ndarray sharing the memory of a Lua tensor (any strides and offset).

    Raises:
        TypeError: when ``tensor`` is not a Lua tensor.
    """
    rt = get_runtime()
    torch = _torch()
    if not rt.call(torch.isTensor, tensor):
        raise TypeError(f"to_numpy expects a Lua tensor, got {type(tensor).__name__}")
    return rt.call(torch._np, tensor)  # type: ignore[no-any-return]


def from_numpy(array: Any) -> Any:
    """Return a Lua tensor sharing the memory of ``array``.

    The memory is shared whenever Torch7 can describe the layout: any non-negative
    strides that are whole multiples of the element size, in native byte order. Negative
    strides, misaligned strides and byte-swapped arrays are copied first (Torch7 has no
    way to express them).

    Raises:
        DTypeError: when the dtype has no Torch7 tensor type.
    """
    a = np.asarray(array)
    try:
        tname = torch_type_of(a.dtype.newbyteorder("="))
    except KeyError:
        raise DTypeError(f"no Torch7 tensor type holds dtype {a.dtype}") from None
    item = a.itemsize
    if not a.dtype.isnative or any(s < 0 or s % item for s in a.strides) or not a.flags.aligned:
        a = np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("="))
    rt = get_runtime()
    return rt.call(_torch()._fromArray, tname, *_layout(a))


def _layout(a: np.ndarray[Any, Any]) -> tuple[Any, ...]:
    """The 1-D span of ``a``'s memory and its geometry, in elements."""
    item = a.itemsize
    if a.size == 0:
        return (np.zeros(0, dtype=a.dtype), 0, a.ndim, *a.shape, *(s // item for s in a.strides))
    span = 1 + sum((n - 1) * (s // item) for n, s in zip(a.shape, a.strides, strict=True))
    flat = np.lib.stride_tricks.as_strided(a, shape=(span,), strides=(item,))
    return (flat, 0, a.ndim, *a.shape, *(s // item for s in a.strides))
