"""Reduction kernels: Torch7's THTensorMath sums, extremes, statistics and sorts.

Whole-tensor reductions return a Python number (Torch7's ``accreal``: float for Float and
Double tensors, int for the integer types). Reductions along a dimension take ``axis``
(0-based) and write into ``out`` (and ``idx`` for the LongTensor of 1-based positions),
arrays the Lua side has already sized with the reduced dimension kept as size 1.
Integer sums accumulate in int64 and wrap into the result type, as C casts do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from . import kernel
from .pointwise import quiet


def acc_dtype(a: Any) -> Any:
    """Torch7's accumulator type: float64 for floating arrays, int64 for integer ones."""
    return np.float64 if a.dtype.kind == "f" else np.int64


def to_number(x: Any) -> float | int:
    """A plain Python number from a number, a numpy scalar or a 0-d array of either module
    (int for integer and boolean values)."""
    dtype = x.dtype if hasattr(x, "dtype") else np.asarray(x).dtype
    return int(x) if dtype.kind in "iub" else float(x)


def store(out: Any, value: Any) -> None:
    """Write ``value`` (an array of ``out``'s module) into ``out`` with C-style casting
    (integers wrap)."""
    out[...] = array_module(out).asarray(value).astype(out.dtype, copy=False)


def powsum(xp: Any, a: Any, p: float, axis: int | None) -> Any:
    """Sum of ``|a| ** p`` (the count of non-zeros for ``p == 0``) in float64."""
    x = a.astype(np.float64)
    if p == 0:
        return xp.sum(x != 0, axis=axis, keepdims=axis is not None).astype(np.float64)
    if p == 1:
        return xp.sum(xp.abs(x), axis=axis, keepdims=axis is not None)
    if p == 2:
        return xp.sum(x * x, axis=axis, keepdims=axis is not None)
    return xp.sum(xp.abs(x) ** p, axis=axis, keepdims=axis is not None)


@kernel
@quiet
def reduce_all(op: str, a: Any, p: float = 2.0) -> float | int:
    """Mirror ``THTensor_(sumall/prodall/meanall/minall/maxall/varall/stdall/normall)``.

    Args:
        op: 'sum', 'prod', 'mean', 'min', 'max', 'var', 'std' or 'norm'.
        a: any array with at least one element for min, max and mean.
        p: the norm's exponent, or 1 for a biased var/std (0 for unbiased).

    Returns:
        The reduction as a Python number.
    """
    xp = array_module(a)
    if op in ("sum", "prod"):
        fn = xp.sum if op == "sum" else xp.prod
        return to_number(fn(a, dtype=acc_dtype(a)))
    if op in ("max", "min"):
        flat = a.reshape(-1)
        pos = xp.argmax(flat) if op == "max" else xp.argmin(flat)
        return to_number(flat[pos])
    if op == "mean":
        return float(xp.sum(a, dtype=np.float64)) / int(a.size)
    if op in ("var", "std"):
        x = a.astype(np.float64)
        v = float(xp.sum((x - xp.mean(x)) ** 2)) / (a.size - (0 if p else 1))
        return float(np.sqrt(v)) if op == "std" else v
    if op == "norm":
        s = float(powsum(xp, a, p, None))
        return s if p in (0, 1) else float(s ** (1.0 / p))
    raise ValueError(f"reduce_all: unknown reduction {op!r}")


@kernel
@quiet
def reduce_dim(op: str, a: Any, axis: int, out: Any, p: float = 2.0) -> None:
    """Mirror ``THTensor_(sum/prod/mean/var/std/norm)`` along ``axis`` (kept as size 1).

    Args:
        op: 'sum', 'prod', 'mean', 'var', 'std' or 'norm'.
        a: the source array.
        axis: 0-based dimension to reduce.
        out: result array, ``a``'s shape with ``axis`` of size 1.
        p: the norm's exponent, or 1 for a biased var/std (0 for unbiased).
    """
    xp = array_module(a)
    if op in ("sum", "prod"):
        fn = xp.sum if op == "sum" else xp.prod
        store(out, fn(a, axis=axis, dtype=acc_dtype(a), keepdims=True))
    elif op == "mean":
        store(out, xp.sum(a, axis=axis, dtype=np.float64, keepdims=True) / a.shape[axis])
    elif op in ("var", "std"):
        v = xp.var(a.astype(np.float64), axis=axis, ddof=0 if p else 1, keepdims=True)
        store(out, xp.sqrt(v) if op == "std" else v)
    elif op == "norm":
        s = powsum(xp, a, p, axis)
        store(out, s if p == 0 else s ** (1.0 / p))
    else:
        raise ValueError(f"reduce_dim: unknown reduction {op!r}")


@kernel
def cumulate(op: str, a: Any, axis: int, out: Any) -> None:
    """Mirror ``THTensor_(cumsum/cumprod)``: running sum or product along ``axis`` into ``out``."""
    xp = array_module(a)
    fn = xp.cumsum if op == "cumsum" else xp.cumprod
    store(out, fn(a, axis=axis, dtype=acc_dtype(a)))


@kernel
def extreme_dim(op: str, a: Any, axis: int, out: Any, idx: Any) -> None:
    """Mirror ``THTensor_(max/min)`` along ``axis``: the first extreme (or first NaN).

    Writes the values into ``out`` and their 1-based positions into ``idx`` (both ``a``'s
    shape with ``axis`` of size 1).
    """
    xp = array_module(a)
    pos = xp.argmax(a, axis=axis) if op == "max" else xp.argmin(a, axis=axis)
    pos = xp.expand_dims(pos, axis)
    out[...] = xp.take_along_axis(a, pos, axis=axis)
    idx[...] = pos + 1


def stable_order(xp: Any, a: Any, axis: int, descending: bool) -> Any:
    """Positions that sort ``a`` along ``axis``; equal values keep their original order."""
    if not descending:
        return xp.argsort(a, axis=axis, kind="stable")
    n = a.shape[axis]
    rev = xp.argsort(xp.flip(a, axis), axis=axis, kind="stable")
    return xp.flip(n - 1 - rev, axis)


@kernel
def sort_dim(a: Any, axis: int, descending: bool, out: Any, idx: Any) -> None:
    """Mirror ``THTensor_(sort)``: sorted values into ``out``, 1-based positions into ``idx``."""
    xp = array_module(a)
    order = stable_order(xp, a, axis, bool(descending))
    out[...] = xp.take_along_axis(a, order, axis=axis)
    idx[...] = order + 1


@kernel
def topk_dim(a: Any, k: int, axis: int, largest: bool, out: Any, idx: Any) -> None:
    """Mirror ``THTensor_(topk)``: the ``k`` largest (descending) or smallest (ascending)."""
    xp = array_module(a)
    order = stable_order(xp, a, axis, bool(largest))
    order = xp.take(order, xp.arange(int(k)), axis=axis)
    out[...] = xp.take_along_axis(a, order, axis=axis)
    idx[...] = order + 1


@kernel
def kthvalue_dim(a: Any, k: int, axis: int, out: Any, idx: Any) -> None:
    """Mirror ``THTensor_(kthvalue)``: the k-th smallest (1-based ``k``) along ``axis``."""
    xp = array_module(a)
    order = stable_order(xp, a, axis, False)
    pos = xp.take(order, [int(k) - 1], axis=axis)
    out[...] = xp.take_along_axis(a, pos, axis=axis)
    idx[...] = pos + 1


@kernel
def mode_dim(a: Any, axis: int, out: Any, idx: Any) -> None:
    """Mirror ``THTensor_(mode)``: the most frequent value (the smallest on ties) along ``axis``.

    The position written is that of its last occurrence.
    """
    xp = array_module(a)
    m = xp.moveaxis(a, axis, -1)
    n = m.shape[-1]
    rows = m.reshape(-1, n)
    order = xp.argsort(rows, axis=1, kind="stable")
    s = xp.take_along_axis(rows, order, axis=1)
    new_run = xp.ones(s.shape, dtype=bool)
    new_run[:, 1:] = s[:, 1:] != s[:, :-1]
    # Runs of equal values never cross rows (each row starts one), so number them over the
    # flattened rows: a run's start is the position of its own new_run mark.
    flat_new = new_run.reshape(-1)
    starts = xp.flatnonzero(flat_new)
    run_pos = xp.arange(flat_new.size) - starts[xp.cumsum(flat_new) - 1]
    run_end = xp.ones(s.shape, dtype=bool)
    run_end[:, :-1] = new_run[:, 1:]
    freq = xp.where(run_end, run_pos.reshape(s.shape) + 1, 0)
    best = xp.argmax(freq, axis=1)[:, None]
    shape = m.shape[:-1] + (1,)
    vals = xp.take_along_axis(s, best, axis=1).reshape(shape)
    pos = xp.take_along_axis(order, best, axis=1).reshape(shape)
    out[...] = xp.moveaxis(vals, -1, axis)
    idx[...] = xp.moveaxis(pos, -1, axis) + 1


@kernel
@quiet
def renorm(src: Any, p: float, axis: int, maxnorm: float, out: Any) -> None:
    """Mirror ``THTensor_(renorm)``: scale slices along ``axis`` to p-norm ``maxnorm`` at most."""
    xp = array_module(src)
    others = tuple(d for d in range(src.ndim) if d != axis)
    x = src.astype(np.float64)
    if p == 1:
        norm = xp.sum(xp.abs(x), axis=others, keepdims=True)
    elif p == 2:
        norm = xp.sqrt(xp.sum(x * x, axis=others, keepdims=True))
    else:
        norm = xp.sum(xp.abs(x) ** p, axis=others, keepdims=True) ** (1.0 / p)
    factor = xp.where(norm > maxnorm, maxnorm / (norm + 1e-7), 1.0)
    store(out, xp.where(norm > maxnorm, x * factor, x))


@kernel
@quiet
def dist(a: Any, b: Any, p: float) -> float:
    """Mirror ``THTensor_(dist)``: the p-norm of ``a - b`` (same number of elements)."""
    xp = array_module(a)
    d = xp.abs(a.reshape(-1).astype(np.float64) - b.reshape(-1).astype(np.float64))
    return float(xp.sum(d**p) ** (1.0 / p))


@kernel
def all_any(op: str, a: Any) -> bool:
    """Mirror ``THByteTensor_logicalall/logicalany``: whether all (any) elements are non-zero."""
    xp = array_module(a)
    return bool(xp.all(a) if op == "all" else xp.any(a))


@kernel
def tensors_equal(a: Any, b: Any) -> bool:
    """Mirror ``THTensor_(equal)``: same shape and equal elements."""
    xp = array_module(a)
    return a.shape == b.shape and bool(xp.array_equal(a, b))


@kernel
@quiet
def histc(a: Any, nbins: int, lo: float, hi: float, out: Any) -> None:
    """Mirror ``THTensor_(histc)`` (1-D ``out``) and ``THTensor_(bhistc)`` (2-D ``out``, one
    histogram per row of the matrix ``a``): counts in ``nbins`` equal bins over [lo, hi].

    Equal bounds mean the data's own minimum and maximum (widened by 1 each way when those
    are equal too). Values outside the bounds are ignored; the top edge joins the last bin.
    """
    xp = array_module(a)
    x = a if out.ndim == 2 else a.reshape(1, -1)
    nbins = int(nbins)
    if lo == hi and a.size > 0:
        lo, hi = to_number(reduce_all("min", a)), to_number(reduce_all("max", a))
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    keep = (x >= lo) & (x <= hi)
    lo_t, hi_t = xp.asarray(lo, dtype=a.dtype), xp.asarray(hi, dtype=a.dtype)
    bins = ((x - lo_t) / (hi_t - lo_t) * nbins).astype(np.int64)
    bins = xp.minimum(bins, nbins - 1) + xp.arange(x.shape[0])[:, None] * nbins
    counts = xp.bincount(bins[keep], minlength=x.shape[0] * nbins)
    store(out, counts.reshape(out.shape))
