"""Convolution on the tape, through THNN's SpatialConvolutionMM kernels (nn's own).

Those kernels borrow scratch memory from the module (``finput``, ``fgradInput``) and say
how much they need when it is too small; each tape node owns its buffers, so a later call
cannot overwrite the columns an earlier node's backward reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._tensor import Tensor
from ..errors import ShapeError
from ..kernels import conv2d as kc
from .function import Function


def with_buffers(call: Callable[..., Any], bufs: list[Any]) -> list[Any]:
    """Run ``call(*bufs)``; when it asks for larger buffers, grow them and run it again.

    Returns:
        The buffers the successful call used.
    """
    need = call(*bufs)
    if need is not None:
        bufs = [
            b if b.size >= n else np.empty(n, b.dtype) for b, n in zip(bufs, need, strict=True)
        ]
        if call(*bufs) is not None:
            raise ShapeError("conv2d: the kernel asked for scratch buffers twice")
    return bufs


def _out_length(n: int, k: int, d: int, pad: int) -> int:
    o = (n + 2 * pad - k) // d + 1
    if o < 1:
        raise ShapeError(f"conv2d: an axis of {n} with kernel {k} and padding {pad} is too small")
    return o


class Conv2d(Function):
    """``([B,] C, H, W)`` input, ``(O, C, kH, kW)`` weight, ``(O,)`` bias or None."""

    __slots__ = ("args",)
    keeps_inputs = True

    def forward(self, x: Any, w: Any, b: Any, d: tuple[int, int], pad: tuple[int, int]) -> Any:
        if x.ndim not in (3, 4) or w.ndim != 4 or x.shape[-3] != w.shape[1]:
            raise ShapeError(
                f"conv2d: input of shape {x.shape} does not fit weight of shape {w.shape}"
            )
        k = w.shape[2:]
        o = tuple(_out_length(x.shape[-2 + i], k[i], d[i], pad[i]) for i in (0, 1))
        out = np.empty(x.shape[:-3] + (w.shape[0],) + o, dtype=x.dtype)
        self.args = (k[1], k[0], d[1], d[0], pad[1], pad[0])
        empty = [np.empty(0, x.dtype), np.empty(0, x.dtype)]
        bufs = with_buffers(
            lambda f, g: kc.SpatialConvolutionMM_updateOutput(x, out, w, b, f, g, *self.args),
            empty,
        )
        self.saved = (x, w, b, bufs)
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        x, w, b, bufs = self.saved
        g = np.ascontiguousarray(g)
        gx = gw = gb = None
        if self.needs(0):
            gx = np.empty(x.shape, dtype=g.dtype)
            bufs[1:] = with_buffers(
                lambda s: kc.SpatialConvolutionMM_updateGradInput(
                    x, g, gx, w, bufs[0], s, *self.args
                ),
                bufs[1:],
            )
        if self.needs(1) or (b is not None and self.needs(2)):
            gw = np.zeros_like(w)
            gb = None if b is None else np.zeros_like(b)
            with_buffers(
                lambda f, s: kc.SpatialConvolutionMM_accGradParameters(
                    x, g, gw, gb, f, s, *self.args, 1
                ),
                bufs,
            )
        return gx, gw, gb


def conv2d(
    x: Tensor,
    weight: Tensor,
    bias: Tensor | None,
    stride: tuple[int, int],
    padding: tuple[int, int],
) -> Tensor:
    """2-D cross-correlation of ``([B,] C, H, W)`` planes with ``(O, C, kH, kW)`` filters."""
    return Conv2d.apply((x, weight, bias), stride, padding)
