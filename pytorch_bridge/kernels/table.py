"""Kernels of the table modules that do arithmetic (nn.CAddTable)."""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import _checks, kernel


@kernel
def CAddTable_updateOutput(output: Any, *inputs: Any) -> Any:
    """Mirror nn.CAddTable's forward: ``output = inputs[0] + inputs[1] + ...``, left to right.

    Args:
        output: array sized like ``inputs[0]`` (or ``inputs[0]`` itself, in place).
        inputs: arrays with as many elements as ``output``.

    Returns:
        ``output``.
    """
    xp = array_module(output)
    for x in inputs:
        _checks.same_numel("CAddTable_updateOutput", "output", output, "input", x)
    xp.copyto(output, inputs[0].reshape(output.shape))
    for x in inputs[1:]:
        xp.add(output, x.reshape(output.shape), out=output)
    return output


@kernel
def CAddTable_updateGradInput(gradOutput: Any, *gradInputs: Any) -> None:
    """Mirror nn.CAddTable's updateGradInput: copy ``gradOutput`` into every gradInput.

    Args:
        gradOutput: the gradient of the sum.
        gradInputs: arrays with as many elements as ``gradOutput``, overwritten.
    """
    xp = array_module(gradOutput)
    for g in gradInputs:
        _checks.same_numel("CAddTable_updateGradInput", "gradOutput", gradOutput, "gradInput", g)
        xp.copyto(g, gradOutput.reshape(g.shape))
