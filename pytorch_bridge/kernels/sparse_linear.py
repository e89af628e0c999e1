"""Kernels of nn.SparseLinear (THNN SparseLinear_*).

SparseLinear reads sparse input in one of two layouts:

- COO, ``(nnz, 3)`` rows of ``{sample, column, value}`` with 1-based sample and column;
- legacy, ``(batch, nnz, 2)`` rows of ``{column, value}`` per sample.

Entries whose value is 0 contribute nothing and are skipped, as in THNN (legacy inputs pad
shorter samples with them); every other index is range-checked, and the 1-based indices
become 0-based here and nowhere else on this path. Work on gathered rows is done in blocks
of at most ``_BLOCK`` elements, so memory stays bounded for wide outputs and many entries;
that helper, ``_add_rows``, also serves the nn.IndexLinear kernels in ``index_linear.py``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from ..errors import ShapeError
from . import kernel

#: Elements of one block of gathered rows.
_BLOCK = 1 << 20


def _index(where: str, name: str, a: Any, n: int) -> Any:
    """0-based int64 indices of the 1-based (possibly float) ``a``, all in ``[1, n]``."""
    xp = array_module(a)
    if a.size == 0:
        return xp.zeros(0, dtype=np.int64)
    lo, hi = float(a.min()), float(a.max())
    if not (lo >= 1 and hi < n + 1):  # also false for NaN
        raise ShapeError(
            f"{where}: {name} index out of bounds, got values in [{lo:g}, {hi:g}], "
            f"expected 1 to {n}"
        )
    return a.astype(np.int64) - 1


def _coo(where: str, input: Any, batch: int, inDim: int) -> tuple[Any, Any, Any]:
    """(sample, column, value) of the non-zero entries of a COO ``(nnz, 3)`` input."""
    if input.ndim != 2 or input.shape[1] != 3:
        raise ShapeError(f"{where}: input must be in COO format, nnz x 3, got {input.shape}")
    input = input[input[:, 2] != 0]
    rows = _index(where, "sample", input[:, 0], batch)
    return rows, _index(where, "column", input[:, 1], inDim), input[:, 2]


def _legacy(where: str, input: Any, inDim: int) -> tuple[Any, Any, Any]:
    """(sample, column, value) of the non-zero entries of a ``(batch, nnz, 2)`` input."""
    xp = array_module(input)
    if input.ndim != 3 or input.shape[2] != 2:
        raise ShapeError(f"{where}: input must be batchsize x nnz x 2, got {input.shape}")
    rows = xp.repeat(xp.arange(input.shape[0]), input.shape[1])
    flat = input.reshape(-1, 2)
    keep = flat[:, 1] != 0
    flat, rows = flat[keep], rows[keep]
    return rows, _index(where, "column", flat[:, 0], inDim), flat[:, 1]


def _add_rows(xp: Any, target: Any, at: Any, table: Any, take: Any, coef: Any) -> None:
    """``target[at[k]] += coef[k] * table[take[k]]`` for every k (repeats add up)."""
    step = max(1, _BLOCK // max(1, table.shape[1]))
    for s in range(0, at.size, step):
        block = table[take[s : s + step]] * coef[s : s + step, None]
        xp.add.at(target, at[s : s + step], block.astype(target.dtype, copy=False))


def _forward(xp: Any, coo: tuple[Any, Any, Any], output: Any, weight: Any, bias: Any) -> Any:
    rows, cols, vals = coo
    output[...] = bias
    _add_rows(xp, output, rows, weight.T, cols, vals)
    return output


def _acc(
    xp: Any,
    coo: tuple[Any, Any, Any],
    go: Any,
    grads: tuple[Any, Any],
    weight: Any,
    weightDecay: float,
    scale: float,
) -> None:
    rows, cols, vals = coo
    gradWeight, gradBias = grads
    _add_rows(xp, gradWeight.T, cols, go, rows, vals * scale)
    gradBias += (scale * go.sum(axis=0)).astype(gradBias.dtype, copy=False)
    if weightDecay != 0:
        gradWeight += weightDecay * weight


def _check_params(where: str, weight: Any, bias: Any, gradWeight: Any, gradBias: Any) -> None:
    if gradWeight.shape != weight.shape or not bias.shape == gradBias.shape == weight.shape[:1]:
        raise ShapeError(
            f"{where}: weight {weight.shape}, bias {bias.shape}, gradWeight "
            f"{gradWeight.shape} and gradBias {gradBias.shape} do not match"
        )


@kernel
def SparseLinear_updateOutput(input: Any, output: Any, weight: Any, bias: Any) -> Any:
    """THNN SparseLinear_updateOutput: ``output[b] = bias + sum of value * weight[:, column]``
    over the COO ``(nnz, 3)`` entries of sample b; ``output`` ``(batch, outDim)``."""
    where = "SparseLinear_updateOutput"
    coo = _coo(where, input, output.shape[0], weight.shape[1])
    return _forward(array_module(weight), coo, output, weight, bias)


@kernel
def SparseLinear_legacyUpdateOutput(input: Any, output: Any, weight: Any, bias: Any) -> Any:
    """THNN SparseLinear_legacyUpdateOutput: as SparseLinear_updateOutput for a
    ``(batch, nnz, 2)`` input; ``output`` ``(batch, outDim)``."""
    coo = _legacy("SparseLinear_legacyUpdateOutput", input, weight.shape[1])
    return _forward(array_module(weight), coo, output, weight, bias)


@kernel
def SparseLinear_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any,
    weight: Any,
    bias: Any,
    weightDecay: float,
    scale: float,
) -> None:
    """THNN SparseLinear_accGradParameters: ``gradWeight[:, column] += scale * value *
    gradOutput[sample]`` per COO entry, ``gradBias += scale * gradOutput.sum(0)``, then
    ``gradWeight += weightDecay * weight``. ``gradOutput`` ``(batch, outDim)``."""
    where = "SparseLinear_accGradParameters"
    _check_params(where, weight, bias, gradWeight, gradBias)
    go = gradOutput.reshape(-1, weight.shape[0])
    coo = _coo(where, input, go.shape[0], weight.shape[1])
    _acc(array_module(weight), coo, go, (gradWeight, gradBias), weight, weightDecay, scale)


@kernel
def SparseLinear_legacyAccGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any,
    weight: Any,
    bias: Any,
    weightDecay: float,
    scale: float,
) -> None:
    """THNN SparseLinear_legacyAccGradParameters: SparseLinear_accGradParameters for a
    ``(batch, nnz, 2)`` input and ``(batch, outDim)`` gradOutput."""
    where = "SparseLinear_legacyAccGradParameters"
    _check_params(where, weight, bias, gradWeight, gradBias)
    go = gradOutput.reshape(input.shape[0], weight.shape[0])
    coo = _legacy(where, input, weight.shape[1])
    _acc(array_module(weight), coo, go, (gradWeight, gradBias), weight, weightDecay, scale)


@kernel
def SparseLinear_updateGradInput(gradOutput: Any, weight: Any, gradInput: Any) -> Any:
    """Dense gradient of nn.SparseLinear: ``gradInput`` ``(batch, inDim, 2)`` gets
    ``{column, (gradOutput @ weight)[b, column]}`` rows; gradOutput ``(batch, outDim)`` or
    ``(outDim,)``."""
    xp = array_module(weight)
    gi = gradInput.reshape(-1, weight.shape[1], 2)
    go = gradOutput.reshape(gi.shape[0], weight.shape[0])
    gi[:, :, 0] = xp.arange(1, weight.shape[1] + 1)
    gi[:, :, 1] = xp.matmul(go, weight)
    return gradInput


def _sparse_step(
    where: str, coo: tuple[Any, Any, Any], params: tuple[Any, ...], lr: float | None
) -> None:
    """Zero (``lr`` None) or take a step on the weight columns named by ``coo``."""
    weight, bias, gradWeight, gradBias = params
    _check_params(where, weight, bias, gradWeight, gradBias)
    cols = array_module(weight).unique(coo[1])
    if lr is None:
        gradBias[...] = 0
        gradWeight[:, cols] = 0
    else:
        bias -= lr * gradBias
        weight[:, cols] -= lr * gradWeight[:, cols]


@kernel
def SparseLinear_updateParameters(
    weight: Any, bias: Any, gradWeight: Any, gradBias: Any, lastInput: Any, learningRate: float
) -> None:
    """THNN SparseLinear_updateParameters: ``bias -= lr * gradBias`` and ``weight[:, c] -=
    lr * gradWeight[:, c]`` for the columns c of the COO ``lastInput``."""
    where = "SparseLinear_updateParameters"
    coo = _coo(where, lastInput, int(2**62), weight.shape[1])
    _sparse_step(where, coo, (weight, bias, gradWeight, gradBias), learningRate)


@kernel
def SparseLinear_legacyUpdateParameters(
    weight: Any, bias: Any, gradWeight: Any, gradBias: Any, lastInput: Any, learningRate: float
) -> None:
    """THNN SparseLinear_legacyUpdateParameters: SparseLinear_updateParameters for a
    ``(batch, nnz, 2)`` lastInput."""
    where = "SparseLinear_legacyUpdateParameters"
    coo = _legacy(where, lastInput, weight.shape[1])
    _sparse_step(where, coo, (weight, bias, gradWeight, gradBias), learningRate)


@kernel
def SparseLinear_zeroGradParameters(gradWeight: Any, gradBias: Any, lastInput: Any) -> None:
    """THNN SparseLinear_zeroGradParameters: zero gradBias and the columns of gradWeight
    named by the COO ``lastInput``."""
    where = "SparseLinear_zeroGradParameters"
    coo = _coo(where, lastInput, int(2**62), gradWeight.shape[1])
    _sparse_step(where, coo, (gradWeight, gradBias, gradWeight, gradBias), None)


@kernel
def SparseLinear_legacyZeroGradParameters(gradWeight: Any, gradBias: Any, lastInput: Any) -> None:
    """THNN SparseLinear_legacyZeroGradParameters: SparseLinear_zeroGradParameters for a
    ``(batch, nnz, 2)`` lastInput."""
    where = "SparseLinear_legacyZeroGradParameters"
    coo = _legacy(where, lastInput, gradWeight.shape[1])
    _sparse_step(where, coo, (gradWeight, gradBias, gradWeight, gradBias), None)
