"""Fully connected layer kernels (what Torch7's nn.Linear computed with BLAS calls).

Arrays: ``input`` is ``(inputSize,)`` or ``(batch, inputSize)``, ``weight`` is
``(outputSize, inputSize)``, ``bias`` is ``(outputSize,)`` or ``None`` (no bias).
Outputs are written into arrays the Lua side has already sized.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import _checks, kernel
from ._accumulate import add_product, product_into


@kernel
def Linear_updateOutput(input: Any, output: Any, weight: Any, bias: Any | None) -> Any:
    """Mirror nn.Linear's forward: ``output = input @ weight.T + bias``.

    Args:
        input: ``(inputSize,)`` or ``(batch, inputSize)``.
        output: ``(outputSize,)`` or ``(batch, outputSize)``, overwritten.
        weight: ``(outputSize, inputSize)``.
        bias: ``(outputSize,)`` or None.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    _checks.ndim_in("Linear_updateOutput", "input", input, (1, 2))
    if input.shape[-1] != weight.shape[1]:
        raise ShapeError(
            f"Linear_updateOutput: input has shape {tuple(input.shape)} but weight has shape "
            f"{tuple(weight.shape)}"
        )
    if input.ndim == 1:
        product_into(xp, weight, input, output)
    else:
        product_into(xp, input, weight.T, output)
    if bias is not None:
        xp.add(output, bias, out=output)
    return output


@kernel
def Linear_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, weight: Any) -> Any:
    """Mirror nn.Linear's updateGradInput: ``gradInput = gradOutput @ weight``.

    Args:
        input: the forward input (only its shape matters).
        gradOutput: ``(outputSize,)`` or ``(batch, outputSize)``.
        gradInput: array shaped like ``input``, overwritten.
        weight: ``(outputSize, inputSize)``.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    if gradOutput.shape[:-1] != input.shape[:-1] or gradOutput.shape[-1] != weight.shape[0]:
        raise ShapeError(
            f"Linear_updateGradInput: gradOutput has shape {tuple(gradOutput.shape)} but input "
            f"has shape {tuple(input.shape)} and weight {tuple(weight.shape)}"
        )
    product_into(xp, gradOutput, weight, gradInput)
    return gradInput


@kernel
def Linear_accGradParameters(
    input: Any, gradOutput: Any, gradWeight: Any, gradBias: Any | None, scale: float
) -> None:
    """Mirror nn.Linear's accGradParameters: accumulate ``scale`` times the gradients.

    Args:
        input: ``(inputSize,)`` or ``(batch, inputSize)``.
        gradOutput: ``(outputSize,)`` or ``(batch, outputSize)``.
        gradWeight: ``(outputSize, inputSize)``, accumulated into.
        gradBias: ``(outputSize,)`` or None, accumulated into.
        scale: factor applied to this call's gradients.
    """
    xp = array_module(input)
    if input.ndim == 1:
        add_product(xp, gradWeight, gradOutput[:, None], input[None, :], scale)
        gb = gradOutput
    else:
        add_product(xp, gradWeight, gradOutput.T, input, scale)
        # one row needs no reduction
        gb = (
            gradOutput[0]
            if gradOutput.shape[0] == 1
            else gradOutput.sum(axis=0, dtype=gradOutput.dtype)
        )
    if gradBias is not None:
        xp.add(gradBias, gb * scale if scale != 1 else gb, out=gradBias)


@kernel
def Linear_backward(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    gradWeight: Any,
    gradBias: Any | None,
    scale: float,
) -> None:
    """nn.Linear's backward: ``Linear_updateGradInput`` then ``Linear_accGradParameters``,
    in one call from Lua."""
    Linear_updateGradInput(input, gradOutput, gradInput, weight)
    Linear_accGradParameters(input, gradOutput, gradWeight, gradBias, scale)
