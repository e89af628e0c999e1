"""Matrix products written or accumulated into buffers (Linear and the convolutions).

``accGradParameters`` adds ``scale * (a @ b)`` into a gradient. Large host products go to
BLAS ``gemm`` with ``beta = 1``, as Torch7 did (see ``_gemm``): no temporary, no extra pass.
Otherwise, a gradient that the usual training loop has just zeroed with
``zeroGradParameters`` takes the product directly (``0 + x == x`` in IEEE arithmetic), which
costs one element to check when the gradient already holds values and one read pass when it
is zero; any other target gets a temporary product added in.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _gemm


def product_into(xp: Any, a: Any, b: Any, out: Any) -> Any:
    """``out = a @ b`` for 1-D or 2-D operands.

    On numpy with operands and a C-contiguous ``out`` of one dtype this is ``np.dot``,
    which for the small products of per-sample calls costs about half of ``matmul``'s
    dispatch, and which hands outer products (one column times one row) to BLAS where
    ``matmul`` loops over them several times slower.
    """
    if (
        xp is np
        and out.flags.c_contiguous
        and a.dtype == b.dtype == out.dtype
        and a.ndim <= 2
        and b.ndim <= 2
    ):
        return np.dot(a, b, out=out)
    return xp.matmul(a, b, out=out)


def product(xp: Any, a: Any, b: Any) -> Any:
    """A new array ``a @ b`` (2-D operands of one dtype on numpy go through ``np.dot``,
    which is also the fastest numpy form of an outer product, where ``a`` has one column)."""
    if xp is np and a.dtype == b.dtype:
        return np.dot(a, b)
    return xp.matmul(a, b)


def _all_zero(xp: Any, target: Any) -> bool:
    """True when every element of a host array ``target`` is zero (never asked of GPU data,
    where the answer would wait for the device)."""
    return xp is np and target.size > 0 and target.item(0) == 0 and not target.any()


def add_product(xp: Any, target: Any, a: Any, b: Any, scale: float) -> None:
    """``target += scale * (a @ b)`` for 2-D ``a`` (m, k) and ``b`` (k, n); ``target`` (m, n)."""
    if xp is np and _gemm.gemm(a, b, target, scale, 1.0):
        return
    if _all_zero(xp, target):
        product_into(xp, a, b, target)
        if scale != 1:
            target *= scale
        return
    step = product(xp, a, b)
    if scale != 1:
        step *= scale
    xp.add(target, step, out=target)
