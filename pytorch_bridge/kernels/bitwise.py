"""Bitwise and shift kernels: Torch7's bitand/bitor/bitxor and lshift/rshift families.

Integer arrays only for the bitwise operations. Shifts act on the bits of the unsigned
type of the same width (C's ``(unsigned real) x << n``), so a right shift of a negative
number is logical. Float arrays shift by multiplying or dividing by powers of two.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from . import _checks, kernel
from .pointwise import like, quiet

_BITS = {"bitand": "bitwise_and", "bitor": "bitwise_or", "bitxor": "bitwise_xor"}


@kernel
def tensor_bitwise(op: str, out: Any, a: Any, b: Any) -> None:
    """``out = a op b`` with ``b`` an array or a number (``THTensor_(bitand)``, ``(cbitand)``).

    ``op`` is bitand, bitor or bitxor; integer arrays only.
    """
    xp = array_module(out)
    _checks.integer_dtype(op, "tensor", out)
    name = _BITS.get(op)
    if name is None:
        raise ValueError(f"tensor_bitwise: unknown operation {op!r}")
    a = like(op, out, a)
    b = like(op, out, b) if hasattr(b, "shape") else a.dtype.type(b)
    getattr(xp, name)(a, b, out=out)


def _unsigned(a: Any) -> Any:
    if a.dtype.kind == "u":
        return a
    return a.view(np.dtype(f"u{a.dtype.itemsize}"))


@kernel
@quiet
def tensor_shift(op: str, out: Any, a: Any, b: Any) -> None:
    """``out = a << b`` (op lshift) or ``a >> b`` (op rshift), ``b`` an array or a number.

    Mirrors ``THTensor_(lshift)``/``(clshift)`` and the right shifts: integers shift their
    unsigned bits, floats compute ``a * 2^b`` or ``a / 2^b``.
    """
    xp = array_module(out)
    a = like(op, out, a)
    b = like(op, out, b) if hasattr(b, "shape") else b
    if out.dtype.kind == "f":
        scale = xp.power(out.dtype.type(2), xp.asarray(b, dtype=out.dtype))
        (xp.multiply if op == "lshift" else xp.divide)(a, scale, out=out)
        return
    ua = _unsigned(a)
    ub = (
        _unsigned(xp.asarray(b, dtype=a.dtype))
        if hasattr(b, "shape")
        else ua.dtype.type(int(b) % (1 << (8 * a.dtype.itemsize)))
    )
    fn = xp.left_shift if op == "lshift" else xp.right_shift
    fn(ua, ub, out=_unsigned(out))
