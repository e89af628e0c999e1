"""Zero-copy exchange between numpy arrays and Lua tensors."""

from __future__ import annotations

import numpy as np
import pytest

import pytorch_bridge as pb


def test_to_numpy_shares_memory_with_lua_tensor() -> None:
    """A write through the ndarray is seen by Lua, and the other way round."""
    t = pb.lua.eval("torch.Tensor({{1, 2, 3}, {4, 5, 6}})")
    a = pb.to_numpy(t)
    assert np.array_equal(np.array([[1.0, 2, 3], [4, 5, 6]]), a)
    a[1, 2] = 60.0
    assert 60.0 == pb.lua.execute("local t = ...; return t[2][3]", t)
    pb.lua.execute("local t = ...; t[1][1] = -1", t)
    assert -1.0 == a[0, 0]


def test_to_numpy_of_a_view_keeps_strides_and_offset() -> None:
    """A transposed, narrowed Lua view maps to the matching ndarray view."""
    t = pb.lua.eval("torch.range and nil or torch.Tensor({{1, 2, 3, 4}, {5, 6, 7, 8}})")
    v = pb.lua.execute("local t = ...; return t:narrow(2, 2, 2):t()", t)
    a = pb.to_numpy(v)
    assert (2, 2) == a.shape
    assert np.array_equal(np.array([[2.0, 6], [3, 7]]), a)
    assert np.shares_memory(a, pb.to_numpy(t))


@pytest.mark.parametrize(
    "dtype, name",
    [
        (np.float64, "torch.DoubleTensor"),
        (np.float32, "torch.FloatTensor"),
        (np.int64, "torch.LongTensor"),
        (np.int32, "torch.IntTensor"),
        (np.int16, "torch.ShortTensor"),
        (np.int8, "torch.CharTensor"),
        (np.uint8, "torch.ByteTensor"),
    ],
)
def test_from_numpy_gives_the_matching_type_sharing_memory(dtype: type, name: str) -> None:
    """from_numpy maps each dtype to its Torch7 type and shares the memory."""
    a = np.arange(12, dtype=dtype).reshape(3, 4)
    t = pb.from_numpy(a)
    assert name == pb.lua.execute("return torch.typename(...)", t)
    pb.lua.execute("local t = ...; t[2][3] = 99", t)
    assert 99 == a[1, 2]


def test_from_numpy_strided_view_shares_memory() -> None:
    """A sliced, transposed array is wrapped with its strides, not copied."""
    base = np.arange(20.0).reshape(4, 5)
    view = base[1:, ::2].T
    t = pb.from_numpy(view)
    sizes = pb.lua.execute(
        "local t = ...; return t:size(1), t:size(2), t:stride(1), t:stride(2)", t
    )
    assert (3, 3, 2, 5) == sizes
    pb.lua.execute("local t = ...; t[1][2] = -5", t)
    assert -5.0 == base[2, 0]


def test_from_numpy_copies_negative_strides() -> None:
    """Negative strides cannot be expressed in Torch7, so the data is copied."""
    base = np.arange(5.0)
    t = pb.from_numpy(base[::-1])
    assert 4.0 == pb.lua.execute("local t = ...; return t[1]", t)
    pb.lua.execute("local t = ...; t[1] = 100", t)
    assert 4.0 == base[4]


def test_from_numpy_rejects_complex() -> None:
    """A dtype Torch7 has no tensor for raises DTypeError."""
    with pytest.raises(pb.DTypeError):
        pb.from_numpy(np.zeros(3, dtype=np.complex128))


def test_array_outlives_the_lua_tensor_it_came_from() -> None:
    """An ndarray from to_numpy keeps its memory after Lua collects the tensor."""
    t = pb.lua.eval("torch.Tensor({1, 2, 3})")
    a = pb.to_numpy(t)
    del t
    pb.lua.execute("collectgarbage(); collectgarbage(); collectgarbage()")
    for _ in range(200):  # churn the allocator so that freed memory would be reused
        pb.lua.execute("local x = torch.Tensor(3):fill(-1); torch._np(x)")
    assert [1.0, 2.0, 3.0] == a.tolist()
