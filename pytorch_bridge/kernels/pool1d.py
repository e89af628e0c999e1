"""Temporal max pooling kernels (THNN TemporalMaxPooling).

Arrays: ``input`` is ``(T, F)`` or ``(N, T, F)``: frames by features. A window of ``kW``
frames is visited one frame offset at a time, each a strided view of the input.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import _checks, kernel


@kernel
def TemporalMaxPooling_updateOutput(
    input: Any, output: Any, indices: Any, kW: int, dW: int
) -> Any:
    """Mirror THNN TemporalMaxPooling_updateOutput: max over kW frames, per feature.

    Args:
        input: ``(T, F)`` or ``(N, T, F)``.
        output: ``(..., (T - kW) // dW + 1, F)``, overwritten.
        indices: integer array shaped like ``output``: the 0-based frame of each maximum
            inside its window (-1 when none beats ``-inf``), as THNN stores it.
        kW, dW: window and step in frames.

    Returns:
        ``output``.
    """
    xp = array_module(input)
    n = output.shape[-2]
    output.fill(-xp.inf)
    indices.fill(-1)
    mask = xp.empty(output.shape, dtype=bool)
    for t in range(kW):
        src = input[..., t : t + (n - 1) * dW + 1 : dW, :]
        xp.greater(src, output, out=mask)
        xp.copyto(output, src, where=mask)
        xp.copyto(indices, t, where=mask)
    return output


@kernel
def TemporalMaxPooling_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, indices: Any, kW: int, dW: int
) -> Any:
    """Mirror THNN TemporalMaxPooling_updateGradInput: gradOutput back to each maximum frame.

    Args:
        input: the forward input (its shape only); gradOutput: shaped like the output.
        gradInput: shaped like ``input``, overwritten.
        indices: the forward's 0-based window offsets; kW, dW: as in the forward.

    Returns:
        ``gradInput``.
    """
    xp = array_module(gradOutput)
    _checks.same_shape(
        "TemporalMaxPooling_updateGradInput", "gradOutput", gradOutput, "indices", indices
    )
    n = gradOutput.shape[-2]
    gradInput.fill(0)
    zero = gradOutput.dtype.type(0)
    for t in range(kW):
        dst = gradInput[..., t : t + (n - 1) * dW + 1 : dW, :]
        xp.add(dst, xp.where(indices == t, gradOutput, zero), out=dst)
    return gradInput
