"""Kernels of nn.LookupTable: row gathering, THNN's LookupTable_accGradParameters and
LookupTable_renorm. Indices are Torch7's 1-based indices (any integer array); they become
0-based here and nowhere else on this path."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from ..errors import ShapeError
from . import _checks, kernel
from .indexing import take_checked

#: Index arrays up to this size are range-checked as a Python list (a few hundred ns),
#: larger ones by two reductions.
_SMALL = 32


def _rows(where: str, input: Any, nIndex: int) -> Any:
    """0-based row numbers of the 1-based ``input``, checked against ``nIndex`` rows."""
    _checks.integer_dtype(where, "input", input)
    idx = array_module(input).subtract(input.reshape(-1), 1, dtype=np.int64)
    if not idx.size:
        return idx
    if idx.size <= _SMALL:
        values = idx.tolist()
        lo, hi = min(values), max(values)
    else:
        lo, hi = int(idx.min()), int(idx.max())
    if lo < 0 or hi >= nIndex:
        raise ShapeError(
            f"{where}: indices must be in [1, {nIndex}], got values in [{lo + 1}, {hi + 1}]"
        )
    return idx


def _one_row(where: str, input: Any, nIndex: int) -> int | None:
    """The 0-based row of a one-element ``input`` (checked like ``_rows``), or None when it
    holds another number of indices. One word at a time is the common call of a recursive
    or recurrent network, and a plain row copy costs a fraction of a gather."""
    if input.size != 1:
        return None
    _checks.integer_dtype(where, "input", input)
    i = int(input.reshape(-1).tolist()[0])
    if not 1 <= i <= nIndex:
        raise ShapeError(f"{where}: indices must be in [1, {nIndex}], got values in [{i}, {i}]")
    return i - 1


@kernel
def LookupTable_updateOutput(input: Any, output: Any, weight: Any) -> Any:
    """nn.LookupTable forward: ``output[..., :] = weight[input - 1]``.

    Args:
        input: ``(n,)`` or ``(batch, n)`` 1-based indices.
        output: ``(n, nOutput)`` or ``(batch, n, nOutput)``, overwritten.
        weight: ``(nIndex, nOutput)``.
    """
    xp = array_module(weight)
    row = _one_row("LookupTable_updateOutput", input, weight.shape[0])
    if row is not None:
        output[...] = weight[row].reshape(output.shape)
        return output
    idx = _rows("LookupTable_updateOutput", input, weight.shape[0])
    take_checked(xp, weight, idx, 0, output.reshape(idx.size, weight.shape[1]))
    return output


@kernel
def LookupTable_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    count: Any | None,
    scaleGradByFreq: bool,
    paddingValue: int,
    scale: float,
) -> None:
    """THNN LookupTable_accGradParameters: ``gradWeight[input[i] - 1] += scale * gradOutput[i]``
    for every index except ``paddingValue``, divided by the index's count when
    ``scaleGradByFreq`` (then ``count`` ``(nIndex,)`` receives the counts)."""
    xp = array_module(gradWeight)
    row = (
        None
        if scaleGradByFreq
        else _one_row("LookupTable_accGradParameters", input, gradWeight.shape[0])
    )
    if row is not None:
        if row != paddingValue - 1:
            g = gradOutput.reshape(gradWeight.shape[1])
            g = g * scale if scale != 1 else g
            dst = gradWeight[row]
            xp.add(dst, g if g.dtype == dst.dtype else g.astype(dst.dtype), out=dst)
        return
    idx = _rows("LookupTable_accGradParameters", input, gradWeight.shape[0])
    go = gradOutput.reshape(idx.size, gradWeight.shape[1])
    if scale != 1:
        go = go * scale
    if scaleGradByFreq:
        counts = xp.bincount(idx, minlength=gradWeight.shape[0])
        if count is not None:
            xp.copyto(count, counts.astype(count.dtype))
        go = go / counts[idx][:, None]
    if 1 <= paddingValue <= gradWeight.shape[0]:  # otherwise no valid index can equal it
        keep = idx != paddingValue - 1
        idx, go = idx[keep], go[keep]
    xp.add.at(gradWeight, idx, go if go.dtype == gradWeight.dtype else go.astype(gradWeight.dtype))


@kernel
def LookupTable_renorm(input: Any, weight: Any, maxNorm: float, normType: float) -> None:
    """THNN LookupTable_renorm: scale each referenced row of ``weight`` whose ``normType``-norm
    exceeds ``maxNorm`` by ``maxNorm / (norm + 1e-7)``, in place."""
    xp = array_module(weight)
    if normType <= 0:
        raise ShapeError("LookupTable_renorm: non-positive norm types are not supported")
    rows = xp.unique(_rows("LookupTable_renorm", input, weight.shape[0]))
    w = weight[rows]
    if normType == 1:
        norm = xp.abs(w).sum(axis=1)
    elif normType == 2:
        norm = xp.sqrt((w * w).sum(axis=1))
    else:
        norm = xp.power(xp.power(xp.abs(w), normType).sum(axis=1), 1.0 / normType)
    big = norm > maxNorm
    weight[rows[big]] = w[big] * (maxNorm / (norm[big] + 1e-7))[:, None]
