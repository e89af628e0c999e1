"""The tape itself: accumulation, graph walks, grad mode, version checks, grad, gradcheck."""

from __future__ import annotations

import numpy as np
import pytest

import pytorch_bridge._facade as pb
from pytorch_bridge.autograd import AutogradError, grad, gradcheck, unbroadcast


def test_gradients_accumulate_into_leaves():
    """Two backward passes add their gradients into a leaf's grad."""
    x = pb.tensor([1.0, 2.0], requires_grad=True)
    (x * 3).sum().backward()
    (x * x).sum().backward()
    assert [3.0 + 2.0, 3.0 + 4.0] == x.grad.tolist()


def test_shared_subexpression_sums_gradients():
    """A tensor used along several paths receives the sum of their gradients."""
    x = pb.tensor([2.0], dtype=np.float64, requires_grad=True)
    y = x * x
    z = y * x + y + pb.exp(y)
    z.backward()
    expected = 3 * 4.0 + 2 * 2.0 + np.exp(4.0) * 4.0
    assert expected == pytest.approx(x.grad.item())


def test_leaf_grad_does_not_alias_other_gradients():
    """Two leaves given the same gradient array get independent grads."""
    a = pb.tensor([1.0], requires_grad=True)
    b = pb.tensor([1.0], requires_grad=True)
    (a + b).backward()
    a.grad += 5
    assert [1.0] == b.grad.tolist()


def test_second_walk_without_retain_graph_raises():
    """Walking a graph twice raises unless the first walk retained it."""
    x = pb.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    assert [4.0, 8.0] == x.grad.tolist()
    with pytest.raises(AutogradError, match="retain_graph"):
        y.backward()


def test_no_grad_records_nothing_and_enable_grad_restores():
    """Inside no_grad results do not require grad; enable_grad turns recording back on."""
    x = pb.tensor([1.0], requires_grad=True)
    with pb.no_grad():
        y = x * 2
        with pb.enable_grad():
            z = x * 2
    assert False is y.requires_grad and y.grad_fn is None
    assert True is z.requires_grad
    assert True is pb.is_grad_enabled()


def test_modified_saved_tensor_raises():
    """Changing in place a tensor a recorded node needs raises at backward."""
    x = pb.tensor([1.0, 2.0], requires_grad=True)
    h = x * 2
    y = h * h
    with pb.no_grad():
        h.add_(1)
    with pytest.raises(AutogradError, match="modified in place"):
        y.sum().backward()


def test_modified_output_of_exp_raises():
    """Exp keeps its output; changing that output in place is detected."""
    x = pb.tensor([1.0], requires_grad=True)
    y = x.exp()
    y += 1
    with pytest.raises(AutogradError, match="modified in place"):
        y.backward()


def test_inplace_on_intermediate_is_taped():
    """An in-place change of an intermediate result is recorded and differentiated."""
    x = pb.tensor([1.0, 2.0], dtype=np.float64, requires_grad=True)
    h = x + 0
    h *= x
    h.add_(x, alpha=2)
    h.sum().backward()
    assert [2 * 1.0 + 2, 2 * 2.0 + 2] == x.grad.tolist()


def test_inplace_on_leaf_requiring_grad_raises_while_recording():
    """A leaf that requires grad may only be changed in place under no_grad."""
    x = pb.tensor([1.0], requires_grad=True)
    with pytest.raises(AutogradError, match="leaf"):
        x.add_(1)
    with pb.no_grad():
        x.sub_(0.5)
    assert [0.5] == x.tolist()


def test_create_graph_raises():
    """Gradients of gradients are refused with AutogradError."""
    x = pb.tensor([1.0], requires_grad=True)
    with pytest.raises(AutogradError, match="create_graph"):
        (x * x).backward(create_graph=True)
    with pytest.raises(AutogradError, match="create_graph"):
        grad(x * x, x, create_graph=True)


def test_autograd_grad_leaves_grad_untouched():
    """autograd.grad returns gradients for leaves and intermediates without filling grad."""
    x = pb.tensor([1.0, 2.0], dtype=np.float64, requires_grad=True)
    h = x * x
    y = (h * 3).sum()
    gx, gh = grad(y, [x, h])
    assert [6.0, 12.0] == gx.tolist()
    assert [3.0, 3.0] == gh.tolist()
    assert x.grad is None


def test_autograd_grad_unused_input():
    """An input outside the graph raises unless allow_unused gives None for it."""
    x = pb.tensor([1.0], requires_grad=True)
    z = pb.tensor([1.0], requires_grad=True)
    with pytest.raises(AutogradError, match="allow_unused"):
        grad((x * 2).sum(), [x, z], retain_graph=True)
    assert grad((x * 2).sum(), [x, z], allow_unused=True)[1] is None


def test_backward_needs_gradient_for_non_scalar():
    """A gradient must be given for an output with several elements."""
    x = pb.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(AutogradError, match="one-element"):
        (x * 2).backward()
    (x * 2).backward(pb.tensor([1.0, 0.5]))
    assert [2.0, 1.0] == x.grad.tolist()


def test_backward_of_tensor_without_grad_raises():
    """backward on a tensor outside the tape raises."""
    with pytest.raises(AutogradError):
        pb.tensor([1.0]).sum().backward()


def test_detach_shares_memory_outside_the_tape():
    """detach gives a tensor on the same memory that does not require grad."""
    x = pb.tensor([1.0, 2.0], requires_grad=True)
    d = x.detach()
    assert False is d.requires_grad
    assert np.shares_memory(d.numpy(), x.detach().numpy())
    y = x * x
    d += 1
    with pytest.raises(AutogradError):
        y.sum().backward()


def test_requires_grad_rules():
    """requires_grad_ works on float leaves; integers and non-leaves refuse changes."""
    x = pb.zeros(2).requires_grad_()
    assert x.requires_grad and x.is_leaf
    with pytest.raises(AutogradError):
        pb.tensor([1, 2]).requires_grad_()
    with pytest.raises(AutogradError):
        (x * 2).requires_grad_(False)


@pytest.mark.parametrize(
    ("grad_shape", "shape", "expected"),
    [
        ((2, 3), (2, 3), (2, 3)),
        ((2, 3), (3,), (3,)),
        ((2, 3), (1, 3), (1, 3)),
        ((4, 2, 3), (2, 1), (2, 1)),
        ((2, 3), (), ()),
        ((5, 1, 3), (1, 1, 1), (1, 1, 1)),
    ],
)
def test_unbroadcast_shapes_and_sums(grad_shape, shape, expected):
    """unbroadcast sums a gradient down to the input's shape."""
    g = np.arange(np.prod(grad_shape), dtype=np.float64).reshape(grad_shape)
    out = unbroadcast(g, shape)
    assert expected == out.shape
    assert g.sum() == out.sum()


def test_gradcheck_accepts_correct_and_rejects_wrong_gradients(rng):
    """gradcheck passes a correct op and catches a wrong backward."""
    x = pb.tensor(rng.normal(size=(2, 3)), dtype=np.float64, requires_grad=True)
    w = pb.tensor(rng.normal(size=(3,)), dtype=np.float64, requires_grad=True)
    assert gradcheck(lambda a, b: (a * b).tanh() @ b, (x, w))

    from pytorch_bridge.autograd.ops_unary import Exp

    class WrongExp(Exp):
        def backward(self, g):
            return (g * 2 * self.saved[1],)

    assert False is gradcheck(lambda a: WrongExp.apply((a,)), (x,), raise_exception=False)
    with pytest.raises(AutogradError):
        gradcheck(lambda a: WrongExp.apply((a,)), (x,))


def test_deep_chain_does_not_recurse():
    """A graph thousands of nodes deep is walked without recursion limits."""
    x = pb.tensor([1.0], dtype=np.float64, requires_grad=True)
    y = x
    for _ in range(5000):
        y = y * 1.0001
    y.backward()
    assert 1.0001**5000 == pytest.approx(x.grad.item())


def test_inplace_without_recording_writes_into_memory_and_bumps_version():
    """Outside recording, in-place methods write straight into the memory."""
    a = np.arange(4.0)
    t = pb.as_tensor(a)
    t.add_(1)
    t -= pb.tensor([1.0, 1.0, 1.0, 1.0], dtype=np.float64)
    t.mul_(2)
    t[0] = 9.0
    t.clamp_(max=5.0)
    assert [5.0, 2.0, 4.0, 5.0] == a.tolist()
    assert 5 == t._version
    t.zero_()
    t.fill_(1.5)
    t.copy_(pb.tensor([1.0, 2.0], dtype=np.float64)[:1])
    assert [1.0, 1.0, 1.0, 1.0] == a.tolist()


def test_data_update_on_leaf_outside_the_tape():
    """``p.data -= step`` updates a leaf that requires grad, as an optimizer does."""
    p = pb.tensor([1.0, 2.0], requires_grad=True)
    mem = p.detach().numpy()
    p.data -= 0.5
    p.data.mul_(2)
    assert [1.0, 3.0] == p.tolist()
    assert mem is p.detach().numpy()
    p.data = pb.tensor([7.0, 7.0])
    assert [7.0, 7.0] == p.tolist() and p.requires_grad


def test_copy_and_fill_on_the_tape():
    """copy_ from a tensor that requires grad passes the gradient to the source."""
    src = pb.tensor([1.0, 2.0], requires_grad=True)
    buf = pb.zeros(3, 2)
    buf.copy_(src * 2)
    buf.sum().backward()
    assert [6.0, 6.0] == src.grad.tolist()


def test_gradcheck_on_non_contiguous_input(rng):
    """gradcheck perturbs inputs whose memory is not contiguous."""
    base = pb.tensor(rng.normal(size=(3, 4)), dtype=np.float64)
    x = base.T.detach().requires_grad_()
    assert gradcheck(lambda a: (a * a).sum(0), (x,))
