"""In-place tensor methods on the tape: gradients by finite differences, and the refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import pytorch_bridge._facade as pb
from pytorch_bridge.autograd import grad
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


def test_view_used_after_its_base_changed_on_the_tape_is_refused():
    """A view keeps its gradient for uses before the change; a later use raises before any
    gradient is delivered; a view taken after the change is right."""
    x = pb.tensor([1.0, 2.0], dtype=np.float64, requires_grad=True)
    h = x * 1
    v = h[0:1]
    nested = h.T[1:][0:1]
    before = v.sum()
    h.add_(x)  # h is now 2x
    before.backward(retain_graph=True)
    assert [1.0, 0.0] == x.grad.tolist()
    x.grad = None
    for stale in (v, nested):
        with pytest.raises(AutogradError, match="take the view again"):
            (stale * x[0:1]).sum().backward()
        with pytest.raises(AutogradError, match="take the view again"):
            grad(stale.sum(), [x])
    assert x.grad is None
    h[0:1].sum().backward()
    assert [2.0, 0.0] == x.grad.tolist()


def test_view_of_a_constant_base_changed_by_a_recorded_value_is_refused():
    """A view of a tensor outside the tape joins it when the base takes a value that
    requires grad; its gradient would be missing, so backward through it raises."""
    x = pb.tensor([1.0, 2.0], dtype=np.float64, requires_grad=True)
    c = pb.zeros(2, dtype=np.float64)
    w = c[1:]
    c.add_(x)
    assert w.requires_grad
    with pytest.raises(AutogradError, match="take the view again"):
        w.backward(pb.ones(1, dtype=np.float64))


def test_change_outside_recording_leaves_views_alone():
    """Under no_grad the change is not differentiated: earlier views keep their nodes."""
    x = pb.tensor([1.0, 2.0], dtype=np.float64, requires_grad=True)
    h = x * 3
    v = h[1:]
    with pb.no_grad():
        h.add_(1.0)
    v.sum().backward()
    assert [0.0, 3.0] == x.grad.tolist()


def test_views_are_remembered_weakly():
    """Views that died do not pile up on their base; live ones are all kept."""
    h = pb.tensor(np.arange(4.0)) * 1
    for i in range(500):
        assert float(i % 4) == h[i % 4].item()
    assert len(h._views) <= 64
    kept = [h[i % 4] for i in range(300)]
    x = pb.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    h.add_(x)
    assert all(type(v.grad_fn).__name__ == "StaleView" for v in kept)
    assert len(h._views) < 300 + 64
