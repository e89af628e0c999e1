"""Accumulating matrix products, ``C += alpha * A.T @ B``, in one BLAS call.

Torch7's ``accGradParameters`` adds each batch's weight gradient into ``gradWeight``;
numpy's ``matmul`` has no ``beta`` argument, so the sum costs a temporary and a second
pass over the gradient. numpy's wheels ship OpenBLAS (``scipy_openblas64_``); when its
``cblas_?gemm`` is found, :func:`add_at_b` calls it with ``beta = 1``. Anything else
(another BLAS, cupy arrays, layouts BLAS cannot take) returns False and the caller does
the two-step sum.
"""

from __future__ import annotations

import ctypes
import glob
import os
from typing import Any

import numpy as np

_ROW_MAJOR, _NO_TRANS, _TRANS = 101, 111, 112
#: Below this many multiply-adds the ctypes call costs more than numpy's two steps.
MIN_WORK = 1 << 16


def _load() -> dict[np.dtype[Any], Any]:
    libs = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
    for path in sorted(glob.glob(os.path.join(libs, "libscipy_openblas64_*.so*"))):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        funcs: dict[np.dtype[Any], Any] = {}
        for dtype, name, real in (
            (np.float32, "scipy_cblas_sgemm64_", ctypes.c_float),
            (np.float64, "scipy_cblas_dgemm64_", ctypes.c_double),
        ):
            fn = getattr(lib, name, None)
            if fn is None:
                return {}
            i64, ptr = ctypes.c_int64, ctypes.c_void_p
            fn.restype = None
            fn.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, i64, i64, i64, real, ptr,
                           i64, ptr, i64, real, ptr, i64]  # fmt: skip
            funcs[np.dtype(dtype)] = fn
        return funcs
    return {}


_GEMM = _load()


def available() -> bool:
    """Whether the accumulating BLAS product was found."""
    return bool(_GEMM)


def add_at_b(c: Any, a: Any, b: Any, alpha: float) -> bool:
    """``c += alpha * a.T @ b`` in place, for ``a`` (K, M), ``b`` (K, N), ``c`` (M, N).

    Returns:
        True when done here; False (``c`` untouched) when the arrays do not suit BLAS.
    """
    fn = _GEMM.get(getattr(c, "dtype", None))  # type: ignore[arg-type]
    if fn is None or type(c) is not np.ndarray or type(a) is not np.ndarray:
        return False
    if type(b) is not np.ndarray or a.dtype != c.dtype or b.dtype != c.dtype:
        return False
    if a.ndim != 2 or b.ndim != 2 or c.ndim != 2:
        return False
    k, m = a.shape
    n = b.shape[1]
    if b.shape[0] != k or c.shape != (m, n) or k * m * n < MIN_WORK:
        return False
    for x in (a, b, c):
        if not (x.flags.c_contiguous and x.flags.aligned):
            return False
    if not c.flags.writeable or np.may_share_memory(c, a) or np.may_share_memory(c, b):
        return False
    fn(_ROW_MAJOR, _TRANS, _NO_TRANS, m, n, k, alpha, a.ctypes.data, m, b.ctypes.data, n,
       1.0, c.ctypes.data, n)  # fmt: skip
    return True
