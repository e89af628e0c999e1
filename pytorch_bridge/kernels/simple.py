"""Kernels of the simple parameterised modules: nn.Add, nn.Mul, nn.CMul, nn.CAdd, and the
reductions and products nn.Sum (nn.Mean), nn.MM and nn.MV.

Torch7 wrote these modules with tensor methods rather than THNN calls; the kernels keep the
module name and the THNN argument order (input, gradOutput, gradInput, parameters, options,
scale). Outputs are arrays the Lua side has already sized; accumulating kernels add into the
gradient arrays they are given.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from ..errors import ShapeError
from . import kernel


def _bcast_shapes(where: str, input: Any, param: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Shapes that make ``input`` and ``param`` broadcast the way nn.CMul / nn.CAdd do.

    Same element count: elementwise. Same number of dimensions: ``param`` broadcasts along its
    size-1 dimensions. Otherwise the first dimension of ``input`` is a batch.
    """
    if input.size == param.size:
        return param.shape, param.shape
    if input.ndim == param.ndim:
        if all(p in (1, n) for p, n in zip(param.shape, input.shape, strict=True)):
            return input.shape, param.shape
        raise ShapeError(
            f"{where}: input of shape {tuple(input.shape)} does not broadcast with a "
            f"parameter of shape {tuple(param.shape)}"
        )
    if input.ndim == 0 or input.size % max(param.size, 1) != 0:
        raise ShapeError(
            f"{where}: input of shape {tuple(input.shape)} does not match a parameter of "
            f"shape {tuple(param.shape)}"
        )
    return (input.shape[0], -1), (1, param.size)


def _sum_to(xp: Any, a: Any, shape: tuple[int, ...]) -> Any:
    """Sum ``a`` over the dimensions where ``shape`` has size 1 and ``a`` does not."""
    axes = tuple(
        d for d, (n, m) in enumerate(zip(shape, a.shape, strict=True)) if n == 1 and m != 1
    )
    return a.sum(axis=axes, keepdims=True) if axes else a


@kernel
def Add_updateOutput(input: Any, output: Any, bias: Any, scalar: bool) -> Any:
    """nn.Add forward: ``output = input + bias``.

    Args:
        input: any shape; with a non-scalar bias, ``bias.size`` elements or a batch of them.
        output: contiguous, shaped like ``input``.
        bias: ``(n,)`` (``(1,)`` when ``scalar``).
        scalar: add ``bias[0]`` to every element.
    """
    xp = array_module(input)
    if scalar:
        return xp.add(input, bias[0], out=output)
    shape = bias.shape if input.size == bias.size else (-1, bias.size)
    xp.add(
        input.reshape(shape),
        bias.reshape(-1) if len(shape) == 2 else bias,
        out=output.reshape(shape),
    )
    return output


@kernel
def Add_accGradParameters(input: Any, gradOutput: Any, gradBias: Any, scale: float) -> None:
    """nn.Add accGradParameters: ``gradBias += scale * gradOutput`` summed over the batch."""
    if gradBias.size == 1:
        gradBias[0] += scale * gradOutput.sum()
    elif gradOutput.size == gradBias.size:
        gradBias += scale * gradOutput.reshape(gradBias.shape)
    else:
        gradBias += scale * gradOutput.reshape(-1, gradBias.size).sum(axis=0).reshape(
            gradBias.shape
        )


@kernel
def Mul_updateOutput(input: Any, output: Any, weight: Any) -> Any:
    """nn.Mul forward: ``output = weight[0] * input``, any shape."""
    xp = array_module(input)
    return xp.multiply(input, weight[0], out=output)


@kernel
def Mul_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, weight: Any) -> Any:
    """nn.Mul updateGradInput: ``gradInput = weight[0] * gradOutput``."""
    xp = array_module(gradOutput)
    return xp.multiply(gradOutput.reshape(gradInput.shape), weight[0], out=gradInput)


@kernel
def Mul_accGradParameters(input: Any, gradOutput: Any, gradWeight: Any, scale: float) -> None:
    """nn.Mul accGradParameters: ``gradWeight[0] += scale * <input, gradOutput>``."""
    xp = array_module(input)
    gradWeight[0] += scale * xp.vdot(input.reshape(-1), gradOutput.reshape(-1))


@kernel
def CMul_updateOutput(input: Any, output: Any, weight: Any) -> Any:
    """nn.CMul forward: ``output = input * weight``, broadcast as :func:`_bcast_shapes` says."""
    xp = array_module(input)
    xs, ws = _bcast_shapes("CMul_updateOutput", input, weight)
    xp.multiply(input.reshape(xs), weight.reshape(ws), out=output.reshape(xs))
    return output


@kernel
def CMul_updateGradInput(input: Any, gradOutput: Any, gradInput: Any, weight: Any) -> Any:
    """nn.CMul updateGradInput: ``gradInput = gradOutput * weight`` (broadcast)."""
    xp = array_module(gradOutput)
    xs, ws = _bcast_shapes("CMul_updateGradInput", input, weight)
    xp.multiply(gradOutput.reshape(xs), weight.reshape(ws), out=gradInput.reshape(xs))
    return gradInput


@kernel
def CMul_accGradParameters(input: Any, gradOutput: Any, gradWeight: Any, scale: float) -> None:
    """nn.CMul accGradParameters: ``gradWeight += scale * input * gradOutput``, summed over
    the dimensions the weight was broadcast along."""
    xp = array_module(input)
    xs, ws = _bcast_shapes("CMul_accGradParameters", input, gradWeight)
    prod = input.reshape(xs) * gradOutput.reshape(xs)
    g = _sum_to(xp, prod, tuple(ws) if len(ws) == prod.ndim else (1, gradWeight.size))
    xp.add(gradWeight, scale * g.reshape(gradWeight.shape), out=gradWeight)


@kernel
def CAdd_updateOutput(input: Any, output: Any, bias: Any) -> Any:
    """nn.CAdd forward: ``output = input + bias``, broadcast as :func:`_bcast_shapes` says."""
    xp = array_module(input)
    xs, bs = _bcast_shapes("CAdd_updateOutput", input, bias)
    xp.add(input.reshape(xs), bias.reshape(bs), out=output.reshape(xs))
    return output


@kernel
def CAdd_accGradParameters(input: Any, gradOutput: Any, gradBias: Any, scale: float) -> None:
    """nn.CAdd accGradParameters: ``gradBias += scale * gradOutput`` summed over the
    dimensions the bias was broadcast along."""
    xp = array_module(gradOutput)
    xs, bs = _bcast_shapes("CAdd_accGradParameters", input, gradBias)
    g = _sum_to(xp, gradOutput.reshape(xs), tuple(bs))
    xp.add(gradBias, scale * g.reshape(gradBias.shape), out=gradBias)


@kernel
def Sum_updateOutput(input: Any, output: Any, dim: int, sizeAverage: bool) -> Any:
    """nn.Sum forward: sum (or mean) of ``input`` over the 0-based ``dim``.

    Args:
        output: shaped like ``input`` with size 1 at ``dim``.
    """
    xp = array_module(input)
    xp.sum(input, axis=int(dim), keepdims=True, out=output)
    if sizeAverage:
        xp.divide(output, input.shape[int(dim)], out=output)
    return output


@kernel
def Sum_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, dim: int, sizeAverage: bool
) -> Any:
    """nn.Sum updateGradInput: ``gradOutput`` repeated along ``dim`` (divided by its size
    when averaging). ``gradOutput`` has the input's elements less ``dim``."""
    xp = array_module(gradOutput)
    shape = list(input.shape)
    shape[int(dim)] = 1
    xp.copyto(gradInput, gradOutput.reshape(shape))
    if sizeAverage:
        xp.divide(gradInput, input.shape[int(dim)], out=gradInput)
    return gradInput
