"""The Tensor class: constructors, numpy sharing, conversions, printing, the random stream."""

from __future__ import annotations

import numpy as np
import pytest

import pytorch_bridge._facade as pb
from pytorch_bridge._interop import to_numpy
from pytorch_bridge.runtime import get_runtime


def test_tensor_copies_and_picks_default_dtypes():
    """tensor() copies its data; floats get the default dtype, integers int64."""
    src = np.arange(3.0)
    t = pb.tensor(src)
    src[0] = 9
    assert [0.0, 1.0, 2.0] == t.tolist()
    assert np.float64 == t.dtype  # an ndarray keeps its dtype
    assert np.float32 == pb.tensor([1.0, 2.0]).dtype
    assert np.int64 == pb.tensor([1, 2]).dtype
    assert np.float64 == pb.tensor([1, 2], dtype=np.float64).dtype


def test_as_tensor_and_numpy_share_memory():
    """as_tensor wraps an array without copying and numpy() returns that same array."""
    a = np.zeros(4)
    t = pb.as_tensor(a)
    a[1] = 3.0
    assert 3.0 == t[1].item()
    t.numpy()[2] = 5.0
    assert 5.0 == a[2]
    assert t.numpy() is a
    with pb.no_grad():
        t.add_(1)
    assert [1.0, 4.0, 6.0, 1.0] == a.tolist()


def test_numpy_of_tensor_requiring_grad_needs_detach():
    """numpy() refuses a tensor on the tape; detach().numpy() shares its memory."""
    t = pb.zeros(2, requires_grad=True)
    with pytest.raises(pb.AutogradError):
        t.numpy()
    t.detach().numpy()[0] = 1.0
    assert [1.0, 0.0] == t.tolist()


def test_numpy_operands_stay_on_the_tape():
    """An array on the left of an operator gives a recorded tensor (numpy defers to the
    tensor); numpy functions refuse a tensor on the tape and take a detached one."""
    t = pb.tensor(np.array([1.0, 2.0]), requires_grad=True)
    w = np.array([3.0, 4.0])
    y = w * t + np.ones(2) - (w / t) ** 2
    assert isinstance(y, pb.Tensor) and y.requires_grad
    y.sum().backward()
    np.testing.assert_allclose(w + 2 * w**2 / t.detach().numpy() ** 3, t.grad.numpy())
    with pytest.raises(pb.AutogradError, match="detach"):
        np.exp(t)
    with pytest.raises(pb.AutogradError):
        np.asarray(t)
    np.testing.assert_allclose(np.exp([1.0, 2.0]), np.exp(t.detach()))
    assert np.asarray(pb.tensor(w)).tolist() == [3.0, 4.0]


def test_fields_and_conversions():
    """shape, dtype, device, item, tolist, len and size behave as in numpy/PyTorch."""
    t = pb.arange(6).reshape(2, 3)
    assert (2, 3) == t.shape == t.size()
    assert 3 == t.size(1) and 2 == t.dim() == t.ndim and 6 == t.numel() and 2 == len(t)
    assert "cpu" == t.device
    assert np.int64 == t.dtype
    assert [[0, 1, 2], [3, 4, 5]] == t.tolist()
    assert 4 == t[1, 1].item() and isinstance(t[1, 1].item(), int)
    assert 2.5 == float(pb.tensor([2.5]))


@pytest.mark.parametrize(
    ("fn", "expected"),
    [
        (lambda: pb.zeros(2, 3), np.zeros((2, 3), np.float32)),
        (lambda: pb.ones((2,)), np.ones(2, np.float32)),
        (lambda: pb.full((2, 2), 7.0, dtype=np.float64), np.full((2, 2), 7.0)),
        (lambda: pb.arange(1, 7, 2), np.arange(1, 7, 2)),
        (lambda: pb.arange(0.0, 1.0, 0.25), np.arange(0, 1, 0.25, dtype=np.float32)),
    ],
)
def test_constructors(fn, expected):
    """zeros, ones, full and arange give numpy's values with the default dtypes."""
    t = fn()
    assert expected.dtype == t.dtype
    np.testing.assert_array_equal(expected, t.numpy())


def test_empty_has_shape_and_requires_grad_flag():
    """empty gives the requested shape and honours requires_grad."""
    t = pb.empty(3, 2, requires_grad=True)
    assert (3, 2) == t.shape and t.requires_grad and t.is_leaf


def test_printing():
    """repr looks like PyTorch's: values, dtype when not default, grad information."""
    assert "tensor([1., 2.])" == repr(pb.tensor([1.0, 2.0]))
    assert "tensor([1, 2])" == repr(pb.tensor([1, 2]))
    assert "tensor([1., 2.], dtype=float64, requires_grad=True)" == repr(
        pb.tensor([1.0, 2.0], dtype=np.float64, requires_grad=True)
    )
    r = repr(pb.tensor([[1.0]], requires_grad=True) * 2)
    assert "tensor([[2.]], grad_fn=<MulBackward>)" == r


def test_rand_and_randn_share_the_lua_stream():
    """manual_seed and Lua's torch.manualSeed seed one stream used by both sides."""
    rt = get_runtime()
    pb.manual_seed(42)
    mine = pb.rand(2, 3, dtype=np.float64).numpy().copy()
    normal = pb.randn(4, dtype=np.float64).numpy().copy()
    lua_u, lua_n = rt.execute(
        "torch.manualSeed(42); return torch.rand(2, 3):double(), torch.randn(4):double()"
    )
    np.testing.assert_array_equal(to_numpy(lua_u), mine)
    np.testing.assert_array_equal(to_numpy(lua_n), normal)
    rt.execute("torch.manualSeed(5)")
    a = pb.rand(5, dtype=np.float64).numpy().copy()
    pb.manual_seed(5)
    assert a.tolist() == pb.rand(5, dtype=np.float64).numpy().tolist()


def test_rand_range_and_float32():
    """rand draws in [0, 1) with the default dtype; randn has mean near 0."""
    pb.manual_seed(1)
    u = pb.rand(1000).numpy()
    assert np.float32 == u.dtype
    assert 0 <= u.min() and u.max() < 1
    assert abs(pb.randn(4000, dtype=np.float64).numpy().mean()) < 0.1
    assert (0, 3) == pb.rand(0, 3).shape


def test_iteration_and_bool():
    """Iterating a tensor gives its rows; bool() needs one element."""
    rows = list(pb.tensor([[1, 2], [3, 4]]))
    assert [[1, 2], [3, 4]] == [r.tolist() for r in rows]
    assert bool(pb.tensor([1.0]))
    with pytest.raises(ValueError):
        bool(pb.tensor([1.0, 2.0]))


def test_as_tensor_of_lua_tensor_memory_is_shared_both_ways():
    """A Lua tensor's array wrapped by as_tensor sees Lua updates and the other way round."""
    rt = get_runtime()
    lt = rt.execute("return torch.DoubleTensor(2, 2):zero()")
    t = pb.as_tensor(to_numpy(lt))
    rt.execute("local t = ...; t:fill(3)", lt)
    assert [[3.0, 3.0], [3.0, 3.0]] == t.tolist()
    with pb.no_grad():
        t.mul_(2)
    assert 6.0 == rt.execute("local t = ...; return t[1][2]", lt)
