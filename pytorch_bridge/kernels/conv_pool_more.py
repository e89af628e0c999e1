"""Dilated volumetric kernels (THNN VolumetricDilatedMaxPooling, VolumetricDilatedConvolution).

Arrays: ``input`` is ``(C, iT, iH, iW)`` or ``(N, C, iT, iH, iW)``; outputs keep the leading
dimensions and have ``(oT, oH, oW)`` trailing ones, sized by the Lua side. Window taps sit
``dilation`` positions apart. Max-pooling indices pack the tap numbers of each maximum as
bytes, ``t | h << 8 | w << 16`` (tap numbers inside the full window; 255 where no element
beats ``-inf``). The volumetric convolutions follow the buffer protocol of :mod:`._convnd`.
The depth-wise spatial convolution lives in :mod:`.conv_depthwise`.
"""

from __future__ import annotations

from typing import Any

from . import kernel
from ._convnd import Need
from ._convrun import conv_backward_input, conv_backward_params, conv_forward
from ._pool_taps import taps3d
from .pool3d import max_pool3d, max_pool3d_grad


@kernel
def VolumetricDilatedMaxPooling_updateOutput(
    input: Any,
    output: Any,
    indices: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
    ceilMode: bool,
) -> Any:
    """Mirror THNN VolumetricDilatedMaxPooling_updateOutput: window maxima and packed taps.

    Args:
        input: ``(C, iT, iH, iW)`` or ``(N, C, iT, iH, iW)``.
        output: ``(..., oT, oH, oW)``, overwritten; indices: integers of the same shape.
        kT .. pH: window, stride and padding; dilationT .. dilationH: tap spacing.
        ceilMode: only sized the output.

    Returns:
        ``output``.
    """
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    taps = taps3d(input.shape, output.shape, *geo)
    where = "VolumetricDilatedMaxPooling_updateOutput"
    return max_pool3d(where, input, output, indices, taps)


@kernel
def VolumetricDilatedMaxPooling_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    indices: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
    ceilMode: bool,
) -> Any:
    """Mirror THNN VolumetricDilatedMaxPooling_updateGradInput: gradOutput to each maximum.

    Args:
        input: the forward input (its shape only); gradOutput: ``(..., oT, oH, oW)``.
        gradInput: shaped like ``input``, overwritten.
        indices: the forward's packed taps; the other arguments as in the forward.

    Returns:
        ``gradInput``.
    """
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    taps = taps3d(input.shape, gradOutput.shape, *geo)
    where = "VolumetricDilatedMaxPooling_updateGradInput"
    return max_pool3d_grad(where, gradOutput, gradInput, indices, taps)


@kernel
def VolumetricDilatedConvolution_updateOutput(
    input: Any,
    output: Any,
    weight: Any,
    bias: Any | None,
    columns: Any,
    ones: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
) -> Need:
    """THNN VolumetricDilatedConvolution_updateOutput: weight ``(O, C, kT, kH, kW)``."""
    where = "VolumetricDilatedConvolution_updateOutput"
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    return conv_forward(where, input, output, weight, bias, columns, ones, geo)


@kernel
def VolumetricDilatedConvolution_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    gradColumns: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
) -> Need:
    """THNN VolumetricDilatedConvolution_updateGradInput; scratch in ``gradColumns``."""
    where = "VolumetricDilatedConvolution_updateGradInput"
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    return conv_backward_input(where, input, gradOutput, gradInput, weight, gradColumns, geo)


@kernel
def VolumetricDilatedConvolution_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    columns: Any,
    ones: Any,
    kT: int,
    kW: int,
    kH: int,
    dT: int,
    dW: int,
    dH: int,
    pT: int,
    pW: int,
    pH: int,
    dilationT: int,
    dilationW: int,
    dilationH: int,
    scale: float,
) -> Need:
    """THNN VolumetricDilatedConvolution_accGradParameters: recomputes the input columns."""
    where = "VolumetricDilatedConvolution_accGradParameters"
    geo = (kT, kH, kW), (dT, dH, dW), (pT, pH, pW), (dilationT, dilationH, dilationW)
    return conv_backward_params(
        where, input, gradOutput, gradWeight, gradBias, columns, ones, geo, scale, True
    )
