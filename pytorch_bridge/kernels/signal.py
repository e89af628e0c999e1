"""Signal kernels: Torch7's 2-D and 3-D convolutions and cross-correlations
(THTensorConv conv2Dmul / conv2Dcmul / conv2Dmv and their 3-D forms) over arrays.

When the unfolded windows fit in :data:`WINDOW_LIMIT` elements, a kernel reads them all
at once (a strided sliding-window view of the input) and contracts them with the filter
in one tensordot or batched matmul. Larger problems loop over the kernel's offsets
instead, adding one shifted slice of the input per offset, so memory stays at the size
of the input. No Python loop runs over output pixels. Integer arrays compute in their
own type and wrap.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel

WINDOW_LIMIT = 1 << 22


@kernel
def signal_conv(out: Any, x: Any, k: Any, nd: int, full: bool, flip: bool) -> Any:
    """Torch7's conv2 / xcorr2 / conv3 / xcorr3 into ``out`` (stride 1).

    The forms, with S the nd spatial sizes: x (S) and k (S) give (S'); x (P, S) and
    k (P, S) filter each plane with its own kernel, giving (P, S'); x (I, S) and
    k (O, I, S) sum over the I input planes, giving (O, S'). S' is S - kS + 1 ('V'alid)
    or S + kS - 1 (``full``).

    Args:
        out: the result, already of the output shape.
        x: the input.
        k: the kernel.
        nd: 2 or 3 spatial dimensions.
        full: full convolution (zero padding of kernel size - 1 on each side).
        flip: True for convolution (the kernel is flipped), False for cross-correlation.

    Returns:
        ``out``.

    Raises:
        ShapeError: for a combination of dimensions Torch7 does not accept.
    """
    xp = array_module(out)
    ksize = tuple(int(s) for s in k.shape[-nd:])
    lead = (x.ndim - nd, k.ndim - nd)
    if lead not in ((0, 0), (1, 1), (1, 2)):
        raise ShapeError(
            f"signal_conv: input of shape {tuple(x.shape)} and kernel of shape "
            f"{tuple(k.shape)} do not form a {nd}-D convolution"
        )
    if flip:
        k = k[(Ellipsis,) + (slice(None, None, -1),) * nd]
    if full:
        x = xp.pad(x, [(0, 0)] * lead[0] + [(s - 1, s - 1) for s in ksize])
    if lead == (1, 1):
        # Each plane with its own kernel: the single-plane routine per plane, so that a
        # plane's result is bit for bit the 2-D (or 3-D) result, as in Torch7.
        for p in range(int(x.shape[0])):
            xp.copyto(out[p], _valid(xp, x[p], k[p], nd, (0, 0)), casting="unsafe")
        return out
    xp.copyto(out, _valid(xp, x, k, nd, lead).reshape(out.shape), casting="unsafe")
    return out


def _valid(xp: Any, x: Any, k: Any, nd: int, lead: tuple[int, int]) -> Any:
    """Valid cross-correlation, by all windows at once when they fit in WINDOW_LIMIT."""
    ksize = tuple(int(s) for s in k.shape[-nd:])
    osize = tuple(int(n) - s + 1 for n, s in zip(x.shape[-nd:], ksize, strict=True))
    planes = int(x.shape[0]) if lead[0] else 1
    if planes * math.prod(osize) * math.prod(ksize) <= WINDOW_LIMIT:
        return contract_windows(xp, x, k, nd, lead)
    return shift_and_add(xp, x, k, nd, lead, osize)


def contract_windows(xp: Any, x: Any, k: Any, nd: int, lead: tuple[int, int]) -> Any:
    """Valid cross-correlation of ``x`` with ``k`` (lead (0, 0) or (1, 2)), all windows at once."""
    ksize = k.shape[-nd:]
    win = xp.lib.stride_tricks.sliding_window_view(
        x, ksize, axis=tuple(range(x.ndim - nd, x.ndim))
    )
    spatial = tuple(range(-nd, 0))
    if lead == (0, 0):
        return xp.tensordot(win, k, axes=nd)
    kaxes = [1] + [a + k.ndim for a in spatial]
    waxes = [0] + [a + win.ndim for a in spatial]
    return xp.tensordot(k, win, axes=(kaxes, waxes))


def shift_and_add(
    xp: Any, x: Any, k: Any, nd: int, lead: tuple[int, int], osize: tuple[int, ...]
) -> Any:
    """Valid cross-correlation of ``x`` with ``k``, one kernel offset at a time."""
    acc = None
    for offset in itertools.product(*(range(s) for s in k.shape[-nd:])):
        part = x[(Ellipsis,) + tuple(slice(o, o + s) for o, s in zip(offset, osize, strict=True))]
        weight = k[(Ellipsis,) + offset]
        if lead == (0, 0):
            term = weight * part
        else:
            term = xp.tensordot(weight, part, axes=(1, 0))
        if acc is None:
            acc = term
        else:
            acc += term
    return acc
