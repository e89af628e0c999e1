"""Constructor kernels: Torch7's THTensorMath range, linspace, diag, tril, triu and repeat.

Each kernel fills ``out``, an array the Lua side has already sized (and which is
therefore contiguous); values are cast into its type as C casts do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from . import kernel


@kernel
def fill_range(out: Any, first: float, step: float) -> None:
    """Mirror ``THTensor_(range)``: ``out[i] = first + i * step`` (computed in float64)."""
    xp = array_module(out)
    vals = first + xp.arange(out.shape[0], dtype=np.float64) * step
    out[...] = vals.astype(out.dtype)


@kernel
def fill_linspace(out: Any, a: float, b: float, log: bool) -> None:
    """Mirror ``THTensor_(linspace/logspace)``: ``n`` points from ``a`` to ``b`` (powers of 10).

    Computes in ``out``'s own precision, as Torch7 does.
    """
    xp = array_module(out)
    n = out.shape[0]
    dt = out.dtype
    if n == 1:
        vals = xp.asarray([a], dtype=dt)
    else:
        i = xp.arange(n, dtype=dt)
        vals = dt.type(a) + i * (dt.type(b) - dt.type(a)) / dt.type(n - 1)
    out[...] = xp.power(10.0, vals).astype(dt) if log else vals


@kernel
def diag(src: Any, k: int, out: Any) -> None:
    """Mirror ``THTensor_(diag)``: a vector becomes a square matrix with it on diagonal ``k``,
    a matrix gives its diagonal ``k`` as a vector."""
    xp = array_module(src)
    k = int(k)
    if src.ndim == 1:
        out[...] = 0
        rows = xp.arange(src.shape[0]) + max(-k, 0)
        out[rows, rows + k] = src
    else:
        out[...] = xp.diagonal(src, offset=k)


@kernel
def triangle(src: Any, k: int, upper: bool, out: Any) -> None:
    """Mirror ``THTensor_(tril/triu)``: keep the lower (upper) triangle from diagonal ``k``."""
    xp = array_module(src)
    out[...] = xp.triu(src, int(k)) if upper else xp.tril(src, int(k))


@kernel
def eye(out: Any) -> None:
    """Mirror ``THTensor_(eye)``: ones on the main diagonal of ``out``, zeros elsewhere."""
    xp = array_module(out)
    out[...] = 0
    n = xp.arange(min(out.shape))
    out[n, n] = 1


@kernel
def repeat_tensor(src: Any, out: Any) -> None:
    """Mirror Torch7's ``repeatTensor``: tile ``src`` (leading dims of size 1 added) over ``out``.

    ``out.shape[d]`` must be a multiple of the (padded) ``src.shape[d]``.
    """
    xp = array_module(src)
    pad = (1,) * (out.ndim - src.ndim) + tuple(src.shape)
    inter: list[int] = []
    for total, s in zip(out.shape, pad, strict=True):
        inter += [total // s, s]
    view = out.reshape(inter)
    view[...] = xp.reshape(src, tuple(x for s in pad for x in (1, s)))
