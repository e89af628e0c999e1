"""Kernels of the table modules that combine tensors elementwise or row by row:
nn.CSubTable, nn.CMulTable, nn.CDivTable, nn.CMaxTable, nn.CMinTable, nn.DotProduct,
nn.CosineDistance, nn.PairwiseDistance and nn.MixtureTable.

Results go into arrays the Lua side has sized; the row-wise kernels take ``(n,)`` vectors
or ``(batch, n)`` matrices and treat a vector as a batch of one.
"""

from __future__ import annotations

from typing import Any

from ..backend import array_module
from . import kernel


@kernel
def CSubTable_updateOutput(input1: Any, input2: Any, output: Any) -> Any:
    """nn.CSubTable forward: ``output = input1 - input2``."""
    xp = array_module(input1)
    return xp.subtract(input1, input2.reshape(input1.shape), out=output)


@kernel
def CSubTable_updateGradInput(gradOutput: Any, gradInput1: Any, gradInput2: Any) -> None:
    """nn.CSubTable updateGradInput: ``gradOutput`` and its negation."""
    xp = array_module(gradOutput)
    xp.copyto(gradInput1, gradOutput.reshape(gradInput1.shape))
    xp.negative(gradOutput.reshape(gradInput2.shape), out=gradInput2)


@kernel
def CMulTable_updateOutput(output: Any, *inputs: Any) -> Any:
    """nn.CMulTable forward: the product of the inputs, left to right."""
    xp = array_module(output)
    xp.copyto(output, inputs[0].reshape(output.shape))
    for x in inputs[1:]:
        xp.multiply(output, x.reshape(output.shape), out=output)
    return output


@kernel
def CMulTable_updateGradInput(gradOutput: Any, n: int, *arrays: Any) -> None:
    """nn.CMulTable updateGradInput: ``gradInput_i = gradOutput * prod_{j != i} input_j``.

    Args:
        n: the number of inputs; ``arrays`` holds the ``n`` inputs then the ``n`` gradInputs.
    """
    xp = array_module(gradOutput)
    n = int(n)
    inputs, grads = arrays[:n], arrays[n:]
    for i, g in enumerate(grads):
        xp.copyto(g, gradOutput.reshape(g.shape))
        for j, x in enumerate(inputs):
            if i != j:
                xp.multiply(g, x.reshape(g.shape), out=g)


@kernel
def CDivTable_updateOutput(input1: Any, input2: Any, output: Any) -> Any:
    """nn.CDivTable forward: ``output = input1 / input2``."""
    xp = array_module(input1)
    return xp.divide(input1, input2.reshape(input1.shape), out=output)


@kernel
def CDivTable_updateGradInput(
    input1: Any, input2: Any, gradOutput: Any, gradInput1: Any, gradInput2: Any
) -> None:
    """nn.CDivTable updateGradInput: ``g / input2`` and ``-(g / input2) / input2 * input1``."""
    xp = array_module(input1)
    xp.divide(
        gradOutput.reshape(gradInput1.shape), input2.reshape(gradInput1.shape), out=gradInput1
    )
    xp.divide(gradInput1, input2.reshape(gradInput1.shape), out=gradInput2)
    xp.negative(gradInput2, out=gradInput2)
    xp.multiply(gradInput2, input1.reshape(gradInput2.shape), out=gradInput2)


@kernel
def CMaxTable_updateOutput(output: Any, idx: Any, isMax: bool, *inputs: Any) -> Any:
    """nn.CMaxTable (``isMax``) / nn.CMinTable forward: the elementwise extreme of the inputs.

    ``idx`` receives the 1-based number of the input that gave each element; ties keep the
    earliest input.
    """
    xp = array_module(output)
    xp.copyto(output, inputs[0].reshape(output.shape))
    idx.fill(1)
    for i, x in enumerate(inputs[1:], start=2):
        x = x.reshape(output.shape)
        mask = x > output if isMax else x < output
        idx[mask] = i
        output[mask] = x[mask]
    return output


@kernel
def CMaxTable_updateGradInput(gradOutput: Any, idx: Any, *gradInputs: Any) -> None:
    """nn.CMaxTable / nn.CMinTable updateGradInput: ``gradOutput`` where input ``i`` gave the
    output (``idx == i``, 1-based), 0 elsewhere."""
    xp = array_module(gradOutput)
    for i, g in enumerate(gradInputs, start=1):
        xp.multiply(gradOutput.reshape(g.shape), idx.reshape(g.shape) == i, out=g)


@kernel
def DotProduct_updateOutput(input1: Any, input2: Any, output: Any) -> Any:
    """nn.DotProduct forward: row-wise dot products, ``(batch,)`` (``(1,)`` for vectors)."""
    xp = array_module(input1)
    a, b = input1.reshape(output.size, -1), input2.reshape(output.size, -1)
    xp.sum(a * b, axis=1, out=output)
    return output


@kernel
def DotProduct_updateGradInput(
    input1: Any, input2: Any, gradOutput: Any, gradInput1: Any, gradInput2: Any
) -> None:
    """nn.DotProduct updateGradInput: ``input2 * g`` and ``input1 * g`` row by row."""
    xp = array_module(input1)
    g = gradOutput.reshape(-1, 1)
    xp.multiply(input2.reshape(g.shape[0], -1), g, out=gradInput1.reshape(g.shape[0], -1))
    xp.multiply(input1.reshape(g.shape[0], -1), g, out=gradInput2.reshape(g.shape[0], -1))


def _cosine_terms(xp: Any, a: Any, b: Any) -> tuple[Any, Any, Any, Any]:
    """Row-wise ``<a, b>``, ``1 / (|a|^2 + eps)``, ``1 / (|b|^2 + eps)`` and
    ``sqrt`` of their product, as columns."""
    w1 = (a * b).sum(axis=1, keepdims=True)
    w22 = 1 / ((a * a).sum(axis=1, keepdims=True) + 1e-12)
    w32 = 1 / ((b * b).sum(axis=1, keepdims=True) + 1e-12)
    return w1, w22, w32, xp.sqrt(w22 * w32)


@kernel
def CosineDistance_updateOutput(input1: Any, input2: Any, output: Any) -> Any:
    """nn.CosineDistance forward: row-wise ``<a, b> / (|a| |b|)``, ``(batch,)``."""
    xp = array_module(input1)
    a, b = input1.reshape(output.size, -1), input2.reshape(output.size, -1)
    w1, _, _, w = _cosine_terms(xp, a, b)
    xp.multiply(w1[:, 0], w[:, 0], out=output)
    return output


@kernel
def CosineDistance_updateGradInput(
    input1: Any, input2: Any, gradOutput: Any, gradInput1: Any, gradInput2: Any
) -> None:
    """nn.CosineDistance updateGradInput: ``(b - <a,b> a / |a|^2) g / (|a||b|)`` and the
    same with ``a`` and ``b`` swapped."""
    xp = array_module(input1)
    n = gradOutput.size
    a, b = input1.reshape(n, -1), input2.reshape(n, -1)
    w1, w22, w32, w = _cosine_terms(xp, a, b)
    g = gradOutput.reshape(n, 1)
    xp.copyto(gradInput1.reshape(n, -1), (b - w1 * w22 * a) * w * g)
    xp.copyto(gradInput2.reshape(n, -1), (a - w1 * w32 * b) * w * g)


@kernel
def PairwiseDistance_updateOutput(input1: Any, input2: Any, output: Any, norm: float) -> Any:
    """nn.PairwiseDistance forward: row-wise ``||input1 - input2||_norm``, ``(batch,)``."""
    xp = array_module(input1)
    d = xp.abs(input1.reshape(output.size, -1) - input2.reshape(output.size, -1))
    xp.power(xp.power(d, norm).sum(axis=1), 1.0 / norm, out=output)
    return output


@kernel
def PairwiseDistance_updateGradInput(
    input1: Any,
    input2: Any,
    gradOutput: Any,
    gradInput1: Any,
    gradInput2: Any,
    output: Any,
    norm: float,
) -> None:
    """nn.PairwiseDistance updateGradInput: ``d |d|^(p-2) / (y + 1e-6)^(p-1) * g`` with
    ``d = input1 - input2`` (``sign(d) * g`` for ``p = 1``); ``gradInput2`` is its negation."""
    xp = array_module(input1)
    n = output.size
    d = input1.reshape(n, -1) - input2.reshape(n, -1)
    if norm == 1:
        gi = xp.sign(d)
    else:
        gi = d * xp.power(xp.abs(d), norm - 2) if norm > 2 else d
        gi = gi * xp.power(output.reshape(n, 1) + 1e-6, -(norm - 1))
    gi = gi * gradOutput.reshape(n, 1)
    xp.copyto(gradInput1.reshape(n, -1), gi)
    xp.negative(gi, out=gradInput2.reshape(n, -1))


def _gater_view(gater: Any, ndim: int, dim: int, batch: bool) -> Any:
    """The gater reshaped to ``ndim`` dimensions: batch first (if any), experts at ``dim``."""
    shape = [1] * ndim
    if batch:
        shape[0] = gater.shape[0]
    shape[dim] = gater.shape[-1]
    return gater.reshape(shape)


@kernel
def MixtureTable_updateOutput(
    gater: Any, output: Any, dim: int, batch: bool, isTable: bool, *experts: Any
) -> Any:
    """nn.MixtureTable forward: the experts weighted by the gater's outputs and summed.

    Args:
        gater: ``(n,)`` or ``(batch, n)``.
        dim: 0-based dimension along which the experts are stacked (of the expert tensor,
            or of one expert with that dimension inserted for a table of experts).
        isTable: ``experts`` are ``n`` tensors; otherwise one tensor holding all experts.
    """
    xp = array_module(gater)
    dim = int(dim)
    if isTable:
        gv = _gater_view(gater, experts[0].ndim + 1, dim, batch)
        output.fill(0)
        for i, e in enumerate(experts):
            xp.add(output, e * xp.take(gv, i, axis=dim), out=output)
    else:
        gv = _gater_view(gater, experts[0].ndim, dim, batch)
        xp.sum(gv * experts[0], axis=dim, out=output)
    return output


@kernel
def MixtureTable_updateGradInput(
    gater: Any,
    gradOutput: Any,
    gradGater: Any,
    dim: int,
    batch: bool,
    isTable: bool,
    *arrays: Any,
) -> None:
    """nn.MixtureTable updateGradInput. ``arrays`` holds the experts then their gradients
    (one of each for a tensor of experts); ``gradGater`` is shaped like ``gater``."""
    xp = array_module(gater)
    dim, k = int(dim), len(arrays) // 2
    experts, grads = arrays[:k], arrays[k:]
    lead = 1 if batch else 0
    if isTable:
        gv = _gater_view(gater, experts[0].ndim + 1, dim, batch)
        for i, (e, g) in enumerate(zip(experts, grads, strict=True)):
            p = (gradOutput * e).reshape(gradOutput.shape[0], -1) if batch else gradOutput * e
            gradGater[..., i] = p.sum(axis=-1) if batch else p.sum()
            xp.multiply(xp.take(gv, i, axis=dim), gradOutput, out=g)
    else:
        e = experts[0]
        gv = _gater_view(gater, e.ndim, dim, batch)
        go = xp.expand_dims(gradOutput, dim)
        axes = tuple(a for a in range(lead, e.ndim) if a != dim)
        xp.copyto(gradGater, (go * e).sum(axis=axes).reshape(gradGater.shape))
        xp.multiply(gv, go, out=grads[0])
