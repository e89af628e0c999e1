"""Kernels of nn.Bilinear: ``y_k = x1^T W_k x2 + b_k`` for a batch of input pairs.

Arrays: ``input1`` ``(batch, inputSize1)``, ``input2`` ``(batch, inputSize2)``, ``weight``
``(outputSize, inputSize1, inputSize2)``, ``bias`` ``(outputSize,)`` or None, ``output`` and
``gradOutput`` ``(batch, outputSize)``.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import kernel


@kernel
def Bilinear_updateOutput(
    input1: Any, input2: Any, output: Any, weight: Any, bias: Any | None
) -> Any:
    """nn.Bilinear forward: ``output[n, k] = sum_ij input1[n, i] W[k, i, j] input2[n, j]``
    plus ``bias[k]``."""
    xp = array_module(input1)
    t = xp.matmul(input1, weight)  # (outputSize, batch, inputSize2)
    xp.copyto(output, (t * input2[None]).sum(axis=2).T)
    if bias is not None:
        xp.add(output, bias, out=output)
    return output


@kernel
def Bilinear_updateGradInput(
    input1: Any, input2: Any, gradOutput: Any, gradInput1: Any, gradInput2: Any, weight: Any
) -> None:
    """nn.Bilinear updateGradInput: ``gradInput1 = sum_k g_k W_k input2``,
    ``gradInput2 = sum_k g_k W_k^T input1``, written into arrays shaped like the inputs."""
    xp = array_module(input1)
    g = gradOutput.T[:, :, None]  # (outputSize, batch, 1)
    xp.copyto(gradInput1, (xp.matmul(input2, weight.transpose(0, 2, 1)) * g).sum(axis=0))
    xp.copyto(gradInput2, (xp.matmul(input1, weight) * g).sum(axis=0))


@kernel
def Bilinear_accGradParameters(
    input1: Any,
    input2: Any,
    gradOutput: Any,
    gradWeight: Any,
    gradBias: Any | None,
    scale: float,
) -> None:
    """nn.Bilinear accGradParameters: ``gradW_k += scale * (input1 * g_k)^T input2`` and
    ``gradBias += scale * sum_batch gradOutput``."""
    xp = array_module(input1)
    a = gradOutput.T[:, :, None] * input1[None]  # (outputSize, batch, inputSize1)
    gw = xp.matmul(a.transpose(0, 2, 1), input2)
    xp.add(gradWeight, gw if scale == 1 else scale * gw, out=gradWeight)
    if gradBias is not None:
        xp.add(gradBias, scale * gradOutput.sum(axis=0), out=gradBias)
