"""Pooling windows visited one tap at a time: for each offset inside the window, the output
positions it reaches and the strided view of the input it reads (shared by the 2-D and 3-D
pooling kernels)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from ..errors import ShapeError


def taps(
    o: int, i: int, k: int, d: int, pad: int, dil: int = 1
) -> Iterator[tuple[int, int, int, slice]]:
    """Yield ``(tap, o0, o1, input slice)`` for each tap ``0 <= tap < k`` along one axis.

    Tap ``t`` sits ``t * dil`` after a window's start ``p * d - pad``. Output positions
    ``o0 <= p < o1`` are those where it falls inside ``[0, i)``; the slice selects those input
    positions.
    """
    for t in range(k):
        off = t * dil - pad
        o0 = max(0, -(off // d))
        o1 = min(o, (i - 1 - off) // d + 1)
        if o1 > o0:
            s = o0 * d + off
            yield t, o0, o1, slice(s, s + (o1 - o0 - 1) * d + 1, d)


def taps2d(
    shape_in: tuple[int, ...],
    shape_out: tuple[int, ...],
    k: tuple[int, int],
    d: tuple[int, int],
    pad: tuple[int, int],
) -> Iterator[tuple[int, int, tuple[Any, ...], tuple[Any, ...]]]:
    """Yield ``(ty, tx, output index, input index)`` for every tap of a 2-D window."""
    (iH, iW), (oH, oW) = shape_in[-2:], shape_out[-2:]
    for ty, i0, i1, sy in taps(oH, iH, k[0], d[0], pad[0]):
        for tx, j0, j1, sx in taps(oW, iW, k[1], d[1], pad[1]):
            yield ty, tx, (..., slice(i0, i1), slice(j0, j1)), (..., sy, sx)


def check_out(where: str, input: Any, out: Any) -> None:
    """Raise ShapeError unless ``input`` is 3-D or 4-D with ``out``'s leading dimensions."""
    if input.ndim not in (3, 4) or out.shape[:-2] != input.shape[:-2]:
        raise ShapeError(
            f"{where}: input has shape {tuple(input.shape)} but output has shape "
            f"{tuple(out.shape)}"
        )


def taps3d(
    shape_in: Any, shape_out: Any, k: Any, d: Any, pad: Any, dil: Any = (1, 1, 1)
) -> Iterator[Any]:
    """Yield ``(tap numbers, output index, input index)`` for every tap of a 3-D window."""
    axes = [
        list(taps(shape_out[a - 3], shape_in[a - 3], k[a], d[a], pad[a], dil[a])) for a in range(3)
    ]
    for combo in itertools.product(*axes):
        offsets = tuple(c[0] for c in combo)
        oi = (...,) + tuple(slice(c[1], c[2]) for c in combo)
        yield offsets, oi, (...,) + tuple(c[3] for c in combo)
