"""nn.IndexLinear kernels: agreement with the dense product they stand for, max-normalization
in entry order, the row-by-row parameter update, finite-difference checks of the full Jacobian
(central differences, step 1e-6, float64, inputs in [-2, 2], max error 1e-5), and key checks.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pytorch_bridge import kernels
from pytorch_bridge.errors import ShapeError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_checks import TOL, numeric, seeded_rng  # noqa: E402 - path set above

K = kernels.load_all()
rng = seeded_rng(4321)


def flat_batch(g: np.random.Generator, sizes: list[int], n_in: int) -> tuple[Any, Any, Any]:
    """Keys (1-based, repeats within the batch), values and sizes of a flat batch."""
    keys = g.integers(1, n_in + 1, size=sum(sizes))
    return keys, g.uniform(-2, 2, size=keys.size), np.array(sizes)


def index_forward(
    xp: Any, keys: Any, vals: Any, sizes: Any, w: Any, b: Any, train: bool, offset: int = -1
) -> tuple[Any, Any]:
    """Output and normalized values of IndexLinear_updateOutput on a fresh output."""
    out = xp.zeros((len(sizes), b.shape[0]))
    norm = xp.zeros(keys.size)
    cums = xp.asarray(np.cumsum(sizes))
    K["IndexLinear_updateOutput"](
        xp.asarray(keys), offset, xp.asarray(vals), xp.asarray(sizes), cums, out, w, b, norm, train
    )
    return out, norm


def test_index_linear_forward_matches_dense_product(xp: Any, host: Any) -> None:
    """Without normalization the output is dense_input @ weight + bias, keysOffset shifting
    the rows."""
    g = rng()
    keys, vals, sizes = flat_batch(g, [3, 0, 2], 5)
    w, b = g.uniform(-2, 2, (7, 4)), g.uniform(-2, 2, 4)
    dense = np.zeros((3, 7))
    np.add.at(dense, (np.repeat(np.arange(3), sizes), keys + 1), vals)  # keysOffset 3
    out, _ = index_forward(xp, keys, vals, sizes, xp.asarray(w), xp.asarray(b), True, 1)
    np.testing.assert_allclose(dense @ w + b, host(out), atol=1e-12)


def test_index_linear_training_normalization_follows_entry_order(xp: Any, host: Any) -> None:
    """In training each entry is divided by the largest |value| its key has seen so far,
    and the row keeps the new maximum, its inverse and update scale 1."""
    w = xp.zeros((3, 5))
    w[1, 0], w[1, 1], w[1, 3] = 4.0, 0.25, 0.5  # key 2 has seen 4 before, feature bias 0.5
    w[:, 4] = 1
    keys, vals, sizes = np.array([1, 1, 2, 1]), np.array([1.0, -2.0, 3.0, 1.5]), np.array([2, 2])
    out, norm = index_forward(xp, keys, vals, sizes, w, xp.zeros(1), True)
    np.testing.assert_allclose([1.0, -1.0, 0.75 + 0.5, 0.75], host(norm))
    np.testing.assert_allclose([[0.0], [2.0]], host(out))
    np.testing.assert_allclose([2.0, 0.5, 1.0, 0.0, 1.0], host(w)[0])
    np.testing.assert_allclose([4.0, 0.25, 1.0, 0.5, 1.0], host(w)[1])
    # in evaluation the maxima stay and values beyond them are clipped to their sign
    _, norm = index_forward(
        xp, np.array([1]), np.array([-5.0]), np.array([1]), w, xp.zeros(1), False
    )
    np.testing.assert_allclose([-1.0], host(norm))


def reference_update(
    w: Any, b: Any, rows: Any, gw: Any, gb: Any, lr: float, wd: float, nrm: int
) -> None:
    """A direct loop over the gradient rows, as THNN IndexLinear_updateParameters walks them."""
    b -= lr * gb
    out = b.size
    for j, r in enumerate(rows):
        g, lr_j, wd_j = gw[j], lr, wd
        if nrm:
            lr_j, wd_j = lr * w[r, 2], wd * w[r, 2]
            w[r, 3] -= np.dot(g[:out], w[r, nrm:]) * lr_j
            g = g[out:]
        body = w[r, nrm:]
        body -= body * wd_j
        body -= g * lr_j


@pytest.mark.parametrize("nrm", [0, 4])
@pytest.mark.parametrize("wd", [0.0, 0.1])
def test_index_linear_update_matches_loop(xp: Any, host: Any, nrm: int, wd: float) -> None:
    """updateParameters with repeated keys equals the row-by-row loop, and
    accUpdateGradParameters equals accGradParameters then an update with rate 1."""
    g = rng()
    keys, vals, sizes = flat_batch(g, [4, 3], 3)
    w0, b0 = g.uniform(-2, 2, (3, 2 + nrm)), g.uniform(-2, 2, 2)
    go = g.uniform(-2, 2, (2, 2))
    gw, gb = xp.zeros((keys.size, 2 * (2 if nrm else 1))), xp.zeros(2)
    args = (xp.asarray(keys), -1, xp.asarray(vals), xp.asarray(sizes), xp.asarray(sizes))
    w, b = xp.asarray(w0.copy()), xp.asarray(b0.copy())
    K["IndexLinear_accGradParameters"](*args, xp.asarray(go), gw, gb, w, b, xp.zeros(0), wd, 0.5)
    K["IndexLinear_updateParameters"](gw, gb, w, b, xp.asarray(keys), None, -1, wd, 0.3)
    wr, br = w0.copy(), b0.copy()
    reference_update(wr, br, keys - 1, host(gw), host(gb), 0.3, wd, nrm)
    np.testing.assert_allclose(wr, host(w), atol=1e-12)
    np.testing.assert_allclose(br, host(b), atol=1e-12)
    w2, b2 = xp.asarray(w0.copy()), xp.asarray(b0.copy())
    K["IndexLinear_accUpdateGradParameters"](*args, xp.asarray(go), w2, b2, wd, 0.5)
    wr, br = w0.copy(), b0.copy()
    reference_update(wr, br, keys - 1, host(gw), host(gb), 1.0, wd, nrm)
    np.testing.assert_allclose(wr, host(w2), atol=1e-12)
    np.testing.assert_allclose(br, host(b2), atol=1e-12)


@pytest.mark.parametrize("nrm", [0, 4])
def test_index_linear_jacobians_for_values_weight_and_bias(xp: Any, host: Any, nrm: int) -> None:
    """The gradient rows (applied with rate 1 and update scale 1) are minus the finite-
    difference gradient of the output for weight and bias; values (without normalization)
    get gradOutput @ weight.T at their keys. Normalization is checked in evaluation."""
    g = rng()
    _, vals, sizes = flat_batch(g, [3, 2], 4)
    keys = g.permutation(6)[:5] + 1  # distinct: a repeated key sees the row already moved
    w, b = g.uniform(-2, 2, (6, 3 + nrm)), g.uniform(-2, 2, 3)
    if nrm:
        w[:, 0], w[:, 2] = 3.0, 1.0
        w[:, 1] = 1 / 3.0
    w, b, v = xp.asarray(w), xp.asarray(b), xp.asarray(vals)

    def forward() -> Any:
        return index_forward(xp, keys, v, sizes, w, b, False)[0]

    num_w, num_b, num_v = (numeric(forward, x, host) for x in (w, b, v))
    args = (xp.asarray(keys), -1, v, xp.asarray(sizes), xp.asarray(sizes))
    for j in range(6):
        go = xp.zeros((2, 3))
        go.reshape(-1)[j] = 1
        _, norm = index_forward(xp, keys, v, sizes, w, b, False)
        w1, b1 = w.copy(), b.copy()
        K["IndexLinear_accUpdateGradParameters"](
            *args[:2], norm if nrm else v, *args[3:], go, w1, b1, 0.0, 1.0
        )
        # with normalization the max, inverse and update-scale columns are not trained
        trained = (num_w[:, j] - host(w - w1).reshape(-1)).reshape(6, -1)[:, 3 if nrm else 0 :]
        assert np.abs(trained).max() < TOL
        assert np.abs(num_b[:, j] - host(b - b1)).max() < TOL
        if not nrm:
            d_vals = (host(go) @ host(w).T)[np.repeat(np.arange(2), sizes), keys - 1]
            assert np.abs(num_v[:, j] - d_vals).max() < TOL


def test_index_linear_rejects_bad_keys_and_sizes(xp: Any) -> None:
    """Keys naming no weight row, and sizes not adding up to the keys, are errors."""
    w, b = xp.zeros((4, 2)), xp.zeros(2)
    for keys, sizes in (([1, 5], [2]), ([0, 1], [2]), ([1, 2], [1])):
        k, s = np.array(keys), np.array(sizes)
        with pytest.raises(ShapeError, match="out of bounds|add up"):
            index_forward(xp, k, np.ones(2), s, w, b, True)
    with pytest.raises(ShapeError, match="out of bounds"):
        K["IndexLinear_updateParameters"](
            xp.zeros((1, 2)), xp.zeros(2), w, b, xp.asarray([9]), None, -1, 0.0, 1.0
        )


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 64, 1000])
def test_running_maximum_scan_matches_accumulate(n: int) -> None:
    """The shifted-maxima scan that stands in for ``maximum.accumulate`` on cupy, run here
    on numpy arrays through a namespace that is not numpy."""
    from types import SimpleNamespace

    from pytorch_bridge.kernels.index_linear import _cummax

    x = rng().integers(-50, 50, size=n)
    scan = _cummax(SimpleNamespace(maximum=np.maximum), x)
    np.testing.assert_array_equal(scan, np.maximum.accumulate(x))
    assert scan is not x
