"""Kernels of nn.IndexLinear (THNN IndexLinear_*).

Input is a flat batch: 1-D ``keys`` and ``values`` (the samples one after another) and
``sizes`` (entries per sample). Key k names weight row ``k + keysOffset`` (0-based). With
max-normalization the weight has 4 leading columns per row: the largest |value| seen, its
inverse, an update scale and a per-feature bias; the output part follows. Rows are gathered
and added in bounded blocks by the helper shared with nn.SparseLinear.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from .sparse_linear import _add_rows


def _key_rows(where: str, keys: Any, keysOffset: int, n: int) -> Any:
    """0-based weight rows of ``keys``, all in ``[0, n)``."""
    if keys.dtype.kind not in "iu":
        raise ShapeError(f"{where}: keys must be integers, got {keys.dtype}")
    if keys.size and not (0 <= int(keys.min()) + keysOffset <= int(keys.max()) + keysOffset < n):
        raise ShapeError(
            f"{where}: key out of bounds, got keys in [{int(keys.min())}, {int(keys.max())}], "
            f"expected {-keysOffset} to {n - 1 - keysOffset}"
        )
    return keys.astype(np.int64) + keysOffset


def _samples(where: str, sizes: Any, keys: Any, values: Any) -> Any:
    """The sample number of every entry, after checking keys, values and sizes agree."""
    xp = array_module(values)
    sz = sizes.reshape(-1).astype(np.int64)
    if keys.ndim != 1 or values.ndim != 1 or keys.size != values.size:
        raise ShapeError(
            f"{where}: keys {keys.shape} and values {values.shape} must be 1-D of one size"
        )
    if sz.size and (int(sz.min()) < 0 or int(sz.sum()) != keys.size):
        raise ShapeError(f"{where}: sizes must be >= 0 and add up to {keys.size} entries")
    return xp.repeat(xp.arange(sz.size), sz)


def _normalize_width(where: str, weight: Any, bias: Any) -> int:
    nrm = weight.shape[1] - bias.shape[0]
    if weight.ndim != 2 or nrm not in (0, 4):
        raise ShapeError(f"{where}: weight {weight.shape} does not fit bias {bias.shape}")
    return int(nrm)


def _cummax(xp: Any, x: Any) -> Any:
    """Running maximum of 1-D ``x``; cupy has no ``maximum.accumulate``, so there it is a
    scan of ``log2(n)`` shifted maxima."""
    if xp is np:
        return np.maximum.accumulate(x)
    out, k = x.copy(), 1
    while k < out.size:
        out[k:] = xp.maximum(out[k:], out[:-k])
        k *= 2
    return out


def _row_max(xp: Any, rows: Any, a: Any, n: int) -> Any:
    """``(n,)`` zeros holding, at each row that occurs, the largest ``a`` of its entries
    (an ordered scan: cupy's ``maximum.at`` is no portable choice)."""
    out = xp.zeros(n, dtype=a.dtype)
    order = xp.lexsort(xp.stack([a, rows]))
    r = rows[order]
    last = xp.concatenate([r[1:] != r[:-1], xp.ones(1, dtype=bool)])
    out[r[last]] = a[order][last]
    return out


def _running_max(xp: Any, rows: Any, a: Any, start: Any) -> Any:
    """For each entry, the largest of ``start[rows[i]]`` and the ``a[j]`` of the entries
    j <= i with the same row (the max that a pass in entry order has reached)."""
    uniq = xp.unique(rows)
    seg = xp.concatenate([uniq, rows])
    pos = xp.concatenate([xp.full(uniq.size, -1), xp.arange(rows.size)])
    vals = xp.concatenate([start[uniq].astype(a.dtype), a])
    order = xp.argsort(vals, kind="stable")
    rank = xp.empty(vals.size, dtype=np.int64)
    rank[order] = xp.arange(vals.size)
    seq = xp.lexsort(xp.stack([pos, seg]))
    code = xp.searchsorted(uniq, seg) * vals.size + rank
    best = xp.empty_like(code)
    best[seq] = _cummax(xp, code[seq])
    return vals[order[best[uniq.size :] % vals.size]]


def _normalized(xp: Any, rows: Any, values: Any, weight: Any, train: bool) -> Any:
    """Max-normalized values (updating the per-row maxima when ``train``), plus row bias."""
    a = xp.abs(values)
    if train and rows.size:
        top = _running_max(xp, rows, a, weight[:, 0])
        grew = top > weight[rows, 0]
        inv = xp.where(grew, 1 / xp.where(grew, top, 1), weight[rows, 1])
        out = values * inv + weight[rows, 3]
        seen = xp.unique(rows)
        final = _row_max(xp, rows, a.astype(weight.dtype), weight.shape[0])
        up = seen[final[seen] > weight[seen, 0]]
        weight[up, 0] = final[up]
        weight[up, 1] = 1 / final[up]
        weight[seen, 2] = 1
        return out
    clip = a > weight[rows, 0]
    return xp.where(clip, xp.sign(values), values * weight[rows, 1]) + weight[rows, 3]


@kernel
def IndexLinear_updateOutput(
    keys: Any,
    keysOffset: int,
    values: Any,
    sizes: Any,
    cumSumSizes: Any,
    output: Any,
    weight: Any,
    bias: Any,
    normalizedValues: Any,
    train: bool,
) -> Any:
    """THNN IndexLinear_updateOutput: ``output[b] = bias + sum of value * weight[row, nrm:]``
    over the entries of sample b; with normalization (nrm = 4 leading weight columns) the
    values are max-normalized first and written to ``normalizedValues`` ``(nKeys,)``.
    ``output`` is ``(batch, outDim)``."""
    where = "IndexLinear_updateOutput"
    xp = array_module(weight)
    nrm = _normalize_width(where, weight, bias)
    samples = _samples(where, sizes, keys, values)
    rows = _key_rows(where, keys, keysOffset, weight.shape[0])
    if nrm:
        normalizedValues[...] = _normalized(xp, rows, values, weight, bool(train))
        values = normalizedValues
    output[...] = bias
    _add_rows(xp, output, samples, weight[:, nrm:], rows, values)
    return output


def _entry_grads(xp: Any, samples: Any, values: Any, go: Any, scale: float, nrm: int) -> Any:
    """Per-entry gradient rows: ``value * scale * gradOutput[sample]``, preceded with
    normalization by ``scale * gradOutput[sample]`` (the gradient of the row bias part)."""
    g = go[samples] * scale
    part = g * values[:, None]
    return xp.concatenate([g, part], axis=1) if nrm else part


def _apply(xp: Any, weight: Any, rows: Any, grads: Any, lr: float, wd: float, nrm: int) -> None:
    """Take the per-entry steps in entry order: with normalization the row's update scale
    multiplies lr and wd and the row bias moves first; weight decay precedes each step."""
    if not nrm and not wd:
        # add.at of the negated step: cupy's subtract.at takes integers only
        xp.add.at(weight, rows, (-lr * grads).astype(weight.dtype, copy=False))
        return
    order = xp.argsort(rows, kind="stable")
    r = rows[order]
    first = xp.concatenate([xp.ones(min(1, r.size), dtype=bool), r[1:] != r[:-1]])
    starts = xp.flatnonzero(first)
    level = xp.empty(r.size, dtype=np.int64)
    level[order] = xp.arange(r.size) - starts[xp.cumsum(first) - 1]
    for t in range(int(level.max()) + 1 if r.size else 0):  # rows are distinct in a level
        pick = xp.flatnonzero(level == t)
        rw, g = rows[pick], grads[pick]
        body = weight[rw, nrm:]
        lr_t: Any = lr * weight[rw, 2:3] if nrm else lr
        if nrm:
            out = body.shape[1]
            weight[rw, 3] -= (g[:, :out] * body).sum(axis=1) * lr_t[:, 0]
            g = g[:, out:]
        if wd:
            body = body - body * (wd * weight[rw, 2:3] if nrm else wd)
        weight[rw, nrm:] = body - g * lr_t


@kernel
def IndexLinear_accGradParameters(
    keys: Any,
    keysOffset: int,
    values: Any,
    sizes: Any,
    cumSumSizes: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any,
    weight: Any,
    bias: Any,
    valuesBuffer: Any,
    weightDecay: float,
    scale: float,
) -> None:
    """THNN IndexLinear_accGradParameters: ``gradWeight`` ``(nKeys, outDim)`` (``2 * outDim``
    with normalization) receives each entry's gradient row; ``gradBias += scale *
    gradOutput.sum(0)``. ``values`` are the normalized ones when normalizing."""
    where = "IndexLinear_accGradParameters"
    xp = array_module(weight)
    nrm = _normalize_width(where, weight, bias)
    samples = _samples(where, sizes, keys, values)
    _key_rows(where, keys, keysOffset, weight.shape[0])
    go = gradOutput.reshape(-1, bias.shape[0])
    gradWeight[...] = _entry_grads(xp, samples, values, go, scale, nrm).reshape(gradWeight.shape)
    gradBias += (scale * go.sum(axis=0)).astype(gradBias.dtype, copy=False)


@kernel
def IndexLinear_updateParameters(
    gradWeight: Any,
    gradBias: Any,
    weight: Any,
    bias: Any,
    runningKeys: Any,
    cumSumSizes: Any,
    keysOffset: int,
    weightDecay: float,
    learningRate: float,
) -> None:
    """THNN IndexLinear_updateParameters: ``bias -= lr * gradBias``, then each gradient row
    of ``gradWeight`` (one per entry of ``runningKeys``) steps its weight row, with sparse
    weight decay."""
    where = "IndexLinear_updateParameters"
    xp = array_module(weight)
    nrm = _normalize_width(where, weight, bias)
    rows = _key_rows(where, runningKeys, keysOffset, weight.shape[0])
    bias -= learningRate * gradBias
    grads = gradWeight.reshape(rows.size, -1)
    _apply(xp, weight, rows, grads, learningRate, weightDecay, nrm)


@kernel
def IndexLinear_accUpdateGradParameters(
    keys: Any,
    keysOffset: int,
    values: Any,
    sizes: Any,
    cumSumSizes: Any,
    gradOutput: Any,
    weight: Any,
    bias: Any,
    weightDecay: float,
    scale: float,
) -> None:
    """THNN IndexLinear_accUpdateGradParameters: the gradient step of accGradParameters
    followed by updateParameters with learning rate 1, straight into weight and bias."""
    where = "IndexLinear_accUpdateGradParameters"
    xp = array_module(weight)
    nrm = _normalize_width(where, weight, bias)
    samples = _samples(where, sizes, keys, values)
    rows = _key_rows(where, keys, keysOffset, weight.shape[0])
    go = gradOutput.reshape(-1, bias.shape[0])
    bias -= (scale * go.sum(axis=0)).astype(bias.dtype, copy=False)
    _apply(
        xp, weight, rows, _entry_grads(xp, samples, values, go, scale, nrm), 1.0, weightDecay, nrm
    )
