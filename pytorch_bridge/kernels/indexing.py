"""Index kernels: Torch7's indexSelect, indexCopy/Add/Fill, gather, scatter, masks, nonzero.

Index arrays hold Torch7's 1-based positions; they become 0-based here and nowhere else.
A kernel that takes indices first checks them all and, when one is out of range, changes
nothing and returns that (1-based) index so the Lua side can raise an error naming its
function; otherwise it returns None. Masks are uint8 arrays of 0s and 1s (a kernel
returns -1 when a mask holds another value).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from . import kernel


def first_bad(xp: Any, index: Any, size: int) -> int | None:
    """The first entry of ``index`` outside [1, size], or None when all are inside."""
    bad = (index < 1) | (index > size)
    if not xp.any(bad):
        return None
    return int(index.reshape(-1)[xp.argmax(bad.reshape(-1))])


def cast_to(a: Any, value: Any) -> Any:
    """``value`` as a 0-d array of ``a``'s module and dtype, with C-style truncation and
    wrapping for integer types."""
    xp = array_module(a)
    if a.dtype.kind in "iu":
        return xp.asarray(int(value), dtype=np.int64).astype(a.dtype)
    return xp.asarray(value).astype(a.dtype)


def open_grid(xp: Any, shape: tuple[int, ...]) -> list[Any]:
    """One ``arange`` per dimension of ``shape``, each shaped to broadcast along its own axis."""
    nd = len(shape)
    return [
        xp.arange(n).reshape((1,) * d + (n,) + (1,) * (nd - d - 1)) for d, n in enumerate(shape)
    ]


def put_last_wins(xp: Any, dst: Any, axis: int, index: Any, vals: Any) -> None:
    """numpy's ``put_along_axis(dst, index, vals, axis)`` (0-based ``index``), in which the
    last write to a repeated position, in row-major order, wins.

    That is numpy's rule and Torch7's loop order. A GPU scatter leaves the winner among
    repeated positions unspecified, so each position keeps only its last write first.
    """
    key = open_grid(xp, dst.shape)
    key[axis] = index
    *parts, flat_vals = (b.reshape(-1) for b in xp.broadcast_arrays(*key, vals))
    lin = xp.zeros(flat_vals.shape, dtype=np.int64)
    for k, n in zip(parts, dst.shape, strict=True):
        lin = lin * n + k
    order = xp.argsort(lin, kind="stable")
    ordered = lin[order]
    last = xp.ones(ordered.shape, dtype=bool)
    last[:-1] = ordered[1:] != ordered[:-1]
    pick = order[last]
    dst[tuple(k[pick] for k in parts)] = flat_vals[pick]


def take_checked(xp: Any, a: Any, index: Any, axis: int, out: Any) -> Any:
    """``xp.take(a, index, axis, out=out)`` for 0-based indices already checked to be in range.

    numpy's default 'raise' mode copies the whole result through a buffer before writing
    ``out``; with the indices checked, 'clip' gives the same result written directly (numpy
    still buffers when ``out`` overlaps ``a``). cupy's ``take`` has no modes and does not
    guard against overlap, so there the result goes through a new array.
    """
    if xp is np:
        return np.take(a, index, axis=axis, out=out, mode="clip")
    out[...] = xp.take(a, index, axis=axis)
    return out


def along(axis: int, index: Any) -> tuple[Any, ...]:
    """The fancy index selecting ``index`` (0-based) on ``axis``, everything on the others."""
    return (slice(None),) * axis + (index,)


@kernel
def index_select(src: Any, axis: int, index: Any, out: Any) -> int | None:
    """Mirror ``THTensor_(indexSelect)``: slices ``index`` of ``src`` on ``axis`` into ``out``."""
    xp = array_module(src)
    bad = first_bad(xp, index, src.shape[axis])
    if bad is not None:
        return bad
    take_checked(xp, src, index - 1, axis, out)
    return None


@kernel
def index_put(dst: Any, axis: int, index: Any, src: Any, add: bool) -> int | None:
    """Mirror ``THTensor_(indexCopy/indexAdd)``: slice ``i`` of ``src`` goes to (is added to)
    slice ``index[i]`` of ``dst``; ``src``'s slices are read in row-major order."""
    xp = array_module(dst)
    bad = first_bad(xp, index, dst.shape[axis])
    if bad is not None:
        return bad
    shape = dst.shape[:axis] + (index.shape[0],) + dst.shape[axis + 1 :]
    if src.shape != shape:
        moved = xp.moveaxis(src, axis, 0).reshape((index.shape[0], -1))
        target = xp.moveaxis(xp.empty(shape, dtype=src.dtype), axis, 0).shape
        src = xp.moveaxis(moved.reshape(target), 0, axis)
    if add:
        xp.add.at(dst, along(axis, index - 1), src.astype(dst.dtype))
    elif xp is np:
        dst[along(axis, index - 1)] = src
    else:
        spread = (1,) * axis + (-1,) + (1,) * (dst.ndim - axis - 1)
        full = xp.broadcast_to((index - 1).reshape(spread), src.shape)
        put_last_wins(xp, dst, axis, full, src)
    return None


@kernel
def index_fill(dst: Any, axis: int, index: Any, value: float) -> int | None:
    """Mirror ``THTensor_(indexFill)``: set slices ``index`` of ``dst`` on ``axis`` to a value."""
    xp = array_module(dst)
    bad = first_bad(xp, index, dst.shape[axis])
    if bad is not None:
        return bad
    dst[along(axis, index - 1)] = cast_to(dst, value)
    return None


@kernel
def gather(src: Any, axis: int, index: Any, out: Any) -> int | None:
    """Mirror ``THTensor_(gather)``: ``out[..i..] = src[..index[..i..]..]`` along ``axis``."""
    xp = array_module(src)
    bad = first_bad(xp, index, src.shape[axis])
    if bad is not None:
        return bad
    out[...] = xp.take_along_axis(src, index - 1, axis=axis)
    return None


@kernel
def scatter(dst: Any, axis: int, index: Any, src: Any, value: float) -> int | None:
    """Mirror ``THTensor_(scatter/scatterFill)``: ``dst[..index[..i..]..] = src[..i..]``.

    ``src`` may be None, in which case every position gets ``value``. Only the leading
    part of ``src`` that matches ``index``'s shape is read.
    """
    xp = array_module(dst)
    bad = first_bad(xp, index, dst.shape[axis])
    if bad is not None:
        return bad
    if src is None:
        vals = xp.broadcast_to(cast_to(dst, value), index.shape)
    else:
        vals = src[tuple(slice(0, n) for n in index.shape)]
    if xp is np:
        xp.put_along_axis(dst, index - 1, vals, axis=axis)
    else:
        put_last_wins(xp, dst, axis, index - 1, vals)
    return None


def bool_mask(xp: Any, mask: Any, shape: tuple[int, ...]) -> Any:
    """``mask`` as booleans in ``shape`` (row-major), or None if it holds values above 1."""
    if mask.size and int(xp.max(mask)) > 1:
        return None
    return mask.reshape(shape).astype(bool)


@kernel
def mask_count(mask: Any) -> int:
    """The number of ones in ``mask``, or -1 when it holds a value other than 0 and 1."""
    xp = array_module(mask)
    if mask.size and int(xp.max(mask)) > 1:
        return -1
    return int(xp.count_nonzero(mask))


@kernel
def masked_select(src: Any, mask: Any, out: Any) -> None:
    """Mirror ``THTensor_(maskedSelect)``: the elements of ``src`` where ``mask`` is 1, in
    row-major order, into the 1-D ``out`` (sized by ``mask_count``)."""
    xp = array_module(src)
    out[...] = src[bool_mask(xp, mask, src.shape)]


@kernel
def masked_copy(dst: Any, mask: Any, src: Any) -> None:
    """Mirror ``THTensor_(maskedCopy)``: the first elements of ``src`` (row-major) go, in order,
    to the positions of ``dst`` where ``mask`` is 1."""
    xp = array_module(dst)
    keep = bool_mask(xp, mask, dst.shape)
    n = int(xp.count_nonzero(keep))
    dst[keep] = src.reshape(-1)[:n]


@kernel
def masked_fill(dst: Any, mask: Any, value: float) -> None:
    """Mirror ``THTensor_(maskedFill)``: set ``dst`` to ``value`` where ``mask`` is 1."""
    xp = array_module(dst)
    dst[bool_mask(xp, mask, dst.shape)] = cast_to(dst, value)


@kernel
def count_nonzero(a: Any) -> int:
    """The number of non-zero elements of ``a``."""
    return int(array_module(a).count_nonzero(a))


@kernel
def nonzero(a: Any, out: Any) -> None:
    """Mirror ``THTensor_(nonzero)``: the 1-based subscripts of the non-zero elements of ``a``,
    row-major, as the rows of ``out`` (count x ndim)."""
    xp = array_module(a)
    for d, pos in enumerate(xp.nonzero(a)):
        out[:, d] = pos + 1
