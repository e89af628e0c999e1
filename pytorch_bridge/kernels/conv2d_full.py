"""Full (transposed) spatial convolution kernels (THNN's SpatialFullConvolution).

Arrays: ``input`` is ``([B,] Cin, H, W)``; ``weight`` is ``(Cin, Cout, kH, kW)``; ``bias``
is ``(Cout,)`` or None; ``output``/``gradOutput`` are ``([B,] Cout, oH, oW)`` with
``oH = (H - 1) * dH - 2 * padH + kH + adjH``. ``columns``/``ones`` (the module's ``finput``
and ``fgradInput``) are scratch buffers; see :mod:`._convnd` for the buffer protocol.
"""

from __future__ import annotations

from typing import Any

from ..errors import ShapeError
from . import kernel
from ._convnd import Need
from ._convrun import full_backward_input, full_backward_params, full_forward


@kernel
def SpatialFullConvolution_updateOutput(
    input: Any,
    output: Any,
    weight: Any,
    bias: Any | None,
    columns: Any,
    ones: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    adjW: int,
    adjH: int,
) -> Need:
    """THNN SpatialFullConvolution_updateOutput: output ``([B,] Cout, oH, oW)``."""
    where = "SpatialFullConvolution_updateOutput"
    _check_k(where, weight, kH, kW)
    geo = (dH, dW), (padH, padW), (adjH, adjW)
    return full_forward(where, input, output, weight, bias, columns, ones, geo)


@kernel
def SpatialFullConvolution_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    gradColumns: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    adjW: int,
    adjH: int,
) -> Need:
    """THNN SpatialFullConvolution_updateGradInput: scratch in ``gradColumns``."""
    where = "SpatialFullConvolution_updateGradInput"
    _check_k(where, weight, kH, kW)
    geo = (dH, dW), (padH, padW), (adjH, adjW)
    return full_backward_input(where, input, gradOutput, gradInput, weight, gradColumns, geo)


@kernel
def SpatialFullConvolution_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    columns: Any,
    ones: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    adjW: int,
    adjH: int,
    scale: float,
) -> Need:
    """THNN SpatialFullConvolution_accGradParameters: accumulates ``scale`` times."""
    where = "SpatialFullConvolution_accGradParameters"
    _check_k(where, gradWeight, kH, kW)
    geo = (dH, dW), (padH, padW), (adjH, adjW)
    return full_backward_params(
        where, input, gradOutput, gradWeight, gradBias, columns, ones, geo, scale
    )


def _check_k(where: str, weight: Any, kH: int, kW: int) -> None:
    if weight.ndim != 4 or tuple(weight.shape[2:]) != (kH, kW):
        raise ShapeError(
            f"{where}: weight has shape {tuple(weight.shape)}, expected (Cin, Cout, {kH}, {kW})"
        )
