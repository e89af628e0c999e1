"""torch.HalfTensor: IEEE half precision elements, converted exactly on access."""

from __future__ import annotations

import numpy as np

import pytorch_bridge as pb


def test_every_half_bit_pattern_reads_as_numpy_float16() -> None:
    """Reading each of the 65536 half values from Lua gives numpy's float16 value."""
    bits = np.arange(65536, dtype=np.uint16)
    halves = bits.view(np.float16)
    t = pb.from_numpy(halves)
    out = pb.to_numpy(
        pb.lua.execute(
            "local h = ...; local d = torch.DoubleTensor(h:size(1))"
            " for i = 1, h:size(1) do d[i] = h[i] end; return d",
            t,
        )
    )
    expected = halves.astype(np.float64)
    finite = ~np.isnan(expected)
    assert np.array_equal(expected[finite], out[finite])
    assert np.array_equal(np.isnan(expected), np.isnan(out))
    assert np.array_equal(np.signbit(expected[finite]), np.signbit(out[finite]))


def test_writing_doubles_rounds_like_numpy_float16() -> None:
    """Writing doubles into a HalfTensor rounds to nearest even as numpy does."""
    rng = np.random.default_rng(0)
    values = np.concatenate(
        [
            rng.normal(0, 1, 2000),
            rng.normal(0, 1e4, 2000),
            rng.uniform(-1e-4, 1e-4, 2000),
            np.array([0.0, -0.0, 65504, 65519.9, 65520, -1e9, np.inf, -np.inf, 2**-25, 2**-24]),
            # exact ties between neighbouring halves
            (np.arange(1, 2000, dtype=np.float64) * 2 + 1) * 2.0**-11,
        ]
    )
    d = pb.from_numpy(values)
    h = pb.lua.execute(
        "local d = ...; local h = torch.HalfTensor(d:size(1))"
        " for i = 1, d:size(1) do h[i] = d[i] end; return h",
        d,
    )
    got = pb.to_numpy(h)
    assert np.float16 == got.dtype
    with np.errstate(over="ignore"):
        expected = values.astype(np.float16)
    assert np.array_equal(expected.view(np.uint16), got.view(np.uint16))


def test_half_tensor_has_views_copies_and_conversions_but_no_math() -> None:
    """HalfTensor offers geometry, copy and conversion methods, and no math, as in Torch7."""
    result = pb.lua.execute(
        """
        local h = torch.HalfTensor({{1.5, -2}, {3, 65504}})
        local f = h:t():float()
        return torch.typename(h), h[2][2], f[1][2], h:size(2), h:elementSize(),
               torch.typename(torch.Tensor(2):half()), h.add == nil, h:real():type()
        """
    )
    assert ("torch.HalfTensor", 65504, 3, 2, 2, "torch.HalfTensor", True) == result[:7]
    assert "torch.DoubleTensor" == result[7]
