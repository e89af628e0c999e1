"""Storage kernels: allocation, resizing, typed copies and views over raw arrays.

A Torch7 storage is one contiguous 1-D array. Lua keeps the array object and a
LuaJIT FFI pointer to its first element; these kernels make the arrays.
"""

from __future__ import annotations

import ctypes
import os
import weakref
from typing import Any

import numpy as np

from ..backend import TORCH_TYPES
from ..errors import DTypeError, ShapeError
from . import kernel


def _dtype(tname: str) -> np.dtype[Any]:
    try:
        return TORCH_TYPES[tname][0]
    except KeyError:
        raise DTypeError(f"unknown Torch7 type {tname!r}") from None


def _address(a: Any) -> int:
    return int(a.__array_interface__["data"][0])


@kernel
def storage_alloc(tname: str, n: int) -> tuple[Any, int]:
    """Allocate a zero-filled storage array of ``n`` elements of Torch7 type ``tname``.

    Mirrors ``THStorage_(newWithSize)``; zero-filled, so fresh tensors are deterministic.

    Returns:
        (array, address of its first element).
    """
    n = int(n)
    if n < 0:
        raise ShapeError(f"storage size must be non-negative, got {n}")
    a = np.zeros(n, dtype=_dtype(tname))
    return a, _address(a)


@kernel
def storage_resize(a: Any, n: int) -> tuple[Any, int]:
    """Return a new array of ``n`` elements holding the first ``min(n, len(a))`` of ``a``.

    Mirrors ``THStorage_(resize)``, which keeps the old contents.
    """
    n = int(n)
    if n < 0:
        raise ShapeError(f"storage size must be non-negative, got {n}")
    b = np.zeros(n, dtype=a.dtype)
    m = min(n, a.shape[0])
    b[:m] = a[:m]
    return b, _address(b)


@kernel
def storage_from_buffer(a: Any) -> tuple[Any, int, int]:
    """Adopt a 1-D contiguous array as storage memory (no copy).

    Returns:
        (the array, the address of its first element, its number of elements).
    """
    if a.ndim != 1 or not a.flags.c_contiguous:
        raise ShapeError(f"a storage array must be 1-D and contiguous, got shape {a.shape}")
    return a, _address(a), int(a.shape[0])


@kernel
def storage_copy(dst: Any, src: Any) -> None:
    """Copy ``src`` into ``dst`` elementwise with C-style conversion (``THStorage_(copy)``)."""
    if dst.shape[0] != src.shape[0]:
        raise ShapeError(f"storage copy: sizes differ ({dst.shape[0]} vs {src.shape[0]})")
    np.copyto(dst, src, casting="unsafe")


@kernel
def array_view(base: Any, offset: int, *geometry: int) -> Any:
    """Return the strided view of ``base`` at element ``offset`` with sizes then strides.

    ``geometry`` holds the n sizes followed by the n strides, in elements. An empty
    ``geometry`` gives a 0-element 1-D view (a Torch7 tensor with no dimensions).
    """
    n = len(geometry) // 2
    item = base.itemsize
    if n == 0:
        return base[0:0]
    return np.ndarray(
        geometry[:n], base.dtype, base, int(offset) * item, tuple(s * item for s in geometry[n:])
    )


@kernel
def array_slice(a: Any, start: int, stop: int) -> Any:
    """Return the view ``a[start:stop]`` of a 1-D array (0-based, stop exclusive)."""
    return a[int(start) : int(stop)]


@kernel
def tensor_copy(dst: Any, src: Any) -> None:
    """Copy ``src`` into ``dst`` in row-major order with C conversion (``THTensor_(copy)``).

    The two arrays may differ in shape but must hold the same number of elements.
    """
    if dst.size != src.size:
        raise ShapeError(f"copy: source has {src.size} elements, destination {dst.size}")
    if dst.shape != src.shape:
        src = src.reshape(dst.shape)
    np.copyto(dst, src, casting="unsafe")


@kernel
def tensor_fill(dst: Any, value: float) -> None:
    """Set every element of ``dst`` to ``value`` (``THTensor_(fill)``)."""
    dst[...] = value


_LIBC = ctypes.CDLL(None)
_LIBC.free.argtypes = [ctypes.c_void_p]
_LIBC.free.restype = None


@kernel
def storage_adopt(tname: str, address: int, n: int) -> Any:
    """Wrap ``n`` elements of calloc'ed memory at ``address`` as an array that owns it.

    The memory is freed (libc ``free``) when the array and every view of it are gone, so
    the storage's FFI pointer stays valid for as long as the storage holds the array.
    """
    dt = _dtype(tname)
    nbytes = max(int(n), 1) * dt.itemsize
    buf = (ctypes.c_char * nbytes).from_address(int(address))
    arr = np.frombuffer(memoryview(buf), dtype=dt, count=int(n))
    weakref.finalize(buf, _LIBC.free, int(address))
    return arr


@kernel
def file_map(path: str) -> Any:
    """Map the file at ``path`` copy-on-write, as a 1-D uint8 array (None for an empty file).

    Writes into the mapping stay in this process; the file is never changed. The mapping
    lasts as long as any array viewing it.
    """
    if os.path.getsize(path) == 0:
        return None
    return np.memmap(path, dtype=np.uint8, mode="c")


@kernel
def map_storage(mapped: Any, byte_offset: int, n: int, tname: str) -> Any:
    """The ``n`` elements of Torch7 type ``tname`` stored at ``byte_offset`` of a mapped file,
    as a 1-D array viewing the mapping (possibly not aligned to the element size).

    Raises:
        ShapeError: when the elements would reach outside the mapping.
    """
    dt = _dtype(tname)
    start, count = int(byte_offset), int(n)
    stop = start + count * dt.itemsize
    if start < 0 or count < 0 or stop > mapped.shape[0]:
        raise ShapeError(
            f"mapped storage of {count} {tname} elements at byte {start} reaches outside a "
            f"file of {mapped.shape[0]} bytes"
        )
    # a plain ndarray over the mapping's memory: slicing the memmap keeps its subclass
    return np.ndarray((count,), dtype=dt, buffer=mapped, offset=start)
