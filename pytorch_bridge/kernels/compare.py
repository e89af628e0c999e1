"""Comparison kernels: Torch7's lt/le/gt/ge/eq/ne over arrays.

The result array is either a uint8 array (Torch7's ByteTensor result) or an array of
the operand's own type; it holds 1 where the comparison holds and 0 elsewhere.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import kernel
from .pointwise import like

_OPS = {"lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal",
        "eq": "equal", "ne": "not_equal"}  # fmt: skip


def _compare(op: str, out: Any, a: Any, b: Any) -> None:
    xp = array_module(out)
    name = _OPS.get(op)
    if name is None:
        raise ValueError(f"compare: unknown operation {op!r}")
    getattr(xp, name)(like(op, out, a), b, out=out)


@kernel
def tensor_compare_value(op: str, out: Any, a: Any, value: float) -> None:
    """``out = (a op value) ? 1 : 0`` (``THTensor_(ltValue)``, ``(ltValueT)``, ...).

    ``op`` is lt, le, gt, ge, eq or ne; ``value`` has already been cast to ``a``'s type.
    """
    _compare(op, out, a, a.dtype.type(value))


@kernel
def tensor_compare(op: str, out: Any, a: Any, b: Any) -> None:
    """``out = (a op b) ? 1 : 0`` elementwise (``THTensor_(ltTensor)``, ``(ltTensorT)``, ...).

    ``b`` holds as many elements as ``a``, in any shape (paired in row-major order).
    """
    _compare(op, out, a, like(op, out, b))
