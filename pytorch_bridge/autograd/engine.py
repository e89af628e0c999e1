"""The engine: walks a recorded graph backwards and delivers gradients.

Nodes are visited in a topological order (Kahn's algorithm over the dependency counts
found by one depth-first pass), each node's gradients are summed before its ``backward``
runs, and leaves accumulate into ``grad``. Unless ``retain_graph`` is set, every visited
node drops what it saved, so a second walk raises ``AutogradError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._tensor import Tensor, new_tensor
from ..errors import AutogradError
from .function import STALE_VIEW, Function, StaleView


def _root_grad(t: Tensor, g: Any) -> Any:
    if g is None:
        if t._array.size != 1:
            raise AutogradError(
                f"a gradient can be left out only for one-element outputs; got shape {t.shape}"
            )
        a = t._array
        return np.array(1, dtype=a.dtype) if not a.ndim else np.ones(a.shape, a.dtype)
    a = g._array if isinstance(g, Tensor) else np.asarray(g, dtype=t._array.dtype)
    if a.shape != t._array.shape:
        raise AutogradError(f"gradient has shape {a.shape} but the output has shape {t.shape}")
    return a


def _dependencies(roots: Sequence[Any]) -> dict[Function, int]:
    """How many edges of the graph below ``roots`` point at each node."""
    deps: dict[Function, int] = {}
    stack = []
    for r in roots:
        if type(r) is not Tensor and r not in deps:
            deps[r] = 0
            stack.append(r)
    while stack:
        fn = stack.pop()
        if type(fn) is StaleView:  # refused before any gradient is delivered
            raise AutogradError(STALE_VIEW)
        for e in fn.next:
            if e is None or type(e) is Tensor:
                continue
            n = deps.get(e)
            if n is None:
                deps[e] = 1
                stack.append(e)
            else:
                deps[e] = n + 1
    return deps


def _check(fn: Function) -> None:
    if fn.saved is None:
        raise AutogradError(
            f"{fn.name}: the graph was already walked backwards and its saved arrays freed; "
            "pass retain_graph=True to the first backward to walk it again"
        )
    for counter, version in fn.versions:
        if counter[0] != version:
            raise AutogradError(
                f"{fn.name}: a tensor its backward needs was modified in place since it was "
                f"recorded (version {counter[0]}, expected {version})"
            )


def _leaf(leaf: Tensor, g: Any, capture: dict[int, Any] | None) -> None:
    if capture is not None:
        key = id(leaf)
        if key in capture:
            old = capture[key]
            capture[key] = g if old is None else old + g
        return
    if g.shape != leaf._array.shape:
        g = np.broadcast_to(g, leaf._array.shape)
    acc = leaf.grad
    if acc is None:
        leaf.grad = new_tensor(np.array(g, dtype=leaf._array.dtype))
    else:
        np.add(acc._array, g, out=acc._array)


def run(
    edges: Sequence[Any],
    grads: Sequence[Any],
    retain_graph: bool,
    capture: dict[int, Any] | None = None,
) -> None:
    """Propagate ``grads`` from the nodes or leaves ``edges`` down to the leaves.

    Args:
        edges: for each output, its node (or the output itself when it is a leaf).
        grads: the gradient arrays of the outputs.
        retain_graph: keep saved arrays for another walk.
        capture: when given, gradients reaching the nodes or leaves whose ``id`` is a key
            are stored there instead of being accumulated into leaves.
    """
    deps = _dependencies(edges)
    pending: dict[Any, Any] = {}
    for e, g in zip(edges, grads, strict=True):
        if type(e) is Tensor:
            _leaf(e, g, capture)
        else:
            old = pending.get(e)
            pending[e] = g if old is None else old + g
    ready = [fn for fn, n in deps.items() if n == 0]
    while ready:
        fn = ready.pop()
        g = pending.pop(fn, None)
        outs: Any = None
        if g is not None:
            if capture is not None and id(fn) in capture:
                capture[id(fn)] = g
            if fn.saved is None:
                _check(fn)
            for counter, version in fn.versions:
                if counter[0] != version:
                    _check(fn)
            outs = fn.backward(g)
            if not retain_graph:
                fn.saved = None
        for i, e in enumerate(fn.next):
            if e is None:
                continue
            gi = None if outs is None else outs[i]
            if type(e) is Tensor:
                if gi is not None:
                    _leaf(e, gi, capture)
                continue
            if gi is not None:
                old = pending.get(e)
                pending[e] = gi if old is None else old + gi
            n = deps[e] - 1
            deps[e] = n
            if n == 0:
                ready.append(e)


def _no_create_graph(create_graph: bool) -> None:
    if create_graph:
        raise AutogradError("gradients of gradients (create_graph=True) are not supported yet")


def backward(
    tensors: Sequence[Tensor],
    grad_tensors: Sequence[Any] | None = None,
    retain_graph: bool = False,
    create_graph: bool = False,
) -> None:
    """Accumulate into the leaves the gradients of ``tensors`` (see ``Tensor.backward``).

    Raises:
        AutogradError: for an output that does not require grad, a walked graph, a
            modified saved tensor, or ``create_graph=True``.
    """
    _no_create_graph(create_graph)
    gs = grad_tensors if grad_tensors is not None else [None] * len(tensors)
    edges = [_output_edge(t) for t in tensors]
    run(edges, [_root_grad(t, g) for t, g in zip(tensors, gs, strict=True)], retain_graph)


def backward_one(t: Tensor, gradient: Any, retain_graph: bool, create_graph: bool) -> None:
    """``backward`` of one output; a node whose inputs are all leaves is run directly."""
    fn = t._node
    if create_graph or fn is None:
        backward([t], [gradient], retain_graph, create_graph)
        return
    if isinstance(gradient, Tensor) and gradient._array.shape == t._array.shape:
        g = gradient._array
    else:
        g = _root_grad(t, gradient)
    edges = fn.next
    for e in edges:
        if e is not None and type(e) is not Tensor:
            run((fn,), (g,), retain_graph)
            return
    if fn.saved is None or fn.versions:
        _check(fn)
    outs = fn.backward(g)
    if not retain_graph:
        fn.saved = None
    for e, gi in zip(edges, outs, strict=True):
        if e is not None and gi is not None:
            acc = e.grad
            if acc is not None and gi.shape == acc._array.shape:
                np.add(acc._array, gi, out=acc._array)
            else:
                _leaf(e, gi, None)


def _side_grads(roots: Sequence[Any]) -> list[tuple[Any, Any]]:
    """The gradient arrays that nodes below ``roots`` accumulate into outside the graph (Lua
    module parameters), each once, with their parameter arrays."""
    seen: dict[int, tuple[Any, Any]] = {}
    for fn in _dependencies(roots):
        for pair in fn.side_grads():
            seen.setdefault(id(pair[1]), pair)
    return list(seen.values())


def _same_memory(a: Any, b: Any) -> bool:
    return bool(
        a.__array_interface__["data"][0] == b.__array_interface__["data"][0]
        and a.shape == b.shape
        and a.strides == b.strides
        and a.dtype == b.dtype
    )


def _side_of(t: Tensor, sides: list[tuple[Any, Any]]) -> Any:
    """A copy of what the walk accumulated for parameter ``t`` outside the graph, or None."""
    for param, g in sides:
        if _same_memory(param, t._array):
            return g.copy()
    return None


def _output_edge(t: Tensor) -> Any:
    if not t._rg:
        raise AutogradError("the output does not require grad and has no grad_fn")
    return t._node if t._node is not None else t


def grad(
    outputs: Tensor | Sequence[Tensor],
    inputs: Tensor | Sequence[Tensor],
    grad_outputs: Any = None,
    retain_graph: bool = False,
    create_graph: bool = False,
    allow_unused: bool = False,
) -> tuple[Tensor | None, ...]:
    """Return the gradients of ``outputs`` with respect to ``inputs``; ``grad`` is untouched.

    Lua modules called in the graph keep their gradients too: their ``gradWeight``-style
    tensors are given back the values they had before.

    Args:
        outputs: a tensor or a sequence of tensors.
        inputs: the tensors to differentiate against: leaves, intermediate results, or
            parameters of Lua modules called in the graph (``lin.weight``).
        grad_outputs: gradients of the outputs (may be left out for one-element outputs).
        retain_graph: keep the graph for another walk.
        create_graph: not supported yet; True raises AutogradError.
        allow_unused: give None for an input the outputs do not depend on, instead of
            raising.

    Returns:
        One gradient tensor per input.
    """
    _no_create_graph(create_graph)
    outs = [outputs] if isinstance(outputs, Tensor) else list(outputs)
    ins = [inputs] if isinstance(inputs, Tensor) else list(inputs)
    if grad_outputs is None:
        gs = [None] * len(outs)
    elif isinstance(outputs, Tensor):
        gs = [grad_outputs]
    else:
        gs = list(grad_outputs)
    keys = [id(_output_edge(t)) for t in ins]
    capture: dict[int, Any] = dict.fromkeys(keys)
    roots = [_output_edge(t) for t in outs]
    root_grads = [_root_grad(t, g) for t, g in zip(outs, gs, strict=True)]
    sides = _side_grads(roots)
    before = [g.copy() for _, g in sides]
    for _, g in sides:  # the walk accumulates into them: start from zero, put back after
        g.fill(0)
    try:
        run(roots, root_grads, retain_graph, capture)
        side = [_side_of(t, sides) for t in ins]
    finally:
        for (_, g), old in zip(sides, before, strict=True):
            np.copyto(g, old)
    result: list[Tensor | None] = []
    for t, k, extra in zip(ins, keys, side, strict=True):
        g = capture[k]
        if extra is not None:
            g = extra if g is None else g + extra
        if g is None and not allow_unused:
            raise AutogradError(
                "an input is not part of the graph of the outputs; "
                "pass allow_unused=True to get None for it"
            )
        result.append(None if g is None else new_tensor(np.array(g, dtype=t.dtype)))
    return tuple(result)
