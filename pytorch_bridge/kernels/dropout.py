"""Dropout kernels (nn.Dropout). The mask itself is drawn on the Lua side, from the
torch random-number generator, exactly where Torch7 drew it."""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import _checks, kernel


@kernel
def Dropout_updateOutput(
    input: Any, output: Any, noise: Any, p: float, v2: bool, masked: bool
) -> Any:
    """Mirror nn.Dropout's forward.

    Args:
        input: any shape.
        output: sized like ``input`` (or ``input`` itself, in place).
        noise: the 0/1 keep-mask, shaped like ``input`` when ``masked``; version 2
            divides it by ``1 - p`` in place, as Torch7 did.
        p: drop probability.
        v2: scale while training (version 2) instead of while evaluating.
        masked: apply the mask (training, or stochastic inference).

    Returns:
        ``output``.
    """
    xp = array_module(input)
    if p > 0 and masked:
        _checks.same_shape("Dropout_updateOutput", "input", input, "noise", noise)
        if v2:
            xp.divide(noise, noise.dtype.type(1 - p), out=noise)
        return xp.multiply(input, noise, out=output)
    if p > 0 and not v2:
        return xp.multiply(input, input.dtype.type(1 - p), out=output)
    xp.copyto(output, input)
    return output


@kernel
def Dropout_updateGradInput(
    gradOutput: Any, gradInput: Any, noise: Any, p: float, v2: bool, train: bool
) -> Any:
    """Mirror nn.Dropout's updateGradInput: mask (training) or scale (version 1, evaluating).

    Args:
        gradOutput: any shape.
        gradInput: sized like ``gradOutput`` (or ``gradOutput`` itself, in place).
        noise: the (scaled) mask of the last training forward.
        p: drop probability.
        v2: version 2 semantics.
        train: the module is in training mode.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    if train and p > 0:
        return xp.multiply(gradOutput, noise, out=gradInput)
    if not train and p > 0 and not v2:
        return xp.multiply(gradOutput, gradOutput.dtype.type(1 - p), out=gradInput)
    xp.copyto(gradInput, gradOutput)
    return gradInput
