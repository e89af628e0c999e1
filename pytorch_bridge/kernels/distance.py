"""Kernels of the distance and norm modules: nn.Euclidean, nn.WeightedEuclidean, nn.Cosine
and nn.Normalize (Torch7 wrote them with tensor methods; the math is kept, one call each).

Arrays: ``input`` is ``(inputSize,)`` or ``(batch, inputSize)``. Euclidean templates are the
columns of ``weight`` ``(inputSize, outputSize)``; Cosine's are the rows of ``weight``
``(outputSize, inputSize)``. Outputs are ``(outputSize,)`` or ``(batch, outputSize)``.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import kernel

#: Added to a distance before dividing by it (Torch7's guard against 0/0).
_EPS_DIST = 1e-7
#: Added to the norms nn.Cosine divides by.
_EPS_COS = 1e-12


def _diff(input: Any, weight: Any, diagCov: Any | None) -> Any:
    """``(batch, inputSize, outputSize)`` differences ``x - w_j``, times ``diagCov`` if given."""
    d = input.reshape(-1, weight.shape[0], 1) - weight[None]
    return d if diagCov is None else d * diagCov[None]


@kernel
def Euclidean_updateOutput(
    input: Any, output: Any, weight: Any, diagCov: Any | None = None
) -> Any:
    """nn.Euclidean (and nn.WeightedEuclidean with ``diagCov``) forward:
    ``output_j = || diagCov_j * (x - w_j) ||``."""
    xp = array_module(input)
    d = _diff(input, weight, diagCov)
    xp.sqrt((d * d).sum(axis=1), out=output.reshape(-1, weight.shape[1]))
    return output


@kernel
def Euclidean_updateGradInput(
    input: Any,
    gradOutput: Any,
    gradInput: Any,
    weight: Any,
    output: Any,
    diagCov: Any | None = None,
) -> Any:
    """nn.Euclidean updateGradInput: ``sum_j c_j^2 (x - w_j) gradOutput_j / (y_j + 1e-7)``."""
    xp = array_module(input)
    div = gradOutput.reshape(-1, 1, weight.shape[1]) / (
        output.reshape(-1, 1, weight.shape[1]) + _EPS_DIST
    )
    r = _diff(input, weight, diagCov) * div
    if diagCov is not None:
        r = r * diagCov[None]
    xp.copyto(gradInput, r.sum(axis=2).reshape(gradInput.shape))
    return gradInput


@kernel
def Euclidean_accGradParameters(
    input: Any,
    gradOutput: Any,
    gradWeight: Any,
    weight: Any,
    output: Any,
    scale: float,
    diagCov: Any | None = None,
    gradDiagCov: Any | None = None,
) -> None:
    """nn.Euclidean accGradParameters: ``gradWeight -= scale * sum_batch`` of the gradInput
    terms; with ``diagCov`` also ``gradDiagCov += scale * sum c (x - w)^2 g / (y + 1e-7)``."""
    xp = array_module(input)
    div = gradOutput.reshape(-1, 1, weight.shape[1]) / (
        output.reshape(-1, 1, weight.shape[1]) + _EPS_DIST
    )
    raw = _diff(input, weight, None)
    c = 1 if diagCov is None else diagCov[None]
    xp.subtract(gradWeight, scale * (raw * c * c * div).sum(axis=0), out=gradWeight)
    if gradDiagCov is not None:
        xp.add(gradDiagCov, scale * (raw * raw * c * div).sum(axis=0), out=gradDiagCov)


def _cosine_parts(input: Any, weight: Any) -> tuple[Any, Any, Any]:
    """Batched input, ``||x|| + eps`` as a column and ``||w_j|| + eps`` as a row."""
    xp = array_module(input)
    x = input.reshape(-1, weight.shape[1])
    xn = xp.sqrt((x * x).sum(axis=1, keepdims=True)) + _EPS_COS
    wn = xp.sqrt((weight * weight).sum(axis=1))[None] + _EPS_COS
    return x, xn, wn


@kernel
def Cosine_updateOutput(input: Any, output: Any, weight: Any) -> Any:
    """nn.Cosine forward: ``y_j = <w_j, x> / (||w_j|| ||x||)``."""
    xp = array_module(input)
    x, xn, wn = _cosine_parts(input, weight)
    out = output.reshape(x.shape[0], weight.shape[0])
    xp.matmul(x, weight.T, out=out)
    xp.divide(out, wn, out=out)
    xp.divide(out, xn, out=out)
    return output


@kernel
def Cosine_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, weight: Any, output: Any
) -> Any:
    """nn.Cosine updateGradInput:
    ``sum_j g_j w_j / (||w_j|| ||x||) - (sum_j g_j y_j) x / ||x||^2``."""
    xp = array_module(input)
    x, xn, wn = _cosine_parts(input, weight)
    g = gradOutput.reshape(x.shape[0], -1)
    y = output.reshape(g.shape)
    gi = (g / wn) @ weight - x / xn * (g * y).sum(axis=1, keepdims=True)
    xp.divide(gi, xn, out=gi)
    xp.copyto(gradInput, gi.reshape(gradInput.shape))
    return gradInput


@kernel
def Cosine_accGradParameters(
    input: Any, gradOutput: Any, gradWeight: Any, weight: Any, output: Any, scale: float
) -> None:
    """nn.Cosine accGradParameters:
    ``gradWeight_j += scale * sum_b g_j (x / ||x|| - y_j w_j / ||w_j||) / ||w_j||``."""
    xp = array_module(input)
    x, xn, wn = _cosine_parts(input, weight)
    g = gradOutput.reshape(x.shape[0], -1)
    y = output.reshape(g.shape)
    gw = g.T @ (x / xn) - weight * ((g * y).sum(axis=0) / wn[0])[:, None]
    xp.add(gradWeight, scale * gw / wn[0][:, None], out=gradWeight)


@kernel
def Normalize_updateOutput(
    input: Any, output: Any, norm: Any, normp: Any, p: float, eps: float
) -> Any:
    """nn.Normalize forward: each row of ``input`` ``(n, d)`` divided by its ``p``-norm.

    ``normp`` ``(n, 1)`` receives ``sum |x|^p + eps`` and ``norm`` ``(n, 1)`` its ``1/p``-th
    power; for ``p = inf`` ``norm`` is ``max |x| + eps`` and ``normp`` is not used.
    """
    xp = array_module(input)
    a = xp.abs(input)
    if p == float("inf"):
        xp.add(a.max(axis=1, keepdims=True), eps, out=norm)
    else:
        xp.add(xp.power(a, p).sum(axis=1, keepdims=True), eps, out=normp)
        xp.power(normp, 1 / p, out=norm)
    return xp.divide(input, norm, out=output)


@kernel
def Normalize_updateGradInput(
    input: Any, gradOutput: Any, gradInput: Any, norm: Any, normp: Any, p: float, eps: float
) -> Any:
    """nn.Normalize updateGradInput for ``(n, d)`` rows:
    ``(N^p g - x|x|^(p-2) <x, g>) / (N^p N)`` with ``N`` the row norm (``p = inf``: the
    largest entry's term only)."""
    xp = array_module(input)
    if p == float("inf"):
        normp = norm
        idx = xp.abs(input).argmax(axis=1)[:, None]
        buf = xp.zeros_like(input)
        xp.put_along_axis(buf, idx, xp.take_along_axis(input, idx, axis=1) / norm, axis=1)
    else:
        a = xp.abs(input)
        if p % 2 != 0 and p < 2:
            a = a + eps
        buf = input if p == 2 else xp.power(a, p - 2) * input
    cross = (input * gradOutput).sum(axis=1, keepdims=True)
    xp.multiply(normp, gradOutput, out=gradInput)
    xp.subtract(gradInput, buf * cross, out=gradInput)
    return xp.divide(gradInput, normp * norm, out=gradInput)
