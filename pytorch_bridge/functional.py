"""``pytorch_bridge.functional``: neural-network operations on the tape, computed by the
same THNN-style kernels the Lua ``nn`` modules call.

Class targets are 0-based here (they are 1-based in Lua).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._tensor import Tensor
from .autograd import ops_conv
from .autograd import ops_nn as nn_ops
from .autograd.ops_index import gather
from .autograd.ops_unary import relu, sigmoid, tanh

__all__ = [
    "conv2d", "cross_entropy", "dropout", "linear", "log_softmax", "max_pool2d", "mse_loss",
    "nll_loss", "relu", "sigmoid", "softmax", "tanh",
]  # fmt: skip

softmax = nn_ops.softmax
log_softmax = nn_ops.log_softmax
linear = nn_ops.linear

_REDUCTIONS = ("mean", "sum", "none")


def _check_reduction(reduction: str) -> None:
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, got {reduction!r}")


def nll_loss(
    input: Tensor,
    target: Any,
    weight: Tensor | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
) -> Tensor:
    """Negative log-likelihood of the 0-based classes ``target`` under log-probabilities.

    Args:
        input: log-probabilities ``(C,)`` or ``(N, C)``.
        target: 0-based class indices, ``()`` or ``(N,)`` integers.
        weight: per-class weights ``(C,)``.
        ignore_index: a target value that contributes nothing.
        reduction: 'mean' (weighted mean), 'sum' or 'none' (one loss per row).
    """
    _check_reduction(reduction)
    t = np.asarray(target._array if isinstance(target, Tensor) else target)
    w = None if weight is None else weight._array
    if reduction != "none":
        return nn_ops.nll_loss_reduced(input, t, w, reduction == "mean", ignore_index)
    rows = input if input.ndim == 2 else input.reshape(1, -1)
    t2 = t.reshape(-1, 1).astype(np.int64)
    keep = t2 != ignore_index
    picked = gather(rows, 1, Tensor(np.where(keep, t2, 0)))
    scale = keep * (1.0 if w is None else w[np.where(keep, t2, 0)])
    out = -(picked * Tensor(scale.astype(input.dtype)))
    return out.reshape(-1) if input.ndim == 2 else out.reshape(())


def cross_entropy(
    input: Tensor,
    target: Any,
    weight: Tensor | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
) -> Tensor:
    """``nll_loss(log_softmax(input, 1), target)`` for scores ``(N, C)`` (or ``(C,)``)."""
    if reduction in ("mean", "sum") and input.ndim in (1, 2):
        t = np.asarray(target._array if isinstance(target, Tensor) else target)
        w = None if weight is None else weight._array
        return nn_ops.cross_entropy_reduced(input, t, w, reduction == "mean", ignore_index)
    return nll_loss(
        log_softmax(input, -1 if input.ndim == 1 else 1), target, weight, ignore_index, reduction
    )


def mse_loss(input: Tensor, target: Any, reduction: str = "mean") -> Tensor:
    """Squared error between ``input`` and ``target`` (same number of elements)."""
    _check_reduction(reduction)
    if reduction == "none":
        d: Tensor = input - target
        return d * d
    return nn_ops.mse_loss_reduced(input, target, reduction == "mean")


def dropout(input: Tensor, p: float = 0.5, training: bool = True) -> Tensor:
    """Zero each element with probability ``p`` and scale the rest by ``1 / (1 - p)``.

    The mask comes from the random stream shared with Lua, as ``nn.Dropout`` draws it.
    """
    if not 0 <= p <= 1:
        raise ValueError(f"dropout probability must be in [0, 1], got {p}")
    if not training or p == 0:
        return input
    if p == 1:
        return input * 0
    from ._facade import draw

    mask = draw("bernoulli", input.shape, input.dtype, 1 - p)
    return nn_ops.dropout_masked(input, mask, p)


def _pair(v: Any) -> tuple[int, int]:
    return (int(v), int(v)) if isinstance(v, (int, np.integer)) else (int(v[0]), int(v[1]))


def max_pool2d(
    input: Tensor,
    kernel_size: Any,
    stride: Any = None,
    padding: Any = 0,
    ceil_mode: bool = False,
) -> Tensor:
    """Maximum over ``kernel_size`` windows of each plane of ``(C, H, W)`` or ``(N, C, H, W)``.

    Args:
        input: the planes.
        kernel_size: ``kH`` or ``(kH, kW)``.
        stride: ``(dH, dW)``; defaults to the window.
        padding: implicit -inf border ``(padH, padW)``, at most half the window.
        ceil_mode: round output sizes up instead of down.
    """
    k = _pair(kernel_size)
    d = k if stride is None else _pair(stride)
    return nn_ops.max_pool2d(input, k, d, _pair(padding), ceil_mode)


def conv2d(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Any = 1,
    padding: Any = 0,
    dilation: Any = 1,
) -> Tensor:
    """2-D cross-correlation (nn.SpatialConvolutionMM's kernels).

    Args:
        input: ``(C, H, W)`` or ``(N, C, H, W)``.
        weight: ``(O, C, kH, kW)``.
        bias: ``(O,)`` or None.
        stride: ``dH`` or ``(dH, dW)``.
        padding: zero padding ``padH`` or ``(padH, padW)``.
        dilation: only 1 is supported so far.

    Raises:
        ValueError: for a dilation other than 1.
    """
    if _pair(dilation) != (1, 1):
        raise ValueError("conv2d: dilation other than 1 is not supported yet")
    return ops_conv.conv2d(input, weight, bias, _pair(stride), _pair(padding))
