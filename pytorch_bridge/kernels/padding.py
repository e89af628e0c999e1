"""Spatial padding kernels (nn.SpatialZeroPadding, THNN SpatialReflectionPadding and
SpatialReplicationPadding).

Arrays: ``input`` is ``(C, iH, iW)`` or ``(N, C, iH, iW)``; the output has
``oH = iH + pad_t + pad_b`` and ``oW = iW + pad_l + pad_r`` (negative pads crop). Each output
row/column reads one input row/column, given by an index vector built once per call; the
backward sums gradOutput into gradInput with two small one-hot matrix products.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from .indexing import take_checked


def _source(xp: Any, n: int, lo: int, hi: int, mode: str) -> Any:
    """For each of the ``n + lo + hi`` output positions, the input position THNN reads."""
    j = xp.arange(n + lo + hi)
    if mode == "reflect":
        ip = xp.where(j < lo, 2 * lo - j, xp.where(j < n + lo, j, 2 * (n + lo - 1) - j))
    else:
        ip = xp.clip(j, lo, n + lo - 1)
    return ip - max(0, lo) + max(0, -lo)


def _check(where: str, input: Any, out: Any, pads: tuple[int, int, int, int]) -> None:
    pad_l, pad_r, pad_t, pad_b = pads
    want = input.shape[:-2] + (input.shape[-2] + pad_t + pad_b, input.shape[-1] + pad_l + pad_r)
    if input.ndim not in (3, 4) or tuple(out.shape) != want:
        raise ShapeError(
            f"{where}: input has shape {tuple(input.shape)} but the padded array has shape "
            f"{tuple(out.shape)} (pads l={pad_l} r={pad_r} t={pad_t} b={pad_b})"
        )


def _pad_forward(where: str, mode: str, input: Any, output: Any, pads: Any) -> Any:
    xp = array_module(input)
    _check(where, input, output, pads)
    rows = _source(xp, input.shape[-2], pads[2], pads[3], mode)
    cols = _source(xp, input.shape[-1], pads[0], pads[1], mode)
    if (
        (rows < 0).any()
        or (rows >= input.shape[-2]).any()
        or (cols < 0).any()
        or (cols >= input.shape[-1]).any()
    ):
        raise ShapeError(f"{where}: padding too large for input of shape {tuple(input.shape)}")
    take_checked(xp, xp.take(input, rows, axis=-2), cols, -1, output)
    return output


def _pad_backward(mode: str, input: Any, gradOutput: Any, gradInput: Any, pads: Any) -> Any:
    xp = array_module(gradOutput)
    _check("padding updateGradInput", input, gradOutput, pads)
    iH, iW = input.shape[-2:]
    rows = _source(xp, iH, pads[2], pads[3], mode)
    cols = _source(xp, iW, pads[0], pads[1], mode)
    ph = (rows[None, :] == xp.arange(iH)[:, None]).astype(gradOutput.dtype)
    pw = (cols[:, None] == xp.arange(iW)[None, :]).astype(gradOutput.dtype)
    xp.matmul(xp.matmul(ph, gradOutput), pw, out=gradInput)
    return gradInput


@kernel
def SpatialReflectionPadding_updateOutput(
    input: Any, output: Any, pad_l: int, pad_r: int, pad_t: int, pad_b: int
) -> Any:
    """Mirror THNN SpatialReflectionPadding_updateOutput (mirror without repeating the edge).

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``; output: the padded shape, overwritten.
        pad_l, pad_r, pad_t, pad_b: pads (each smaller than the input side).

    Returns:
        ``output``.
    """
    pads = (pad_l, pad_r, pad_t, pad_b)
    return _pad_forward("SpatialReflectionPadding_updateOutput", "reflect", input, output, pads)


@kernel
def SpatialReflectionPadding_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, pad_l: int, pad_r: int, pad_t: int, pad_b: int
) -> Any:
    """Mirror THNN SpatialReflectionPadding_updateGradInput: sum gradOutput onto its sources.

    Args:
        input: the forward input (its shape only); gradOutput: the padded shape.
        gradInput: shaped like ``input``, overwritten.
        pad_l, pad_r, pad_t, pad_b: as in the forward.

    Returns:
        ``gradInput``.
    """
    return _pad_backward("reflect", input, gradOutput, gradInput, (pad_l, pad_r, pad_t, pad_b))


@kernel
def SpatialReplicationPadding_updateOutput(
    input: Any, output: Any, pad_l: int, pad_r: int, pad_t: int, pad_b: int
) -> Any:
    """Mirror THNN SpatialReplicationPadding_updateOutput (repeat the edge rows and columns).

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``; output: the padded shape, overwritten.
        pad_l, pad_r, pad_t, pad_b: pads.

    Returns:
        ``output``.
    """
    pads = (pad_l, pad_r, pad_t, pad_b)
    return _pad_forward("SpatialReplicationPadding_updateOutput", "edge", input, output, pads)


@kernel
def SpatialReplicationPadding_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, pad_l: int, pad_r: int, pad_t: int, pad_b: int
) -> Any:
    """Mirror THNN SpatialReplicationPadding_updateGradInput: sum gradOutput onto the edges.

    Args:
        input: the forward input (its shape only); gradOutput: the padded shape.
        gradInput: shaped like ``input``, overwritten.
        pad_l, pad_r, pad_t, pad_b: as in the forward.

    Returns:
        ``gradInput``.
    """
    return _pad_backward("edge", input, gradOutput, gradInput, (pad_l, pad_r, pad_t, pad_b))


def _zero_crop(input: Any, out: Any, pads: tuple[int, int, int, int]) -> tuple[Any, Any]:
    """The views of ``input`` and of the padded array that hold the same pixels."""
    pad_l, pad_r, pad_t, pad_b = pads
    ih, iw = input.shape[-2:]
    src = input[..., max(0, -pad_t) : ih - max(0, -pad_b), max(0, -pad_l) : iw - max(0, -pad_r)]
    oh, ow = out.shape[-2:]
    dst = out[..., max(0, pad_t) : oh - max(0, pad_b), max(0, pad_l) : ow - max(0, pad_r)]
    return src, dst


@kernel
def SpatialZeroPadding_updateOutput(
    input: Any, output: Any, pad_l: int, pad_r: int, pad_t: int, pad_b: int
) -> Any:
    """Mirror nn.SpatialZeroPadding's forward: zeros around the input (negative pads crop).

    Args:
        input: ``(C, iH, iW)`` or ``(N, C, iH, iW)``; output: the padded shape, overwritten.
        pad_l, pad_r, pad_t, pad_b: pads.

    Returns:
        ``output``.
    """
    pads = (pad_l, pad_r, pad_t, pad_b)
    _check("SpatialZeroPadding_updateOutput", input, output, pads)
    output.fill(0)
    src, dst = _zero_crop(input, output, pads)
    dst[...] = src
    return output


@kernel
def SpatialZeroPadding_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, pad_l: int, pad_r: int, pad_t: int, pad_b: int
) -> Any:
    """Mirror nn.SpatialZeroPadding's backward: the gradOutput of the input's pixels.

    Args:
        input: the forward input (its shape only); gradOutput: the padded shape.
        gradInput: shaped like ``input``, overwritten (cropped pixels get 0).
        pad_l, pad_r, pad_t, pad_b: as in the forward.

    Returns:
        ``gradInput``.
    """
    pads = (pad_l, pad_r, pad_t, pad_b)
    _check("SpatialZeroPadding_updateGradInput", input, gradOutput, pads)
    gradInput.fill(0)
    dst, src = _zero_crop(gradInput, gradOutput, pads)
    dst[...] = src
    return gradInput
