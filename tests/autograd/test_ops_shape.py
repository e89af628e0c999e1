"""Gradient checks and view semantics of the shape operations."""

from __future__ import annotations

import numpy as np
import pytest

import pytorch_bridge._facade as pb
from pytorch_bridge.errors import ShapeError

CASES = {
    "reshape": lambda t: t.reshape(4, 6),
    "reshape_tuple": lambda t: t.reshape((-1, 3)),
    "reshape_of_transpose": lambda t: t.transpose(0, 2).reshape(-1),
    "view": lambda t: t.view(2, 12),
    "transpose": lambda t: t.transpose(0, -1),
    "T": lambda t: t.T,
    "t": lambda t: t.reshape(6, 4).t(),
    "permute": lambda t: t.permute(2, 0, 1),
    "squeeze": lambda t: t.reshape(2, 1, 12, 1).squeeze(),
    "squeeze_dim": lambda t: t.reshape(2, 1, 12).squeeze(1),
    "unsqueeze": lambda t: t.unsqueeze(-1) * pb.tensor([1.0, 2.0], dtype=np.float64),
    "expand": lambda t: t[:, :1, :].expand(2, 3, 4),
    "expand_new_dims": lambda t: t.sum(0).expand(5, 3, 4),
    "flatten": lambda t: t.flatten(),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_shape_op_gradient(name, rng, dircheck):
    """Each shape operation passes gradients back into the input's layout."""
    dircheck(CASES[name], [rng.normal(size=(2, 3, 4))])


def test_views_share_memory_and_version():
    """Views share memory and the version counter with their base."""
    base = pb.zeros(2, 3)
    v = base.view(6)
    t = base.transpose(0, 1)
    v[1] = 5.0
    assert 5.0 == base[0, 1].item() == t[1, 0].item()
    assert base._version == v._version == t._version == 1


def test_view_of_noncontiguous_raises_shape_error():
    """view refuses a layout it cannot express; reshape copies instead."""
    t = pb.zeros(2, 3).transpose(0, 1)
    with pytest.raises(ShapeError):
        t.view(6)
    assert (6,) == t.reshape(6).shape


@pytest.mark.parametrize("dim", [0, 1, -1])
def test_cat_and_stack_gradient(dim, rng, dircheck):
    """cat and stack send each input its own slice of the gradient."""
    a, b = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    dircheck(lambda x, y: pb.cat([x, y * 2], dim), [a, b])
    dircheck(lambda x, y: pb.stack([x, y * 2], dim), [a, b])
    c = rng.normal(size=(2, 1))
    dircheck(lambda x, y: pb.cat((x, y), 1), [a, c])


def test_split_and_chunk_gradient_and_sizes(rng, dircheck):
    """split and chunk give views of the expected sizes with correct gradients."""
    x = rng.normal(size=(7, 2))
    assert [3, 3, 1] == [p.shape[0] for p in pb.as_tensor(x).split(3)]
    assert [3, 3, 1] == [p.shape[0] for p in pb.as_tensor(x).chunk(3)]
    assert [2, 5] == [p.shape[0] for p in pb.as_tensor(x).split([2, 5])]
    dircheck(lambda t: sum(p.sum(0) * (i + 1) for i, p in enumerate(t.split(3))), [x])
    dircheck(lambda t: t.chunk(2, 1)[1] * t.chunk(2, 1)[0], [x])


def test_split_sizes_must_add_up():
    """split with sizes that do not cover the dimension raises ShapeError."""
    with pytest.raises(ShapeError):
        pb.zeros(5).split([2, 2])
