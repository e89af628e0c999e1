"""Gradient checks and results of the elementwise tape operations."""

from __future__ import annotations

import numpy as np
import pytest

import pytorch_bridge._facade as pb

UNARY = {
    "exp": (pb.exp, np.exp, (-2, 2)),
    "log": (pb.log, np.log, (0.5, 3)),
    "tanh": (pb.tanh, np.tanh, (-2, 2)),
    "sigmoid": (pb.sigmoid, lambda x: 1 / (1 + np.exp(-x)), (-3, 3)),
    "relu": (pb.relu, lambda x: np.maximum(x, 0), (-2, 2)),
    "sqrt": (pb.sqrt, np.sqrt, (0.5, 3)),
    "abs": (pb.abs, np.abs, (-2, 2)),
    "neg": (pb.neg, np.negative, (-2, 2)),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_gradient_matches_differences(name, rng, dircheck):
    """Each unary operation's gradient matches central differences along a random direction."""
    fn, _, (lo, hi) = UNARY[name]
    x = rng.uniform(lo, hi, (3, 5))
    x[np.abs(x) < 0.05] = 0.3  # keep relu and abs away from their kinks
    dircheck(fn, [x])


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_values_match_numpy(name, rng):
    """Each unary operation computes what numpy computes."""
    fn, ref, (lo, hi) = UNARY[name]
    x = rng.uniform(lo, hi, (4, 3))
    np.testing.assert_allclose(ref(x), fn(pb.as_tensor(x)).numpy(), rtol=1e-12)


BINARY_SHAPES = [
    ((3, 4), (3, 4)),
    ((3, 4), (4,)),
    ((2, 1, 4), (3, 1)),
    ((), (2, 3)),
    ((1,), (2, 2)),
]


@pytest.mark.parametrize("op", ["add", "sub", "mul", "div", "pow"])
@pytest.mark.parametrize("shapes", BINARY_SHAPES)
def test_binary_gradient_with_broadcasting(op, shapes, rng, dircheck):
    """Binary operators give gradients of the inputs' own shapes under broadcasting."""
    a = rng.uniform(0.5, 2, shapes[0])
    b = rng.uniform(0.5, 2, shapes[1])
    fn = {
        "add": lambda x, y: x + y,
        "sub": lambda x, y: x - y,
        "mul": lambda x, y: x * y,
        "div": lambda x, y: x / y,
        "pow": lambda x, y: x**y,
    }[op]
    dircheck(fn, [a, b])


@pytest.mark.parametrize("op", ["radd", "rsub", "rmul", "rdiv", "pow_scalar", "rpow"])
def test_scalar_operands_gradient(op, rng, dircheck):
    """Python numbers on either side of an operator are constants of the tape."""
    fn = {
        "radd": lambda x: 2.0 + x,
        "rsub": lambda x: 2.0 - x,
        "rmul": lambda x: 3.0 * x,
        "rdiv": lambda x: 2.0 / x,
        "pow_scalar": lambda x: x**3,
        "rpow": lambda x: 2.0**x,
    }[op]
    dircheck(fn, [rng.uniform(0.5, 2, (2, 3))])


@pytest.mark.parametrize(
    "shapes",
    [
        ((3, 4), (4, 2)),
        ((4,), (4, 2)),
        ((3, 4), (4,)),
        ((4,), (4,)),
        ((2, 3, 4), (4, 5)),
        ((2, 1, 3, 4), (5, 4, 2)),
    ],
)
def test_matmul_gradient(shapes, rng, dircheck):
    """``@`` follows numpy's matmul rules and differentiates both operands."""
    dircheck(lambda x, y: x @ y, [rng.normal(size=shapes[0]), rng.normal(size=shapes[1])])


def test_clamp_gradient_and_values(rng, dircheck):
    """clamp passes gradients inside the bounds only and accepts one-sided bounds."""
    x = rng.uniform(-2, 2, (4, 4))
    x[np.abs(np.abs(x) - 1) < 0.05] = 0.0
    dircheck(lambda t: t.clamp(-1, 1), [x])
    dircheck(lambda t: pb.clamp(t, min=-0.5), [x])
    dircheck(lambda t: pb.clamp(t, max=0.5), [x])
    got = pb.clamp(pb.as_tensor(x), max=0.5).numpy()
    np.testing.assert_array_equal(np.clip(x, None, 0.5), got)


def test_clone_is_a_copy_on_the_tape(rng, dircheck):
    """clone copies the memory and passes the gradient through."""
    x = pb.tensor(rng.normal(size=(2, 3)), requires_grad=True)
    c = x.clone()
    assert c.detach().numpy().ctypes.data != x.detach().numpy().ctypes.data
    dircheck(lambda t: t.clone() * t, [rng.normal(size=(2, 3))])


def test_rmatmul_with_an_array_on_the_left(rng, dircheck):
    """``array @ tensor`` is recorded like ``tensor @ tensor``."""
    a = rng.normal(size=(4, 3))
    got = a @ pb.as_tensor(rng.normal(size=(3, 2)))
    assert isinstance(got, pb.Tensor)
    dircheck(lambda t: t.__rmatmul__(pb.as_tensor(a)), [rng.normal(size=(3, 2))])


def test_comparisons_give_bool_tensors_outside_the_tape():
    """Comparison operators broadcast and give bool tensors that do not require grad."""
    a = pb.tensor([1.0, 2.0, 3.0], requires_grad=True)
    r = a > pb.tensor([[2.0], [0.0]])
    assert np.dtype(bool) == r.dtype
    assert [[False, False, True], [True, True, True]] == r.tolist()
    assert False is r.requires_grad
    assert [True, False, False] == (a == 1.0).tolist()


def test_float32_stays_float32_with_python_scalars():
    """A Python number does not promote a float32 tensor."""
    a = pb.ones(3)
    assert np.float32 == (a * 2.5 + 1).dtype
    assert np.float32 == (2.0**a).dtype


def test_dtype_conversion_keeps_gradient(dircheck, rng):
    """float32 <-> float64 conversions are on the tape."""
    a = pb.tensor([1.0, 2.0], requires_grad=True)
    a.double().sum().backward()
    assert [1.0, 1.0] == a.grad.tolist()
    assert np.float32 == a.grad.dtype
    dircheck(lambda t: t.float().double() * 2, [rng.normal(size=3)], eps=1e-2, tol=1e-4)
