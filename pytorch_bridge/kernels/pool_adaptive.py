"""Adaptive pooling and max unpooling kernels (THNN SpatialAdaptiveMaxPooling,
SpatialAdaptiveAveragePooling, SpatialMaxUnpooling).

Arrays: ``input`` is ``(C, iH, iW)`` or ``(N, C, iH, iW)``. Adaptive windows differ in size
from one output position to the next, so the kernels walk the taps of the largest window and
mask the positions a smaller window does not have.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel


def _bounds(xp: Any, o: int, i: int, average: bool) -> tuple[Any, Any]:
    """Window start and length per output position along one axis, in THNN's float math."""
    f32 = xp.float32
    p = xp.arange(o)
    if average:
        start = xp.floor((p * i).astype(f32) / f32(o))
        end = xp.ceil(((p + 1) * i).astype(f32) / f32(o))
    else:
        start = xp.floor(p.astype(f32) / f32(o) * f32(i))
        end = xp.ceil((p + 1).astype(f32) / f32(o) * f32(i))
    return start.astype(xp.int64), (end - start).astype(xp.int64)


def _windows(xp: Any, input: Any, oH: int, oW: int, average: bool) -> Any:
    """Yield ``(ty, tx, values, valid)`` for every tap of the largest adaptive window."""
    ys, kh = _bounds(xp, oH, input.shape[-2], average)
    xs, kw = _bounds(xp, oW, input.shape[-1], average)
    for ty in range(int(kh.max())):
        rows = xp.minimum(ys + ty, input.shape[-2] - 1)
        part = xp.take(input, rows, axis=-2)
        for tx in range(int(kw.max())):
            cols = xp.minimum(xs + tx, input.shape[-1] - 1)
            valid = (ty < kh)[:, None] & (tx < kw)[None, :]
            yield ty, tx, xp.take(part, cols, axis=-1), valid


@kernel
def SpatialAdaptiveMaxPooling_updateOutput(
    input: Any, output: Any, indices: Any, owidth: int, oheight: int
) -> Any:
    """Mirror THNN SpatialAdaptiveMaxPooling_updateOutput.

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``.
        output: ``(..., oheight, owidth)``, overwritten.
        indices: ``(2, ..., oheight, owidth)`` integers, overwritten: 1-based row (first) and
            column (second) of each maximum inside its window, as THNN stores them.
        owidth, oheight: output size.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    if output.shape[-2:] != (oheight, owidth) or indices.shape[1:] != output.shape:
        raise ShapeError(
            f"SpatialAdaptiveMaxPooling_updateOutput: output has shape {tuple(output.shape)} "
            f"and indices {tuple(indices.shape)}, expected (..., {oheight}, {owidth})"
        )
    output.fill(-xp.inf)
    indices.fill(1)
    mask = xp.empty(output.shape, dtype=bool)
    for ty, tx, vals, valid in _windows(xp, input, oheight, owidth, False):
        xp.greater(vals, output, out=mask)
        mask &= valid
        xp.copyto(output, vals, where=mask)
        xp.copyto(indices[0], ty + 1, where=mask)
        xp.copyto(indices[1], tx + 1, where=mask)
    return output


@kernel
def SpatialAdaptiveMaxPooling_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, indices: Any
) -> Any:
    """Mirror THNN SpatialAdaptiveMaxPooling_updateGradInput: gradOutput to each maximum.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., oH, oW)``.
        gradInput: contiguous, shaped like ``input``, overwritten.
        indices: the forward's ``(2, ..., oH, oW)`` window offsets.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    iH, iW = input.shape[-2:]
    oH, oW = gradOutput.shape[-2:]
    ys, _ = _bounds(xp, oH, iH, False)
    xs, _ = _bounds(xp, oW, iW, False)
    pos = (ys[:, None] + indices[0] - 1) * iW + (xs[None, :] + indices[1] - 1)
    nplanes = gradInput.size // (iH * iW)
    flat = pos.reshape(nplanes, -1) + (xp.arange(nplanes) * (iH * iW))[:, None]
    acc = xp.bincount(flat.reshape(-1), weights=gradOutput.reshape(-1), minlength=gradInput.size)
    gradInput[...] = acc[: gradInput.size].reshape(gradInput.shape)
    return gradInput


@kernel
def SpatialAdaptiveAveragePooling_updateOutput(
    input: Any, output: Any, owidth: int, oheight: int
) -> Any:
    """Mirror THNN SpatialAdaptiveAveragePooling_updateOutput: window sums / kW / kH.

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``.
        output: ``(..., oheight, owidth)``, overwritten.
        owidth, oheight: output size.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    if output.shape[-2:] != (oheight, owidth) or output.shape[:-2] != input.shape[:-2]:
        raise ShapeError(
            f"SpatialAdaptiveAveragePooling_updateOutput: input has shape "
            f"{tuple(input.shape)} but output has shape {tuple(output.shape)}"
        )
    output.fill(0)
    for _, _, vals, valid in _windows(xp, input, oheight, owidth, True):
        # taps outside a window add +0: the sum starts at +0, is never -0, so it is unchanged
        # (a masked copy, as cupy's ufuncs take no where=; vals is a fresh gather)
        xp.copyto(vals, 0, where=~valid)
        xp.add(output, vals, out=output)
    _, kh = _bounds(xp, oheight, input.shape[-2], True)
    _, kw = _bounds(xp, owidth, input.shape[-1], True)
    xp.divide(output, kw.astype(output.dtype)[None, :], out=output)
    xp.divide(output, kh.astype(output.dtype)[:, None], out=output)
    return output


@kernel
def SpatialAdaptiveAveragePooling_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any
) -> Any:
    """Mirror THNN SpatialAdaptiveAveragePooling_updateGradInput.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., oH, oW)``.
        gradInput: shaped like ``input``, overwritten.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    (iH, iW), (oH, oW) = input.shape[-2:], gradOutput.shape[-2:]
    ys, kh = _bounds(xp, oH, iH, True)
    xs, kw = _bounds(xp, oW, iW, True)
    dt = gradOutput.dtype
    scaled = gradOutput / kw.astype(dt)[None, :] / kh.astype(dt)[:, None]
    # one-hot window membership matrices: rows (iH, oH) and columns (oW, iW)
    rh = ((xp.arange(iH)[:, None] >= ys) & (xp.arange(iH)[:, None] < ys + kh)).astype(dt)
    rw = (xp.arange(iW)[None, :] >= xs[:, None]) & (xp.arange(iW)[None, :] < (xs + kw)[:, None])
    xp.matmul(xp.matmul(rh, scaled), rw.astype(dt), out=gradInput)
    return gradInput


def _unpool_positions(xp: Any, indices: Any, oheight: int, owidth: int) -> Any:
    """Flat positions in the unpooled array of every pooled element; checks the indices."""
    plane = oheight * owidth
    nplanes = indices.size // (indices.shape[-2] * indices.shape[-1])
    idx = indices.reshape(nplanes, -1) - 1
    if idx.size and (int(idx.min()) < 0 or int(idx.max()) >= plane):
        raise ShapeError(
            f"SpatialMaxUnpooling: invalid max index (indices must lie in 1..{plane})"
        )
    return (idx + (xp.arange(nplanes) * plane)[:, None]).reshape(-1)


@kernel
def SpatialMaxUnpooling_updateOutput(
    input: Any, output: Any, indices: Any, owidth: int, oheight: int
) -> Any:
    """Mirror THNN SpatialMaxUnpooling_updateOutput: put each value back at its max position.

    Args:
        input: ``(..., h, w)`` pooled values; indices: same shape (SpatialMaxPooling layout).
        output: ``(..., oheight, owidth)``, overwritten (zeros elsewhere).
        owidth, oheight: size of the unpooled planes.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    if input.shape != indices.shape:
        raise ShapeError(
            f"SpatialMaxUnpooling_updateOutput: input has shape {tuple(input.shape)} but "
            f"indices have shape {tuple(indices.shape)}"
        )
    pos = _unpool_positions(xp, indices, oheight, owidth)
    if output.flags.c_contiguous:  # reshape gives a view: scatter in place
        flat = output.reshape(-1)
        flat.fill(0)
        flat[pos] = input.reshape(-1)
    else:  # a reshape would copy: scatter into a temporary, then assign
        flat = xp.zeros(output.size, output.dtype)
        flat[pos] = input.reshape(-1)
        output[...] = flat.reshape(output.shape)
    return output


@kernel
def SpatialMaxUnpooling_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, indices: Any, owidth: int, oheight: int
) -> Any:
    """Mirror THNN SpatialMaxUnpooling_updateGradInput: read gradOutput at the max positions.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., oheight, owidth)``.
        gradInput: shaped like ``input``, overwritten; indices, owidth, oheight: as forward.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    pos = _unpool_positions(xp, indices, oheight, owidth)
    gradInput[...] = gradOutput.reshape(-1)[pos].reshape(gradInput.shape)
    return gradInput
