"""``autograd.grad`` through Lua modules: gradients with respect to their parameters, and
no change to any gradient the Lua modules keep (``gradWeight``, ``gradBias``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import pytorch_bridge as pb
import pytorch_bridge.nn as nn
from pytorch_bridge.errors import AutogradError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facade_helpers import numeric_param_grad  # noqa: E402 - the folder is put on the path above
from pymodule_helpers import ScaledTanh  # noqa: E402


def _grads(model: Any) -> list[Any]:
    return [p.grad.numpy().copy() for p in model.parameters()]


def _dirty(model: Any) -> list[Any]:
    """Give every Lua gradient a non-zero value, as a pending backward would."""
    for i, p in enumerate(model.parameters()):
        p.grad.numpy()[...] = 0.25 * (i + 1)
    return _grads(model)


def test_grad_of_lua_parameters_matches_finite_differences(leaf: Any) -> None:
    """grad() with respect to a Linear's weight and bias (and the input) is the derivative,
    and the module's own gradients keep the values they had."""
    lin = nn.Linear(3, 2)
    x = leaf(4, 3)
    kept = _dirty(lin)

    def f() -> Any:
        return (lin(x).tanh() ** 2).sum()

    gw, gb, gx = pb.autograd.grad(f(), [lin.weight, lin.bias, x])
    np.testing.assert_allclose(gw.numpy(), numeric_param_grad(f, lin.weight), atol=1e-7)
    np.testing.assert_allclose(gb.numpy(), numeric_param_grad(f, lin.bias), atol=1e-7)
    np.testing.assert_allclose(gx.numpy(), numeric_param_grad(f, x), atol=1e-7)
    for before, after in zip(kept, _grads(lin), strict=True):
        np.testing.assert_array_equal(before, after)
    assert x.grad is None


def test_grad_with_respect_to_the_input_leaves_lua_gradients_alone(leaf: Any) -> None:
    """Asking only for the input's gradient accumulates nothing into gradWeight/gradBias."""
    seq = nn.Sequential().add(nn.Linear(3, 4)).add(nn.Tanh()).add(nn.Linear(4, 1))
    kept = _dirty(seq)
    x = leaf(2, 3)
    (gx,) = pb.autograd.grad(seq(x).sum(), [x])
    assert gx.shape == (2, 3)
    for before, after in zip(kept, _grads(seq), strict=True):
        np.testing.assert_array_equal(before, after)


def test_grad_sums_every_call_and_direct_use(leaf: Any) -> None:
    """A module called twice, whose weight is also used by a tape op, gets the sum of all
    three contributions: what backward would accumulate from zero."""
    lin = nn.Linear(3, 3)
    x = leaf(2, 3)

    def f() -> Any:
        return (lin(lin(x)) ** 2).sum() + (lin.weight * lin.weight).sum()

    (gw,) = pb.autograd.grad(f(), [lin.weight])
    np.testing.assert_allclose(gw.numpy(), numeric_param_grad(f, lin.weight), atol=1e-6)
    lin.zero_grad()
    f().backward()
    np.testing.assert_allclose(gw.numpy(), lin.weight.grad.numpy(), rtol=1e-12)


def test_grad_reaches_children_and_python_modules_in_containers(leaf: Any) -> None:
    """Parameters of a container's children, the Python module inside it included."""
    seq = nn.Sequential().add(nn.Linear(3, 3)).add(ScaledTanh(3)).add(nn.Linear(3, 2))
    kept = _dirty(seq)
    x = leaf(4, 3)

    def f() -> Any:
        return seq(x).sum()

    first, py_w = seq[0].weight, seq[1].w
    g_first, g_py = pb.autograd.grad(f(), [first, py_w])
    np.testing.assert_allclose(g_first.numpy(), numeric_param_grad(f, first), atol=1e-7)
    np.testing.assert_allclose(g_py.numpy(), numeric_param_grad(f, py_w), atol=1e-7)
    for before, after in zip(kept, _grads(seq), strict=True):
        np.testing.assert_array_equal(before, after)


def test_grad_of_a_parameter_outside_the_graph(leaf: Any) -> None:
    """A module that the outputs do not use: an error, or None with allow_unused."""
    used, unused = nn.Linear(3, 2), nn.Linear(3, 2)
    x = leaf(1, 3)
    with pytest.raises(AutogradError, match="not part of the graph"):
        pb.autograd.grad(used(x).sum(), [unused.weight])
    assert (None,) == pb.autograd.grad(used(x).sum(), [unused.weight], allow_unused=True)


def test_lua_gradients_are_put_back_when_the_walk_fails(leaf: Any) -> None:
    """An error below the Lua call, after its backward ran, leaves the Lua gradients as
    they were."""
    lin = nn.Linear(3, 2)
    kept = _dirty(lin)
    x = leaf(2, 3)
    loss = lin(x * x).sum()
    with pb.no_grad():
        x.add_(1)  # the multiplication's saved input changes under it
    with pytest.raises(AutogradError, match="modified in place"):
        pb.autograd.grad(loss, [lin.weight])
    for before, after in zip(kept, _grads(lin), strict=True):
        np.testing.assert_array_equal(before, after)


def test_gradcheck_covers_lua_parameters(leaf: Any) -> None:
    """The public gradcheck accepts a Lua module's parameters as inputs: it perturbs their
    memory, which the module reads, and compares with grad()."""
    seq = nn.Sequential().add(nn.Linear(3, 4)).add(nn.Tanh()).add(nn.Linear(4, 2))
    w0, b1 = seq[0].weight, seq[2].bias
    assert pb.gradcheck(lambda x, w, b: seq(x) * seq(x), [leaf(2, 3), w0, b1])
