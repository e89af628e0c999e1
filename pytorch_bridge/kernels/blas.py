"""BLAS kernels: Torch7's matrix products (THTensorMath addmv, addmm, addr, addbmm,
baddbmm, dot) and cross, over arrays.

The Lua side checks shapes and sizes the result; these kernels write into ``out``.
Every product has the form ``out = beta * t + alpha * (x . y)`` where ``.`` is the
product named by ``kind``. As in BLAS, ``beta == 0`` ignores what ``t`` holds (NaNs
included). Integer arrays compute in their own type and wrap, as Torch7's C loops did.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from ..errors import ShapeError
from . import _gemm, kernel

KINDS = ("mv", "mm", "r", "bmm", "addbmm")


def as_scalar(v: float, dtype: Any) -> float | int:
    """``v`` as a Python number that combines with arrays of ``dtype`` without changing
    their type (the Lua side has already converted it to the tensor's type)."""
    return float(v) if dtype.kind in "fc" else int(v)


def fits_dot(xp: Any, out: Any, x: Any, y: Any) -> bool:
    """True when ``dot(x, y, out=out)`` accepts ``out``: C-contiguous, of the operands'
    type, and not sharing memory with them (dot is faster than matmul on small arrays)."""
    return bool(
        out.flags.c_contiguous
        and out.dtype == x.dtype == y.dtype
        and not xp.may_share_memory(out, x)
        and not xp.may_share_memory(out, y)
    )


def product(xp: Any, kind: str, x: Any, y: Any, out: Any = None) -> Any:
    """The product ``x . y`` of ``kind`` ('mv', 'mm', 'r', 'bmm' or 'addbmm'), into ``out``
    when given.

    Args:
        xp: the array module.
        kind: 'mv' (matrix, vector), 'mm' (matrix, matrix), 'r' (outer product of two
            vectors), 'bmm' (batches of matrices) or 'addbmm' (batch products summed).
        x: the first operand.
        y: the second operand.
        out: an array of the result's shape, or None for a new array.

    Returns:
        The product (``out`` when given).
    """
    if kind in ("mv", "mm") and (out is None or fits_dot(xp, out, x, y)):
        return xp.dot(x, y, out=out)
    if kind in ("mv", "mm", "bmm"):
        return xp.matmul(x, y, out=out)
    if kind == "r":
        return xp.outer(x, y, out=out)
    if kind == "addbmm":
        b, n, k = x.shape
        wide = xp.transpose(x, (1, 0, 2)).reshape(n, b * k)
        return xp.matmul(wide, y.reshape(b * k, y.shape[2]), out=out)
    raise ValueError(f"blas_addprod: unknown product kind {kind!r}")


@kernel
def blas_addprod(kind: str, out: Any, beta: float, t: Any, alpha: float, x: Any, y: Any) -> Any:
    """``out = beta * t + alpha * (x . y)``: THTensor addmv / addmm / addr / addbmm / baddbmm.

    Args:
        kind: the product, one of :data:`KINDS`.
        out: the result, already shaped like ``t`` (it may be ``t`` itself).
        beta: the factor of ``t``; 0 ignores ``t``.
        t: the added array.
        alpha: the factor of the product.
        x: first operand (2-D for 'mv'/'mm', 1-D for 'r', 3-D for the batched kinds).
        y: second operand (1-D for 'mv' and 'r', 2-D for 'mm', 3-D for the batched kinds).

    Returns:
        ``out``.
    """
    xp = array_module(out)
    alpha = as_scalar(alpha, out.dtype)
    beta = as_scalar(beta, out.dtype)
    if beta == 0:
        product(xp, kind, x, y, out)
        if alpha != 1:
            xp.multiply(out, alpha, out=out)
        return out
    if kind == "mm" and xp is np and _gemm.fits(x, y, out):
        if t is not out:
            xp.copyto(out, t)
        _gemm.gemm(x, y, out, alpha, beta)  # one BLAS call, as THTensor addmm made
        return out
    prod = product(xp, kind, x, y)
    if t is not out:
        xp.copyto(out, t)
    if beta != 1:
        xp.multiply(out, beta, out=out)
    if alpha != 1:
        xp.multiply(prod, alpha, out=prod)
    xp.add(out, prod, out=out)
    return out


@kernel
def blas_dot(a: Any, b: Any) -> Any:
    """Sum of the elementwise products of ``a`` and ``b`` (THTensor dot), in their type.

    Both arrays must hold as many elements; they pair in row-major order.

    Raises:
        ShapeError: when the element counts differ.
    """
    xp = array_module(a)
    if a.size != b.size:
        raise ShapeError(
            f"dot: tensors hold {a.size} (shape {tuple(a.shape)}) and {b.size} "
            f"(shape {tuple(b.shape)}) elements"
        )
    return xp.dot(a.reshape(-1), b.reshape(-1)).item()


@kernel
def blas_cross(out: Any, a: Any, b: Any, dim: int) -> Any:
    """Cross products of the 3-element vectors of ``a`` and ``b`` along axis ``dim``
    (0-based) into ``out`` (THTensor cross). ``out`` may be ``a`` or ``b``."""
    xp = array_module(out)
    a3 = xp.moveaxis(a, dim, 0)
    b3 = xp.moveaxis(b, dim, 0)
    res = xp.stack(
        [
            a3[1] * b3[2] - a3[2] * b3[1],
            a3[2] * b3[0] - a3[0] * b3[2],
            a3[0] * b3[1] - a3[1] * b3[0],
        ]
    )
    xp.copyto(xp.moveaxis(out, dim, 0), res.astype(out.dtype, copy=False))
    return out
