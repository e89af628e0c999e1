"""Elementwise functions of one tensor on the tape: exp, log, sqrt, abs, neg (Torch7's
pointwise kernel), tanh, sigmoid and relu (the THNN kernels nn uses), clamp."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor
from ..kernels import activation as act
from ..kernels import pointwise as pw
from .function import Function


class Unary(Function):
    """A function of one tensor computed by ``tensor_unary`` (Torch7's pointwise kernel)."""

    op = ""

    def forward(self, a: Any) -> Any:
        out = np.empty_like(a)
        pw.tensor_unary(self.op, out, a)
        self.saved = (a, out)
        return out


class Exp(Unary):
    op = "exp"
    keeps_output = True

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (g * self.saved[1],)


class Log(Unary):
    op = "log"
    keeps_inputs = True

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (g / self.saved[0],)


class Sqrt(Unary):
    op = "sqrt"
    keeps_output = True

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (g / (2 * self.saved[1]),)


class Abs(Unary):
    op = "abs"
    keeps_inputs = True

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (g * np.sign(self.saved[0]),)


class Neg(Unary):
    op = "neg"

    def forward(self, a: Any) -> Any:
        out = np.empty_like(a)
        pw.tensor_unary("neg", out, a)
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        return (-g,)


class Tanh(Function):
    keeps_output = True

    def forward(self, a: Any) -> Any:
        self.saved = out = act.Tanh_updateOutput(a, np.empty_like(a))
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        out = self.saved
        return (act.Tanh_updateGradInput(None, g, np.empty_like(out), out),)


class Sigmoid(Function):
    keeps_output = True

    def forward(self, a: Any) -> Any:
        self.saved = out = act.Sigmoid_updateOutput(a, np.empty_like(a))
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        out = self.saved
        return (act.Sigmoid_updateGradInput(None, g, np.empty_like(out), out),)


class Relu(Function):
    keeps_inputs = True

    def forward(self, a: Any) -> Any:
        self.saved = a
        return act.Threshold_updateOutput(a, np.empty_like(a), 0, 0, False)

    def backward(self, g: Any) -> tuple[Any, ...]:
        a = self.saved
        return (act.Threshold_updateGradInput(a, g, np.empty_like(g), 0, 0, False),)


class Clamp(Function):
    keeps_inputs = True

    def forward(self, a: Any, lo: float | None, hi: float | None) -> Any:
        lo = -np.inf if lo is None else lo
        hi = np.inf if hi is None else hi
        self.saved = (a, lo, hi)
        out = np.empty_like(a)
        pw.tensor_clamp(out, a, lo, hi)
        return out

    def backward(self, g: Any) -> tuple[Any, ...]:
        a, lo, hi = self.saved
        return (g * ((a >= lo) & (a <= hi)),)


def exp(a: Tensor) -> Tensor:
    """Elementwise ``e ** a``."""
    return Exp.apply((a,))


def log(a: Tensor) -> Tensor:
    """Elementwise natural logarithm."""
    return Log.apply((a,))


def sqrt(a: Tensor) -> Tensor:
    """Elementwise square root."""
    return Sqrt.apply((a,))


def abs(a: Tensor) -> Tensor:  # noqa: A001 - the public name of the operation
    """Elementwise absolute value (gradient 0 at 0)."""
    return Abs.apply((a,))


def neg(a: Tensor) -> Tensor:
    """Elementwise negation."""
    return Neg.apply((a,))


def tanh(a: Tensor) -> Tensor:
    """Elementwise hyperbolic tangent (THNN Tanh kernels)."""
    return Tanh.apply((a,))


def sigmoid(a: Tensor) -> Tensor:
    """Elementwise logistic function (THNN Sigmoid kernels)."""
    return Sigmoid.apply((a,))


def relu(a: Tensor) -> Tensor:
    """Elementwise ``max(a, 0)`` (THNN Threshold kernels at 0; gradient 0 at 0)."""
    return Relu.apply((a,))


def clamp(a: Tensor, min: float | None = None, max: float | None = None) -> Tensor:  # noqa: A002
    """Clamp to ``[min, max]`` (either bound may be None); gradient 1 inside, 0 outside."""
    return Clamp.apply((a,), min, max)
