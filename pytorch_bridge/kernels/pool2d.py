"""Spatial max pooling kernels (THNN SpatialMaxPooling; average pooling is in pool2d_avg.py).

Arrays: ``input`` is ``(C, iH, iW)`` or ``(N, C, iH, iW)``; outputs have the same leading
dimensions and ``(oH, oW)`` trailing ones, sized by the Lua side. Windows are visited one tap
at a time, each tap one strided view of the input: no Python loop over pixels or batch items.

Max-pooling indices keep Torch7's layout: for every output element the 1-based flat position
``y * iW + x + 1`` of its maximum inside its input plane, the first maximum in row-major window
order (0 when no element beats ``-inf``, as THNN's ``val > maxval`` scan gives).
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from ._pool_taps import check_out, taps


def _max_tiled(xp: Any, input: Any, output: Any, indices: Any, kH: int, kW: int) -> bool:
    """Max pooling over windows that tile the input exactly (stride = window, no padding).

    Columns first, then rows, each a tournament where a later tap wins only when strictly
    greater, which is THNN's row-major first maximum. Winners are tracked arithmetically
    (masked copies are far slower in numpy). Leaves ``indices`` holding the offset
    ``ky * iW + kx`` inside the window. Returns False (results unusable) when NaNs appear.
    """
    iW = input.shape[-1]
    rows = xp.empty(input.shape[:-1] + (output.shape[-1],), dtype=input.dtype)
    rk = xp.zeros(rows.shape, dtype=xp.int32)
    mask = xp.empty(rows.shape, dtype=bool)
    step = xp.empty(rows.shape, dtype=xp.int32)
    rows[...] = input[..., 0::kW]
    for t in range(1, kW):
        src = input[..., t::kW]
        xp.greater(src, rows, out=mask)
        xp.maximum(rows, src, out=rows)
        xp.subtract(t, rk, out=step)  # rk = mask ? t : rk
        xp.multiply(step, mask, out=step)
        rk += step
    output[...] = rows[..., 0::kH, :]
    code, ostep, omask = rk[..., 0::kH, :].copy(), step[..., 0::kH, :], mask[..., 0::kH, :]
    for t in range(1, kH):
        src = rows[..., t::kH, :]
        xp.greater(src, output, out=omask)
        xp.maximum(output, src, out=output)
        xp.add(rk[..., t::kH, :], t * iW, out=ostep)  # code = omask ? rk_t + t * iW : code
        ostep -= code
        ostep *= omask
        code += ostep
    indices[...] = code
    return not bool(xp.isnan(output).any())


def _max_2x2(xp: Any, input: Any, output: Any, indices: Any) -> bool:
    """Max pooling over 2x2 windows that tile the input (the common case), without masked copies.

    The first maximum in row-major window order wins, as in ``_max_tiled``: ``b`` beats ``a``
    and ``d`` beats ``c`` only when strictly greater, then the bottom row only when its
    maximum is strictly greater. Writes the final 1-based indices. Returns False (results
    unusable) when a window holds NaN or only -inf.
    """
    (oH, oW), iW = output.shape[-2:], input.shape[-1]
    a, b = input[..., 0::2, 0::2], input[..., 0::2, 1::2]
    c, d = input[..., 1::2, 0::2], input[..., 1::2, 1::2]
    right_top, right_bottom = b > a, d > c
    top = xp.maximum(a, b)
    bottom = xp.maximum(c, d)
    lower = bottom > top
    xp.maximum(top, bottom, out=output)
    # ky * iW + kx = right_top + lower * (iW + right_bottom - right_top)
    step = xp.subtract(right_bottom, right_top, dtype=xp.int32)
    step += iW
    step *= lower
    step += right_top
    xp.add(step, (xp.arange(oH) * (2 * iW))[:, None] + (xp.arange(oW) * 2 + 1), out=indices)
    return bool((output > -xp.inf).all())


def _max_general(xp: Any, input: Any, output: Any, indices: Any, k: Any, d: Any, pad: Any) -> None:
    """Max pooling for any window, stride and padding; NaNs are never a maximum.

    Maxima come from NaN-ignoring ``fmax`` over rows, then columns; each index is the first
    tap in row-major window order equal to the maximum. Leaves ``indices`` holding the offset
    ``ky * iW + kx`` inside the window.
    """
    (iH, iW), (oH, oW) = input.shape[-2:], output.shape[-2:]
    taps_h = list(taps(oH, iH, k[0], d[0], pad[0]))
    taps_w = list(taps(oW, iW, k[1], d[1], pad[1]))
    rows = xp.full(input.shape[:-2] + (oH, iW), -xp.inf, dtype=input.dtype)
    for _, i0, i1, sy in taps_h:
        xp.fmax(rows[..., i0:i1, :], input[..., sy, :], out=rows[..., i0:i1, :])
    output.fill(-xp.inf)
    for _, j0, j1, sx in taps_w:
        xp.fmax(output[..., j0:j1], rows[..., sx], out=output[..., j0:j1])
    mask = xp.empty(output.shape, dtype=bool)
    indices.fill(0)
    for ty, i0, i1, sy in reversed(taps_h):
        for tx, j0, j1, sx in reversed(taps_w):
            oi = (..., slice(i0, i1), slice(j0, j1))
            xp.equal(input[..., sy, sx], output[oi], out=mask[oi])
            xp.copyto(indices[oi], ty * iW + tx, where=mask[oi])


@kernel
def SpatialMaxPooling_updateOutput(
    input: Any,
    output: Any,
    indices: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    ceil_mode: bool,
) -> Any:
    """Mirror THNN SpatialMaxPooling_updateOutput: window maxima and their 1-based positions.

    Ties and NaNs resolve as THNN's ``val > maxval`` scan resolves them: the first maximum
    in row-major window order, NaNs never.

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``, any strides.
        output: ``(..., oH, oW)`` float array, overwritten.
        indices: integer array shaped like ``output``, overwritten (Torch7 layout).
        kW, kH, dW, dH, padW, padH: window, stride and padding; ceil_mode only sized output.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    check_out("SpatialMaxPooling_updateOutput", input, output)
    (iH, iW), (oH, oW) = input.shape[-2:], output.shape[-2:]
    tiled = (kW, kH, padW, padH) == (dW, dH, 0, 0) and (iH, iW) == (oH * kH, oW * kW)
    if tiled and (kH, kW) == (2, 2) and _max_2x2(xp, input, output, indices):
        return output
    if not (tiled and _max_tiled(xp, input, output, indices, kH, kW)):
        _max_general(xp, input, output, indices, (kH, kW), (dH, dW), (padH, padW))
    base = (xp.arange(oH) * dH - padH)[:, None] * iW + (xp.arange(oW) * dW - padW + 1)
    indices += base.astype(indices.dtype)  # broadcast over planes; works on any strides
    empty = ~(output > -xp.inf)  # windows of NaN / -inf only: THNN keeps -inf and index 0
    if empty.any():
        output[empty] = -xp.inf
        indices[empty] = 0
    return output


def _scatter_planes(xp: Any, gradInput: Any, gradOutput: Any, index: Any, unique: bool) -> None:
    """gradInput[plane, index - 1] += gradOutput, per plane; index 0 entries are dropped."""
    plane = gradInput.shape[-2] * gradInput.shape[-1]
    total = gradInput.size
    nplanes = total // plane
    flat = index.reshape(nplanes, -1) - 1
    missing = flat < 0
    flat = flat + (xp.arange(nplanes) * plane)[:, None]
    go = gradOutput.reshape(nplanes, -1)
    # reshape(-1) of a non-contiguous gradInput would be a copy: fill a flat buffer instead
    gi = (
        gradInput.reshape(-1) if gradInput.flags.c_contiguous else xp.empty(total, gradInput.dtype)
    )
    if unique and not bool(missing.any()):
        gi.fill(0)
        gi[flat.reshape(-1)] = go.reshape(-1)
    else:
        flat[missing] = total
        gi[...] = xp.bincount(flat.reshape(-1), weights=go.reshape(-1), minlength=total + 1)[
            :total
        ]
    if not gradInput.flags.c_contiguous:
        gradInput[...] = gi.reshape(gradInput.shape)


@kernel
def SpatialMaxPooling_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    indices: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    ceil_mode: bool,
) -> Any:
    """Mirror THNN SpatialMaxPooling_updateGradInput: route gradOutput to each window maximum.

    Args:
        input: the forward input (its shape only).
        gradOutput: ``(..., oH, oW)``.
        gradInput: contiguous array shaped like ``input``, overwritten.
        indices: the forward's indices (Torch7 layout).
        kW, kH, dW, dH, padW, padH, ceil_mode: as in the forward.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    if gradOutput.shape != indices.shape or gradInput.shape != input.shape:
        raise ShapeError(
            f"SpatialMaxPooling_updateGradInput: gradOutput has shape {tuple(gradOutput.shape)} "
            f"but indices have shape {tuple(indices.shape)}"
        )
    _scatter_planes(xp, gradInput, gradOutput, indices, dW >= kW and dH >= kH)
    return gradInput
