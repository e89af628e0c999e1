"""``gradcheck``: compare the tape's gradients with central finite differences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .._tensor import Tensor
from ..errors import AutogradError
from .engine import grad
from .function import no_grad


def _as_tuple(x: Any) -> tuple[Tensor, ...]:
    return (x,) if isinstance(x, Tensor) else tuple(x)


def gradcheck(
    fn: Callable[..., Any],
    inputs: Tensor | Sequence[Tensor],
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    raise_exception: bool = True,
) -> bool:
    """Check the gradients of ``fn(*inputs)`` against central finite differences.

    Every element of every input that requires grad is perturbed by ``±eps``; the numerical
    Jacobian is compared with the one the tape gives, row by row through ``grad``. Use
    float64 inputs.

    Args:
        fn: a function of the inputs returning a tensor or a sequence of tensors.
        inputs: the inputs; only those with ``requires_grad`` are checked.
        eps: the finite-difference step.
        atol: absolute tolerance.
        rtol: relative tolerance.
        raise_exception: raise on a mismatch instead of returning False.

    Returns:
        True when every entry matches.

    Raises:
        AutogradError: on a mismatch (when ``raise_exception``).
    """
    ins = _as_tuple(inputs)
    wrt = [t for t in ins if t.requires_grad]
    outs = _as_tuple(fn(*ins))
    for k, out in enumerate(outs):
        flat = out.detach().numpy().reshape(-1)
        analytic = [np.zeros((flat.size, t.numel())) for t in wrt]
        for row in range(flat.size):
            seed = np.zeros(flat.size, dtype=out.dtype)
            seed[row] = 1
            gs = grad(out, wrt, seed.reshape(out.shape), retain_graph=True, allow_unused=True)
            for j, g in enumerate(gs):
                if g is not None:
                    analytic[j][row] = g.numpy().reshape(-1)
        for j, t in enumerate(wrt):
            numeric = _numeric(fn, ins, k, t, eps)
            if not np.allclose(analytic[j], numeric, atol=atol, rtol=rtol):
                if not raise_exception:
                    return False
                err = np.max(np.abs(analytic[j] - numeric))
                raise AutogradError(
                    f"gradcheck: output {k}, input {ins.index(t)}: tape "
                    f"Jacobian differs from finite differences by {err:.3g}\n"
                    f"tape:\n{analytic[j]}\nnumeric:\n{numeric}"
                )
    return True


def _numeric(
    fn: Callable[..., Any], ins: tuple[Tensor, ...], k: int, t: Tensor, eps: float
) -> Any:
    """The Jacobian of output ``k`` with respect to ``t`` by central differences."""
    a = t.detach().numpy()
    cols = []
    with no_grad():
        for i in np.ndindex(a.shape):
            old = a[i]
            a[i] = old + eps
            plus = np.array(_as_tuple(fn(*ins))[k].numpy(), dtype=np.float64).reshape(-1)
            a[i] = old - eps
            minus = np.array(_as_tuple(fn(*ins))[k].numpy(), dtype=np.float64).reshape(-1)
            a[i] = old
            cols.append((plus - minus) / (2 * eps))
    return np.stack(cols, axis=1) if cols else np.zeros((0, 0))
