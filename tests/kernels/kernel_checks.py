"""Helpers shared by the kernel tests: seeded random draws and finite-difference Jacobians.

Gradients are checked the way STYLE.md asks: float64 inputs, central differences with step
``STEP``, and a largest entry-wise error below ``TOL``. Every helper takes the ``xp`` array
module and the ``host`` copy function of the test fixtures, so the same check runs on numpy
and cupy; the differences themselves are always taken on host copies.

Import it from a test file in this folder after putting the folder on ``sys.path``:

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from kernel_checks import TOL, jacobian_error, seeded_rng  # noqa: E402 - path set above
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

#: Step of the central differences.
STEP = 1e-6
#: Largest accepted |numeric - analytic| entry of a Jacobian.
TOL = 1e-5


def seeded_rng(default_seed: int) -> Callable[[], np.random.Generator]:
    """Makes a test file's ``rng()``: each call returns a fresh generator with the same seed.

    Args:
        default_seed: The seed used unless the ``NN_KERNEL_SEED`` environment variable gives
            another one (read once, when the test file is imported).

    Returns:
        A function of no arguments that prints ``NN_KERNEL_SEED=<seed>`` (so that a failure
        can be replayed) and returns ``np.random.default_rng(seed)``.
    """
    seed = int(os.environ.get("NN_KERNEL_SEED", str(default_seed)))

    def rng() -> np.random.Generator:
        print(f"NN_KERNEL_SEED={seed}")
        return np.random.default_rng(seed)

    return rng


def numeric(f: Callable[[], Any], x: Any, host: Callable[[Any], Any]) -> np.ndarray:
    """d f() / d x by central differences, perturbing ``x`` in place and restoring it.

    Args:
        f: Computes the output from the current contents of ``x`` (and any other arrays).
        x: A contiguous ``xp`` array that ``f`` reads.
        host: Copies an ``xp`` array to a numpy array.

    Returns:
        A float64 array of shape ``(x.size, output size)``: row ``i`` is the derivative of the
        flattened output with respect to element ``i`` of the flattened ``x``.
    """
    flat = x.reshape(-1)
    rows = []
    for i in range(flat.size):
        orig = flat[i].item()  # a number: a cupy 0-d element would be a view
        flat[i] = orig + STEP
        plus = np.array(host(f())).reshape(-1)
        flat[i] = orig - STEP
        minus = np.array(host(f())).reshape(-1)
        flat[i] = orig
        rows.append((plus - minus) / (2 * STEP))
    return np.stack(rows).astype(np.float64, copy=False)


def analytic(
    xp: Any, host: Callable[[Any], Any], grad: Callable[[Any], Any], shape: tuple[int, ...]
) -> np.ndarray:
    """The Jacobian that a backward gives, one output gradient ``e_j`` at a time.

    Args:
        xp: The array module of the kernels under test.
        host: Copies an ``xp`` array to a numpy array.
        grad: Maps an output gradient of shape ``shape`` to the gradient of one input.
        shape: The output's shape.

    Returns:
        A float64 array of shape ``(input size, output size)``, laid out like ``numeric``.
    """
    size = math.prod(shape)
    columns = []
    for j in range(size):
        go = xp.zeros(size)
        go[j] = 1
        columns.append(np.array(host(grad(go.reshape(shape)))).reshape(-1))
    return np.stack(columns, axis=1).astype(np.float64, copy=False)


def multi_jacobian_error(
    xp: Any,
    host: Callable[[Any], Any],
    forward: Callable[[], Any],
    grads: Callable[[Any], Sequence[Any]],
    targets: Sequence[Any],
) -> float:
    """Largest |numeric - analytic| entry of d forward() / d t over every array t in ``targets``.

    Args:
        xp: The array module of the kernels under test.
        host: Copies an ``xp`` array to a numpy array.
        forward: Computes the output from the current contents of the targets.
        grads: Returns one gradient per target for an output gradient ``go``; it is called
            after ``forward()`` ran on the unperturbed arrays.
        targets: The contiguous ``xp`` arrays to differentiate by; ``None`` entries are skipped
            (a missing bias, say).

    Returns:
        The largest error, NaN if any entry is NaN, 0.0 when every target is ``None``.
    """
    shape = np.shape(host(forward()))
    errors = []
    for k, arr in enumerate(targets):
        if arr is None:
            continue
        num = numeric(forward, arr, host)
        forward()

        def grad(go: Any, k: int = k) -> Any:
            return grads(go)[k]

        ana = analytic(xp, host, grad, shape)
        errors.append(np.abs(num - ana).max())
    return float(np.max(errors)) if errors else 0.0


def jacobian_error(
    xp: Any,
    host: Callable[[Any], Any],
    forward: Callable[[Any], Any],
    backward: Callable[[Any, Any], Any],
    x: Any,
) -> float:
    """Largest |numeric - analytic| entry of d forward(x) / d x.

    Args:
        xp: The array module of the kernels under test.
        host: Copies an ``xp`` array to a numpy array.
        forward: Maps ``x`` to the output.
        backward: Maps ``x`` and an output gradient to the gradient of ``x``; it is called
            after ``forward(x)`` ran on the unperturbed ``x``.
        x: A contiguous ``xp`` array.

    Returns:
        The largest error (NaN if any entry is NaN).
    """
    return multi_jacobian_error(xp, host, lambda: forward(x), lambda go: (backward(x, go),), [x])
