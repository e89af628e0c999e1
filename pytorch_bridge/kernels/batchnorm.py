"""Batch normalization kernels (THNN BatchNormalization, shared by the 1-D, spatial and
volumetric modules).

Arrays: ``input`` is ``(N, C, ...)``: statistics are per feature ``C`` over every other axis.
Per-feature vectors ``weight``, ``bias`` (or None), ``running_mean``, ``running_var``,
``save_mean`` and ``save_std`` (the inverse standard deviation, as THNN names it) are ``(C,)``.
Sums are accumulated in float64, as THNN's ``accreal``; elementwise terms are rounded to the
tensor's type where THNN rounds them.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import _checks, kernel


def _layout(input: Any) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    """Reduction axes, the broadcast shape of a per-feature vector and the count per feature."""
    axes = (0,) + tuple(range(2, input.ndim))
    shape = (1, input.shape[1]) + (1,) * (input.ndim - 2)
    return axes, shape, input.size // input.shape[1]


def _stats(
    xp: Any,
    input: Any,
    save_mean: Any,
    save_std: Any,
    train: bool,
    running_mean: Any,
    running_var: Any,
    eps: float,
) -> tuple[Any, Any]:
    """The mean and inverse std used to normalize (batch statistics or running ones)."""
    dt = input.dtype
    if not train:
        return running_mean.astype(dt), (1 / xp.sqrt(running_var.astype(xp.float64) + eps))
    return save_mean.astype(dt), save_std.astype(dt)


@kernel
def BatchNormalization_updateOutput(
    input: Any,
    output: Any,
    weight: Any | None,
    bias: Any | None,
    running_mean: Any,
    running_var: Any,
    save_mean: Any,
    save_std: Any,
    train: bool,
    momentum: float,
    eps: float,
) -> Any:
    """Mirror THNN BatchNormalization_updateOutput.

    In training, normalize with the batch mean and biased variance, store them in
    ``save_mean``/``save_std`` and move the running estimates towards the mean and the
    unbiased variance by ``momentum``; otherwise normalize with the running estimates.

    Args:
        input: ``(N, C, ...)``; output: same shape, overwritten.
        weight, bias: ``(C,)`` or None; running_mean, running_var, save_mean, save_std: ``(C,)``.
        train: use batch statistics; momentum, eps: as the module's fields.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    _checks.same_shape("BatchNormalization_updateOutput", "input", input, "output", output)
    axes, shape, n = _layout(input)
    dt = input.dtype
    if train:
        mean = input.sum(axis=axes, dtype=xp.float64).astype(dt) / dt.type(n)
        xp.subtract(input, mean.reshape(shape), out=output)
        ssq = (output * output).sum(axis=axes, dtype=xp.float64)
        invstd = 1 / xp.sqrt(ssq / n + eps)
        if eps == 0:
            invstd[ssq == 0] = 0
        save_mean[...] = mean
        save_std[...] = invstd
        f64 = xp.float64
        running_mean[...] = momentum * mean.astype(f64) + (1 - momentum) * running_mean.astype(f64)
        running_var[...] = momentum * (ssq / (n - 1)) + (1 - momentum) * running_var.astype(f64)
    mean, invstd = _stats(xp, input, save_mean, save_std, train, running_mean, running_var, eps)
    xp.subtract(input, mean.reshape(shape), out=output)
    xp.multiply(output, invstd.astype(dt).reshape(shape), out=output)
    if weight is not None:
        xp.multiply(output, weight.reshape(shape), out=output)
    if bias is not None:
        xp.add(output, bias.reshape(shape), out=output)
    return output


@kernel
def BatchNormalization_backward(
    input: Any,
    gradOutput: Any,
    gradInput: Any | None,
    gradWeight: Any | None,
    gradBias: Any | None,
    weight: Any | None,
    running_mean: Any,
    running_var: Any,
    save_mean: Any,
    save_std: Any,
    train: bool,
    scale: float,
    eps: float,
) -> None:
    """Mirror THNN BatchNormalization_backward: gradInput and/or scaled parameter gradients.

    Args:
        input, gradOutput: ``(N, C, ...)``; gradInput: same shape or None, overwritten.
        gradWeight, gradBias: ``(C,)`` or None, accumulated into with factor ``scale``.
        weight: ``(C,)`` or None; the four statistics vectors as in the forward.
        train: the forward used batch statistics; scale, eps: as in THNN.
    """
    xp = array_module(input)
    _checks.same_shape("BatchNormalization_backward", "input", input, "gradOutput", gradOutput)
    axes, shape, n = _layout(input)
    dt = input.dtype
    mean, invstd = _stats(xp, input, save_mean, save_std, train, running_mean, running_var, eps)
    invstd = invstd.astype(dt)
    centered = input - mean.reshape(shape)
    gsum = gradOutput.sum(axis=axes, dtype=xp.float64)
    dotp = (centered * gradOutput).sum(axis=axes, dtype=xp.float64)
    if gradInput is not None:
        w = (weight if weight is not None else xp.ones(input.shape[1], dt)).reshape(shape)
        istd = invstd.reshape(shape)
        if train:
            k = (dotp.astype(dt) * invstd * invstd / dt.type(n)).reshape(shape)
            proj = centered * k
            g = gradOutput - (gsum / n).reshape(shape) - proj
            xp.multiply(g * istd, w, out=gradInput, casting="unsafe")
        else:
            xp.multiply(gradOutput * istd, w, out=gradInput)
    if gradWeight is not None:
        gradWeight[...] = gradWeight + scale * dotp * invstd
    if gradBias is not None:
        gradBias[...] = gradBias + scale * gsum
