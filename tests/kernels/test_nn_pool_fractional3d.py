"""Volumetric fractional max pooling kernels: exact agreement with a direct transcription of
THNN's loops (window starts in the input's float type, values, indices, ties) and a
finite-difference check of the full Jacobian (central differences, step 1e-6, float64, inputs
in [-2, 2], max error 1e-5).
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
from kernel_checks import TOL, jacobian_error, seeded_rng  # noqa: E402 - path set above

K = kernels.load_all()
rng = seeded_rng(4321)
FWD = K["VolumetricFractionalMaxPooling_updateOutput"]
BWD = K["VolumetricFractionalMaxPooling_updateGradInput"]


def ref_starts(u: Any, n_in: int, n_out: int, pool: int) -> list[int]:
    """THNN's interval sequence for one axis, computed in the sample's float type."""
    dt = type(u)
    alpha = dt(n_in - pool) / dt(n_out - 1) if n_out > 1 else dt(0)
    seq = [int((dt(i) + u) * alpha) - int(u * alpha) for i in range(n_out - 1)]
    return seq + [n_in - pool]


def ref_forward(x: Any, u: Any, out: tuple[int, int, int], pool: tuple[int, int, int]) -> Any:
    """THNN's forward loops, transcribed; ``out`` and ``pool`` are (T, W, H)."""
    (o_t, o_w, o_h), (p_t, p_w, p_h) = out, pool
    i_h, i_w, i_t = x.shape[-3:]
    planes = x.reshape(-1, i_h * i_w * i_t)
    samples = u.reshape(-1, 3)
    val = np.zeros((planes.shape[0], o_h, o_w, o_t), x.dtype)
    ind = np.zeros(val.shape, np.int64)
    for p, plane in enumerate(planes):
        st = ref_starts(samples[p, 0], i_t, o_t, p_t)
        sw = ref_starts(samples[p, 1], i_w, o_w, p_w)
        sh = ref_starts(samples[p, 2], i_h, o_h, p_h)
        for h in range(o_h):
            for w in range(o_w):
                for t in range(o_t):
                    best, arg = -np.inf, -1
                    for h2 in range(sh[h], sh[h] + p_h):
                        for w2 in range(sw[w], sw[w] + p_w):
                            for t2 in range(st[t], st[t] + p_t):
                                k = (h2 * i_w + w2) * i_t + t2
                                if plane[k] > best:
                                    best, arg = plane[k], k
                    val[p, h, w, t], ind[p, h, w, t] = best, arg + 1
    shape = x.shape[:-3] + (o_h, o_w, o_t)
    return val.reshape(shape), ind.reshape(shape)


def run_forward(xp: Any, x: Any, u: Any, out: Any, pool: Any) -> tuple[Any, Any]:
    """The kernel's output and indices for host arrays ``x`` and ``u``."""
    shape = x.shape[:-3] + (out[2], out[1], out[0])
    o, ind = xp.empty(shape, x.dtype), xp.empty(shape, xp.int64)
    FWD(xp.asarray(x), o, *out, *pool, ind, xp.asarray(u))
    return o, ind


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("batch", [False, True])
def test_forward_matches_thnn_loops(xp: Any, host: Any, dtype: Any, batch: bool) -> None:
    """Values and 1-based indices match THNN's loops, batched or not, in either float type."""
    g = rng()
    lead = (2, 3) if batch else (3,)
    x = g.uniform(-2, 2, lead + (9, 8, 10)).astype(dtype)
    u = g.uniform(0, 1, ((2,) if batch else (1,)) + (3, 3)).astype(dtype)
    out, pool = (4, 3, 5), (3, 2, 2)
    want_val, want_ind = ref_forward(x, u, out, pool)
    val, ind = run_forward(xp, x, u, out, pool)
    np.testing.assert_array_equal(want_val, host(val))
    assert want_ind.tolist() == host(ind).tolist()


def test_ties_keep_the_first_maximum_in_thnn_order(xp: Any, host: Any) -> None:
    """With many equal values, each window reports the element THNN's h, w, t loop meets first."""
    x = rng().integers(-1, 2, (2, 7, 6, 8)).astype(np.float64)
    u = rng().uniform(0, 1, (1, 2, 3))
    want_val, want_ind = ref_forward(x, u, (3, 2, 4), (2, 3, 2))
    val, ind = run_forward(xp, x, u, (3, 2, 4), (2, 3, 2))
    np.testing.assert_array_equal(want_val, host(val))
    assert want_ind.tolist() == host(ind).tolist()


def test_single_output_window_sits_at_the_end(xp: Any, host: Any) -> None:
    """An output of one along an axis places its one window at input size minus pool size."""
    x = np.arange(5 * 4 * 6, dtype=np.float64).reshape(1, 5, 4, 6)
    val, ind = run_forward(xp, x, np.full((1, 1, 3), 0.5), (1, 1, 1), (2, 2, 2))
    assert [[[[x.max()]]]] == host(val).tolist()
    assert [[[[x.size]]]] == host(ind).tolist()


def test_jacobian_matches_finite_differences(xp: Any, host: Any) -> None:
    """The backward routes each gradient to the maximum; overlapping windows add up."""
    g = rng()
    x = xp.asarray(g.uniform(-2, 2, (2, 1, 5, 4, 6)))
    u = xp.asarray(g.uniform(0, 1, (2, 1, 3)))
    out, pool = (4, 2, 3), (2, 2, 2)
    o, ind = xp.empty((2, 1, 3, 2, 4)), xp.empty((2, 1, 3, 2, 4), xp.int64)

    def forward(x: Any) -> Any:
        return FWD(x, o, *out, *pool, ind, u)

    def backward(x: Any, go: Any) -> Any:
        return BWD(x, go, xp.empty_like(x), *out, *pool, ind)

    assert jacobian_error(xp, host, forward, backward, x) < TOL


def test_backward_fills_a_non_contiguous_gradinput(xp: Any, host: Any) -> None:
    """A strided gradInput receives the gradient (stale values cleared), not a copy of it."""
    g = rng()
    x = xp.asarray(g.uniform(-2, 2, (2, 6, 5, 7)))
    o, ind = run_forward(xp, host(x), g.uniform(0, 1, (1, 2, 3)), (3, 2, 2), (2, 2, 3))
    go = xp.asarray(g.uniform(-2, 2, o.shape))
    want = BWD(x, go, xp.empty_like(x), 3, 2, 2, 2, 2, 3, ind)
    got = xp.full(x.shape[::-1], 5.0).transpose(3, 2, 1, 0)
    assert not got.flags.c_contiguous
    BWD(x, go, got, 3, 2, 2, 2, 2, 3, ind)
    np.testing.assert_array_equal(host(want), host(got))


def test_zero_indices_route_nothing(xp: Any, host: Any) -> None:
    """An index of 0 (a window with nothing above -inf) sends no gradient anywhere."""
    x = xp.zeros((1, 3, 3, 3))
    ind = xp.asarray(np.array([0, 27], np.int64).reshape(1, 1, 1, 2))
    gi = BWD(x, xp.ones((1, 1, 1, 2)), xp.empty_like(x), 2, 1, 1, 2, 2, 2, ind)
    want = np.zeros((1, 3, 3, 3))
    want[0, 2, 2, 2] = 1
    np.testing.assert_array_equal(want, host(gi))


def test_mismatched_shapes_raise(xp: Any) -> None:
    """Too few samples or a gradOutput unlike the indices raise ShapeError naming the kernel."""
    x = xp.zeros((2, 5, 5, 5))
    o, ind = xp.empty((2, 2, 2, 2)), xp.empty((2, 2, 2, 2), xp.int64)
    with pytest.raises(ShapeError, match="VolumetricFractionalMaxPooling_updateOutput"):
        FWD(x, o, 2, 2, 2, 2, 2, 2, ind, xp.zeros((1, 1, 3)))
    with pytest.raises(ShapeError, match="gradOutput has shape"):
        BWD(x, xp.zeros((2, 2, 2, 3)), xp.empty_like(x), 2, 2, 2, 2, 2, 2, ind)
