"""Connection-table convolution kernels (THNN SpatialConvolutionMap and
SpatialFullConvolutionMap): row ``k`` of the table links input plane ``connTable[k, 0]`` to
output plane ``connTable[k, 1]`` (1-based) through its own ``kH x kW`` filter ``weight[k]``: a
valid cross-correlation with strides ``dH, dW``, or for the full map its transpose (each input
pixel spreads the filter).

Arrays: ``input`` ``(C, iH, iW)`` or ``(N, C, iH, iW)`` with ``C >= nInputPlane``;
``weight`` ``(K, kH, kW)`` for the ``K`` table rows; ``connTable`` ``(K, 2)``; ``output``
``(..., nOutputPlane, oH, oW)`` with ``oH = (iH - kH) // dH + 1`` (``(iH - 1) * dH + kH`` for
the full map), sized by the Lua side. Windows are visited one tap at a time (each a strided
view of the planes the table selects) and the rows are summed per plane, so no Python loop
runs over pixels or batch items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel


def _table(where: str, connTable: Any, weight: Any, nIn: int, nOut: int) -> tuple[Any, Any]:
    """The 0-based (input planes, output planes) of the table rows, checked."""
    xp = array_module(weight)
    if connTable.ndim != 2 or connTable.shape[1] != 2 or connTable.shape[0] != weight.shape[0]:
        raise ShapeError(
            f"{where}: connTable has shape {tuple(connTable.shape)} but weight has shape "
            f"{tuple(weight.shape)} (one table row of two planes per filter)"
        )
    t = connTable.astype(xp.int64) - 1
    ins, outs = t[:, 0], t[:, 1]
    if t.size and (
        int(ins.min()) < 0
        or int(ins.max()) >= nIn
        or int(outs.min()) < 0
        or int(outs.max()) >= nOut
    ):
        raise ShapeError(f"{where}: connTable refers to planes outside 1..{nIn} / 1..{nOut}")
    return ins, outs


def _taps(kH: int, kW: int, oH: int, oW: int, dH: int, dW: int) -> Iterator[Any]:
    """``(ky, kx, index)`` for every filter tap: ``index`` picks the input pixels it meets."""
    for ky in range(kH):
        rows = slice(ky, ky + (oH - 1) * dH + 1, dH)
        for kx in range(kW):
            yield ky, kx, (..., rows, slice(kx, kx + (oW - 1) * dW + 1, dW))


def _batch(a: Any) -> Any:
    return a[None] if a.ndim == 3 else a


def _by_plane(rows: Any, planes: Any, n: int, dst: Any, base: Any) -> None:
    """``dst[:, p] = base[p] + the sum of rows[:, k] over the k with planes[k] == p`` for
    every plane ``p < n`` (``base`` None: 0)."""
    groups: dict[int, list[int]] = {}
    for k, p in enumerate(planes.tolist()):
        groups.setdefault(p, []).append(k)
    for p in range(n):
        ks = groups.get(p)
        dst[:, p] = base[p] if base is not None else 0
        if ks:
            dst[:, p] += rows[:, ks[0]] if len(ks) == 1 else rows[:, ks].sum(axis=1)


def _xcorr(big: Any, weight: Any, small: tuple[int, int], dH: int, dW: int) -> Any:
    """Per row ``k``: the valid strided cross-correlation of ``big[:, k]`` with ``weight[k]``,
    of spatial size ``small``."""
    xp = array_module(big)
    acc = xp.zeros(big.shape[:2] + small, dtype=big.dtype)
    (kH, kW), (oH, oW) = weight.shape[1:], small
    for ky, kx, index in _taps(kH, kW, oH, oW, dH, dW):
        acc += big[index] * weight[:, ky, kx][:, None, None]
    return acc


def _spread(small: Any, weight: Any, big: tuple[int, int], dH: int, dW: int) -> Any:
    """The transpose of ``_xcorr``: every pixel of ``small[:, k]`` adds ``weight[k]`` times
    itself into a zero array of spatial size ``big``."""
    xp = array_module(small)
    acc = xp.zeros(small.shape[:2] + big, dtype=small.dtype)
    (kH, kW), (oH, oW) = weight.shape[1:], small.shape[-2:]
    for ky, kx, index in _taps(kH, kW, oH, oW, dH, dW):
        acc[index] += small * weight[:, ky, kx][:, None, None]
    return acc


def _filter_grads(big: Any, small: Any, grad: Any, dH: int, dW: int, scale: float) -> None:
    """``grad[k] += scale * the filter gradient`` of rows pairing ``big[:, k]`` (the side the
    filter slides over) with ``small[:, k]``."""
    (kH, kW), (oH, oW) = grad.shape[1:], small.shape[-2:]
    for ky, kx, index in _taps(kH, kW, oH, oW, dH, dW):
        grad[:, ky, kx] += scale * (big[index] * small).sum(axis=(0, 2, 3))


def _check(where: str, input: Any, nInputPlane: int, dims: tuple[int, ...]) -> None:
    if input.ndim not in dims or input.shape[-3] < nInputPlane:
        kind = "(batch x) " if 4 in dims else ""
        raise ShapeError(
            f"{where}: input must be {kind}{nInputPlane}+ planes x height x width, got shape "
            f"{tuple(input.shape)}"
        )


_Apply = Callable[[Any, Any, tuple[int, int], int, int], Any]


def _forward(where: str, apply: _Apply, dims: tuple[int, ...], input: Any, output: Any,
             weight: Any, bias: Any, connTable: Any, nIn: int, nOut: int, dW: int,
             dH: int) -> Any:  # fmt: skip
    """``output`` = bias plus ``apply`` (``_xcorr`` or ``_spread``) of every row's input plane."""
    xp = array_module(input)
    _check(where, input, nIn, dims)
    ins, outs = _table(where, connTable, weight, nIn, nOut)
    out = _batch(output)
    acc = apply(xp.take(_batch(input), ins, axis=1), weight, out.shape[-2:], dH, dW)
    _by_plane(acc, outs, nOut, out, bias)
    return output


def _grad_input(where: str, apply: _Apply, gradOutput: Any, gradInput: Any, weight: Any,
                connTable: Any, nIn: int, nOut: int, dW: int, dH: int) -> Any:  # fmt: skip
    """``gradInput`` = ``apply`` (the forward's transpose) of every row's output gradient,
    summed per input plane; planes no row reads get 0."""
    xp = array_module(gradOutput)
    ins, outs = _table(where, connTable, weight, nIn, nOut)
    gi = _batch(gradInput)
    acc = apply(xp.take(_batch(gradOutput), outs, axis=1), weight, gi.shape[-2:], dH, dW)
    gi.fill(0)
    _by_plane(acc, ins, nIn, gi, None)
    return gradInput


def _acc(where: str, full: bool, input: Any, gradOutput: Any, gradWeight: Any,
         gradBias: Any, connTable: Any, nIn: int, nOut: int, dW: int, dH: int,
         scale: float) -> None:  # fmt: skip
    """``scale`` times the filter and bias gradients into ``gradWeight`` and ``gradBias``; the
    filter slides over the input (``full`` False) or over the output gradient (True)."""
    xp = array_module(input)
    ins, outs = _table(where, connTable, gradWeight, nIn, nOut)
    go = _batch(gradOutput)
    xs, gos = xp.take(_batch(input), ins, axis=1), xp.take(go, outs, axis=1)
    big, small = (gos, xs) if full else (xs, gos)
    _filter_grads(big, small, gradWeight, dH, dW, scale)
    gradBias += scale * go.sum(axis=(0, 2, 3), dtype=gradBias.dtype)


@kernel
def SpatialConvolutionMap_updateOutput(
    input: Any, output: Any, weight: Any, bias: Any, connTable: Any,
    nInputPlane: int, nOutputPlane: int, dW: int, dH: int,
) -> Any:  # fmt: skip
    """Mirror THNN SpatialConvolutionMap_updateOutput: bias plus every table row's filter
    response added into its output plane. Returns ``output``."""
    return _forward("SpatialConvolutionMap_updateOutput", _xcorr, (3, 4), input, output,
                    weight, bias, connTable, nInputPlane, nOutputPlane, dW, dH)  # fmt: skip


@kernel
def SpatialConvolutionMap_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, weight: Any, bias: Any, connTable: Any,
    nInputPlane: int, nOutputPlane: int, dW: int, dH: int,
) -> Any:  # fmt: skip
    """Mirror THNN SpatialConvolutionMap_updateGradInput: every row's filter spread back over
    its input plane; planes no row reads get 0. ``gradInput`` is shaped like ``input``."""
    return _grad_input("SpatialConvolutionMap_updateGradInput", _spread, gradOutput, gradInput,
                       weight, connTable, nInputPlane, nOutputPlane, dW, dH)  # fmt: skip


@kernel
def SpatialConvolutionMap_accGradParameters(
    input: Any, gradOutput: Any, gradWeight: Any, gradBias: Any, connTable: Any,
    nInputPlane: int, nOutputPlane: int, dW: int, dH: int, scale: float,
) -> None:  # fmt: skip
    """Mirror THNN SpatialConvolutionMap_accGradParameters: ``scale`` times each row's
    filter gradient into ``gradWeight`` and each plane's gradOutput sum into ``gradBias``."""
    _acc("SpatialConvolutionMap_accGradParameters", False, input, gradOutput, gradWeight,
         gradBias, connTable, nInputPlane, nOutputPlane, dW, dH, scale)  # fmt: skip


@kernel
def SpatialFullConvolutionMap_updateOutput(
    input: Any, output: Any, weight: Any, bias: Any, connTable: Any,
    nInputPlane: int, nOutputPlane: int, dW: int, dH: int,
) -> Any:  # fmt: skip
    """Mirror THNN SpatialFullConvolutionMap_updateOutput: bias plus every row's filter spread
    from each pixel of its input plane (``input`` ``(C, iH, iW)``). Returns ``output``."""
    return _forward("SpatialFullConvolutionMap_updateOutput", _spread, (3,), input, output,
                    weight, bias, connTable, nInputPlane, nOutputPlane, dW, dH)  # fmt: skip


@kernel
def SpatialFullConvolutionMap_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, weight: Any, bias: Any, connTable: Any,
    nInputPlane: int, nOutputPlane: int, dW: int, dH: int,
) -> Any:  # fmt: skip
    """Mirror THNN SpatialFullConvolutionMap_updateGradInput: each row's valid strided
    cross-correlation of its output plane's gradient, summed per input plane."""
    return _grad_input("SpatialFullConvolutionMap_updateGradInput", _xcorr, gradOutput,
                       gradInput, weight, connTable, nInputPlane, nOutputPlane, dW,
                       dH)  # fmt: skip


@kernel
def SpatialFullConvolutionMap_accGradParameters(
    input: Any, gradOutput: Any, gradWeight: Any, gradBias: Any, connTable: Any,
    nInputPlane: int, nOutputPlane: int, dW: int, dH: int, scale: float,
) -> None:  # fmt: skip
    """Mirror THNN SpatialFullConvolutionMap_accGradParameters (``scale`` times the filter
    and bias gradients, accumulated)."""
    _acc("SpatialFullConvolutionMap_accGradParameters", True, input, gradOutput, gradWeight,
         gradBias, connTable, nInputPlane, nOutputPlane, dW, dH, scale)  # fmt: skip
