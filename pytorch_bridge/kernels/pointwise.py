"""Pointwise math kernels: Torch7's THTensorMath elementwise functions over arrays.

Every kernel writes into ``out``, an array the Lua side has already sized like the
first operand. A second operand may have another shape as long as it holds as many
elements (Torch7 pairs elements in row-major order). Integer arrays follow C rules:
division truncates toward zero and results wrap. Float32 arrays compute in float32.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from ..backend import array_module
from . import _checks, kernel

F = TypeVar("F", bound=Callable[..., Any])


def quiet(fn: F) -> F:
    """Run ``fn`` with floating-point warnings off: Torch7 gives inf/nan silently."""

    @functools.wraps(fn)
    def wrapper(*args: Any) -> Any:
        with np.errstate(all="ignore"):
            return fn(*args)

    return wrapper  # type: ignore[return-value]


def like(where: str, out: Any, b: Any) -> Any:
    """Return ``b`` in the shape of ``out`` (same number of elements, row-major order)."""
    if b.shape == out.shape:
        return b
    _checks.same_numel(where, "result", out, "operand", b)
    return b.reshape(out.shape)


def is_int(a: Any) -> bool:
    """True for integer arrays (Torch7's Byte, Char, Short, Int and Long)."""
    return bool(a.dtype.kind in "iu")


def trunc_divide(a: Any, b: Any, out: Any) -> None:
    """C integer division (toward zero) of ``a`` by ``b`` into ``out``.

    Raises:
        ZeroDivisionError: when a divisor is 0 (C would trap).
    """
    xp = array_module(out)
    if xp.any(xp.asarray(b) == 0):
        raise ZeroDivisionError("integer division by zero")
    rem = xp.fmod(a, b)
    xp.floor_divide(xp.subtract(a, rem), b, out=out)


def c_round(x: Any, out: Any) -> None:
    """C ``round``: halves go away from zero (numpy's ``rint`` goes to even)."""
    xp = array_module(x)
    t = xp.trunc(x)
    step = xp.where(xp.abs(x - t) >= 0.5, xp.sign(x), 0).astype(x.dtype)
    xp.add(t, step, out=out)


def c_sign(x: Any, out: Any) -> None:
    """Torch7's sign: 1 above zero, -1 below, 0 otherwise (NaN included)."""
    xp = array_module(x)
    pos = xp.greater(x, 0)
    if x.dtype.kind == "u":
        out[...] = pos
    else:
        xp.subtract(pos.astype(out.dtype), xp.less(x, 0).astype(out.dtype), out=out)


# Torch7 unary function name -> array-module ufunc name.
_SIMPLE_UNARY = {
    "exp": "exp", "log": "log", "log1p": "log1p", "cos": "cos", "acos": "arccos",
    "cosh": "cosh", "sin": "sin", "asin": "arcsin", "sinh": "sinh", "tan": "tan",
    "atan": "arctan", "tanh": "tanh", "sqrt": "sqrt", "floor": "floor", "ceil": "ceil",
    "trunc": "trunc", "abs": "abs", "neg": "negative",
}  # fmt: skip


def _unary(xp: Any, op: str, x: Any, out: Any) -> None:
    name = _SIMPLE_UNARY.get(op)
    if name is not None:
        getattr(xp, name)(x, out=out)
    elif op == "rsqrt":
        xp.divide(1, xp.sqrt(x), out=out)
    elif op == "cinv":
        xp.divide(1, x, out=out)
    elif op == "sigmoid":
        xp.divide(1, xp.add(1, xp.exp(xp.negative(x))), out=out)
    elif op == "frac":
        xp.subtract(x, xp.trunc(x), out=out)
    elif op == "round":
        c_round(x, out)
    elif op == "sign":
        c_sign(x, out)
    else:
        raise ValueError(f"tensor_unary: unknown operation {op!r}")


@kernel
@quiet
def tensor_unary(op: str, out: Any, src: Any) -> None:
    """``out = op(src)`` elementwise (``THTensor_(abs)``, ``(exp)``, ``(sign)``, ...).

    ``op`` is one of abs, sign, sqrt, rsqrt, exp, log, log1p, cos, acos, cosh, sin,
    asin, sinh, tan, atan, tanh, sigmoid, floor, ceil, round, trunc, frac, neg, cinv.
    ``src`` has the shape of ``out``.
    """
    _unary(array_module(out), op, like(op, out, src), out)


def _pow_value(xp: Any, x: Any, v: float, out: Any) -> None:
    # THTensor_(pow) special-cases these exponents; keep them for identical rounding.
    if v == 1:
        out[...] = x
    elif v == 2:
        xp.multiply(x, x, out=out)
    elif v == 3:
        xp.multiply(xp.multiply(x, x), x, out=out)
    elif v == 0.5:
        xp.sqrt(x, out=out)
    elif v == -0.5:
        xp.divide(1, xp.sqrt(x), out=out)
    elif v == -1:
        xp.divide(1, x, out=out)
    elif v == -2:
        xp.divide(1, xp.multiply(x, x), out=out)
    else:
        xp.power(x, x.dtype.type(v), out=out)


def _remainder_value(xp: Any, x: Any, v: Any, out: Any) -> None:
    if is_int(x):
        if xp.any(xp.asarray(v) == 0):
            raise ZeroDivisionError("remainder: integer division by zero")
        xp.remainder(x, v, out=out)
        return
    # Torch7: x - v * floor(x / v), the floor taken in the tensor's precision, the rest
    # in double; nan where v is 0.
    q = xp.floor(xp.divide(x, v)).astype(np.float64)
    r = xp.subtract(x.astype(np.float64), xp.multiply(xp.asarray(v, dtype=np.float64), q))
    out[...] = xp.where(xp.asarray(v) == 0, np.nan, r)


def _fmod(xp: Any, x: Any, v: Any, out: Any) -> None:
    if is_int(x) and xp.any(xp.asarray(v) == 0):
        raise ZeroDivisionError("fmod: integer division by zero")
    xp.fmod(x, v, out=out)


def _divide(xp: Any, x: Any, v: Any, out: Any) -> None:
    if is_int(x):
        trunc_divide(x, v, out)
    else:
        xp.divide(x, v, out=out)


def _cmax(xp: Any, x: Any, v: Any, out: Any) -> None:
    out[...] = xp.where(xp.greater(x, v), x, v)


def _cmin(xp: Any, x: Any, v: Any, out: Any) -> None:
    out[...] = xp.where(xp.less(x, v), x, v)


def _pow_c(xp: Any, x: Any, v: Any, out: Any) -> None:
    # C pow() in double, stored back with a C cast (integer types truncate).
    r = xp.power(xp.asarray(x, dtype=np.float64), xp.asarray(v, dtype=np.float64))
    out[...] = r.astype(out.dtype, casting="unsafe") if is_int(out) else r


def _binary(xp: Any, op: str, a: Any, b: Any, out: Any) -> None:
    if op == "add":
        xp.add(a, b, out=out)
    elif op == "mul":
        xp.multiply(a, b, out=out)
    elif op == "div":
        _divide(xp, a, b, out)
    elif op == "fmod":
        _fmod(xp, a, b, out)
    elif op == "remainder":
        _remainder_value(xp, a, b, out)
    elif op == "cmax":
        _cmax(xp, a, b, out)
    elif op == "cmin":
        _cmin(xp, a, b, out)
    elif op == "pow":
        _pow_c(xp, a, b, out)
    elif op == "atan2":
        xp.arctan2(a, b, out=out)
    else:
        raise ValueError(f"pointwise: unknown operation {op!r}")


def scalar(a: Any, v: float) -> Any:
    """``v`` as a numpy scalar of ``a``'s type (the Lua side has already C-cast it)."""
    return a.dtype.type(v)


@kernel
@quiet
def tensor_scalar(op: str, out: Any, src: Any, value: float) -> None:
    """``out = src op value`` (``THTensor_(add)``, ``(mul)``, ``(div)``, ``(fmod)``, ...).

    ``op`` is add, mul, div, fmod, remainder, cmax, cmin, pow (``src ^ value``, Torch7's
    special cases kept) or tpow (``value ^ src``). ``src`` has the shape of ``out``.
    """
    xp = array_module(out)
    src = like(op, out, src)
    if op == "pow":
        _pow_value(xp, src, value, out)
    elif op == "tpow":
        _pow_c(xp, value, src, out)
    else:
        _binary(xp, op, src, scalar(src, value), out)


@kernel
@quiet
def tensor_binary(op: str, out: Any, a: Any, b: Any) -> None:
    """``out = a op b`` elementwise (``THTensor_(cmul)``, ``(cdiv)``, ``(cpow)``, ...).

    ``op`` is mul, div, pow, fmod, remainder, cmax, cmin or atan2. ``a`` has the shape
    of ``out``; ``b`` holds as many elements, in any shape.
    """
    _binary(array_module(out), op, like(op, out, a), like(op, out, b), out)


@kernel
@quiet
def tensor_cadd(out: Any, a: Any, value: float, b: Any) -> None:
    """``out = a + value * b`` (``THTensor_(cadd)``); ``b`` in any shape, same count."""
    xp = array_module(out)
    a, b = like("cadd", out, a), like("cadd", out, b)
    if value == 1:
        xp.add(a, b, out=out)
    else:
        xp.add(a, xp.multiply(b, scalar(b, value)), out=out)


@kernel
@quiet
def tensor_clamp(out: Any, src: Any, lo: float, hi: float) -> None:
    """``out = src < lo ? lo : (src > hi ? hi : src)`` (``THTensor_(clamp)``)."""
    xp = array_module(out)
    src = like("clamp", out, src)
    below = xp.less(src, scalar(src, lo))
    xp.minimum(src, scalar(src, hi), out=out)
    out[below] = scalar(src, lo)


@kernel
@quiet
def tensor_addc(op: str, out: Any, t: Any, value: float, a: Any, b: Any) -> None:
    """``out = t + value * a * b`` (op mul) or ``t + value * a / b`` (op div).

    Mirrors ``THTensor_(addcmul)`` and ``THTensor_(addcdiv)``; integer types divide
    toward zero. ``a`` and ``b`` hold as many elements as ``out``, in any shape.
    """
    xp = array_module(out)
    t, a, b = like(op, out, t), like(op, out, a), like(op, out, b)
    prod = xp.multiply(a, scalar(a, value))
    if op == "mul":
        xp.multiply(prod, b, out=prod)
    elif is_int(prod):
        trunc_divide(prod.copy(), b, prod)
    else:
        xp.divide(prod, b, out=prod)
    xp.add(t, prod, out=out)


@kernel
@quiet
def tensor_lerp(out: Any, a: Any, b: Any, weight: float) -> None:
    """``out = a + weight * (b - a)`` (``THTensor_(lerp)``); float types only."""
    xp = array_module(out)
    a, b = like("lerp", out, a), like("lerp", out, b)
    xp.add(a, xp.multiply(scalar(a, weight), xp.subtract(b, a)), out=out)
