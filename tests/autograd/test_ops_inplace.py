"""In-place tensor methods on the tape: gradients by finite differences, and the refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import pytorch_bridge._facade as pb
from pytorch_bridge.errors import AutogradError


def _iadd(h: Any, y: Any) -> Any:
    h += y
    return h


def _isub(h: Any, y: Any) -> Any:
    h -= y
    return h


def _imul(h: Any, y: Any) -> Any:
    h *= y
    return h


def _idiv(h: Any, y: Any) -> Any:
    h /= y
    return h


def _setitem(h: Any, y: Any) -> Any:
    h[1:] = y[:-1] * 2
    return h


# Each changes the intermediate ``h = 1.5 * x`` in place with the other operand ``y``.
CHANGES: dict[str, Callable[[Any, Any], Any]] = {
    "+=": _iadd,
    "-=": _isub,
    "*=": _imul,
    "/=": _idiv,
    "add_ alpha": lambda h, y: h.add_(y, alpha=2),
    "sub_ alpha": lambda h, y: h.sub_(y, alpha=0.5),
    "mul_": lambda h, y: h.mul_(y),
    "div_": lambda h, y: h.div_(y),
    "clamp_": lambda h, y: h.clamp_(-0.3, 0.4).mul_(y),
    "copy_": lambda h, y: h.copy_(y * y),
    "fill_": lambda h, y: h.fill_(3.0).mul_(y),
    "zero_": lambda h, y: h.zero_().add_(y),
    "setitem": _setitem,
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_inplace_change_of_an_intermediate_gradient(name, rng, dircheck):
    """An in-place change of an intermediate result differentiates through both operands."""
    change = CHANGES[name]
    x = rng.uniform(-1, 1, (3, 4))
    x[np.abs(np.abs(x * 1.5 - 0.05) - 0.35) < 0.06] = 0.1  # away from the clamp_ kinks
    y = rng.uniform(0.5, 1.5, (3, 4))

    def fn(a: Any, b: Any) -> Any:
        h = a * 1.5
        return change(h, b) * a

    dircheck(fn, [x, y])


def test_inplace_change_bumps_the_version_and_keeps_the_memory():
    """The tensor changed in place keeps its memory and moves to the new node."""
    x = pb.tensor([1.0, 2.0], dtype=np.float64, requires_grad=True)
    h = x * 1
    memory, version, node = h.detach().numpy().ctypes.data, h._vc[0], h._node
    h.add_(x)
    assert memory == h.detach().numpy().ctypes.data
    assert version + 1 == h._vc[0]
    assert node is not h._node


def test_inplace_change_of_a_view_while_recording_raises():
    """A view's base would need the change too: refused while recording, fine under no_grad."""
    x = pb.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    h = x * 1
    row = h[0]
    with pytest.raises(AutogradError, match="view while recording"):
        row.add_(1)
    with pb.no_grad():
        row.add_(1)
    assert [[2.0, 3.0], [3.0, 4.0]] == h.tolist()


def test_fill_and_zero_cut_the_gradient_to_what_came_before():
    """After fill_ or zero_ the old contents no longer reach the output."""
    x = pb.tensor([1.0, 2.0], requires_grad=True)
    for change in (lambda h: h.fill_(5.0), lambda h: h.zero_()):
        x.grad = None
        h = x * 3
        (change(h) + x).sum().backward()
        assert [1.0, 1.0] == x.grad.tolist()
