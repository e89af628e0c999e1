"""``C = alpha * A @ B + beta * C`` through the BLAS that numpy itself links.

numpy has no accumulating matrix product: ``np.dot(a, b, out=c)`` overwrites ``c``, and its
BLAS first clears ``c`` in a pass of its own. Torch7 called ``gemm`` with ``beta = 1`` to add
a product into a gradient (and into an output holding the bias), which needs neither that
pass nor a temporary. This module finds the ``gemm`` of numpy's own OpenBLAS (the one
``threadpoolctl`` limits for ``torch.setnumthreads``) and calls it for host arrays whose
layout it has checked. Where the library is not found, or an operand does not qualify,
:func:`gemm` returns False and the caller takes its numpy path.

Checked before every call, so that BLAS reads and writes only inside the arrays: one
native float32/float64 dtype, 2-D, consistent shapes, no empty dimension, ``c``
C-contiguous, aligned and writeable, ``a`` and ``b`` C- or F-contiguous and aligned, and
``c`` sharing no memory with ``a`` or ``b``.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable
from typing import Any

import numpy as np

# A ctypes call costs some microseconds; what it saves (a pass or two over ``c``) outweighs
# that from about this many elements of ``c`` on.
MIN_ELEMENTS = 1 << 16

_ROW_MAJOR, _NO_TRANS, _TRANS = 101, 111, 112
# numpy's wheels ship scipy-openblas built with 64-bit integers, under these names
_SINGLE, _DOUBLE = "scipy_cblas_sgemm64_", "scipy_cblas_dgemm64_"
_UNSET: Any = object()
_gemms: Any = _UNSET


def _bind(fn: Any, real: type) -> Any:
    i = ctypes.c_int64
    fn.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, i, i, i, real, ctypes.c_void_p, i]
    fn.argtypes += [ctypes.c_void_p, i, real, ctypes.c_void_p, i]
    fn.restype = None
    return fn


def _load() -> dict[Any, Callable[..., None]] | None:
    """numpy's OpenBLAS ``gemm`` for each dtype, or None (not found, or switched off with
    ``PYTORCH_BRIDGE_DIRECT_BLAS=0``)."""
    if os.environ.get("PYTORCH_BRIDGE_DIRECT_BLAS", "1") == "0":
        return None
    from threadpoolctl import threadpool_info

    home = os.path.dirname(os.path.abspath(np.__file__))
    # only numpy's own copy (numpy.libs beside it, numpy/.dylibs in it): another package's
    # OpenBLAS may be another build, with 32-bit integers or other symbol names
    folders = {os.path.join(os.path.dirname(home), "numpy.libs"), os.path.join(home, ".dylibs")}
    for info in threadpool_info():
        path = os.path.abspath(str(info.get("filepath", "")))
        if info.get("internal_api") != "openblas" or os.path.dirname(path) not in folders:
            continue
        lib = ctypes.CDLL(path)
        if hasattr(lib, _SINGLE) and hasattr(lib, _DOUBLE):
            return {
                np.dtype(np.float32): _bind(getattr(lib, _SINGLE), ctypes.c_float),
                np.dtype(np.float64): _bind(getattr(lib, _DOUBLE), ctypes.c_double),
            }
    return None


def available() -> bool:
    """True when numpy's ``gemm`` was found (looked up once, on first use)."""
    global _gemms
    if _gemms is _UNSET:
        _gemms = _load()
    return _gemms is not None


def _layout(a: Any) -> tuple[int, int] | None:
    """(transpose flag, leading dimension) of a 2-D operand, or None if BLAS cannot read it."""
    if not a.flags.aligned:
        return None
    if a.flags.c_contiguous:
        return _NO_TRANS, a.shape[1]
    if a.flags.f_contiguous:
        return _TRANS, a.shape[0]
    return None


def fits(a: Any, b: Any, c: Any) -> bool:
    """True when :func:`gemm` would take ``a`` (m, k), ``b`` (k, n) and ``c`` (m, n): the
    checks of the module docstring, and at least :data:`MIN_ELEMENTS` elements in ``c``."""
    if not (type(a) is type(b) is type(c) is np.ndarray) or c.size < MIN_ELEMENTS:
        return False  # the cheap refusals first: small products are the common case
    if not available() or c.dtype not in _gemms or a.dtype != c.dtype or b.dtype != c.dtype:
        return False
    if not c.dtype.isnative or a.ndim != 2 or b.ndim != 2 or c.ndim != 2:
        return False
    (m, k), (k2, n) = a.shape, b.shape
    if k2 != k or c.shape != (m, n):
        return False
    flags = c.flags
    if _layout(a) is None or _layout(b) is None:
        return False
    if not (flags.c_contiguous and flags.aligned and flags.writeable):
        return False
    return not (np.may_share_memory(c, a) or np.may_share_memory(c, b))


def gemm(a: Any, b: Any, c: Any, alpha: float, beta: float) -> bool:
    """``c = alpha * a @ b + beta * c`` in place. Returns False, having done nothing, where
    :func:`fits` says no."""
    if not fits(a, b, c):
        return False
    (m, k), n = a.shape, c.shape[1]
    (ta, lda), (tb, ldb) = _layout(a), _layout(b)  # type: ignore[misc]
    ptr_a, ptr_b, ptr_c = a.ctypes.data, b.ctypes.data, c.ctypes.data
    _gemms[c.dtype](_ROW_MAJOR, ta, tb, m, n, k, alpha, ptr_a, lda, ptr_b, ldb, beta, ptr_c, n)
    return True
