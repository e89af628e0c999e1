"""Lua nn modules and criteria called from Python: forward values, one tape node per
call, and finite-difference gradient checks, including modules called several times in
one graph."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import pytorch_bridge as pb
import pytorch_bridge.nn as nn
from pytorch_bridge.nn import _call

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facade_helpers import numeric_param_grad  # noqa: E402 - the folder is put on the path above


def test_linear_forward_matches_lua_forward(leaf: Any) -> None:
    """Calling the proxy gives what the Lua module's own forward computes."""
    lin = nn.Linear(3, 2)
    x = leaf(4, 3)
    expected = x.detach().numpy() @ lin.weight.detach().numpy().T + lin.bias.detach().numpy()
    np.testing.assert_allclose(expected, lin(x).detach().numpy(), rtol=1e-12)


def test_linear_gradcheck(leaf: Any) -> None:
    """nn.Linear's input gradient through the facade matches finite differences."""
    lin = nn.Linear(3, 2)
    assert pb.gradcheck(lambda x: lin(x), [leaf(4, 3)])


def test_sequential_gradcheck(leaf: Any) -> None:
    """A Lua Sequential of Linear, Tanh, Linear, LogSoftMax passes the gradient check."""
    seq = nn.Sequential().add(nn.Linear(3, 5)).add(nn.Tanh()).add(nn.Linear(5, 2))
    seq.add(nn.LogSoftMax())
    assert pb.gradcheck(lambda x: seq(x), [leaf(4, 3)])


def test_one_node_per_call(leaf: Any) -> None:
    """A call records exactly one node whose only edge is the input's."""
    seq = nn.Sequential().add(nn.Linear(3, 3)).add(nn.Tanh())
    x = leaf(2, 3)
    y = seq(x)
    assert "LuaCall" == y.grad_fn.name
    assert (x,) == y.grad_fn.next


def test_large_input_is_shared_not_copied(leaf: Any) -> None:
    """Inputs of ZERO_COPY_MIN elements or more reach Lua without a copy, with gradients."""
    n = _call.ZERO_COPY_MIN
    ident = nn.Identity()
    x = leaf(n)
    y = ident(x)
    lua_input = pb.to_numpy(pb.lua.execute("local m = ...; return m.output", ident.lua))
    assert np.shares_memory(x.detach().numpy(), lua_input)
    (y * 3).sum().backward()
    np.testing.assert_array_equal(np.full(n, 3.0), x.grad.numpy())


def test_small_input_goes_through_the_module_buffer(leaf: Any) -> None:
    """Small inputs are copied into a buffer the module keeps; the output is a copy."""
    ident = nn.Identity()
    x = leaf(5)
    y = ident(x)
    lua_input = pb.to_numpy(pb.lua.execute("local m = ...; return m.output", ident.lua))
    assert not np.shares_memory(x.detach().numpy(), lua_input)
    np.testing.assert_array_equal(x.detach().numpy(), y.detach().numpy())


def test_same_linear_three_times_in_a_chain(leaf: Any) -> None:
    """lin(lin(lin(x))) has correct input gradients though the calls share buffers."""
    lin = nn.Linear(3, 3)
    assert pb.gradcheck(lambda x: lin(lin(lin(x))), [leaf(2, 3)])


def test_shared_weight_gradients_sum_over_calls(leaf: Any) -> None:
    """Weight and bias gradients of a module called three times sum all three calls."""
    lin = nn.Linear(3, 3)
    x = leaf(2, 3)

    def f() -> Any:
        return pb.tanh(lin(lin(lin(x)))).sum()

    lin.zero_grad()
    f().backward()
    for p in (lin.weight, lin.bias):
        np.testing.assert_allclose(numeric_param_grad(f, p), p.grad.numpy(), atol=1e-7)


def test_lookup_table_called_with_different_indices_sums_rows() -> None:
    """Each call's backward uses that call's indices, not the last call's."""
    emb = nn.LookupTable(6, 3).double()
    ids = [pb.tensor(np.array(i)) for i in ([1, 2], [4], [2, 6, 6])]
    scale = [1.0, 2.0, 3.0]

    def f() -> Any:
        total = None
        for i, s in zip(ids, scale, strict=True):
            term = (emb(i) * s).sum()
            total = term if total is None else total + term
        return total

    emb.zero_grad()
    f().backward()
    expected = np.zeros((6, 3))
    for i, s in zip(([1, 2], [4], [2, 6, 6]), scale, strict=True):
        for row in i:
            expected[row - 1] += s
    np.testing.assert_array_equal(emb.weight.grad.numpy(), expected)
    np.testing.assert_allclose(numeric_param_grad(f, emb.weight), expected, atol=1e-7)


def test_rnn_loop_with_lua_modules(leaf: Any) -> None:
    """An Elman-style loop h = tanh(W_x x_t + W_h h) over 4 steps passes the gradient check."""
    wx, wh, tanh = nn.Linear(3, 4), nn.Linear(4, 4), nn.Tanh()

    def run(xs: Any, h0: Any) -> Any:
        h = h0
        for t in range(4):
            h = tanh(wx(xs[t]) + wh(h))
        return h

    assert pb.gradcheck(run, [leaf(4, 2, 3), leaf(2, 4)])


def test_rnn_parameter_gradients(leaf: Any) -> None:
    """Parameter gradients of the unrolled loop match finite differences."""
    wh, tanh = nn.Linear(4, 4), nn.Tanh()
    xs = leaf(5, 2, 4)

    def f() -> Any:
        h = xs[0]
        for t in range(1, 5):
            h = tanh(wh(h) + xs[t])
        return (h * h).sum()

    wh.zero_grad()
    f().backward()
    np.testing.assert_allclose(numeric_param_grad(f, wh.weight), wh.weight.grad.numpy(), atol=1e-7)


def test_container_called_twice_recomputes_stale_buffers(leaf: Any) -> None:
    """A Sequential called twice in one graph (its Tanh output overwritten) is correct."""
    seq = nn.Sequential().add(nn.Linear(3, 3)).add(nn.Tanh())
    assert pb.gradcheck(lambda x: seq(seq(x) * x), [leaf(2, 3)])


def test_child_called_alone_marks_container_stale(leaf: Any) -> None:
    """Calling a child directly after its container keeps the container's node right."""
    seq = nn.Sequential().add(nn.Linear(3, 3)).add(nn.Tanh())
    assert pb.gradcheck(lambda x: seq[1](seq(x) + x) + seq(x), [leaf(2, 3)])


def test_dropout_backward_uses_each_calls_mask(leaf: Any) -> None:
    """Two Dropout calls in one graph each backpropagate through their own noise."""
    drop = nn.Dropout(0.5)
    x = leaf(3, 4)
    c1, c2 = pb.tensor(np.arange(12.0).reshape(3, 4)), pb.tensor(np.ones((3, 4)))
    z1, z2 = drop(x), drop(x)
    ((z1 * c1).sum() + (z2 * c2).sum()).backward()
    xa = x.detach().numpy()
    expected = z1.detach().numpy() / xa * c1.numpy() + z2.detach().numpy() / xa * c2.numpy()
    np.testing.assert_allclose(expected, x.grad.numpy(), rtol=1e-12)


def test_batchnorm_twice_keeps_running_stats(leaf: Any) -> None:
    """Running forward again for a stale node leaves BatchNorm's running mean as it was."""
    bn = nn.BatchNormalization(3)
    x = leaf(4, 3)
    y = bn(x) + bn(x * 2)
    mean = bn.state_dict()["running_mean"].numpy().copy()
    y.sum().backward()
    np.testing.assert_array_equal(mean, bn.state_dict()["running_mean"].numpy())
    assert pb.gradcheck(lambda x: bn(x) * bn(x * 2), [x])


def test_table_input_and_output(leaf: Any) -> None:
    """Python lists map to Lua tables both ways, with gradients."""
    add, split = nn.CAddTable(), nn.SplitTable(1)
    a, b = leaf(2, 3), leaf(2, 3)
    assert pb.gradcheck(lambda a, b: add([a, b]) * a, [a, b])
    parts = split(a)
    assert 2 == len(parts)
    assert pb.gradcheck(lambda a: split(a)[1] * 3 + split(a)[0], [a])


def test_no_node_without_grad(rng: Any) -> None:
    """Under no_grad, or for a parameter-free module on a plain tensor, nothing is recorded."""
    x = pb.tensor(rng.uniform(-1, 1, (2, 3)))
    assert nn.Tanh()(x).grad_fn is None
    with pb.no_grad():
        assert nn.Linear(3, 3)(x).grad_fn is None


def test_class_nll_criterion_one_based_targets(leaf: Any) -> None:
    """ClassNLLCriterion takes Torch7's 1-based classes and returns a 0-d loss on the tape."""
    lsm, crit = nn.LogSoftMax(), nn.ClassNLLCriterion()
    x = leaf(2, 4)
    target = pb.tensor(np.array([1, 4]))
    loss = crit(lsm(x), target)
    assert () == loss.shape
    logp = lsm(x).detach().numpy()
    assert pytest.approx(-(logp[0, 0] + logp[1, 3]) / 2) == loss.item()
    assert pb.gradcheck(lambda x: crit(lsm(x), target), [x])


def test_class_nll_criterion_zero_based_option(leaf: Any) -> None:
    """zero_based=True takes 0-based classes and gives the same loss."""
    x = leaf(2, 4)
    one = nn.ClassNLLCriterion()(x, pb.tensor(np.array([1, 4])))
    zero = nn.ClassNLLCriterion(zero_based=True)(x, pb.tensor(np.array([0, 3])))
    assert one.item() == zero.item()


def test_mse_criterion_gradcheck(leaf: Any) -> None:
    """MSECriterion through the facade passes the gradient check."""
    mse, target = nn.MSECriterion(), leaf(3, 2).detach()
    assert pb.gradcheck(lambda x: mse(x, target), [leaf(3, 2)])


def test_unknown_class_raises_attribute_error() -> None:
    """Asking for a class Lua nn lacks raises AttributeError."""
    with pytest.raises(AttributeError):
        nn.NoSuchModule  # noqa: B018 - the attribute access is the test


@pytest.mark.parametrize("n", [6, _call.ZERO_COPY_MIN])
def test_in_place_module_leaves_python_input_alone(rng: Any, n: int) -> None:
    """An in-place Lua module (ReLU(true)) does not write into the Python input tensor."""
    relu = nn.ReLU(True)
    x = pb.tensor(rng.uniform(-1, 1, n), requires_grad=True)
    before = x.detach().numpy().copy()
    y = relu(x)
    (y * 2).sum().backward()
    np.testing.assert_array_equal(before, x.detach().numpy())
    np.testing.assert_array_equal(np.maximum(before, 0), y.detach().numpy())
    np.testing.assert_array_equal(2.0 * (before > 0), x.grad.numpy())


def test_float32_module_rejects_float64_input(rng: Any) -> None:
    """A dtype mismatch between input and module raises instead of computing garbage."""
    pb.set_default_dtype(np.float32)
    lin = nn.Linear(2, 2)
    with pytest.raises(pb.DTypeError):
        lin(pb.tensor(rng.uniform(-1, 1, (1, 2)), dtype=np.float64))


def test_criterion_called_twice_in_one_graph(leaf: Any) -> None:
    """Two calls of one criterion with different inputs and targets both backpropagate."""
    lsm, crit = nn.LogSoftMax(), nn.ClassNLLCriterion()
    t1, t2 = pb.tensor(np.array([1, 2])), pb.tensor(np.array([3, 3]))
    assert pb.gradcheck(lambda x: crit(lsm(x), t1) + 2 * crit(lsm(x * 2), t2), [leaf(2, 3)])


def test_clear_state_empties_buffers_and_calls_still_work(leaf: Any) -> None:
    """``clear_state`` runs Lua's clearState: output buffers are empty, later calls work."""
    model = nn.Sequential().add(nn.Linear(3, 4)).add(nn.Tanh())
    x = leaf(2, 3)
    before = model(x).detach().numpy().copy()
    assert model.clear_state() is model
    sizes = pb.lua.execute(
        "local m = ...; return m.output:nElement(), m.modules[1].output:nElement()", model.lua
    )
    assert tuple(sizes) == (0, 0)
    y = model(x)
    np.testing.assert_array_equal(before, y.detach().numpy())
    y.sum().backward()
    assert x.grad is not None


def test_backward_recorded_before_clear_state_still_works(leaf: Any) -> None:
    """A call recorded before ``clear_state`` gets the same gradients as without it."""
    model = nn.Sequential().add(nn.Linear(3, 4)).add(nn.Tanh())
    x = leaf(2, 3)
    model(x).sum().backward()
    want = x.grad.numpy().copy()
    x.grad = None
    y = model(x)
    model.clear_state()
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), want, rtol=1e-12)


def _count_forwards(module: Any) -> Any:
    """Make the Lua module count its updateOutput calls; returns a reader of the count."""
    return pb.lua.execute(
        """local m = ...
        local n, base = 0, m.updateOutput
        m.updateOutput = function(self, x) n = n + 1; return base(self, x) end
        return function() return n end""",
        module.lua,
    )


@pytest.mark.parametrize("name", ["Tanh", "Sigmoid", "SoftMax", "LogSoftMax"])
def test_overwritten_output_is_put_back_not_recomputed(name: str, leaf: Any) -> None:
    """An earlier call of a module whose backward reads only its output gets that output
    back from its own copy: no forward runs again, and the gradients are right."""
    m = getattr(nn, name)()
    count = _count_forwards(m)
    x1, x2 = leaf(2, 3), leaf(2, 3)

    def f(a: Any, b: Any) -> Any:
        return (m(a) * m(b) + m(a) * 0.5).sum()

    f(x1, x2).backward()  # three calls; the backward of the first two finds a later output
    assert 3 == count()
    assert pb.gradcheck(f, [x1, x2])


def test_output_put_back_only_when_the_buffer_still_holds_it(leaf: Any) -> None:
    """A later call of another shape, an in-place change to the earlier output, or a call
    through a container: forward runs again, and the gradients stay right."""
    tanh = nn.Tanh()
    count = _count_forwards(tanh)
    a, b = leaf(2, 3), leaf(4, 5)
    y = tanh(a)
    (y.sum() + tanh(b).sum()).backward()  # the buffer was resized for b
    assert 3 == count()
    np.testing.assert_allclose(1 - np.tanh(a.detach().numpy()) ** 2, a.grad.numpy(), rtol=1e-12)
    a.grad = None
    y = tanh(a)
    z = tanh(a * 2)
    with pb.no_grad():
        y.mul_(1.0)  # a new version of the output the first call kept
    (y.sum() + z.sum()).backward()
    assert 6 == count()
    np.testing.assert_allclose(
        (1 - np.tanh(a.detach().numpy()) ** 2) + 2 * (1 - np.tanh(2 * a.detach().numpy()) ** 2),
        a.grad.numpy(),
        rtol=1e-12,
    )
    seq = nn.Sequential().add(tanh)
    assert pb.gradcheck(lambda x: tanh(x) * seq(x * 3), [leaf(2, 3)])


def test_lua_errors_of_calls_are_bridge_errors(leaf: Any) -> None:
    """An error inside a Lua module called from Python is a pytorch_bridge.LuaError whose
    message names the container's child and the problem."""
    seq = nn.Sequential().add(nn.Linear(3, 2))
    with pytest.raises(pb.LuaError, match="nn.Linear: size mismatch") as info:
        seq(leaf(1, 4))
    assert str(info.value).startswith("In 1 module of nn.Sequential:\n")
    assert "stack traceback" in info.value.traceback
    with pytest.raises(pb.LuaError, match="nn.Linear: input must be a vector or a matrix"):
        seq([leaf(1, 3)])
    y = seq(leaf(1, 3))
    seq.lua.modules[1].weight = None  # backward now fails inside Lua
    with pytest.raises(pb.LuaError):
        y.sum().backward()
