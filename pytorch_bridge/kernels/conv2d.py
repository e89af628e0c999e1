"""Spatial convolution kernels (THNN's SpatialConvolutionMM, SpatialDilatedConvolution).

Arrays: ``input`` is ``(C, H, W)`` or ``(B, C, H, W)``; ``weight`` is ``(O, C, kH, kW)`` or
the same numbers as ``(O, C*kH*kW)``; ``bias`` is ``(O,)`` or None; ``output`` and
``gradOutput`` are ``([B,] O, oH, oW)``. ``finput``/``fgradInput`` (``columns``/``ones``)
are the module's scratch buffers; see :mod:`._convnd` for the buffer protocol (a call
returns the element counts it needs when they are too small, None when done).
"""

from __future__ import annotations

from typing import Any

from . import kernel
from ._convnd import Need
from ._convrun import conv_backward_input, conv_backward_params, conv_forward


@kernel
def SpatialConvolutionMM_updateOutput(
    input: Any,
    output: Any,
    weight: Any,
    bias: Any | None,
    finput: Any,
    fgradInput: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
) -> Need:
    """THNN SpatialConvolutionMM_updateOutput: output ``([B,] O, oH, oW)`` from input.

    Columns go to ``finput``; ``fgradInput`` holds the wide output and the padded input.
    """
    where = "SpatialConvolutionMM_updateOutput"
    geo = (kH, kW), (dH, dW), (padH, padW), (1, 1)
    return conv_forward(where, input, output, weight, bias, finput, fgradInput, geo)


@kernel
def SpatialConvolutionMM_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    finput: Any,
    fgradInput: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
) -> Need:
    """THNN SpatialConvolutionMM_updateGradInput: gradInput shaped like input."""
    where = "SpatialConvolutionMM_updateGradInput"
    geo = (kH, kW), (dH, dW), (padH, padW), (1, 1)
    return conv_backward_input(where, input, gradOutput, gradInput, weight, fgradInput, geo)


@kernel
def SpatialConvolutionMM_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    finput: Any,
    fgradInput: Any,
    kW: int,
    kH: int,
    dW: int,
    dH: int,
    padW: int,
    padH: int,
    scale: float,
) -> Need:
    """THNN SpatialConvolutionMM_accGradParameters: uses the forward call's columns."""
    where = "SpatialConvolutionMM_accGradParameters"
    geo = (kH, kW), (dH, dW), (padH, padW), (1, 1)
    return conv_backward_params(
        where, input, gradOutput, gradWeight, gradBias, finput, fgradInput, geo, scale, False
    )


@kernel
def SpatialDilatedConvolution_updateOutput(
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
    dilationW: int,
    dilationH: int,
) -> Need:
    """THNN SpatialDilatedConvolution_updateOutput: weight ``(O, C, kH, kW)``."""
    where = "SpatialDilatedConvolution_updateOutput"
    geo = (kH, kW), (dH, dW), (padH, padW), (dilationH, dilationW)
    return conv_forward(where, input, output, weight, bias, columns, ones, geo)


@kernel
def SpatialDilatedConvolution_updateGradInput(
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
    dilationW: int,
    dilationH: int,
) -> Need:
    """THNN SpatialDilatedConvolution_updateGradInput; scratch in ``gradColumns``."""
    where = "SpatialDilatedConvolution_updateGradInput"
    geo = (kH, kW), (dH, dW), (padH, padW), (dilationH, dilationW)
    return conv_backward_input(where, input, gradOutput, gradInput, weight, gradColumns, geo)


@kernel
def SpatialDilatedConvolution_accGradParameters(
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
    dilationW: int,
    dilationH: int,
    scale: float,
) -> Need:
    """THNN SpatialDilatedConvolution_accGradParameters: recomputes the input columns."""
    where = "SpatialDilatedConvolution_accGradParameters"
    geo = (kH, kW), (dH, dW), (padH, padW), (dilationH, dilationW)
    return conv_backward_params(
        where, input, gradOutput, gradWeight, gradBias, columns, ones, geo, scale, True
    )
