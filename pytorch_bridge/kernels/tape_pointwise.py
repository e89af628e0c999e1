"""Broadcasting elementwise kernels used by the Python tape.

Torch7's own pointwise kernels pair elements in row-major order and write into a result
the Lua side has sized; the tape follows numpy's broadcasting rules instead and gets a new
array back. Each kernel is one array-module call, so the Lua side can share it too.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from . import kernel

_COMPARE = {"lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal",
            "eq": "equal", "ne": "not_equal"}  # fmt: skip


def _module(a: Any, b: Any) -> Any:
    """The array module of the operands; ``a`` may be a Python number next to an array ``b``."""
    if type(a) is np.ndarray:
        return np
    xp = array_module(a)
    return xp if xp is not np else array_module(b)


@kernel
def tape_add(a: Any, b: Any) -> Any:
    """``a + b`` broadcast; either operand may be a Python number. Returns a new array."""
    return _module(a, b).add(a, b)


@kernel
def tape_sub(a: Any, b: Any) -> Any:
    """``a - b`` broadcast; either operand may be a Python number. Returns a new array."""
    return _module(a, b).subtract(a, b)


@kernel
def tape_mul(a: Any, b: Any) -> Any:
    """``a * b`` broadcast; either operand may be a Python number. Returns a new array."""
    return _module(a, b).multiply(a, b)


@kernel
def tape_div(a: Any, b: Any) -> Any:
    """``a / b`` broadcast (true division, inf and nan without warnings)."""
    xp = _module(a, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        return xp.true_divide(a, b)


@kernel
def tape_pow(a: Any, b: Any) -> Any:
    """``a ** b`` broadcast (nan for negative bases with fractional exponents)."""
    xp = _module(a, b)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return xp.power(a, b)


@kernel
def tape_compare(op: str, a: Any, b: Any) -> Any:
    """``a op b`` broadcast, as a boolean array; ``op`` is lt, le, gt, ge, eq or ne."""
    try:
        name = _COMPARE[op]
    except KeyError:
        raise ValueError(f"tape_compare: unknown comparison {op!r}") from None
    return getattr(array_module(a), name)(a, b)


@kernel
def tape_matmul(a: Any, b: Any) -> Any:
    """numpy's ``matmul`` (1-D operands promoted, leading dimensions broadcast)."""
    return array_module(a).matmul(a, b)


@kernel
def tape_where(cond: Any, a: Any, b: Any) -> Any:
    """``a`` where ``cond`` holds, else ``b``, all three broadcast together."""
    return array_module(cond).where(cond, a, b)
