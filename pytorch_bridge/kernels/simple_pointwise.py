"""Pointwise kernels of the simple modules: THNN's Abs, Square and Sqrt, and nn.Exp, nn.Log,
nn.Power, nn.MulConstant, nn.AddConstant, nn.GradientReversal and nn.L1Penalty (which Torch7
wrote with tensor methods). Any shape; outputs are arrays sized like the input. For the
in-place forms the Lua side passes the input (or gradOutput) itself as the result."""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import kernel


@kernel
def Exp_updateOutput(input: Any, output: Any) -> Any:
    """nn.Exp forward: ``output = exp(input)``."""
    return array_module(input).exp(input, out=output)


@kernel
def Exp_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, output: Any) -> Any:
    """nn.Exp updateGradInput: ``gradInput = output * gradOutput``."""
    return array_module(output).multiply(output, gradOutput, out=gradInput)


@kernel
def Log_updateOutput(input: Any, output: Any) -> Any:
    """nn.Log forward: ``output = log(input)``."""
    return array_module(input).log(input, out=output)


@kernel
def Log_updateGradInput(input: Any, gradOutput: Any, gradInput: Any) -> Any:
    """nn.Log updateGradInput: ``gradInput = (1 / input) * gradOutput``."""
    xp = array_module(input)
    xp.divide(1, input, out=gradInput)
    return xp.multiply(gradInput, gradOutput, out=gradInput)


@kernel
def Abs_updateOutput(input: Any, output: Any) -> Any:
    """THNN Abs_updateOutput: ``output = |input|``."""
    return array_module(input).abs(input, out=output)


@kernel
def Abs_updateGradInput(input: Any, gradOutput: Any, gradInput: Any) -> Any:
    """THNN Abs_updateGradInput: ``gradOutput`` where ``input >= 0``, its negation elsewhere."""
    xp = array_module(input)
    return xp.multiply(gradOutput, xp.where(input >= 0, 1, -1), out=gradInput)


@kernel
def Power_updateOutput(input: Any, output: Any, pow: float) -> Any:
    """nn.Power forward: ``output = input ^ pow``."""
    return array_module(input).power(input, pow, out=output)


@kernel
def Power_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, pow: float) -> Any:
    """nn.Power updateGradInput: ``gradInput = input ^ (pow - 1) * gradOutput * pow``."""
    xp = array_module(input)
    xp.power(input, pow - 1, out=gradInput)
    xp.multiply(gradInput, gradOutput, out=gradInput)
    return xp.multiply(gradInput, pow, out=gradInput)


@kernel
def Square_updateOutput(input: Any, output: Any) -> Any:
    """THNN Square_updateOutput: ``output = input * input``."""
    return array_module(input).multiply(input, input, out=output)


@kernel
def Square_updateGradInput(input: Any, gradOutput: Any, gradInput: Any) -> Any:
    """THNN Square_updateGradInput: ``gradInput = 2 * gradOutput * input``."""
    xp = array_module(input)
    xp.multiply(gradOutput, 2, out=gradInput)
    return xp.multiply(gradInput, input, out=gradInput)


@kernel
def Sqrt_updateOutput(input: Any, output: Any, eps: float) -> Any:
    """THNN Sqrt_updateOutput: ``output = sqrt(input)`` (THNN ignores ``eps``)."""
    return array_module(input).sqrt(input, out=output)


@kernel
def Sqrt_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, output: Any) -> Any:
    """THNN Sqrt_updateGradInput: ``0.5 * gradOutput / output``, and 0 where ``output`` is 0."""
    xp = array_module(output)
    zero = output == 0
    xp.divide(gradOutput, xp.where(zero, 1, output), out=gradInput)
    xp.multiply(gradInput, 0.5, out=gradInput)
    gradInput[zero] = 0
    return gradInput


@kernel
def MulConstant_updateOutput(input: Any, output: Any, constant: float) -> Any:
    """nn.MulConstant forward: ``output = input * constant`` (``output`` may be ``input``)."""
    return array_module(input).multiply(input, constant, out=output)


@kernel
def MulConstant_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, constant: float, inplace: bool
) -> Any:
    """nn.MulConstant updateGradInput: ``gradInput = gradOutput * constant``; in place,
    ``gradInput`` is ``gradOutput`` and ``input`` gets its value back (divided by constant)."""
    xp = array_module(gradOutput)
    xp.multiply(gradOutput, constant, out=gradInput)
    if inplace:
        xp.divide(input, constant, out=input)
    return gradInput


@kernel
def AddConstant_updateOutput(input: Any, output: Any, constant: Any) -> Any:
    """nn.AddConstant forward: ``output = input + constant``; a vector constant is added to
    every row of a matrix input."""
    return array_module(input).add(input, constant, out=output)


@kernel
def AddConstant_restoreInput(input: Any, constant: Any) -> Any:
    """nn.AddConstant in-place updateGradInput: give ``input`` its value back."""
    return array_module(input).subtract(input, constant, out=input)


@kernel
def GradientReversal_updateGradInput(gradOutput: Any, gradInput: Any, lambda_: float) -> Any:
    """nn.GradientReversal updateGradInput: ``gradInput = -lambda * gradOutput``."""
    return array_module(gradOutput).multiply(gradOutput, -lambda_, out=gradInput)


@kernel
def L1Penalty_updateOutput(input: Any, weight: float) -> float:
    """nn.L1Penalty forward: the loss ``weight * sum(|input|)`` (output is the input)."""
    xp = array_module(input)
    return float(weight * xp.abs(input).sum())


@kernel
def L1Penalty_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, weight: float, provideOutput: bool
) -> Any:
    """nn.L1Penalty updateGradInput: ``sign(input) * weight``, plus ``gradOutput`` when the
    module passes its output on."""
    xp = array_module(input)
    xp.sign(input, out=gradInput)
    xp.multiply(gradInput, weight, out=gradInput)
    if provideOutput:
        xp.add(gradInput, gradOutput, out=gradInput)
    return gradInput
