"""Transfer-function kernels: THNN's Tanh, Sigmoid, Threshold, HardTanh, ELU, LeakyReLU,
SoftMax and LogSoftMax, without the state argument.

Every kernel writes into arrays the Lua side has already sized like ``input``. For the
``inplace`` variants the Lua side makes ``output`` (or ``gradInput``) a view of ``input``
(or ``gradOutput``) first; the kernels read what they need before writing, so aliasing is
safe. Sums and exponentials of the soft-max family are taken in float64 (THNN's accreal).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..backend import array_module
from ..errors import ShapeError
from . import kernel

_F64 = np.float64


@kernel
def Tanh_updateOutput(input: Any, output: Any) -> Any:
    """Mirror THNN Tanh_updateOutput: ``output = tanh(input)``, any shape."""
    xp = array_module(input)
    return xp.tanh(input, out=output)


@kernel
def Tanh_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, output: Any) -> Any:
    """Mirror THNN Tanh_updateGradInput: ``gradInput = gradOutput * (1 - output^2)``."""
    xp = array_module(output)
    return xp.multiply(gradOutput, 1 - output * output, out=gradInput)


@kernel
def Sigmoid_updateOutput(input: Any, output: Any) -> Any:
    """Mirror THNN Sigmoid_updateOutput: ``output = 1 / (1 + exp(-input))``, any shape."""
    xp = array_module(input)
    with np.errstate(over="ignore"):
        xp.negative(input, out=output)
        xp.exp(output, out=output)
    xp.add(output, 1, out=output)
    return xp.reciprocal(output, out=output)


@kernel
def Sigmoid_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, output: Any) -> Any:
    """Mirror THNN Sigmoid_updateGradInput: ``gradInput = gradOutput * (1 - output) * output``."""
    xp = array_module(output)
    return xp.multiply(gradOutput * (1 - output), output, out=gradInput)


def _bits(a: Any) -> Any:
    """``a`` viewed as signed integers of its item size (its bit patterns)."""
    return a.view(f"i{a.dtype.itemsize}")


def _keep_where(xp: Any, src: Any, mask: Any, dst: Any) -> Any:
    """``dst = src`` where ``mask``, else ``+0.0``, bit for bit (NaN and -0.0 included).

    Multiplying the bit patterns by the 0/1 mask is branch-free and many times faster than a
    masked copy; ``dst`` may be ``src`` itself.
    """
    xp.multiply(_bits(src), mask, out=_bits(dst))
    return dst


def _is_plus_zero(v: float) -> bool:
    """True for ``+0.0`` (and integer 0), False for ``-0.0`` and anything else."""
    return v == 0 and math.copysign(1.0, v) > 0


@kernel
def Threshold_updateOutput(
    input: Any, output: Any, threshold: float, val: float, inplace: bool
) -> Any:
    """Mirror THNN Threshold_updateOutput: ``input`` where ``input > threshold``, else ``val``."""
    xp = array_module(input)
    above = input > threshold
    if val == 0 and input.dtype.kind == "f":
        if _is_plus_zero(val):
            return _keep_where(xp, input, above, output)
        # -0.0 is +0.0 kept from -input, then negated: cupy stores a written -0.0 as +0.0
        xp.negative(input, out=output)
        _keep_where(xp, output, above, output)
        return xp.negative(output, out=output)
    xp.copyto(output, input)
    output[~above] = val
    return output


@kernel
def Threshold_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, threshold: float, val: float, inplace: bool
) -> Any:
    """Mirror THNN Threshold_updateGradInput: ``gradOutput`` where ``input > threshold``.

    Elsewhere the gradient is 0.
    """
    xp = array_module(input)
    above = input > threshold
    if gradOutput.dtype.kind == "f":
        return _keep_where(xp, gradOutput, above, gradInput)
    xp.copyto(gradInput, gradOutput)
    gradInput[~above] = 0
    return gradInput


@kernel
def HardTanh_updateOutput(
    input: Any, output: Any, min_val: float, max_val: float, inplace: bool
) -> Any:
    """Mirror THNN HardTanh_updateOutput: ``input`` clipped to ``[min_val, max_val]``."""
    xp = array_module(input)
    return xp.clip(input, min_val, max_val, out=output)


@kernel
def HardTanh_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, min_val: float, max_val: float, inplace: bool
) -> Any:
    """Mirror THNN HardTanh_updateGradInput: ``gradOutput`` strictly inside the range, else 0."""
    xp = array_module(input)
    outside = (input <= min_val) | (input >= max_val)
    xp.copyto(gradInput, gradOutput)
    gradInput[outside] = 0
    return gradInput


@kernel
def ELU_updateOutput(input: Any, output: Any, alpha: float, inplace: bool) -> Any:
    """Mirror THNN ELU_updateOutput: ``(exp(x) - 1) * alpha`` where ``x <= 0``, else ``x``."""
    xp = array_module(input)
    with np.errstate(over="ignore"):
        neg = (xp.exp(input) - 1) * input.dtype.type(alpha)
    xp.copyto(output, xp.where(input <= 0, neg, input))
    return output


@kernel
def ELU_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, output: Any, alpha: float, inplace: bool
) -> Any:
    """Mirror THNN ELU_updateGradInput: ``gradOutput * (output + alpha)`` where ``output <= 0``."""
    xp = array_module(output)
    scaled = gradOutput * (output + output.dtype.type(alpha))
    xp.copyto(gradInput, xp.where(output <= 0, scaled, gradOutput))
    return gradInput


@kernel
def LeakyReLU_updateOutput(input: Any, output: Any, negval: float, inplace: bool) -> Any:
    """Mirror THNN LeakyReLU_updateOutput: ``x`` where ``x > 0``, else ``x * negval``."""
    xp = array_module(input)
    xp.copyto(output, xp.where(input > 0, input, input * input.dtype.type(negval)))
    return output


@kernel
def LeakyReLU_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, negval: float, inplace: bool
) -> Any:
    """Mirror THNN LeakyReLU_updateGradInput: ``gradOutput``, times ``negval`` where ``x <= 0``."""
    xp = array_module(input)
    slope = gradOutput * gradOutput.dtype.type(negval)
    xp.copyto(gradInput, xp.where(input > 0, gradOutput, slope))
    return gradInput


def _class_axis(where: str, a: Any) -> int:
    """The soft-max axis THNN uses: 1-D and 3-D inputs axis 0, 2-D and 4-D inputs axis 1."""
    if a.ndim not in (1, 2, 3, 4):
        raise ShapeError(f"{where}: input must be 1D, 2D, 3D or 4D, got shape {tuple(a.shape)}")
    return 0 if a.ndim in (1, 3) else 1


def _shifted_exp(input: Any, axis: int) -> tuple[Any, Any]:
    """Return the per-slice maximum and ``exp(input - max)`` taken in float64."""
    xp = array_module(input)
    top = input.max(axis=axis, keepdims=True)
    return top, xp.exp(input - top, dtype=_F64)


@kernel
def SoftMax_updateOutput(input: Any, output: Any) -> Any:
    """Mirror THNN SoftMax_updateOutput over the class axis (see ``_class_axis``)."""
    axis = _class_axis("SoftMax_updateOutput", input)
    _, e = _shifted_exp(input, axis)
    z = e.astype(input.dtype, copy=False)
    total = z.sum(axis=axis, keepdims=True, dtype=_F64)
    return array_module(input).multiply(z, 1 / total, out=output)


@kernel
def SoftMax_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, output: Any) -> Any:
    """Mirror THNN SoftMax_updateGradInput.

    ``gradInput = output * (gradOutput - sum(gradOutput * output))`` over the class axis.
    """
    axis = _class_axis("SoftMax_updateGradInput", output)
    dot = (gradOutput.astype(_F64, copy=False) * output).sum(axis=axis, keepdims=True)
    return array_module(output).multiply(output, gradOutput - dot, out=gradInput)


@kernel
def LogSoftMax_updateOutput(input: Any, output: Any) -> Any:
    """Mirror THNN LogSoftMax_updateOutput: ``input - (max + log(sum(exp(input - max))))``."""
    xp = array_module(input)
    axis = _class_axis("LogSoftMax_updateOutput", input)
    top, e = _shifted_exp(input, axis)
    logsum = xp.log(e.sum(axis=axis, keepdims=True))
    logsum += top  # in float64, as top + log(sum)
    return xp.subtract(input, logsum, out=output)


@kernel
def LogSoftMax_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, output: Any) -> Any:
    """Mirror THNN LogSoftMax_updateGradInput: ``gradOutput - exp(output) * sum(gradOutput)``."""
    xp = array_module(output)
    axis = _class_axis("LogSoftMax_updateGradInput", output)
    total = gradOutput.sum(axis=axis, keepdims=True, dtype=_F64)
    e = xp.exp(output, dtype=_F64)
    e *= total
    return xp.subtract(gradOutput, e, out=gradInput)
