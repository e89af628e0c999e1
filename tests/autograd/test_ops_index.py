"""Gradient checks of indexing, gather and where."""

from __future__ import annotations

import numpy as np
import pytest

import pytorch_bridge._facade as pb

KEYS = {
    "int": 1,
    "negative": -1,
    "slice": (slice(None), slice(1, 3)),
    "step": (slice(None, None, 2), Ellipsis),
    "newaxis": (None, 0),
    "int_array": (np.array([0, 2, 2]),),
    "int_array_2d": (np.array([[0, 1], [2, 2]]), slice(None)),
    "two_arrays": (np.array([0, 1, 1]), np.array([3, 0, 0])),
    "mask": (np.array([True, False, True]),),
    "list": [2, 0, 0],
}


@pytest.mark.parametrize("name", sorted(KEYS))
def test_index_gradient(name, rng, dircheck):
    """Basic and integer-array indexing send gradients back (repeats accumulate)."""
    x = rng.normal(size=(3, 4))
    dircheck(lambda t: t[KEYS[name]], [x])
    np.testing.assert_array_equal(x[KEYS[name]], pb.as_tensor(x)[KEYS[name]].numpy())


def test_index_with_tensor_key(rng, dircheck):
    """An integer tensor works as an index."""
    idx = pb.tensor([1, 1, 0])
    dircheck(lambda t: t[idx], [rng.normal(size=(2, 3))])


def test_repeated_index_accumulates():
    """Picking an element twice gives it twice the gradient."""
    x = pb.tensor([1.0, 2.0, 3.0], requires_grad=True)
    x[[0, 0, 2]].sum().backward()
    assert [2.0, 0.0, 1.0] == x.grad.tolist()


def test_basic_index_is_a_view():
    """A slice shares memory with its tensor."""
    x = pb.zeros(3, 4)
    x[1][2] = 7.0
    assert 7.0 == x.numpy()[1, 2]


@pytest.mark.parametrize("dim", [0, 1])
def test_gather_gradient(dim, rng, dircheck):
    """gather picks 0-based positions along a dim; repeated picks accumulate."""
    x = rng.normal(size=(3, 4))
    idx = pb.tensor([[0, 2, 2], [1, 0, 0]]) if dim == 1 else pb.tensor([[0, 2, 2, 1]])
    got = pb.as_tensor(x).gather(dim, idx).numpy()
    ref = [
        [x[k, j] if dim == 0 else x[i, k] for j, k in enumerate(row)]
        for i, row in enumerate(idx.tolist())
    ]
    assert ref == got.tolist()
    dircheck(lambda t: t.gather(dim, idx), [x])


def test_gather_gradient_in_three_dimensions(rng, dircheck):
    """gather along the middle dim of a 3-D tensor matches take_along_axis."""
    x = rng.normal(size=(2, 3, 4))
    idx = rng.integers(0, 3, size=(2, 5, 4))
    got = pb.as_tensor(x).gather(1, pb.tensor(idx)).numpy()
    np.testing.assert_array_equal(np.take_along_axis(x, idx, axis=1), got)
    dircheck(lambda t: t.gather(1, pb.tensor(idx)), [x])


def test_where_gradient_with_broadcasting(rng, dircheck):
    """where sends each gradient to the branch that was chosen."""
    cond = pb.tensor([[True, False, True]])
    dircheck(lambda a, b: pb.where(cond, a, b), [rng.normal(size=(2, 3)), rng.normal(size=(3,))])
    dircheck(lambda a: pb.where(cond, a, 0.0), [rng.normal(size=(2, 3))])


def test_setitem_with_gradient(rng, dircheck):
    """Writing a tensor that requires grad into another keeps both gradients."""

    def fn(a, v):
        buf = a * 1.0
        buf[0, 1:3] = v
        return buf * 2

    dircheck(fn, [rng.normal(size=(2, 4)), rng.normal(size=(2,))])
