"""More transfer-function kernels: THNN's HardShrink, SoftShrink, SoftPlus, LogSigmoid, PReLU
and RReLU, without the state argument.

Every kernel writes into arrays the Lua side has already sized like ``input``. Random
numbers never come from here: RReLU's slopes are drawn on the Lua side from the torch
generator, in Torch7's order, and handed in as an array.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import array_module
from ..errors import ShapeError
from . import kernel


@kernel
def HardShrink_updateOutput(input: Any, output: Any, lambda_: float) -> Any:
    """Mirror THNN HardShrink_updateOutput: ``x`` where ``|x| > lambda``, else 0; any shape."""
    xp = array_module(input)
    lam = input.dtype.type(lambda_)
    xp.copyto(output, xp.where((input > lam) | (input < -lam), input, 0))
    return output


@kernel
def HardShrink_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, lambda_: float) -> Any:
    """Mirror THNN HardShrink_updateGradInput: ``gradOutput`` where ``|x| > lambda``, else 0."""
    xp = array_module(input)
    lam = input.dtype.type(lambda_)
    g = gradOutput.reshape(input.shape)
    xp.copyto(gradInput, xp.where((input > lam) | (input < -lam), g, 0))
    return gradInput


@kernel
def SoftShrink_updateOutput(input: Any, output: Any, lambda_: float) -> Any:
    """Mirror THNN SoftShrink_updateOutput: ``x - lambda``, ``x + lambda`` or 0; any shape."""
    xp = array_module(input)
    lam = input.dtype.type(lambda_)
    shrunk = xp.where(input > lam, input - lam, xp.where(input < -lam, input + lam, 0))
    xp.copyto(output, shrunk)
    return output


@kernel
def SoftShrink_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, lambda_: float) -> Any:
    """Mirror THNN SoftShrink_updateGradInput: ``gradOutput`` where ``|x| > lambda``, else 0."""
    return HardShrink_updateGradInput(input, gradOutput, gradInput, lambda_)


@kernel
def SoftPlus_updateOutput(input: Any, output: Any, beta: float, threshold: float) -> Any:
    """Mirror THNN SoftPlus_updateOutput: ``log1p(exp(beta x)) / beta``, ``x`` past threshold."""
    xp = array_module(input)
    b, th = input.dtype.type(beta), input.dtype.type(threshold)
    bx = input * b
    with np.errstate(over="ignore", invalid="ignore"):
        soft = xp.log1p(xp.exp(bx)) / b
    xp.copyto(output, xp.where(bx > th, input, soft))
    return output


@kernel
def SoftPlus_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, output: Any, beta: float, threshold: float
) -> Any:
    """Mirror THNN SoftPlus_updateGradInput: ``gradOutput * (z - 1) / z``, ``z = exp(beta y)``.

    Past the threshold (``beta y > threshold``) the gradient passes unchanged.
    """
    xp = array_module(output)
    b, th = output.dtype.type(beta), output.dtype.type(threshold)
    by = output * b
    g = gradOutput.reshape(output.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        z = xp.exp(by)
        scaled = g * (z - 1) / z
    xp.copyto(gradInput, xp.where(by > th, g, scaled))
    return gradInput


@kernel
def LogSigmoid_updateOutput(input: Any, output: Any, buffer: Any) -> Any:
    """Mirror THNN LogSigmoid_updateOutput: ``-(m + log(z))`` with ``m = max(0, -x)``.

    ``buffer`` (sized like ``input``) receives ``z = exp(-m) + exp(-x - m)``, which the
    backward kernel reads.
    """
    xp = array_module(input)
    m = xp.maximum(-input, 0)
    xp.add(xp.exp(-m), xp.exp(-input - m), out=buffer)
    return xp.negative(m + xp.log(buffer), out=output)


@kernel
def LogSigmoid_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, buffer: Any) -> Any:
    """Mirror THNN LogSigmoid_updateGradInput from the forward's ``buffer``.

    ``gradOutput * (1 - (z - 1) / z)`` where ``x < 0``, else ``gradOutput * (z - 1) / z``.
    """
    xp = array_module(input)
    z = buffer.reshape(input.shape)
    frac = (z - 1) / z
    local = xp.where(input < 0, 1 - frac, frac)
    return xp.multiply(gradOutput.reshape(input.shape), local, out=gradInput)


def _plane_weight(where: str, input: Any, weight: Any, nOutputPlane: int) -> Any:
    """PReLU's weight shaped to broadcast over ``input``'s plane axis (axis 1, or 0 for 1-D)."""
    if nOutputPlane == 0:
        return weight.reshape(-1)[0]
    axis = 1 if input.ndim > 1 else 0
    if input.shape[axis] != nOutputPlane:
        raise ShapeError(
            f"{where}: wrong number of input planes, expected {nOutputPlane} but input has "
            f"shape {tuple(input.shape)}"
        )
    shape = [1] * input.ndim
    shape[axis] = nOutputPlane
    return weight.reshape(shape)


@kernel
def PReLU_updateOutput(input: Any, output: Any, weight: Any, nOutputPlane: int) -> Any:
    """Mirror THNN PReLU_updateOutput: ``x`` where ``x > 0``, else ``w[plane] * x``.

    Args:
        input: any shape; planes on axis 1 (axis 0 for 1-D input).
        output: sized like ``input``.
        weight: ``(nOutputPlane,)``, or one element shared by all when nOutputPlane is 0.
        nOutputPlane: number of planes (0 = one shared slope).

    Returns:
        ``output``.
    """
    xp = array_module(input)
    w = _plane_weight("PReLU_updateOutput", input, weight, int(nOutputPlane))
    xp.copyto(output, xp.where(input > 0, input, input * w))
    return output


@kernel
def PReLU_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, weight: Any, nOutputPlane: int
) -> Any:
    """Mirror THNN PReLU_updateGradInput: ``gradOutput``, times ``w[plane]`` where ``x <= 0``."""
    xp = array_module(input)
    w = _plane_weight("PReLU_updateGradInput", input, weight, int(nOutputPlane))
    g = gradOutput.reshape(input.shape)
    xp.copyto(gradInput, xp.where(input > 0, g, g * w))
    return gradInput


@kernel
def PReLU_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    gradWeight: Any,
    gradWeightBuf: Any,
    gradWeightBuf2: Any,
    nOutputPlane: int,
    scale: float,
) -> Any:
    """Mirror THNN PReLU_accGradParameters: ``gradWeight += scale * sum(x * gradOutput)``.

    The sum runs over the elements with ``x <= 0``, per plane (or over all of them when
    nOutputPlane is 0). The two buffers are kept for THNN's signature and left untouched.

    Returns:
        ``gradWeight``.
    """
    xp = array_module(input)
    g = gradOutput.reshape(input.shape)
    prod = xp.where(input <= 0, input * g, 0)
    s = input.dtype.type(scale)
    if int(nOutputPlane) == 0:
        gradWeight[(0,) * gradWeight.ndim] += s * prod.sum(dtype=input.dtype)
        return gradWeight
    _plane_weight("PReLU_accGradParameters", input, weight, int(nOutputPlane))
    axis = 1 if input.ndim > 1 else 0
    others = tuple(d for d in range(input.ndim) if d != axis)
    gradWeight += (s * prod.sum(axis=others, dtype=input.dtype)).reshape(gradWeight.shape)
    return gradWeight


@kernel
def RReLU_countNonPositive(input: Any) -> int:
    """How many elements of ``input`` are ``<= 0``: the slopes RReLU draws while training."""
    return int((input <= 0).sum())


@kernel
def RReLU_updateOutput(
    input: Any,
    output: Any,
    noise: Any,
    lower: float,
    upper: float,
    train: bool,
    inplace: bool,
    draws: Any | None,
) -> Any:
    """Mirror THNN RReLU_updateOutput, with the random slopes given instead of a generator.

    Args:
        input: any shape.
        output: sized like ``input`` (``input`` itself when ``inplace``).
        noise: sized like ``input`` while training; receives the slope of every element
            (1 where ``x > 0``).
        lower, upper: the slope range; evaluation uses ``(lower + upper) / 2``.
        train: draw-based (training) or fixed-slope (evaluation) mode.
        inplace: ``output`` aliases ``input`` (no effect on the arithmetic).
        draws: while training, the uniform slopes of the elements with ``x <= 0`` in
            row-major order (any array holding that many values first), or None if none.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    neg = input <= 0
    if train:
        n = int(neg.sum())
        slopes = draws.reshape(-1)[:n].copy() if n and draws is not None else None
        noise[...] = 1
        if slopes is not None:
            noise[neg] = slopes
        return xp.multiply(input, noise, out=output)
    t = input.dtype.type
    slope = (t(lower) + t(upper)) / t(2)
    xp.copyto(output, xp.where(neg, input * slope, input))
    return output


@kernel
def RReLU_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    noise: Any,
    lower: float,
    upper: float,
    train: bool,
    inplace: bool,
) -> Any:
    """Mirror THNN RReLU_updateGradInput: ``gradOutput * noise`` while training.

    When evaluating, or when ``upper - lower <= 1e-6``, the slope ``(lower + upper) / 2``
    applies where ``x <= 0``.
    """
    xp = array_module(input)
    g = gradOutput.reshape(input.shape)
    if train and upper - lower > 1e-6:
        return xp.multiply(g, noise.reshape(input.shape), out=gradInput)
    t = input.dtype.type
    slope = (t(lower) + t(upper)) / t(2)
    xp.copyto(gradInput, xp.where(input <= 0, g * slope, g))
    return gradInput
