"""Pointwise, comparison and bitwise kernels checked against numpy directly."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pytorch_bridge.errors import ShapeError
from pytorch_bridge.kernels import bitwise, compare, pointwise

RNG_SEED = 1234


def _floats(xp: Any, dtype: Any, n: int = 3000, lo: float = -2, hi: float = 2) -> Any:
    rng = np.random.default_rng(RNG_SEED)
    return xp.asarray(rng.uniform(lo, hi, n).astype(dtype))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    ("op", "ref"),
    [
        ("exp", np.exp), ("sin", np.sin), ("cos", np.cos), ("tanh", np.tanh),
        ("atan", np.arctan), ("sinh", np.sinh), ("cosh", np.cosh), ("tan", np.tan),
        ("floor", np.floor), ("ceil", np.ceil), ("trunc", np.trunc), ("abs", np.abs),
        ("neg", np.negative),
    ],
)  # fmt: skip
def test_unary_matches_numpy(xp: Any, dtype: Any, op: str, ref: Any) -> None:
    """Each unary kernel gives numpy's result in the input's precision."""
    x = _floats(xp, dtype)
    out = xp.empty_like(x)
    pointwise.tensor_unary(op, out, x)
    assert np.dtype(dtype) == out.dtype
    xp.testing.assert_array_equal(getattr(xp, ref.__name__)(x), out)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_unary_domain_functions(xp: Any, dtype: Any) -> None:
    """sqrt, rsqrt, log, log1p, acos, asin, sigmoid, cinv and frac follow their formulas."""
    x = _floats(xp, dtype, lo=0.01, hi=0.99)
    cases = {
        "sqrt": xp.sqrt(x), "rsqrt": 1 / xp.sqrt(x), "log": xp.log(x), "log1p": xp.log1p(x),
        "acos": xp.arccos(x), "asin": xp.arcsin(x), "sigmoid": 1 / (1 + xp.exp(-x)),
        "cinv": 1 / x, "frac": x - xp.trunc(x),
    }  # fmt: skip
    for op, want in cases.items():
        out = xp.empty_like(x)
        pointwise.tensor_unary(op, out, x)
        xp.testing.assert_allclose(want, out, rtol=1e-6, err_msg=op)


def test_round_goes_half_away_from_zero(xp: Any) -> None:
    """round uses C's rule (halves away from zero), unlike numpy's rint."""
    x = xp.asarray([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999999999999994, 2.4])
    out = xp.empty_like(x)
    pointwise.tensor_unary("round", out, x)
    xp.testing.assert_array_equal([-3, -2, -1, 1, 2, 3, 0, 2], out)


def test_sign_gives_zero_for_nan_and_handles_unsigned(xp: Any) -> None:
    """sign maps NaN to 0 and unsigned values to 0 or 1."""
    x = xp.asarray([-3.0, 0.0, 2.0, np.nan])
    out = xp.empty_like(x)
    pointwise.tensor_unary("sign", out, x)
    xp.testing.assert_array_equal([-1, 0, 1, 0], out)
    u = xp.asarray([0, 5], dtype=np.uint8)
    uo = xp.empty_like(u)
    pointwise.tensor_unary("sign", uo, u)
    xp.testing.assert_array_equal([0, 1], uo)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64])
def test_integer_division_truncates(xp: Any, dtype: Any) -> None:
    """Integer div, fmod and remainder follow C (toward zero) and Torch7's remainder."""
    a = xp.asarray([7, -7, 7, -7, 6], dtype=dtype)
    b = xp.asarray([2, 2, -2, -2, 3], dtype=dtype)
    out = xp.empty_like(a)
    pointwise.tensor_binary("div", out, a, b)
    xp.testing.assert_array_equal([3, -3, -3, 3, 2], out)
    pointwise.tensor_binary("fmod", out, a, b)
    xp.testing.assert_array_equal([1, -1, 1, -1, 0], out)
    pointwise.tensor_binary("remainder", out, a, b)
    xp.testing.assert_array_equal([1, 1, -1, -1, 0], out)
    pointwise.tensor_scalar("div", out, a, 2)
    xp.testing.assert_array_equal([3, -3, 3, -3, 3], out)


def test_integer_division_by_zero_raises(xp: Any) -> None:
    """Integer division by zero raises instead of trapping."""
    a = xp.asarray([1, 2], dtype=np.int32)
    with pytest.raises(ZeroDivisionError):
        pointwise.tensor_binary("div", xp.empty_like(a), a, xp.asarray([1, 0], dtype=np.int32))
    with pytest.raises(ZeroDivisionError):
        pointwise.tensor_scalar("remainder", xp.empty_like(a), a, 0)


def test_integer_results_wrap(xp: Any) -> None:
    """Integer sums and products wrap like C arithmetic."""
    a = xp.asarray([100, -100], dtype=np.int8)
    out = xp.empty_like(a)
    pointwise.tensor_scalar("add", out, a, 100)
    xp.testing.assert_array_equal(np.asarray([-56, 0], dtype=np.int8), out)
    pointwise.tensor_scalar("mul", out, a, 3)
    xp.testing.assert_array_equal(np.asarray([44, -44], dtype=np.int8), out)


def test_float_remainder_formula_and_zero(xp: Any) -> None:
    """Float remainder is x - v * floor(x / v), and NaN for a zero divisor."""
    x = xp.asarray([-3.0, 3.0, 5.5])
    out = xp.empty_like(x)
    pointwise.tensor_scalar("remainder", out, x, -2)
    xp.testing.assert_array_equal([-1, -1, -0.5], out)
    pointwise.tensor_scalar("remainder", out, x, 0)
    assert bool(xp.all(xp.isnan(out)))


def test_pow_special_cases_and_tpow(xp: Any) -> None:
    """pow keeps Torch7's special exponents; tpow raises a number to tensor powers."""
    x = _floats(xp, np.float64, lo=0.1, hi=3)
    out = xp.empty_like(x)
    for v, want in [(2, x * x), (3, x * x * x), (0.5, xp.sqrt(x)), (-1, 1 / x), (1.7, x**1.7)]:
        pointwise.tensor_scalar("pow", out, x, v)
        xp.testing.assert_array_equal(want, out)
    pointwise.tensor_scalar("tpow", out, x, 2.0)
    xp.testing.assert_array_equal(xp.power(2.0, x), out)


def test_binary_pairs_elements_in_row_major_order(xp: Any) -> None:
    """A second operand of another shape with as many elements pairs in row-major order."""
    a = xp.arange(6.0).reshape(2, 3)
    b = xp.arange(6.0) * 10
    out = xp.empty_like(a)
    pointwise.tensor_binary("mul", out, a, b)
    xp.testing.assert_array_equal(a * b.reshape(2, 3), out)
    pointwise.tensor_cadd(out, a, 2, b.reshape(3, 2))
    xp.testing.assert_array_equal(a + 2 * b.reshape(2, 3), out)
    with pytest.raises(ShapeError):
        pointwise.tensor_binary("mul", out, a, xp.arange(5.0))


def test_binary_ops_match_numpy(xp: Any) -> None:
    """cmax, cmin, atan2, cpow and cdiv agree with numpy on random data."""
    a, b = _floats(xp, np.float32), _floats(xp, np.float32)[::-1].copy()
    out = xp.empty_like(a)
    for op, want in [
        ("cmax", xp.maximum(a, b)), ("cmin", xp.minimum(a, b)), ("atan2", xp.arctan2(a, b)),
        ("div", a / b), ("mul", a * b),
    ]:  # fmt: skip
        pointwise.tensor_binary(op, out, a, b)
        xp.testing.assert_array_equal(want, out, err_msg=op)


def test_cmax_prefers_second_operand_on_nan(xp: Any) -> None:
    """cmax returns the second operand when the comparison fails, as TH's ternary does."""
    a = xp.asarray([np.nan, 1.0])
    b = xp.asarray([2.0, np.nan])
    out = xp.empty_like(a)
    pointwise.tensor_binary("cmax", out, a, b)
    xp.testing.assert_array_equal([2.0, np.nan], out)


def test_clamp_addc_and_lerp(xp: Any) -> None:
    """clamp, addcmul, addcdiv and lerp follow their TH formulas."""
    x = xp.asarray([-2.0, 0.5, 3.0])
    out = xp.empty_like(x)
    pointwise.tensor_clamp(out, x, 0, 1)
    xp.testing.assert_array_equal([0, 0.5, 1], out)
    pointwise.tensor_clamp(out, x, 5, 3)
    xp.testing.assert_array_equal([5, 5, 5], out)
    a, b = xp.asarray([1.0, 2.0, 3.0]), xp.asarray([2.0, 4.0, 8.0])
    pointwise.tensor_addc("mul", out, x, 0.5, a, b)
    xp.testing.assert_array_equal(x + 0.5 * a * b, out)
    pointwise.tensor_addc("div", out, x, 2, a, b)
    xp.testing.assert_array_equal(x + 2 * a / b, out)
    pointwise.tensor_lerp(out, a, b, 0.25)
    xp.testing.assert_array_equal(a + 0.25 * (b - a), out)


@pytest.mark.parametrize("op", ["lt", "le", "gt", "ge", "eq", "ne"])
def test_compare_into_bytes_and_same_type(xp: Any, op: str) -> None:
    """Comparisons fill uint8 or same-typed results with 0 and 1."""
    name = {"lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal",
            "eq": "equal", "ne": "not_equal"}[op]  # fmt: skip
    ref = getattr(xp, name)
    a = xp.asarray([1.0, 2.0, 3.0, 2.0])
    b = xp.asarray([[2.0, 2.0], [2.0, 1.0]])
    out = xp.empty(4, dtype=np.uint8)
    compare.tensor_compare_value(op, out, a, 2.0)
    xp.testing.assert_array_equal(ref(a, 2.0).astype(np.uint8), out)
    same = xp.empty_like(a)
    compare.tensor_compare(op, same, a, b)
    xp.testing.assert_array_equal(ref(a, b.reshape(4)).astype(np.float64), same)


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16, np.int32, np.int64])
def test_bitwise_and_shifts(xp: Any, dtype: Any) -> None:
    """Bitwise operations and shifts match numpy on the unsigned bits."""
    a = xp.asarray([6, 5, 1, 32], dtype=dtype)
    b = xp.asarray([3, 1, 3, 2], dtype=dtype)
    out = xp.empty_like(a)
    bitwise.tensor_bitwise("bitand", out, a, b)
    xp.testing.assert_array_equal(a & b, out)
    bitwise.tensor_bitwise("bitxor", out, a, 3)
    xp.testing.assert_array_equal(a ^ 3, out)
    bitwise.tensor_shift("lshift", out, a, b)
    xp.testing.assert_array_equal(xp.left_shift(a, b), out)
    bitwise.tensor_shift("rshift", out, a, 1)
    xp.testing.assert_array_equal(xp.right_shift(a, 1), out)


def test_right_shift_of_negative_is_logical(xp: Any) -> None:
    """A right shift of a negative integer shifts its unsigned bits in."""
    a = xp.asarray([-1, -128], dtype=np.int8)
    out = xp.empty_like(a)
    bitwise.tensor_shift("rshift", out, a, 1)
    xp.testing.assert_array_equal(np.asarray([127, 64], dtype=np.int8), out)


def test_float_shifts_scale(xp: Any) -> None:
    """Float shifts multiply or divide by powers of two."""
    a = xp.asarray([3.0, 3.0])
    out = xp.empty_like(a)
    bitwise.tensor_shift("lshift", out, a, xp.asarray([1.0, -1.0]))
    xp.testing.assert_array_equal([6.0, 1.5], out)
    bitwise.tensor_shift("rshift", out, a, 1)
    xp.testing.assert_array_equal([1.5, 1.5], out)


def test_bitwise_rejects_floats(xp: Any) -> None:
    """Bitwise operations on float arrays raise DTypeError."""
    from pytorch_bridge.errors import DTypeError

    a = xp.asarray([1.0])
    with pytest.raises(DTypeError):
        bitwise.tensor_bitwise("bitand", xp.empty_like(a), a, 1)
