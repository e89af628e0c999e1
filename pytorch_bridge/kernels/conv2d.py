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
from ._convrun import Need, conv_backward_input, conv_backward_params, conv_forward


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
    return conv_forward(
        "SpatialConvolutionMM_updateOutput",
        input,
        output,
        weight,
        bias,
        finput,
        fgradInput,
        (kH, kW),
        (dH, dW),
        (padH, padW),
        (1, 1),
    )


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
    return conv_backward_input(
        "SpatialConvolutionMM_updateGradInput",
        input,
        gradOutput,
        gradInput,
        weight,
        fgradInput,
        (kH, kW),
        (dH, dW),
        (padH, padW),
        (1, 1),
    )


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
    return conv_backward_params(
        "SpatialConvolutionMM_accGradParameters",
        input,
        gradOutput,
        gradWeight,
        gradBias,
        finput,
        fgradInput,
        (kH, kW),
        (dH, dW),
        (padH, padW),
        (1, 1),
        scale,
        False,
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
    return conv_forward(
        "SpatialDilatedConvolution_updateOutput",
        input,
        output,
        weight,
        bias,
        columns,
        ones,
        (kH, kW),
        (dH, dW),
        (padH, padW),
        (dilationH, dilationW),
    )


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
    return conv_backward_input(
        "SpatialDilatedConvolution_updateGradInput",
        input,
        gradOutput,
        gradInput,
        weight,
        gradColumns,
        (kH, kW),
        (dH, dW),
        (padH, padW),
        (dilationH, dilationW),
    )


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
    return conv_backward_params(
        "SpatialDilatedConvolution_accGradParameters",
        input,
        gradOutput,
        gradWeight,
        gradBias,
        columns,
        ones,
        (kH, kW),
        (dH, dW),
        (padH, padW),
        (dilationH, dilationW),
        scale,
        True,
    )
