"""Neural-network tape operations computed by the THNN-style kernels the Lua nn modules
use (one numeric implementation per operation): soft-max, losses, dropout, linear."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor
from ..errors import ShapeError
from ..kernels import activation as act
from ..kernels import criterion as crit
from ..kernels import dropout as drop
from ..kernels import linear as lin
from ..kernels import pool2d
from .function import Function
from .ops_reduce import axes_of


def _rows(a: Any, axis: int) -> Any:
    """``a`` with ``axis`` moved last, as a 2-D (rows, classes) array."""
    if a.ndim == 2 and axis == 1:  # already (rows, classes): the usual case
        return a
    return np.moveaxis(a, axis, -1).reshape(-1, a.shape[axis] if a.ndim else 1)


def _unrows(r: Any, shape: tuple[int, ...], axis: int) -> Any:
    if len(shape) == 2 and axis == 1:
        return r
    moved = shape[:axis] + shape[axis + 1 :] + (shape[axis],) if shape else ()
    return np.moveaxis(r.reshape(moved), -1, axis) if shape else r.reshape(())


class SoftMax(Function):
    """Soft-max along one axis (THNN SoftMax kernels on a (rows, classes) layout)."""

    __slots__ = ("axis",)
    keeps_output = True
    fwd = staticmethod(act.SoftMax_updateOutput)
    bwd = staticmethod(act.SoftMax_updateGradInput)

    def forward(self, a: Any, axis: int) -> Any:
        self.axis = axis
        r = _rows(a, axis)
        out = self.fwd(r, np.empty_like(r))
        self.saved = out
        return _unrows(out, a.shape, axis)

    def backward(self, g: Any) -> tuple[Any, ...]:
        out = self.saved
        gr = _rows(g, self.axis)
        gi = self.bwd(None, gr, np.empty_like(out), out)
        return (_unrows(gi, g.shape, self.axis),)


class LogSoftMax(SoftMax):
    __slots__ = ()
    fwd = staticmethod(act.LogSoftMax_updateOutput)
    bwd = staticmethod(act.LogSoftMax_updateGradInput)


class NLLLoss(Function):
    """THNN ClassNLLCriterion; targets arrive 0-based and are handed over 1-based."""

    __slots__ = ("args",)

    def forward(self, a: Any, target: Any, weight: Any, mean: bool, ignore: int) -> Any:
        t1 = target.astype(np.int64) + 1
        total = np.zeros(1, dtype=a.dtype)
        self.args = (a, t1, mean, weight, total, ignore + 1)
        out = np.zeros(1, dtype=a.dtype)
        crit.ClassNLLCriterion_updateOutput(a, t1, out, mean, weight, total, ignore + 1)
        return out.reshape(())

    def backward(self, g: Any) -> tuple[Any, ...]:
        a, t1, mean, weight, total, ignore = self.args
        gi = np.empty_like(a)
        crit.ClassNLLCriterion_updateGradInput(a, t1, gi, mean, weight, total, ignore)
        return (gi * g,)


class CrossEntropy(Function):
    """nn.CrossEntropyCriterion: the LogSoftMax kernels then the ClassNLLCriterion ones, in
    one node (1-D or 2-D scores; the class axis is the last)."""

    __slots__ = ("args",)

    def forward(self, a: Any, target: Any, weight: Any, mean: bool, ignore: int) -> Any:
        logp = act.LogSoftMax_updateOutput(a, np.empty_like(a))
        t1 = target.astype(np.int64) + 1
        total = np.zeros(1, dtype=a.dtype)
        out = np.zeros(1, dtype=a.dtype)
        crit.ClassNLLCriterion_updateOutput(logp, t1, out, mean, weight, total, ignore + 1)
        self.args = (logp, t1, mean, weight, total, ignore + 1)
        return out.reshape(())

    def backward(self, g: Any) -> tuple[Any, ...]:
        logp, t1, mean, weight, total, ignore = self.args
        gi = np.empty_like(logp)
        crit.ClassNLLCriterion_updateGradInput(logp, t1, gi, mean, weight, total, ignore)
        if g != 1:
            gi *= g
        return (act.LogSoftMax_updateGradInput(None, gi, gi, logp),)


class MSELoss(Function):
    """THNN MSECriterion (mean or sum); the target may require grad too."""

    __slots__ = ("mean",)
    keeps_inputs = True

    def forward(self, a: Any, target: Any, mean: bool) -> Any:
        self.saved, self.mean = (a, target), mean
        out = np.zeros(1, dtype=a.dtype)
        crit.MSECriterion_updateOutput(a, target, out, mean)
        return out.reshape(())

    def backward(self, g: Any) -> tuple[Any, ...]:
        a, target = self.saved
        gi = crit.MSECriterion_updateGradInput(a, target, np.empty_like(a), self.mean) * g
        return gi, (-gi if self.needs(1) else None)


class Dropout(Function):
    """nn.Dropout (version 2: kept elements scaled by 1/(1-p)) with a given 0/1 mask."""

    __slots__ = ("p",)

    def forward(self, a: Any, mask: Any, p: float) -> Any:
        self.p = p
        noise = mask.astype(a.dtype, copy=True)
        out = drop.Dropout_updateOutput(a, np.empty_like(a), noise, p, True, True)
        self.saved = noise
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (drop.Dropout_updateGradInput(g, np.empty_like(g), self.saved, self.p, True, True),)


class Linear(Function):
    """nn.Linear's kernels: ``input @ weight.T + bias`` for input (..., inputSize)."""

    keeps_inputs = True

    def forward(self, x: Any, w: Any, b: Any) -> Any:
        x2 = x.reshape(-1, x.shape[-1]) if x.ndim > 2 else x
        self.saved = (x, x2, w, b)
        out = np.empty(x2.shape[:-1] + (w.shape[0],), dtype=np.result_type(x, w))
        lin.Linear_updateOutput(x2, out, w, b)
        return out.reshape(x.shape[:-1] + (w.shape[0],))

    def backward(self, g: Any) -> tuple[Any, ...]:
        x, x2, w, b = self.saved
        g2 = g.reshape(x2.shape[:-1] + (w.shape[0],))
        gx = gw = gb = None
        if self.needs(0):
            gx = lin.Linear_updateGradInput(x2, g2, np.empty_like(x2), w).reshape(x.shape)
        if self.needs(1) or (b is not None and self.needs(2)):
            gw = np.zeros_like(w)
            gb = np.zeros_like(b) if b is not None else None
            lin.Linear_accGradParameters(x2, g2, gw, gb, 1)
        return gx, gw, gb


class MaxPool2d(Function):
    """THNN SpatialMaxPooling over the last two axes of a 3-D or 4-D input."""

    __slots__ = ("args", "shape")

    def forward(
        self, a: Any, k: tuple[int, int], d: tuple[int, int], pad: tuple[int, int], ceil: bool
    ) -> Any:
        o = tuple(_pool_length(a.shape[-2 + i], k[i], d[i], pad[i], ceil) for i in (0, 1))
        out = np.empty(a.shape[:-2] + o, dtype=a.dtype)
        idx = np.empty(out.shape, dtype=np.int64)
        self.args = (k[1], k[0], d[1], d[0], pad[1], pad[0], ceil)
        pool2d.SpatialMaxPooling_updateOutput(a, out, idx, *self.args)
        self.shape, self.saved = a.shape, idx
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        gi = np.empty(self.shape, dtype=g.dtype)
        pool2d.SpatialMaxPooling_updateGradInput(gi, g, gi, self.saved, *self.args)
        return (gi,)


def _pool_length(n: int, k: int, d: int, pad: int, ceil: bool) -> int:
    """Output length of one pooled axis (Torch7's rule: the last window starts inside)."""
    span = n - k + 2 * pad
    o = (-(-span // d) if ceil else span // d) + 1
    if pad and (o - 1) * d >= n + pad:
        o -= 1
    if o < 1:
        raise ShapeError(f"max_pool2d: an axis of {n} with window {k} gives no output")
    return o


def max_pool2d(
    a: Tensor, k: tuple[int, int], d: tuple[int, int], pad: tuple[int, int], ceil: bool
) -> Tensor:
    """Window maxima over the last two axes of a ``(C, H, W)`` or ``(N, C, H, W)`` input."""
    if a.ndim not in (3, 4):
        raise ShapeError(f"max_pool2d: input must be 3-D or 4-D, got shape {a.shape}")
    if pad[0] > k[0] // 2 or pad[1] > k[1] // 2:
        raise ShapeError(f"max_pool2d: padding {pad} must be at most half the window {k}")
    return MaxPool2d.apply((a,), k, d, pad, ceil)


def softmax(a: Tensor, dim: int) -> Tensor:
    """Soft-max along ``dim``."""
    return SoftMax.apply((a,), _axis(dim, a))


def log_softmax(a: Tensor, dim: int) -> Tensor:
    """Log-soft-max along ``dim``."""
    return LogSoftMax.apply((a,), _axis(dim, a))


def _axis(dim: int, a: Tensor) -> int:
    axes = axes_of(dim, a.ndim)
    return axes[0] if axes else 0


def nll_loss_reduced(a: Tensor, target: Any, weight: Any, mean: bool, ignore: int) -> Tensor:
    """Negative log-likelihood of 0-based ``target`` classes, summed or averaged."""
    return NLLLoss.apply((a,), target, weight, mean, ignore)


def cross_entropy_reduced(a: Tensor, target: Any, weight: Any, mean: bool, ignore: int) -> Tensor:
    """``nll_loss(log_softmax(a))`` of 0-based ``target`` classes for 1-D or 2-D scores,
    summed or averaged, as one node."""
    return CrossEntropy.apply((a,), target, weight, mean, ignore)


def mse_loss_reduced(a: Tensor, target: Any, mean: bool) -> Tensor:
    """Squared error summed (``mean`` False) or averaged over all elements."""
    return MSELoss.apply((a, target), mean)


def dropout_masked(a: Tensor, mask: Any, p: float) -> Tensor:
    """``a * mask / (1 - p)`` for a 0/1 ``mask`` of ``a``'s shape."""
    return Dropout.apply((a,), mask, p)


def linear(x: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``x @ weight.T + bias`` (weight ``(out, in)``, ``x`` of any leading shape)."""
    return Linear.apply((x, weight, bias))
