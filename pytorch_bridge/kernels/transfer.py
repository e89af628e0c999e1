"""Array work of the transfer modules Torch7 wrote in Lua: nn.SoftMin, nn.SoftSign and the
feature-map dropouts (nn.SpatialDropout, nn.VolumetricDropout).

Every kernel writes into arrays the Lua side has already sized, including the buffers
Torch7 keeps on the module. Dropout masks are drawn on the Lua side from the torch
generator, in Torch7's order, and handed in.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel
from .activation import SoftMax_updateGradInput, SoftMax_updateOutput


@kernel
def SoftMin_updateOutput(input: Any, output: Any, mininput: Any) -> Any:
    """nn.SoftMin's forward: ``mininput = -input``, then THNN SoftMax_updateOutput of it."""
    array_module(input).negative(input, out=mininput)
    return SoftMax_updateOutput(mininput, output)


@kernel
def SoftMin_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, output: Any, mininput: Any
) -> Any:
    """nn.SoftMin's backward: minus THNN SoftMax_updateGradInput at ``mininput = -input``."""
    xp = array_module(input)
    xp.negative(input, out=mininput)
    SoftMax_updateGradInput(mininput, gradOutput.reshape(output.shape), gradInput, output)
    return xp.negative(gradInput, out=gradInput)


@kernel
def SoftSign_updateOutput(input: Any, output: Any, temp: Any) -> Any:
    """nn.SoftSign's forward: ``temp = 1 + |x|``, ``output = x / temp``; any shape."""
    xp = array_module(input)
    xp.add(xp.abs(input), 1, out=temp)
    return xp.divide(input, temp, out=output)


@kernel
def SoftSign_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, tempgrad: Any) -> Any:
    """nn.SoftSign's backward: ``tempgrad = (1 + |x|)^2``, ``gradInput = gradOutput / tempgrad``.

    ``tempgrad`` is a buffer sized like ``input``.
    """
    xp = array_module(input)
    xp.add(xp.abs(input), 1, out=tempgrad)
    xp.multiply(tempgrad, tempgrad, out=tempgrad)
    return xp.divide(gradOutput.reshape(input.shape), tempgrad, out=gradInput)


@kernel
def FeatureDropout_updateOutput(
    input: Any, output: Any, noise: Any, p: float, masked: bool
) -> Any:
    """nn.SpatialDropout / nn.VolumetricDropout forward: one keep-mask value per feature map.

    Args:
        input: ``(batch, features, ...)`` or ``(features, ...)``.
        output: sized like ``input``.
        noise: the 0/1 mask with ``input``'s leading sizes and 1 elsewhere
            (e.g. ``(batch, features, 1, 1)``), broadcast over each map.
        p: drop probability; without the mask the output is ``input * (1 - p)``.
        masked: apply the mask (training, or stochastic inference).

    Returns:
        ``output``.
    """
    xp = array_module(input)
    if masked:
        if noise.ndim != input.ndim:
            raise ShapeError(
                f"FeatureDropout_updateOutput: noise has shape {tuple(noise.shape)} but input "
                f"has shape {tuple(input.shape)}"
            )
        return xp.multiply(input, noise, out=output)
    return xp.multiply(input, input.dtype.type(1 - p), out=output)


@kernel
def FeatureDropout_updateGradInput(gradOutput: Any, gradInput: Any, noise: Any) -> Any:
    """nn.SpatialDropout / nn.VolumetricDropout backward: ``gradOutput`` times the map mask."""
    xp = array_module(gradOutput)
    return xp.multiply(gradOutput, noise, out=gradInput)
