"""Unfold (im2col) and fold (col2im) shared by the 2-D and 3-D convolution kernels.

A convolution over a zero-padded input grid ``P`` (``n`` spatial dims) with kernel ``k``,
stride ``d`` and dilation ``dil`` visits an output grid ``o``. Its *columns* are a C-order
array ``(C, *k, B, L)``, seen by the matrix products as ``(C * prod(k), B * L)``: row
(channel, kernel position), column (batch item, output point).

Two column layouts, chosen by the stride:

- unit stride ("wide"): point ``o`` sits at ``l = sum(o_i * Pstride_i)`` (``Pstride`` the
  C-order strides of ``P``) and ``L = l(o_max) + 1``; each row of the columns is then one
  contiguous run of the padded input, so unfolding and folding move whole runs. The columns
  between valid points hold input values the kernels ignore (or zeros on the gradient side).
- any other stride: ``L = prod(o)``, points in C order.

Buffers are 1-D scratch arrays the Lua side owns (Torch7's ``finput`` / ``fgradInput``);
:func:`carve` cuts consecutive views out of them, so a call allocates nothing large.
"""

from __future__ import annotations

import math
from itertools import product
from typing import Any

import numpy as np

from ..errors import ShapeError


def _c_strides(shape: tuple[int, ...]) -> tuple[int, ...]:
    strides, acc = [], 1
    for s in reversed(shape):
        strides.append(acc)
        acc *= s
    return tuple(reversed(strides))


class Geometry:
    """Sizes of one convolution: batch, channels, padded grid ``P``, output grid ``o``."""

    def __init__(
        self,
        batch: int,
        channels: int,
        grid: tuple[int, ...],
        out: tuple[int, ...],
        k: tuple[int, ...],
        d: tuple[int, ...],
        pad: tuple[int, ...],
        dil: tuple[int, ...],
        wide: bool = True,
    ) -> None:
        self.B, self.C, self.S, self.o, self.k = batch, channels, grid, out, k
        self.d, self.pad, self.dil = d, pad, dil
        self.P = tuple(s + 2 * p for s, p in zip(grid, pad, strict=True))
        self.pstr = _c_strides(self.P)
        self.plane = math.prod(self.P)
        self.nk = math.prod(k)
        self.wide = wide and all(s == 1 for s in d)
        if self.wide:
            self.L = sum((n - 1) * s for n, s in zip(out, self.pstr, strict=True)) + 1
            self.ostr = self.pstr
        else:
            self.L = math.prod(out)
            self.ostr = _c_strides(out)
        self.ncols = channels * self.nk * batch * self.L

    def check_fits(self, where: str) -> None:
        """Raise ShapeError when the output grid would be empty."""
        if min(self.o) < 1:
            raise ShapeError(
                f"{where}: input grid {self.S} with padding {self.pad} gives output grid "
                f"{self.o}, which is too small"
            )


def out_size(size: int, k: int, d: int, pad: int, dil: int) -> int:
    """Output length of a convolution along one dimension (Torch7's floor rule)."""
    return (size + 2 * pad - (dil * (k - 1) + 1)) // d + 1


def carve(xp: Any, buf: Any, *shapes: tuple[int, ...]) -> list[Any]:
    """Consecutive C-order views of the given shapes, cut from the start of ``buf``."""
    flat = buf.reshape(-1)
    views, at = [], 0
    for shape in shapes:
        n = math.prod(shape)
        views.append(flat[at : at + n].reshape(shape))
        at += n
    return views


def big_enough(buf: Any, n: int) -> bool:
    """True when ``buf`` is a contiguous array of at least ``n`` elements."""
    return bool(buf.size >= n and buf.flags.c_contiguous)


def strided(
    xp: Any, base: Any, offset: int, shape: tuple[int, ...], steps: tuple[int, ...]
) -> Any:
    """A view of contiguous ``base`` starting ``offset`` elements in, with element steps."""
    isz = base.itemsize
    strides = tuple(s * isz for s in steps)
    if isinstance(base, np.ndarray):
        # the ndarray constructor builds the view several times faster than as_strided
        return np.ndarray(shape, base.dtype, base, offset * isz, strides)
    return xp.lib.stride_tricks.as_strided(base.reshape(-1)[offset:], shape, strides)


def padded(xp: Any, x: Any, buf: Any, g: Geometry) -> Any:
    """``x`` (B, C, *S) as a contiguous zero-padded array (B, C, *P), using ``buf`` if needed."""
    if not any(g.pad) and x.flags.c_contiguous:
        return x
    inner = (slice(None), slice(None)) + tuple(
        slice(p, p + s) for p, s in zip(g.pad, g.S, strict=True)
    )
    if any(g.pad):
        buf.fill(0)
    buf[inner] = x
    return buf


def interior(xpad: Any, g: Geometry) -> Any:
    """The unpadded part (B, C, *S) of a padded array."""
    return xpad[
        (slice(None), slice(None))
        + tuple(slice(p, p + s) for p, s in zip(g.pad, g.S, strict=True))
    ]


def _kernel_view(xp: Any, xpad: Any, g: Geometry) -> Any:
    """View (C, *k, B, L) or (C, *k, B, *o) of the padded input that the columns copy."""
    kstep = tuple(di * s for di, s in zip(g.dil, g.pstr, strict=True))
    lead = (g.C, *g.k, g.B)
    steps = (g.plane, *kstep, g.C * g.plane)
    if g.wide:
        return strided(xp, xpad, 0, (*lead, g.L), (*steps, 1))
    ostep = tuple(di * s for di, s in zip(g.d, g.pstr, strict=True))
    return strided(xp, xpad, 0, (*lead, *g.o), (*steps, *ostep))


def unfold(xp: Any, xpad: Any, cols: Any, g: Geometry) -> None:
    """Fill ``cols`` (C, *k, B, L) from the padded input ``xpad`` (B, C, *P): one copy."""
    src = _kernel_view(xp, xpad, g)
    xp.copyto(cols.reshape(src.shape), src)


def fold(xp: Any, cols: Any, xpad: Any, g: Geometry) -> None:
    """Sum columns back into the padded grid: ``xpad`` (B, C, *P) = col2im(``cols``)."""
    xpad.fill(0)
    dst = _kernel_view(xp, xpad, g)
    src = cols.reshape(dst.shape)
    for pos in product(*(range(n) for n in g.k)):
        at = (slice(None), *pos)
        xp.add(dst[at], src[at], out=dst[at])


def grid_view(xp: Any, wide: Any, g: Geometry, channels: int) -> Any:
    """View (B, channels, *o) of an array (channels, B, L) laid out like the columns."""
    return strided(xp, wide, 0, (g.B, channels, *g.o), (g.L, g.B * g.L, *g.ostr))


def scatter(xp: Any, y: Any, wide: Any, g: Geometry) -> None:
    """Write ``y`` (B, ch, *o) into ``wide`` (ch, B, L), zero between valid points."""
    if g.wide and g.L != math.prod(g.o):
        wide.fill(0)
    xp.copyto(grid_view(xp, wide, g, y.shape[1]), y)
