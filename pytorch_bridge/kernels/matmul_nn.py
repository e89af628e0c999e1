"""Kernels of nn.MM and nn.MV: (batched) matrix-matrix and matrix-vector products of a pair
of inputs, with optional transposition of either operand."""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import kernel


def _t(x: Any, trans: bool) -> Any:
    """``x`` with its last two dimensions swapped when ``trans``."""
    return x.swapaxes(-1, -2) if trans else x


@kernel
def MM_updateOutput(a: Any, b: Any, output: Any, transA: bool, transB: bool) -> Any:
    """nn.MM forward: ``output = op(a) @ op(b)`` for ``(n, m)`` or ``(batch, n, m)`` pairs."""
    xp = array_module(a)
    return xp.matmul(_t(a, transA), _t(b, transB), out=output)


@kernel
def MM_updateGradInput(
    a: Any, b: Any, gradOutput: Any, gradA: Any, gradB: Any, transA: bool, transB: bool
) -> None:
    """nn.MM updateGradInput: gradients of ``op(a) @ op(b)`` for both operands.

    Args:
        gradA, gradB: shaped like ``a`` and ``b``, overwritten.
    """
    xp = array_module(a)
    opa, opb = _t(a, transA), _t(b, transB)
    if transA:
        xp.matmul(opb, _t(gradOutput, True), out=gradA)
    else:
        xp.matmul(gradOutput, _t(opb, True), out=gradA)
    if transB:
        xp.matmul(_t(gradOutput, True), opa, out=gradB)
    else:
        xp.matmul(_t(opa, True), gradOutput, out=gradB)


@kernel
def MV_updateOutput(m: Any, v: Any, output: Any, trans: bool) -> Any:
    """nn.MV forward: ``output = op(m) @ v`` for ``(n, k), (k,)`` or batched
    ``(batch, n, k), (batch, k)`` inputs."""
    xp = array_module(m)
    xp.matmul(_t(m, trans), v[..., None], out=output[..., None])
    return output


@kernel
def MV_updateGradInput(
    m: Any, v: Any, gradOutput: Any, gradM: Any, gradV: Any, trans: bool
) -> None:
    """nn.MV updateGradInput: ``gradM`` (outer products) and ``gradV = op(m)^T @ gradOutput``."""
    xp = array_module(m)
    if trans:
        xp.multiply(v[..., :, None], gradOutput[..., None, :], out=gradM)
    else:
        xp.multiply(gradOutput[..., :, None], v[..., None, :], out=gradM)
    xp.matmul(_t(_t(m, trans), True), gradOutput[..., None], out=gradV[..., None])
