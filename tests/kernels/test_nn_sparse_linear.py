"""nn.SparseLinear kernels: agreement with the dense product they stand for, finite-difference
checks of the full Jacobian (central differences, step 1e-6, float64, inputs in [-2, 2], max
error 1e-5), the sparse updates, and index range checks.
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


def coo_sample(g: np.random.Generator, batch: int, n_in: int, nnz: int) -> tuple[Any, Any]:
    """A sorted COO ``(entries, 3)`` input (repeated columns included) and its dense form."""
    rows = np.repeat(np.arange(1, batch + 1), nnz)
    cols = g.integers(1, n_in + 1, size=rows.size)
    vals = g.uniform(-2, 2, size=rows.size)
    dense = np.zeros((batch, n_in))
    np.add.at(dense, (rows - 1, cols - 1), vals)
    return np.stack([rows, cols, vals], axis=1), dense


def test_sparse_linear_forward_matches_dense_product(xp: Any, host: Any) -> None:
    """COO and legacy forwards equal dense_input @ weight.T + bias; zero values are skipped."""
    g = rng()
    coo, dense = coo_sample(g, 3, 7, 4)
    padded = np.concatenate([coo, [[2, 99, 0.0]]])  # a zero value may hold any index
    w, b = g.uniform(-2, 2, (5, 7)), g.uniform(-2, 2, 5)
    out = xp.zeros((3, 5))
    K["SparseLinear_updateOutput"](xp.asarray(padded), out, xp.asarray(w), xp.asarray(b))
    np.testing.assert_allclose(dense @ w.T + b, host(out), atol=1e-12)
    legacy = np.concatenate([coo[:, 1:].reshape(3, 4, 2), np.zeros((3, 1, 2))], axis=1)
    out2 = xp.zeros((3, 5))
    K["SparseLinear_legacyUpdateOutput"](xp.asarray(legacy), out2, xp.asarray(w), xp.asarray(b))
    np.testing.assert_allclose(dense @ w.T + b, host(out2), atol=1e-12)


@pytest.mark.parametrize("legacy", [False, True])
def test_sparse_linear_jacobians_for_values_weight_and_bias(
    xp: Any, host: Any, legacy: bool
) -> None:
    """Gradients of values (through the dense gradInput), weight and bias match finite
    differences, with scale applied to weight and bias."""
    g = rng()
    coo, _ = coo_sample(g, 2, 4, 3)
    if legacy:
        inp = xp.asarray(coo[:, 1:].reshape(2, 3, 2).copy())
        vals, name = inp[:, :, 1], "SparseLinear_legacy"
    else:
        inp = xp.asarray(coo.copy())
        vals, name = inp[:, 2], "SparseLinear_"
    w, b = xp.asarray(g.uniform(-2, 2, (3, 4))), xp.asarray(g.uniform(-2, 2, 3))
    update = K[name + ("UpdateOutput" if legacy else "updateOutput")]
    acc = K[name + ("AccGradParameters" if legacy else "accGradParameters")]

    def forward() -> Any:
        return update(inp, xp.zeros((2, 3)), w, b)

    cols = (inp[:, :, 0] if legacy else inp[:, 1]).reshape(-1).astype(np.int64) - 1
    samples = np.repeat(np.arange(2), 3)
    num_v, num_w, num_b = (numeric(forward, x, host) for x in (vals, w, b))
    scale = 0.5
    for j in range(6):
        go = xp.zeros((2, 3))
        go.reshape(-1)[j] = 1
        gw, gb, gi = xp.zeros((3, 4)), xp.zeros(3), xp.zeros((2, 4, 2))
        acc(inp, go, gw, gb, w, b, 0.0, scale)
        K["SparseLinear_updateGradInput"](go, w, gi)
        d_vals = host(gi)[samples, host(cols), 1]
        assert np.abs(num_v[:, j] - d_vals).max() < TOL
        assert np.abs(scale * num_w[:, j] - host(gw).reshape(-1)).max() < TOL
        assert np.abs(scale * num_b[:, j] - host(gb)).max() < TOL
    assert host(gi)[0, :, 0].tolist() == [1, 2, 3, 4]


def test_sparse_linear_weight_decay_adds_weight(xp: Any, host: Any) -> None:
    """accGradParameters adds weightDecay * weight to the whole gradWeight."""
    g = rng()
    coo, dense = coo_sample(g, 2, 5, 2)
    w, b = g.uniform(-2, 2, (3, 5)), np.zeros(3)
    go = g.uniform(-2, 2, (2, 3))
    gw, gb = xp.zeros((3, 5)), xp.zeros(3)
    K["SparseLinear_accGradParameters"](
        xp.asarray(coo), xp.asarray(go), gw, gb, xp.asarray(w), xp.asarray(b), 0.25, 2.0
    )
    np.testing.assert_allclose(2 * go.T @ dense + 0.25 * w, host(gw), atol=1e-12)
    np.testing.assert_allclose(2 * go.sum(0), host(gb), atol=1e-12)


@pytest.mark.parametrize("legacy", [False, True])
def test_sparse_linear_sparse_update_and_zero_touch_input_columns(
    xp: Any, host: Any, legacy: bool
) -> None:
    """updateParameters and zeroGradParameters change only the columns named by lastInput
    (non-zero values), and the whole bias."""
    if legacy:
        last = np.array([[[2, 1.0], [4, 0.0]], [[2, 3.0], [5, -1.0]]])
        pre = "SparseLinear_legacy"
    else:
        last = np.array([[1, 2, 1.0], [1, 4, 0.0], [2, 2, 3.0], [2, 5, -1.0]])
        pre = "SparseLinear_"
    touched = [1, 4]  # 0-based columns 2 and 5
    w0, gw0 = np.arange(12.0).reshape(2, 6), np.ones((2, 6))
    w, b, gw, gb = xp.array(w0), xp.zeros(2), xp.array(gw0), xp.ones(2)
    K[pre + ("UpdateParameters" if legacy else "updateParameters")](
        w, b, gw, gb, xp.asarray(last), 0.5
    )
    expected = w0.copy()
    expected[:, touched] -= 0.5
    np.testing.assert_array_equal(expected, host(w))
    np.testing.assert_array_equal([-0.5, -0.5], host(b))
    K[pre + ("ZeroGradParameters" if legacy else "zeroGradParameters")](gw, gb, xp.asarray(last))
    expected = gw0.copy()
    expected[:, touched] = 0
    np.testing.assert_array_equal(expected, host(gw))
    np.testing.assert_array_equal([0, 0], host(gb))


@pytest.mark.parametrize(
    "bad", [[1, 0, 1.0], [1, 5, 1.0], [1, float("nan"), 1.0], [3, 1, 1.0], [0, 1, 1.0]]
)
def test_sparse_linear_rejects_indices_out_of_range(xp: Any, bad: list[float]) -> None:
    """A column outside [1, inputSize] or a sample outside the batch is an error."""
    coo = xp.asarray(np.array([[1, 1, 1.0], bad]))
    w, b = xp.zeros((2, 4)), xp.zeros(2)
    with pytest.raises(ShapeError, match="out of bounds"):
        K["SparseLinear_updateOutput"](coo, xp.zeros((2, 2)), w, b)
    if bad[0] in (1, 2):
        with pytest.raises(ShapeError, match="out of bounds"):
            K["SparseLinear_accGradParameters"](
                coo, xp.zeros((2, 2)), xp.zeros((2, 4)), xp.zeros(2), w, b, 0.0, 1.0
            )
        with pytest.raises(ShapeError, match="out of bounds"):
            K["SparseLinear_zeroGradParameters"](xp.zeros((2, 4)), xp.zeros(2), coo)
        with pytest.raises(ShapeError, match="out of bounds"):
            K["SparseLinear_updateParameters"](w, b, xp.zeros((2, 4)), xp.zeros(2), coo, 1.0)


def test_sparse_linear_legacy_rejects_bad_input(xp: Any) -> None:
    """Legacy input must be batch x nnz x 2 and its columns in range."""
    w, b = xp.zeros((2, 4)), xp.zeros(2)
    with pytest.raises(ShapeError, match="out of bounds"):
        K["SparseLinear_legacyUpdateOutput"](xp.asarray([[[5.0, 1.0]]]), xp.zeros((1, 2)), w, b)
    with pytest.raises(ShapeError, match="batchsize x nnz x 2"):
        K["SparseLinear_legacyUpdateOutput"](xp.zeros((1, 2, 3)), xp.zeros((1, 2)), w, b)
    with pytest.raises(ShapeError, match="nnz x 3"):
        K["SparseLinear_updateOutput"](xp.zeros((2, 2)), xp.zeros((1, 2)), w, b)
