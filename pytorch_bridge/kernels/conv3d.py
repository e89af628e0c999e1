"""Volumetric convolution kernels (THNN's VolumetricConvolutionMM, VolumetricFullConvolution).

Arrays: ``input`` is ``([B,] C, T, H, W)``. VolumetricConvolutionMM: ``weight`` is
``(O, C, kT, kH, kW)`` (or ``(O, C*kT*kH*kW)``), output ``([B,] O, oT, oH, oW)``; its forward
and parameter-gradient calls get only ``finput``, which then also holds their scratch.
VolumetricFullConvolution: ``weight`` is ``(Cin, Cout, kT, kH, kW)``, output length
``(T - 1) * dT - 2 * pT + kT + aT`` per dimension. See :mod:`._convnd` for the buffer
protocol.
"""

from __future__ import annotations

from typing import Any

from . import kernel
from ._convnd import Need
from ._convrun import (
    conv_backward_input,
    conv_backward_params,
    conv_forward,
    full_backward_input,
    full_backward_params,
    full_forward,
)


@kernel
def VolumetricConvolutionMM_updateOutput(
    input: Any,
    output: Any,
    weight: Any,
    bias: Any | None,
    finput: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
) -> Need:
    """THNN VolumetricConvolutionMM_updateOutput: columns and scratch in ``finput``."""
    where = "VolumetricConvolutionMM_updateOutput"
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (1, 1, 1)
    return conv_forward(where, input, output, weight, bias, finput, None, geo)


@kernel
def VolumetricConvolutionMM_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    finput: Any,
    fgradInput: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
) -> Need:
    """THNN VolumetricConvolutionMM_updateGradInput: scratch in ``fgradInput``."""
    where = "VolumetricConvolutionMM_updateGradInput"
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (1, 1, 1)
    return conv_backward_input(where, input, gradOutput, gradInput, weight, fgradInput, geo)


@kernel
def VolumetricConvolutionMM_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    finput: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    scale: float,
) -> Need:
    """THNN VolumetricConvolutionMM_accGradParameters: reads the forward call's columns."""
    where = "VolumetricConvolutionMM_accGradParameters"
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (1, 1, 1)
    return conv_backward_params(
        where, input, gradOutput, gradWeight, gradBias, finput, None, geo, scale, False
    )


@kernel
def VolumetricFullConvolution_updateOutput(
    input: Any,
    output: Any,
    weight: Any,
    bias: Any | None,
    finput: Any,
    fgradInput: Any,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    aT: int,
    aW: int,
    aH: int,
) -> Need:
    """THNN VolumetricFullConvolution_updateOutput: kernel size from the weight."""
    where = "VolumetricFullConvolution_updateOutput"
    geo = (dT, dH, dW), (pT, pH, pW), (aT, aH, aW)
    return full_forward(where, input, output, weight, bias, finput, fgradInput, geo)


@kernel
def VolumetricFullConvolution_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    finput: Any,
    fgradInput: Any,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    aT: int,
    aW: int,
    aH: int,
) -> Need:
    """THNN VolumetricFullConvolution_updateGradInput: scratch in ``finput``."""
    where = "VolumetricFullConvolution_updateGradInput"
    geo = (dT, dH, dW), (pT, pH, pW), (aT, aH, aW)
    return full_backward_input(where, input, gradOutput, gradInput, weight, finput, geo)


@kernel
def VolumetricFullConvolution_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    finput: Any,
    fgradInput: Any,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    aT: int,
    aW: int,
    aH: int,
    scale: float,
) -> Need:
    """THNN VolumetricFullConvolution_accGradParameters: accumulates ``scale`` times."""
    where = "VolumetricFullConvolution_accGradParameters"
    geo = (dT, dH, dW), (pT, pH, pW), (aT, aH, aW)
    return full_backward_params(
        where, input, gradOutput, gradWeight, gradBias, finput, fgradInput, geo, scale
    )
