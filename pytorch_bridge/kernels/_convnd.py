"""Convolution and full (transposed) convolution over ``n`` spatial dims, on columns.

The kernel bodies in _convrun.py check their arguments, cut their scratch views out of the
Lua-owned buffers and call these functions. Everything works on batched arrays
``(B, C, *S)``; a non-batch input is seen with a leading axis of one.

Buffer protocol: a kernel whose buffers (Torch7's ``finput``/``fgradInput``) are too small
computes nothing and returns the element counts it needs, one for each buffer it checks,
in argument order; the Lua side resizes those buffers and calls again. A call that fits
returns None.
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import ShapeError
from ._accumulate import add_product
from ._unfold import (
    Geometry,
    big_enough,
    carve,
    fold,
    grid_view,
    interior,
    out_size,
    padded,
    scatter,
    unfold,
)

Need = tuple[int, ...] | None
"""What a kernel under the buffer protocol returns: None when done, else the counts."""


def batched(where: str, name: str, a: Any, nd: int) -> Any:
    """``a`` with a batch axis: (C, *S) becomes (1, C, *S); (B, C, *S) stays."""
    if a.ndim == nd + 1:
        return a[None]
    if a.ndim == nd + 2:
        return a
    raise ShapeError(
        f"{where}: {name} must be {nd + 1}-D or {nd + 2}-D (batch mode), got shape "
        f"{tuple(a.shape)}"
    )


def out_view(where: str, a: Any, shape: tuple[int, ...]) -> Any:
    """A view of the result array ``a`` with ``shape``; results must be contiguous."""
    if not a.flags.c_contiguous:
        raise ShapeError(f"{where}: result arrays must be contiguous, got strides {a.strides}")
    return a.reshape(shape)


def conv_input(
    where: str,
    input: Any,
    k: tuple[int, ...],
    d: tuple[int, ...],
    pad: tuple[int, ...],
    dil: tuple[int, ...],
    wide: bool = True,
) -> tuple[Any, Geometry]:
    """The input batched as (B, C, *S) and the geometry of its convolution."""
    x = batched(where, "input", input, len(k))
    if min(k) < 1 or min(d) < 1 or min(dil) < 1:
        raise ShapeError(f"{where}: kernel {k}, stride {d} and dilation {dil} must be positive")
    grid = tuple(int(s) for s in x.shape[2:])
    out = tuple(out_size(*a) for a in zip(grid, k, d, pad, dil, strict=True))
    g = Geometry(x.shape[0], x.shape[1], grid, out, k, d, pad, dil, wide)
    g.check_fits(where)
    return x, g


def grad_output(where: str, gradOutput: Any, expected: tuple[int, ...]) -> Any:
    """``gradOutput`` batched; raise ShapeError unless it then has the ``expected`` shape."""
    go = batched(where, "gradOutput", gradOutput, len(expected) - 2)
    if tuple(go.shape) != expected:
        raise ShapeError(f"{where}: gradOutput has shape {tuple(go.shape)}, expected {expected}")
    return go


def add_bias(xp: Any, out: Any, src: Any, bias: Any | None, nd: int) -> None:
    """``out = src + bias`` broadcast over (B, ch, *grid); plain copy without bias."""
    if bias is None:
        xp.copyto(out, src)
    else:
        xp.add(src, bias.reshape((-1,) + (1,) * nd), out=out)


def conv_output(
    xp: Any,
    x: Any,
    out: Any,
    w2: Any,
    bias: Any | None,
    cols: Any,
    ow: Any,
    xpad: Any,
    g: Geometry,
) -> None:
    """out (B, O, *o) = conv(x); cols (K, B*L) and ow (O, B*L) are scratch, xpad (B, C, *P)."""
    unfold(xp, padded(xp, x, xpad, g), cols, g)
    xp.matmul(w2, cols, out=ow)
    add_bias(xp, out, grid_view(xp, ow, g, w2.shape[0]), bias, len(g.o))


def conv_grad_input(
    xp: Any, go: Any, gi: Any, w2: Any, gow: Any, gpad: Any, fcols: Any, g: Geometry
) -> None:
    """gi (B, C, *S) = d conv / d x applied to go; gow, gpad, fcols are scratch."""
    scatter(xp, go, gow, g)
    xp.matmul(w2.T, gow.reshape(w2.shape[0], -1), out=fcols)
    direct = not any(g.pad) and gi.flags.c_contiguous
    target = gi if direct else gpad
    fold(xp, fcols, target, g)
    if not direct:
        xp.copyto(gi, interior(target, g))


def conv_grad_params(
    xp: Any, go: Any, gw2: Any, gb: Any | None, cols: Any, gow: Any, g: Geometry, scale: float
) -> None:
    """Accumulate ``scale`` times the weight (O, K) and bias gradients; gow is scratch."""
    scatter(xp, go, gow, g)
    flat = gow.reshape(gw2.shape[0], -1)
    add_product(xp, gw2, flat, cols.T, scale)
    if gb is not None:
        xp.add(gb, flat.sum(axis=1) * gb.dtype.type(scale), out=gb)


def full_geometry(
    where: str,
    x: Any,
    k: tuple[int, ...],
    d: tuple[int, ...],
    pad: tuple[int, ...],
    adj: tuple[int, ...],
    out_channels: int,
) -> Geometry:
    """Geometry of the convolution whose input gradient a full convolution of ``x`` is."""
    if min(k) < 1 or min(d) < 1:
        raise ShapeError(f"{where}: kernel {k} and stride {d} must be positive")
    if any(a >= s for a, s in zip(adj, d, strict=True)):
        raise ShapeError(f"{where}: adjustment {adj} must be smaller than the stride {d}")
    grid = tuple(int(s) for s in x.shape[2:])
    full = tuple(
        (s - 1) * st - 2 * p + kk + a for s, st, p, kk, a in zip(grid, d, pad, k, adj, strict=True)
    )
    if min(full) < 1:
        raise ShapeError(f"{where}: input grid {grid} gives output grid {full}, too small")
    ones = (1,) * len(k)
    return Geometry(x.shape[0], out_channels, full, grid, k, d, pad, ones)


def full_output(
    xp: Any,
    x: Any,
    out: Any,
    w2: Any,
    bias: Any | None,
    cols: Any,
    xw: Any,
    ypad: Any,
    g: Geometry,
) -> None:
    """out (B, Cout, *full) = full convolution of x; w2 is (Cin, Cout*K); the rest scratch."""
    scatter(xp, x, xw.reshape(w2.shape[0], g.B, g.L), g)
    xp.matmul(w2.T, xw.reshape(w2.shape[0], -1), out=cols)
    direct = not any(g.pad) and out.flags.c_contiguous
    target = out if direct else ypad
    fold(xp, cols, target, g)
    if bias is not None or not direct:
        add_bias(xp, out, interior(target, g), bias, len(g.o))


def full_grad_input(
    xp: Any, go: Any, gi: Any, w2: Any, cols: Any, gopad: Any, gxw: Any, g: Geometry
) -> None:
    """gi (B, Cin, *S) = gradient of the full convolution's input; cols, gopad, gxw scratch."""
    unfold(xp, padded(xp, go, gopad, g), cols, g)
    xp.matmul(w2, cols, out=gxw)
    xp.copyto(gi, grid_view(xp, gxw, g, w2.shape[0]))


def full_grad_params(
    xp: Any,
    x: Any,
    go: Any,
    gw2: Any,
    gb: Any | None,
    cols: Any,
    gopad: Any,
    xw: Any,
    g: Geometry,
    scale: float,
) -> None:
    """Accumulate ``scale`` times the full convolution's weight (Cin, Cout*K) and bias grads."""
    unfold(xp, padded(xp, go, gopad, g), cols, g)
    scatter(xp, x, xw.reshape(gw2.shape[0], g.B, g.L), g)
    add_product(xp, gw2, xw.reshape(gw2.shape[0], -1), cols.T, scale)
    if gb is not None:
        sums = go.sum(axis=(0,) + tuple(range(2, go.ndim)))
        xp.add(gb, sums * gb.dtype.type(scale), out=gb)


def layout(
    plan: list[tuple[Any, list[tuple[int, ...]]]],
) -> tuple[Need, list[Any]]:
    """Cut the listed shapes out of each buffer, in order.

    A second buffer given as None means the module has none: its shapes follow the first
    buffer's in that buffer.

    Returns:
        ``(None, views)`` when every buffer is large enough, else ``(counts, [])`` with the
        element count each buffer needs.
    """
    if plan[-1][0] is None:
        (buf, head), (_, tail) = plan
        plan = [(buf, head + tail)]
    counts = tuple(sum(math.prod(s) for s in shapes) for _, shapes in plan)
    if not all(big_enough(b, n) for (b, _), n in zip(plan, counts, strict=True)):
        return counts, []
    views: list[Any] = []
    for buf, shapes in plan:
        views.extend(carve(None, buf, *shapes))
    return None, views


def weight2d(where: str, weight: Any, rows: int, cols: int) -> Any:
    """``weight`` seen as a (rows, cols) matrix (a view when contiguous)."""
    if weight.size != rows * cols:
        raise ShapeError(
            f"{where}: weight has shape {tuple(weight.shape)}, expected {rows} x {cols} elements"
        )
    return weight.reshape(rows, cols)


def grad_weight2d(where: str, grad: Any, rows: int, cols: int) -> Any:
    """Like :func:`weight2d` for an accumulated gradient, which must be contiguous."""
    if not grad.flags.c_contiguous:
        raise ShapeError(f"{where}: gradWeight must be contiguous")
    return weight2d(where, grad, rows, cols)
